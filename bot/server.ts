/**
 * The one Node server: `/healthz` now; the bot (`/api/messages`), the tab's API (`/api/v1`) and the
 * tab's static files are mounted here by their own modules. Stateless: every record lives in
 * SharePoint, so several instances can run side by side.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
import { createTabApi } from './api/router';
import { composeDeps } from './compose';
import type { Config } from './config';

export interface AppDeps {
  config: Config;
  store: RecordStore;
  directory: Directory;
  clock: Clock;
  /** False while the server is still starting (provisioning, seeding): /healthz answers 503. */
  isReady?: () => boolean;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.mode === 'm365');

  const core = composeDeps(deps.config, deps.store, deps.directory, deps.clock);
  app.use('/api/v1', createTabApi({ config: deps.config, deps: core }));

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (deps.isReady && !deps.isReady()) {
      res.status(503).json({ status: 'starting' });
      return;
    }
    res.status(200).json({ status: 'ok', mode: deps.config.mode, time: deps.clock.now().toISOString() });
  });

  return app;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
