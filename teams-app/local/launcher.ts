/**
 * Local mode, whole: the local SharePoint-lists server, the lists provisioned through the production
 * Graph adapter, the demo organisation seeded on first run, and the app server. `npm start` runs it;
 * tests start it on ephemeral ports with a temporary data folder.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { connectSharePoint, type SharePointConnection } from '../../core/adapters/sharepoint';
import { StaticDirectory } from '../../core/adapters/directory/static-directory';
import { systemClock, type Clock } from '../../core/ports/clock';
import { ConfigError, loadConfig, type Config } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/log';
import { createRuntime, type Runtime } from '../../bot/runtime';
import { createApp, listen, type RunningServer } from '../../bot/server';
import { faultsFromEnv, startLocalGraphServer, type LocalGraphServer } from './graph-server';
import { localConnector } from './local-connector';
import { loadPeople, seedDemoOrganisation, type SeedResult } from './seed-demo';

/** Local mode needs some bearer token on Graph requests; the local server accepts any. */
export const LOCAL_GRAPH_TOKEN = 'local-development-token';

export interface LocalOptions {
  env?: NodeJS.ProcessEnv;
  /** Start from a fresh demo organisation: deletes the data folder first. */
  reset?: boolean;
  clock?: Clock;
  log?: (line: string) => void;
  /** Structured logger for the server; default pino to stdout (silent with `quiet`). */
  logger?: Logger;
  quiet?: boolean;
  /** Start the outbox worker and scheduler loops (default true; tests drive them by hand). */
  background?: boolean;
}

export interface LocalApp {
  config: Config;
  appUrl: string;
  graphUrl: string;
  siteId: string;
  dataDir: string;
  seed: SeedResult;
  sharepoint: SharePointConnection;
  graph: LocalGraphServer | null;
  app: RunningServer;
  runtime: Runtime;
  close(): Promise<void>;
}

export async function startLocal(options: LocalOptions = {}): Promise<LocalApp> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  if (config.mode !== 'local' || !config.local) throw new ConfigError('npm start runs local mode; for Microsoft 365 see docs/admin-guide.md.');
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);

  const dataDir = path.resolve(config.local.dataDir);
  if (options.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    log(`Removed ${dataDir}: starting from a fresh demo organisation.`);
  }
  mkdirSync(dataDir, { recursive: true });

  let graph: LocalGraphServer | null = null;
  let app: RunningServer | null = null;
  let runtime: Runtime | null = null;
  try {
    if (!config.local.graphUrl) {
      graph = await startLocalGraphServer({ port: config.local.graphPort, dbPath: path.join(dataDir, 'graph.sqlite'), faults: faultsFromEnv(env) });
    }
    const graphUrl = config.local.graphUrl ?? graph!.url;

    const sharepoint = await connectSharePoint({
      baseUrl: graphUrl,
      getToken: async () => LOCAL_GRAPH_TOKEN,
      userAgent: config.userAgent,
      provision: true,
    });

    let ready = false;
    const directory = new StaticDirectory(loadPeople());
    runtime = createRuntime({ config, store: sharepoint.store, directory, clock, log: options.logger ?? createLogger({ silent: options.quiet }) });
    const express = createApp({ runtime, isReady: () => ready, extraRoutes: [localConnector()] });
    app = await listen(express, config.host, config.port);

    const seed = await seedDemoOrganisation({
      store: sharepoint.store,
      clock,
      tenantId: config.tenantId,
      serviceUrl: `${app.url}/_local/connector/`,
    });
    ready = true;
    if (options.background !== false) runtime.start();

    const running = app;
    const rt = runtime;
    return {
      runtime: rt,
      config,
      appUrl: app.url,
      graphUrl,
      siteId: sharepoint.siteId,
      dataDir,
      seed,
      sharepoint,
      graph,
      app,
      async close() {
        await rt.stop();
        await running.close();
        await graph?.close();
      },
    };
  } catch (error) {
    await runtime?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await graph?.close().catch(() => undefined);
    throw error;
  }
}
