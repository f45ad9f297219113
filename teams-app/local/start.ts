/**
 * `npm start`: the whole app locally, no Microsoft 365 account needed.
 * `npm start -- --reset` starts from a fresh demo organisation; `npm start -- --scale [options]` adds
 * a large organisation (seed-scale.ts).
 */
import { ConfigError } from '../../bot/config';
import { startLocal } from './launcher';
import { parseScaleArgs } from './seed-scale';
import { ensureTabBuilt } from './tab-build';

const HELP = `Usage: npm start [-- --reset] [-- --scale [--small] [--grants N] [--incidents M] …]
  --reset   delete the data folder (.data/) and seed a fresh demo organisation
  --scale   also fill the site with a large organisation: by default 50 000 access grants and
            20 000 incidents over five years of a 1 000-person district (a few minutes);
            --small gives 1 500 grants and 1 200 incidents concentrated on one owner and one manager.
            More options: npm run seed:scale -- --help
Environment: PORT (3978), LOCAL_GRAPH_PORT (4010), LIS_DATA_DIR (.data), LOCAL_GRAPH_THRESHOLD (5000), see README.md.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
let scale: ReturnType<typeof parseScaleArgs> | null = null;
try {
  scale = args.includes('--scale') ? parseScaleArgs(args.filter((a) => a !== '--scale')) : null;
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const unknown = (scale ? scale.rest : args).filter((a) => a !== '--reset');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}. Try: npm start -- --help`);
  process.exit(2);
}

try {
  const started = Date.now();
  // The tab is rebuilt only when its sources changed (tab-build.ts).
  const tab = await ensureTabBuilt(new URL('../..', import.meta.url).pathname);
  console.log(tab.rebuilt ? `Tab built in ${(tab.ms / 1000).toFixed(1)} s (its sources changed).` : `Tab up to date (sources unchanged, checked in ${Math.round(tab.ms)} ms).`);
  const local = await startLocal({ reset: args.includes('--reset'), log: (l) => console.log(l), ...(scale ? { scale: scale.options } : {}) });
  const seeded = local.seed.seeded
    ? `seeded the demo organisation (${Object.values(local.seed.counts).reduce((a, b) => a + (b ?? 0), 0)} records)`
    : 'demo organisation already in place';
  const site = `${local.graphUrl}/v1.0/sites/${local.siteId}`;
  const threshold = local.threshold === null ? 'set by the server at LOCAL_GRAPH_URL' : `${local.threshold} items (LOCAL_GRAPH_THRESHOLD)`;
  console.log(
    [
      '',
      'LIS för Teams – lokalt läge / local mode',
      `  App server   ${local.appUrl}/`,
      `  Health       ${local.appUrl}/healthz`,
      `  Bot          ${local.appUrl}/api/messages   (Bot Framework activities)`,
      `  Inbox        ${local.appUrl}/_local/inbox   (needs the local token)`,
      `  Graph        ${local.graphUrl}/v1.0   (local SharePoint lists, list view threshold ${threshold})`,
      `  Site         ${site}`,
      `  Data         ${local.dataDir}   (${seeded})`,
      `  Token        ${local.graphToken}`,
      `               kept in ${local.graphTokenFile}; the local Graph server and the inbox accept no other`,
      '',
      `  Try: curl -s -H "Authorization: Bearer $(cat ${local.graphTokenFile})" '${local.graphUrl}/v1.0/sites/root/lists?$select=displayName'`,
      `  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops.`,
      '',
    ].join('\n'),
  );
  let closing = false;
  // One process (`exec node --import tsx`, no runner in between that could kill it outright): the
  // signal reaches this handler, which stops taking work, hands back claims and exits within 10 s.
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    const t0 = Date.now();
    console.log(`\n${signal}: stopping…`);
    const deadline = setTimeout(() => {
      console.error('Not stopped within 9 s: exiting anyway (claims left expire by themselves).');
      process.exit(1);
    }, 9_000);
    deadline.unref();
    await local.close();
    console.log(`Stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
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
