/**
 * Local mode's stand-in for the Teams Bot Connector: in local mode the demo channels are linked to
 * this address, so notifications to ISAM, the DSO, the administrative unit and the ambassadors are
 * delivered somewhere a developer can read them: `GET /_local/inbox` lists the latest messages with
 * their cards (newest first). Kept in memory; only mounted in local mode.
 */
import express, { Router } from 'express';

interface InboxEntry {
  at: string;
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string;
  activity: unknown;
}

export function localConnector(limit = 500): Router {
  const router = Router();
  const inbox: InboxEntry[] = [];
  let counter = 0;
  const keep = (e: InboxEntry) => {
    inbox.unshift(e);
    inbox.length = Math.min(inbox.length, limit);
  };
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
    const conversation = typeof req.query.conversation === 'string' ? req.query.conversation : null;
    res.set('Cache-Control', 'no-store').json(conversation ? inbox.filter((e) => e.conversationId === conversation) : inbox);
  });
  return router;
}
