/**
 * `npm start`: the whole app locally, no Microsoft 365 account needed.
 * `npm start -- --reset` starts from a fresh demo organisation.
 */
import { ConfigError } from '../../bot/config';
import { LOCAL_GRAPH_TOKEN, startLocal } from './launcher';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('Usage: npm start [-- --reset]\n  --reset  delete .data/ and seed a fresh demo organisation\nEnvironment: PORT (3978), LOCAL_GRAPH_PORT (4010), LIS_DATA_DIR (.data), see README.md.');
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--reset');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}. Try: npm start -- --help`);
  process.exit(2);
}

try {
  const started = Date.now();
  const local = await startLocal({ reset: args.includes('--reset'), log: (l) => console.log(l) });
  const seeded = local.seed.seeded
    ? `seeded the demo organisation (${Object.values(local.seed.counts).reduce((a, b) => a + (b ?? 0), 0)} records)`
    : 'demo organisation already in place';
  const site = `${local.graphUrl}/v1.0/sites/${local.siteId}`;
  console.log(
    [
      '',
      'LIS för Teams – lokalt läge / local mode',
      `  App server   ${local.appUrl}/`,
      `  Health       ${local.appUrl}/healthz`,
      `  Bot          ${local.appUrl}/api/messages   (Bot Framework activities)`,
      `  Graph        ${local.graphUrl}/v1.0   (local SharePoint lists)`,
      `  Site         ${site}`,
      `  Data         ${local.dataDir}   (${seeded})`,
      '',
      `  Try: curl -s -H 'Authorization: Bearer ${LOCAL_GRAPH_TOKEN}' '${local.graphUrl}/v1.0/sites/root/lists?$select=displayName'`,
      `  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops.`,
      '',
    ].join('\n'),
  );
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping…`);
    await local.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`A port is taken: ${(error as Error).message}. Stop the other process or set PORT / LOCAL_GRAPH_PORT.`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
