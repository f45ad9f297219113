/**
 * Local mode, whole: the local SharePoint-lists server, the lists provisioned through the production
 * Graph adapter, the demo organisation seeded on first run, and the app server. `npm start` runs it;
 * tests start it on ephemeral ports with a temporary data folder.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { connectSharePoint, inBackground, inUserLane, type SharePointConnection } from '../../core/adapters/sharepoint';
import { systemClock, type Clock } from '../../core/ports/clock';
import { ConfigError, loadConfig, type Config } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/log';
import { createRuntime, type Runtime } from '../../bot/runtime';
import { rebuildFigures } from '../../core/app/figures';
import { readJobState } from '../../core/app/platform';
import { hasSearchTexts, rebuildAllSearch } from '../../core/app/search';
import { createApp, listen, type RunningServer } from '../../bot/server';
import { faultsFromEnv, startLocalGraphServer, type LocalGraphServer } from './graph-server';
import { localConnector, localHostGuard } from './local-connector';
import { localGraphToken } from './local-token';
import { LocalDirectory } from './local-directory';
import { seedDemoOrganisation, type SeedResult } from './seed-demo';
import { seedScale, writeScalePeople, type ScaleOptions, type ScaleResult } from './seed-scale';

/** SharePoint Online's list view threshold, which the local server enforces unless told otherwise. */
export const DEFAULT_THRESHOLD = 5000;

/** `LOCAL_GRAPH_THRESHOLD`: the list view threshold of the local server (default 5 000). */
export function thresholdFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.LOCAL_GRAPH_THRESHOLD?.trim();
  if (!raw) return DEFAULT_THRESHOLD;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new ConfigError(`LOCAL_GRAPH_THRESHOLD must be a whole number from 1 to 1000000, not "${raw}".`);
  }
  return n;
}

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
  /** After the demo organisation, fill the site with a large organisation (`npm start -- --scale`). */
  scale?: ScaleOptions;
}

export interface LocalApp {
  config: Config;
  appUrl: string;
  graphUrl: string;
  /** The bearer token the local Graph server accepts (also for `/_local/inbox`). */
  graphToken: string;
  /** Where that token is kept. */
  graphTokenFile: string;
  /** The list view threshold the local Graph server enforces (null when it runs elsewhere). */
  threshold: number | null;
  siteId: string;
  dataDir: string;
  seed: SeedResult;
  scale: ScaleResult | null;
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
  const threshold = thresholdFromEnv(env);
  const { token, file: tokenFile } = localGraphToken(dataDir, env);

  let graph: LocalGraphServer | null = null;
  let app: RunningServer | null = null;
  let runtime: Runtime | null = null;
  try {
    if (!config.local.graphUrl) {
      graph = await startLocalGraphServer({
        port: config.local.graphPort,
        dbPath: path.join(dataDir, 'graph.sqlite'),
        faults: faultsFromEnv(env),
        threshold,
        token,
        onMigrate: log,
      });
    }
    const graphUrl = config.local.graphUrl ?? graph!.url;

    const sharepoint = await connectSharePoint({
      baseUrl: graphUrl,
      getToken: async () => token,
      userAgent: config.userAgent,
      provision: true,
      log,
      budget: config.graphBudget,
    });

    let ready = false;
    // A scale seed adds generated staff to the local directory (kept in the data folder).
    if (options.scale) writeScalePeople(dataDir, options.scale);
    const appLog = options.logger ?? createLogger({ silent: options.quiet });
    // Re-read when people.json changes: an account disabled there is refused within seconds.
    const directory = new LocalDirectory({ dataDir, onError: (error) => appLog.warn({ event: 'directory.reload_failed', err: error instanceof Error ? error.message : String(error) }, 'people.json could not be read; the last good directory is kept') });
    // The Graph budget's lanes: the outbox, the scheduler and the recounts give way to people.
    runtime = createRuntime({ config, store: sharepoint.store, directory, clock, log: appLog, lanes: { background: inBackground, user: inUserLane } });
    const inner = createApp({ runtime, isReady: () => ready, extraRoutes: [localConnector({ token })] });
    // The Host allow-list wraps the whole app (bot, tab API, tab, inbox): local mode stays local.
    const outer = express();
    outer.disable('x-powered-by');
    outer.use(localHostGuard({ publicUrl: config.publicUrl }));
    outer.use(inner);
    app = await listen(outer, config.host, config.port);

    const seed = await seedDemoOrganisation({
      store: sharepoint.store,
      clock,
      tenantId: config.tenantId,
      serviceUrl: `${app.url}/_local/connector/`,
    });
    const scale = options.scale ? await seedScale({ store: sharepoint.store, clock, ...options.scale, dataDir, log }) : null;
    // The seeds write straight to the store: count the figures once they are in (and on a data
    // folder from before kept figures existed). Later changes keep them up to date by themselves.
    const figuresDeps = { store: sharepoint.store, clock, directory };
    if (seed.seeded || (scale && !scale.alreadyDone) || !(await readJobState(figuresDeps, 'figures.delta.Incidents'))) {
      const figures = await rebuildFigures(figuresDeps);
      if (scale && !scale.alreadyDone) log(`Figures counted: ${figures.recounted} buckets, ${figures.written} figures written.`);
    }
    // The seeds write straight to the store: make the search texts once they are in (and on a data
    // folder from before search texts existed). Later changes keep them up to date by themselves.
    if (seed.seeded || (scale && !scale.alreadyDone) || !(await hasSearchTexts(sharepoint.store))) {
      const search = await rebuildAllSearch({ store: sharepoint.store, clock });
      if (scale && !scale.alreadyDone) log(`Search texts made: ${search.buckets} buckets, ${search.entries} records.`);
    }
    ready = true;
    if (options.background !== false) runtime.start();

    const running = app;
    const rt = runtime;
    return {
      runtime: rt,
      config,
      appUrl: app.url,
      graphUrl,
      graphToken: token,
      graphTokenFile: tokenFile,
      threshold: graph ? threshold : null,
      siteId: sharepoint.siteId,
      dataDir,
      seed,
      scale,
      sharepoint,
      graph,
      app,
      // SIGTERM: the HTTP server stops accepting (requests in flight get 3 s), the outbox worker and
      // the scheduler stop claiming and hand back what they had claimed — side by side, well within
      // 10 s — and only then the local Graph server goes (the hand-backs are writes to it).
      async close() {
        await Promise.all([running.close(3_000), rt.stop()]);
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
