/**
 * Production entry: `npm run start:m365` (Azure App Service runs it). Microsoft 365 mode only:
 *
 *   loadConfig            refuses to start without app id, tenant, site, public URL and a credential
 *   Graph token           the bot's user-assigned managed identity (Sites.Selected + User.Read.All),
 *                         or client credentials when the bot is registered with a password
 *   SharePoint lists      graph.microsoft.com, the one LIS site; `resolveLists` only — the app never
 *                         creates lists (that is `npm run provision:m365`, with a `manage` grant)
 *   Directory             Entra ID users over Graph (core/adapters/graph-directory.ts)
 *   server                the same app as local mode: bot, tab API, tab, /healthz
 *
 * Exits with a clear message when something is missing, so that App Service shows it in the log
 * stream instead of a half-working app.
 */
import { pathToFileURL } from 'node:url';
import { GraphDirectory } from '../core/adapters/graph-directory';
import { ClientCredentialsTokenProvider, ManagedIdentityTokenProvider, type TokenProvider } from '../core/adapters/graph-token';
import { connectSharePoint, inBackground, inUserLane, type SharePointConnection } from '../core/adapters/sharepoint';
import { systemClock, type Clock } from '../core/ports/clock';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './log';
import { createRuntime, type Runtime } from './runtime';
import { createApp, listen, type RunningServer } from './server';

export interface M365Options {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: Logger;
  /** Start the outbox worker and scheduler (default true; tests leave them off). */
  background?: boolean;
  /** Token provider instead of the one the configuration names (tests). */
  tokens?: TokenProvider;
}

export interface M365App {
  config: Config;
  url: string;
  runtime: Runtime;
  sharepoint: SharePointConnection;
  server: RunningServer;
  close(): Promise<void>;
}

/** The Graph credential of the configuration: the managed identity when there is one. */
export function graphTokens(config: Config, env: NodeJS.ProcessEnv): TokenProvider {
  const m = config.m365;
  if (!m) throw new ConfigError('Graph tokens are for Microsoft 365 mode.');
  if (m.managedIdentityClientId) {
    return new ManagedIdentityTokenProvider({
      clientId: m.managedIdentityClientId,
      // Set by App Service for apps with a managed identity; elsewhere in Azure, IMDS answers.
      endpoint: env.IDENTITY_ENDPOINT ?? null,
      header: env.IDENTITY_HEADER ?? null,
    });
  }
  return new ClientCredentialsTokenProvider({ tenantId: config.tenantId, clientId: m.appId, clientSecret: m.appPassword ?? '', authorityHost: m.tab.authorityHost });
}

export async function startM365(options: M365Options = {}): Promise<M365App> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  if (config.mode !== 'm365' || !config.m365) {
    throw new ConfigError('npm run start:m365 runs Microsoft 365 mode: set LIS_MODE=m365 (docs/admin-guide.md). For local mode use npm start.');
  }
  const log = options.logger ?? createLogger();
  const tokens = options.tokens ?? graphTokens(config, env);

  const sharepoint = await connectSharePoint({
    baseUrl: config.m365.graphBaseUrl,
    getToken: () => tokens.getToken(),
    userAgent: config.userAgent,
    siteId: config.m365.siteId,
    budget: config.graphBudget,
  });
  const directory = new GraphDirectory({ client: sharepoint.client, unitProperty: env.DIRECTORY_UNIT_PROPERTY, cacheTtlMs: config.m365.directoryCacheSeconds * 1000 });
  // The Graph budget's lanes: the outbox, the scheduler and the recounts give way to people.
  const runtime = createRuntime({ config, store: sharepoint.store, directory, clock: options.clock ?? systemClock, log, lanes: { background: inBackground, user: inUserLane } });
  let server: RunningServer;
  try {
    server = await listen(createApp({ runtime }), config.host, config.port);
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  if (options.background !== false) runtime.start();
  log.info({ event: 'server.started', mode: config.mode, port: Number(new URL(server.url).port), siteId: config.m365.siteId, lists: sharepoint.listIds.size, instance: runtime.instanceId }, 'LIS för Teams started (Microsoft 365 mode)');

  return {
    config,
    url: server.url,
    runtime,
    sharepoint,
    server,
    async close() {
      // Stop accepting (requests in flight get 3 s) while the worker and scheduler hand back claims.
      await Promise.all([server.close(3_000), runtime.stop()]);
    },
  };
}

async function main(): Promise<void> {
  const log = createLogger();
  try {
    const app = await startM365({ logger: log });
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      log.info({ event: 'server.stopping', signal }, 'stopping');
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ event: 'server.stop_failed', err: error instanceof Error ? error.message : String(error) }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ event: 'server.start_failed', kind: error instanceof ConfigError ? 'configuration' : 'startup', err: message }, `LIS för Teams did not start: ${message}`);
    // pino writes asynchronously to stdout; give it a moment before the process ends.
    setTimeout(() => process.exit(1), 100);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
