/**
 * `npm run review:export -- --from 2025-01-01 --to 2025-12-31 --out review.docx [--lang sv|en]`:
 * the management review of a period as a Word document, from the site the app is configured for —
 * the local SharePoint server of the data folder while `npm start` runs (its token in
 * `.data/local-graph-token`, its port LOCAL_GRAPH_PORT), or, with LIS_MODE=m365, the tenant's site
 * with the app's own Graph credential. The stored review of that period is exported when there is
 * one (figures frozen once sent for decision); otherwise a draft with today's figures.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pngCharts } from '../core/adapters/charts/png-chart';
import { renderDocx } from '../core/adapters/docx/docx-renderer';
import { GraphDirectory } from '../core/adapters/graph-directory';
import { connectSharePoint } from '../core/adapters/sharepoint';
import { reviewDocumentOfPeriod } from '../core/app/reviews';
import { resolveLocale, t } from '../core/i18n';
import { systemClock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
import { composeDeps } from '../bot/compose';
import { loadConfig } from '../bot/config';
import { graphTokens } from '../bot/main';
import { Refused } from '../core/app/platform';
import { LocalDirectory } from './local/local-directory';
import { localGraphToken } from './local/local-token';

const HELP = `Usage: npm run review:export -- --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx [--lang sv|en]
  The period is whole months: --from the first day of a month, --to the last day of a month.
  Local mode (default) reads the local site of LIS_DATA_DIR (default .data) on LOCAL_GRAPH_PORT
  (default 4010): start the app with npm start first. LIS_MODE=m365 reads the configured tenant site.`;

function arg(argv: string[], name: string): string | null {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1] ?? null;
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : null;
}

async function connect(): Promise<{ store: RecordStore; directory: Directory; config: ReturnType<typeof loadConfig> }> {
  const config = loadConfig(process.env);
  if (config.mode === 'm365' && config.m365) {
    const tokens = graphTokens(config, process.env);
    const sp = await connectSharePoint({ baseUrl: config.m365.graphBaseUrl, getToken: () => tokens.getToken(), userAgent: config.userAgent, siteId: config.m365.siteId });
    return { store: sp.store, directory: new GraphDirectory({ client: sp.client, unitProperty: process.env.DIRECTORY_UNIT_PROPERTY, cacheTtlMs: 60_000 }), config };
  }
  const local = config.local!;
  const dataDir = path.resolve(local.dataDir);
  const { token } = localGraphToken(dataDir);
  const baseUrl = local.graphUrl ?? `http://127.0.0.1:${local.graphPort}`;
  try {
    const sp = await connectSharePoint({ baseUrl, getToken: async () => token, userAgent: 'NONISV|StockholmStad|LISforTeams/review-export' });
    return { store: sp.store, directory: new LocalDirectory({ dataDir }), config };
  } catch (error) {
    throw new Error(`The local site at ${baseUrl} did not answer (${error instanceof Error ? error.message : String(error)}). Start the app with npm start first.`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  const from = arg(argv, 'from');
  const to = arg(argv, 'to');
  const out = arg(argv, 'out');
  const locale = resolveLocale(arg(argv, 'lang') ?? 'sv');
  if (!from || !to || !out || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new Error(HELP);
  const { store, directory, config } = await connect();
  const deps = composeDeps(config, store, directory, systemClock);
  const started = performance.now();
  try {
    const { document, fileName, stored } = await reviewDocumentOfPeriod(deps, from, to, locale, pngCharts);
    const bytes = await renderDocx(document);
    const file = path.resolve(out);
    writeFileSync(file, bytes);
    const what = stored ? `the stored review (ManagementReviews/${stored.id}, ${t(locale, `review.status.${stored.status}` as 'review.status.draft')})` : 'a draft with today’s figures (no review of this period is stored)';
    console.log(`Wrote ${file} (${(bytes.byteLength / 1024).toFixed(0)} kB, ${fileName}): ${what}, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error) {
    if (error instanceof Refused) throw new Error(t(locale, error.messageKey, error.params));
    throw error;
  }
  await deps.background?.idle?.();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
