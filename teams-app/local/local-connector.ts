/**
 * Local mode's stand-in for the Teams Bot Connector: in local mode the demo channels are linked to
 * this address, so notifications to ISAM, the DSO, the administrative unit and the ambassadors are
 * delivered somewhere a developer can read them: `GET /_local/inbox` lists the latest messages with
 * their cards (newest first), for this machine and the holder of the local token only. Kept in
 * memory; only mounted in local mode.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { bearerMatches, isAllowedHost, isLoopbackAddress } from './graph-server/local-guard';

interface InboxEntry {
  at: string;
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string;
  activity: unknown;
}

export interface LocalConnectorOptions {
  /** The local token (local-token.ts): `GET /_local/inbox` needs `Authorization: Bearer <token>`. */
  token: string;
  /** Messages kept (newest first). Default 500. */
  limit?: number;
}

/** Refuses a request from another machine (403). */
function loopbackOnly(req: Request, res: Response, next: NextFunction): void {
  if (isLoopbackAddress(req.socket.remoteAddress)) return next();
  res.status(403).type('text/plain').send('Local endpoints answer requests from this machine only.');
}

export function localConnector(options: LocalConnectorOptions): Router {
  const router = Router();
  const limit = options.limit ?? 500;
  const inbox: InboxEntry[] = [];
  let counter = 0;
  const keep = (e: InboxEntry) => {
    inbox.unshift(e);
    inbox.length = Math.min(inbox.length, limit);
  };
  router.use('/_local', loopbackOnly);
  router.use('/_local/connector', express.json({ limit: '256kb' }));
  router.post('/_local/connector/v3/conversations', (_req, res) => {
    res.status(201).json({ id: `a:local-1on1-${++counter}` });
  });
  router.post('/_local/connector/v3/conversations/:conversationId/activities{/:replyTo}', (req, res) => {
    const activityId = `local-${++counter}`;
    keep({ at: new Date().toISOString(), method: 'POST', conversationId: req.params.conversationId as string, activityId, activity: req.body });
    res.status(201).json({ id: activityId });
  });
  router.put('/_local/connector/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    keep({ at: new Date().toISOString(), method: 'PUT', conversationId: req.params.conversationId as string, activityId: req.params.activityId as string, activity: req.body });
    res.status(200).json({ id: req.params.activityId });
  });
  router.get('/_local/inbox', (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!bearerMatches(req.headers.authorization, options.token)) {
      res.set('WWW-Authenticate', 'Bearer realm="local"').status(401).json({
        error: { code: 'unauthorized', message: 'The local inbox needs the local token: Authorization: Bearer $(cat .data/local-graph-token)' },
      });
      return;
    }
    const conversation = typeof req.query.conversation === 'string' ? req.query.conversation : null;
    res.json(conversation ? inbox.filter((e) => e.conversationId === conversation) : inbox);
  });
  return router;
}

/**
 * The app server's Host allow-list in local mode: a request must name this server as 127.0.0.1,
 * localhost or [::1] with its port — or as the configured PUBLIC_URL, for a developer who put a tunnel
 * in front of local mode — or it gets 421: a page on another name that re-points its DNS to 127.0.0.1
 * (DNS rebinding) cannot reach the demo sign-in, the people list or the inbox.
 */
export function localHostGuard(options: { publicUrl?: string } = {}): (req: Request, res: Response, next: NextFunction) => void {
  let configured: string | null = null;
  try {
    configured = options.publicUrl ? new URL(options.publicUrl).host.toLowerCase() : null;
  } catch {
    configured = null;
  }
  return (req, res, next) => {
    const host = req.headers.host?.toLowerCase();
    if (isAllowedHost(host, req.socket.localPort ?? 0) || (configured !== null && host === configured)) return next();
    res.status(421).type('text/plain').send('Misdirected request: local mode answers only http://127.0.0.1, http://localhost or http://[::1] on its own port.');
  };
}
