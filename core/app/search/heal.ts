/**
 * Rebuilding search texts outside the write path: every bucket after a seed or on a site that has
 * none yet (`rebuildAllSearch`), and the healing pass the scheduler runs (`healSearch`): the small
 * registers and the incidents of this month and the last, where nearly every change lands. Each
 * bucket is one bounded read; a rebuild that finds nothing changed writes nothing.
 */
import type { RecordStore } from '../../ports/record-store';
import { rebuildBucket, type Rebuilt } from './digests';
import { addMonths, INCIDENTS, monthOf, SEARCH_SPECS } from './registers';

export interface SearchRebuildReport {
  buckets: number;
  entries: number;
  written: number;
  /** Buckets with more records than one rebuild reads (their oldest records are not searchable). */
  truncated: string[];
}

type SearchDeps = { store: RecordStore; clock: { now(): Date } };

async function run(deps: SearchDeps, work: { spec: (typeof SEARCH_SPECS)[number]; bucket: string }[], concurrency = 3): Promise<SearchRebuildReport> {
  const report: SearchRebuildReport = { buckets: 0, entries: 0, written: 0, truncated: [] };
  const queue = [...work];
  const one = (r: Rebuilt) => {
    report.buckets++;
    report.entries += r.entries;
    report.written += r.written;
    if (r.truncated) report.truncated.push(`${r.register}:${r.bucket}`);
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let w = queue.shift(); w; w = queue.shift()) one(await rebuildBucket(deps, w.spec, w.bucket));
    }),
  );
  return report;
}

/** Every bucket of every register. */
export async function rebuildAllSearch(deps: SearchDeps): Promise<SearchRebuildReport> {
  const now = deps.clock.now();
  const work = (await Promise.all(SEARCH_SPECS.map(async (spec) => (await spec.buckets(deps.store, now)).map((bucket) => ({ spec, bucket }))))).flat();
  return run(deps, work);
}

/** The small registers, and the incidents of this month and the previous one. */
export async function healSearch(deps: SearchDeps): Promise<SearchRebuildReport> {
  const month = monthOf(deps.clock.now().toISOString());
  const work = [
    ...SEARCH_SPECS.filter((s) => s.register !== 'incidents').map((spec) => ({ spec, bucket: 'all' })),
    { spec: INCIDENTS as unknown as (typeof SEARCH_SPECS)[number], bucket: month },
    { spec: INCIDENTS as unknown as (typeof SEARCH_SPECS)[number], bucket: addMonths(month, -1) },
  ];
  return run(deps, work);
}

/** True when the site has search texts at all (a data folder from before them has none). */
export async function hasSearchTexts(store: RecordStore): Promise<boolean> {
  return (await store.query('SearchIndex', { pageSize: 1 })).items.length > 0;
}
