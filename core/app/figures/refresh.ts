/**
 * The background pass that keeps figures true whatever happened on the write path (a crash before
 * the recount, another instance, the seed, a person editing a list in SharePoint itself): it follows
 * each counted list's Graph delta from where it stopped (the link kept in JobState), recounts the
 * buckets the changed records belong to, and saves the new link. Bounded per run: a few delta pages
 * and a bounded number of bucket recounts, each a bounded query; what is left waits for the next run.
 *
 * The first run on a site, `rebuildFigures` (after seeding), and a run that finds more changes than
 * it reads (an import) do not enumerate every record: they take the delta link of "now" first, then
 * recount every bucket that can exist (each month since the oldest incident, each asset, each unit)
 * — a bounded query each. Changes made meanwhile are in the delta after that link, so nothing falls
 * between.
 *
 * Time also changes figures: a training completion runs out. Training figures judged on an earlier
 * day are recounted once a day.
 */
import { stockholmDate } from '../../domain';
import type { Changes } from '../../ports/record-store';
import { historyMonths, readJobState, readSmall, saveJobState, type Deps } from '../platform';
import { bucketKey, bucketsOf, COUNTED_LISTS, recount, type Bucket, type CountedList } from './buckets';
import { forEachBounded } from './limit';
import { organisationUnits, recountTraining, trainingFigures } from './training';

export interface RefreshReport {
  /** Buckets recounted. */
  recounted: number;
  /** Figures written (changed). */
  written: number;
  /** Lists whose delta was followed to the end this run. */
  caughtUp: CountedList[];
  /** Lists started afresh (no delta link yet): every bucket recounted. */
  rebuilt: CountedList[];
}

export interface RefreshOptions {
  /** Delta pages read per list and run (default 5). */
  maxPages?: number;
  /** Buckets recounted per run (default 200); the rest wait for the next run. */
  maxBuckets?: number;
  /** Recounts at once (default 2). */
  concurrency?: number;
}

const stateName = (list: CountedList) => `figures.delta.${list}`;

/** Every bucket of a list's figures that can exist now. */
async function allBuckets(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, list: CountedList): Promise<Bucket[]> {
  switch (list) {
    case 'Incidents':
      return (await historyMonths(deps.store, 'Incidents', 'reportedAt', deps.clock.now())).map((month) => ({ figure: 'incidents', month }));
    case 'AccessRequests':
      return [{ figure: 'access-requests' }];
    case 'AccessGrants':
      return (await readSmall(deps.store, 'InformationAssets', {}, 4_995)).map((a) => ({ figure: 'access-grants', assetId: a.id }));
    case 'InformationAssets':
      return [{ figure: 'classification' }];
    case 'Trainings':
      return (await organisationUnits(deps)).map((unit) => ({ figure: 'training', unit }));
  }
}

async function recountAll(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, buckets: Bucket[], concurrency: number): Promise<number> {
  const unique = [...new Map(buckets.map((b) => [bucketKey(b), b])).values()];
  let written = 0;
  // Training figures of all units come from one walk of the organisation, not one per unit.
  const units = unique.flatMap((b) => (b.figure === 'training' ? [b.unit] : []));
  if (units.length) written += await recountTraining(deps, units);
  await forEachBounded(
    unique.filter((b) => b.figure !== 'training'),
    concurrency,
    async (b) => {
      written += await recount(deps, b);
    },
  );
  return written;
}

/** Recounts every figure and starts each list's delta from now. For a freshly seeded site. */
export async function rebuildFigures(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, options: RefreshOptions = {}): Promise<RefreshReport> {
  const report: RefreshReport = { recounted: 0, written: 0, caughtUp: [], rebuilt: [] };
  const buckets: Bucket[] = [];
  const links: [CountedList, string][] = [];
  for (const list of COUNTED_LISTS) {
    links.push([list, (await deps.store.changes(list, 'latest')).cursor]);
    buckets.push(...(await allBuckets(deps, list)));
    report.rebuilt.push(list);
  }
  report.written = await recountAll(deps, buckets, options.concurrency ?? 2);
  report.recounted = new Set(buckets.map(bucketKey)).size;
  for (const [list, link] of links) await saveJobState(deps, stateName(list), link, await readJobState(deps, stateName(list)));
  return report;
}

const PENDING = 'figures.pending';

/** One run of the healing pass (scheduler job `figures.refresh`). */
export async function refreshFigures(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, options: RefreshOptions = {}): Promise<RefreshReport> {
  const maxPages = options.maxPages ?? 5;
  const maxBuckets = options.maxBuckets ?? 200;
  const report: RefreshReport = { recounted: 0, written: 0, caughtUp: [], rebuilt: [] };
  // What every list's delta and the carried-over buckets stand at: one look-up of six keys.
  const states = new Map((await deps.store.findByKeys('JobState', [PENDING, ...COUNTED_LISTS.map(stateName)].map((n) => `job:${n}`))).map((s) => [s.data.name, s]));
  // Buckets a previous run had no room for come first.
  const pendingState = states.get(PENDING) ?? null;
  const buckets = new Map<string, Bucket>();
  for (const b of pendingState?.data.value ? (JSON.parse(pendingState.data.value) as Bucket[]) : []) buckets.set(bucketKey(b), b);
  const links: (() => Promise<boolean>)[] = [];
  for (const list of COUNTED_LISTS) {
    const state = states.get(stateName(list)) ?? null;
    if (!state?.data.value) {
      const link = (await deps.store.changes(list, 'latest')).cursor;
      for (const b of await allBuckets(deps, list)) buckets.set(bucketKey(b), b);
      report.rebuilt.push(list);
      links.push(() => saveJobState(deps, stateName(list), link, state));
      continue;
    }
    let cursor = state.data.value;
    let more = true;
    for (let n = 0; n < maxPages && more; n++) {
      let page: Changes<unknown>;
      try {
        page = await deps.store.changes(list, cursor);
      } catch (error) {
        // The delta link expired (Graph answers 410 Gone): this list starts afresh next run.
        if ((error as { code?: string }).code !== 'resyncRequired') throw error;
        cursor = '';
        break;
      }
      for (const item of page.items) for (const b of bucketsOf(list, null, item.data as never)) buckets.set(bucketKey(b), b);
      cursor = page.cursor;
      more = page.more;
    }
    if (more) {
      // More changed than a run reads (a seed, an import): recount every bucket of the list instead,
      // and go on from now — bounded by the buckets, not by how much was written.
      const link = (await deps.store.changes(list, 'latest')).cursor;
      for (const b of await allBuckets(deps, list)) buckets.set(bucketKey(b), b);
      report.rebuilt.push(list);
      links.push(() => saveJobState(deps, stateName(list), link, state));
      continue;
    }
    report.caughtUp.push(list);
    if (cursor !== state.data.value) links.push(() => saveJobState(deps, stateName(list), cursor, state));
  }
  // Training figures judged on another day: validity may have run out since.
  const today = stockholmDate(deps.clock.now());
  if ((await trainingFigures(deps)).some((t) => t.day !== today)) {
    for (const unit of await organisationUnits(deps)) buckets.set(bucketKey({ figure: 'training', unit }), { figure: 'training', unit });
  }
  const all = [...buckets.values()];
  const chosen = all.slice(0, maxBuckets);
  report.written = await recountAll(deps, chosen, options.concurrency ?? 2);
  report.recounted = chosen.length;
  // Only now that the buckets are recounted (or kept for the next run) do the delta links move on.
  const left = all.slice(maxBuckets);
  if (left.length || pendingState?.data.value) await saveJobState(deps, PENDING, left.length ? JSON.stringify(left) : '', pendingState);
  for (const save of links) await save();
  return report;
}
