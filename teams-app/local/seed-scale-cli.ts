/**
 * `npm run seed:scale -- [--small] [--grants N] [--incidents M] …`: fills the local site of a data
 * folder with a large organisation, without starting the app. It starts the local Graph server on
 * the folder's database (stop `npm start` first, or use `npm start -- --scale`), provisions the lists
 * and seeds the demo organisation when they are missing, writes the scale data through the production
 * RecordStore, prints the time it took and exits.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { connectSharePoint } from '../../core/adapters/sharepoint';
import { StaticDirectory } from '../../core/adapters/directory/static-directory';
import { rebuildFigures } from '../../core/app/figures';
import { systemClock } from '../../core/ports/clock';
import { startLocalGraphServer } from './graph-server';
import { thresholdFromEnv } from './launcher';
import { localGraphToken } from './local-token';
import { loadDirectoryPeople } from './seed-data';
import { seedDemoOrganisation } from './seed-demo';
import { parseScaleArgs, resolveScale, seedScale } from './seed-scale';

const HELP = `Usage: npm run seed:scale -- [options]     (data folder: LIS_DATA_DIR, default .data)
  --small                 the must-show site: 1 500 grants, 1 200 incidents, concentrated
  --grants N              access grants, current and history (default 50 000)
  --incidents N           incidents over the years (default 20 000)
  --requests N            access requests (default 16 % of grants)
  --audit N               audit entries (default 60 % of incidents)
  --trainings N           training completions (default 12 % of grants)
  --people N              people in the district, demo cast included (default 1 000)
  --assets N              information assets added to the demo's 18 (default 60)
  --owner-grants N        grants on Per Holmberg's assets (default 10 % of grants)
  --manager-incidents N   incidents under Thomas Granlund (default 10 % of incidents)
  --reporter-incidents N  incidents reported by Ida Persson (default 3 % of incidents)
  --years N               years of history (default 5)
  --concurrency N         $batch chunks written at once (default 4)`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  const { options, rest } = parseScaleArgs(argv);
  if (rest.length) throw new Error(`Unknown option ${rest.join(' ')}. Try: npm run seed:scale -- --help`);
  const dataDir = path.resolve(process.env.LIS_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const { token } = localGraphToken(dataDir);
  const server = await startLocalGraphServer({ port: 0, dbPath: path.join(dataDir, 'graph.sqlite'), token, threshold: thresholdFromEnv(process.env), onMigrate: console.log });
  try {
    const sp = await connectSharePoint({ baseUrl: server.url, getToken: async () => token, userAgent: 'NONISV|StockholmStad|LISforTeams/seed', provision: true });
    const demo = await seedDemoOrganisation({ store: sp.store, clock: systemClock, tenantId: process.env.LOCAL_TENANT_ID ?? '00000000-0000-4000-8000-000000000001', serviceUrl: `http://127.0.0.1:${process.env.PORT ?? 3978}/_local/connector/` });
    if (demo.seeded) console.log('Seeded the demo organisation first.');
    const resolved = resolveScale(options);
    const result = await seedScale({ store: sp.store, clock: systemClock, ...options, dataDir, log: console.log });
    if (result.alreadyDone) console.log(`This data folder already holds this scale seed (${resolved.grants} grants, ${resolved.incidents} incidents): nothing to do.`);
    else {
      // The records went straight to the store: count the kept figures now (core/app/figures).
      const figures = await rebuildFigures({ store: sp.store, clock: systemClock, directory: new StaticDirectory(loadDirectoryPeople(dataDir)) });
      console.log(`Done in ${result.seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}; ${figures.recounted} figure buckets counted. Start the app with npm start.`);
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
