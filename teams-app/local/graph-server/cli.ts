/**
 * Starts the local SharePoint-lists server on its own:
 *   npx tsx teams-app/local/graph-server/cli.ts
 * Environment: LOCAL_GRAPH_PORT (4010), LOCAL_GRAPH_DB (.data/graph.sqlite, or :memory:),
 * LOCAL_GRAPH_THRESHOLD (5000), LOCAL_GRAPH_TOKEN (default: the `local-graph-token` file next to the
 * database, created when missing), LOCAL_GRAPH_TLS_KEY + LOCAL_GRAPH_TLS_CERT (PEM files, serve HTTPS),
 * and the fault variables read by faultsFromEnv (see README.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localGraphToken } from '../local-token';
import { faultsFromEnv, startLocalGraphServer } from './index';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got '${raw}'`);
  return value;
}

async function main(): Promise<void> {
  const port = intFromEnv('LOCAL_GRAPH_PORT', 4010);
  const threshold = intFromEnv('LOCAL_GRAPH_THRESHOLD', 5000);
  if (threshold < 1) throw new Error('LOCAL_GRAPH_THRESHOLD must be at least 1');
  const dbPath = process.env.LOCAL_GRAPH_DB?.trim() || '.data/graph.sqlite';
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const keyFile = process.env.LOCAL_GRAPH_TLS_KEY?.trim();
  const certFile = process.env.LOCAL_GRAPH_TLS_CERT?.trim();
  if (Boolean(keyFile) !== Boolean(certFile)) throw new Error('Set both LOCAL_GRAPH_TLS_KEY and LOCAL_GRAPH_TLS_CERT, or neither.');
  const tls = keyFile && certFile ? { key: readFileSync(keyFile), cert: readFileSync(certFile) } : undefined;
  const faults = faultsFromEnv(process.env);

  // The token of the data folder the database lives in, as `npm start` uses it.
  const tokenFile = dbPath === ':memory:' ? null : localGraphToken(dirname(dbPath));
  const token = process.env.LOCAL_GRAPH_TOKEN?.trim() || tokenFile?.token;
  const server = await startLocalGraphServer({ port, dbPath, faults, threshold, tls, ...(token ? { token } : {}), onMigrate: console.log });
  console.log(`Local SharePoint-lists server (Graph v1.0 subset): ${server.url}`);
  console.log(`  Graph base: ${server.url}/v1.0   site id: ${server.siteId}   database: ${dbPath}`);
  console.log(`  List view threshold: ${server.threshold}   token: ${server.token}${tokenFile ? ` (kept in ${tokenFile.file})` : ''}`);
  if (Object.keys(faults).length > 0) console.log(`  faults: ${JSON.stringify(faults)}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the local SharePoint-lists server`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
