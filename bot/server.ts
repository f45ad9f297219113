/**
 * The one Node server: `/healthz` now; the bot (`/api/messages`), the tab's API (`/api/v1`) and the
 * tab's static files are mounted here by their own modules. Stateless: every record lives in
 * SharePoint, so several instances can run side by side.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { t } from '../core/i18n';
import { bodyRefusal, localeOf } from './api/http';
import { createTabApi } from './api/router';
import { securityHeaders } from './api/security-headers';
import { serveTab } from './api/static-tab';
import type { Runtime } from './runtime';
import { botEndpoint } from './teams/endpoint';

export interface AppDeps {
  /** Everything the process runs: use-case deps, the bot, the workers (bot/runtime.ts). */
  runtime: Runtime;
  /** False while the server is still starting (provisioning, seeding): /healthz answers 503. */
  isReady?: () => boolean;
  /** Extra routes of the mode (local mode: the local Bot Connector inbox). */
  extraRoutes?: Router[];
}

export function createApp(deps: AppDeps): Express {
  const { config, deps: core, adapter, bot, log } = deps.runtime;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.mode === 'm365');
  app.use(securityHeaders());

  app.use(botEndpoint(adapter, bot, log));
  for (const r of deps.extraRoutes ?? []) app.use(r);
  // The tab's JSON is compressed (brotli or gzip) on the way out; its static files are precompressed (static-tab.ts).
  app.use('/api/v1', compression({ threshold: 1024 }), createTabApi({ config, deps: core, log }));

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (deps.isReady && !deps.isReady()) {
      res.status(503).json({ status: 'starting' });
      return;
    }
    res.status(200).json({ status: 'ok', mode: config.mode, time: core.clock.now().toISOString() });
  });
  // The tab's built files at `/`, with its security headers (bot/api/static-tab.ts).
  app.use(serveTab(config));
  // Last: whatever escaped a router is answered in JSON without internals, whatever NODE_ENV says
  // (express's own handler prints the stack and file paths outside production).
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const refused = bodyRefusal(error, localeOf(req));
    if (!refused) log.error({ event: 'http.unhandled', path: req.path, err: error instanceof Error ? error.message : String(error) }, 'request failed');
    if (res.headersSent) return;
    res
      .status(refused?.status ?? 500)
      .set('Cache-Control', 'no-store')
      .json(refused?.body ?? { error: 'unexpected', message: t(localeOf(req), 'error.unexpected') });
  });

  return app;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  /** Stops accepting connections; those in flight get `graceMs` (default 0) to finish. */
  close(graceMs?: number): Promise<void>;
}

export async function listen(app: Express, host: string, port: number): Promise<RunningServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    // Stops accepting at once; requests in flight get `graceMs` to be answered, then their
    // connections are closed (a client retries; every write is idempotent).
    close: (graceMs = 0) =>
      new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close((err) => {
          clearTimeout(force);
          return err ? reject(err) : resolve();
        });
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
      }),
  };
}
