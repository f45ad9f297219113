/**
 * Reading and writing kept figures (the `Figures` list): one item per figure, scope and period, keyed
 * `figure:<name>:<scope>:<period>`. A recount writes only the figures whose values changed, and never
 * over a fresher recount: `computedAt` is when the recount started reading, and an item that already
 * holds a later one is left alone — so two instances recounting at once, or a slow recount finishing
 * after a quick one, cannot put an older count back.
 */
import { isLater, type FigureName, type RecordOf } from '../../domain';
import { ConflictError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Deps } from '../platform';

export type Values = Record<string, unknown>;

export interface Counted {
  name: FigureName;
  scope: string;
  period: string;
  values: Values;
  sourceItems: number;
}

export const figureKey = (name: FigureName, scope: string, period: string) => `figure:${name}:${scope}:${period}`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves recounted figures. `existing` are the stored items of the same bucket (read with the
 * recount), so that unchanged figures cost nothing; figures of the bucket that the recount no longer
 * produced (the last incident of a scope moved away) are written as `empty`.
 */
export async function saveFigures(deps: Pick<Deps, 'store'>, counted: Counted[], readAt: string, existing: StoredOf<'Figures'>[], empty?: (f: RecordOf<'Figures'>) => Values): Promise<number> {
  const byKey = new Map(existing.map((f) => [figureKey(f.data.name, f.data.scope, f.data.period), f]));
  const wanted = new Map(counted.map((c) => [figureKey(c.name, c.scope, c.period), c]));
  if (empty) {
    for (const [k, f] of byKey) if (!wanted.has(k)) wanted.set(k, { name: f.data.name, scope: f.data.scope, period: f.data.period, values: empty(f.data), sourceItems: 0 });
  }
  const toCreate: { key: string; data: RecordOf<'Figures'> }[] = [];
  const toUpdate: [StoredOf<'Figures'>, RecordOf<'Figures'>][] = [];
  for (const [k, c] of wanted) {
    const data: RecordOf<'Figures'> = { name: c.name, scope: c.scope, period: c.period, values: c.values, computedAt: readAt, sourceItems: c.sourceItems };
    const stored = byKey.get(k);
    if (!stored) toCreate.push({ key: k, data });
    else if (!same(stored.data.values, c.values) || stored.data.sourceItems !== c.sourceItems) toUpdate.push([stored, data]);
  }
  // The items are independent: the updates and the batch of creates go side by side (one round trip,
  // not one per changed scope; the Graph budget bounds how many run at once).
  const [updated, created] = await Promise.all([
    Promise.all(toUpdate.map(([stored, data]) => updateUnlessFresher(deps, stored, data))),
    toCreate.length ? deps.store.createMany('Figures', toCreate) : Promise.resolve([]),
  ]);
  let written = updated.filter(Boolean).length;
  // Created by someone else a moment ago: the batch returns theirs, then ours goes over it unless fresher.
  const over = await Promise.all(
    created.map((f, i) => {
      const mine = toCreate[i]!.data;
      return f.data.computedAt === mine.computedAt && same(f.data.values, mine.values) ? true : updateUnlessFresher(deps, f, mine);
    }),
  );
  written += over.filter(Boolean).length;
  return written;
}

async function updateUnlessFresher(deps: Pick<Deps, 'store'>, stored: StoredOf<'Figures'>, data: RecordOf<'Figures'>): Promise<boolean> {
  let current: StoredOf<'Figures'> | null = stored;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    if (isLater(current.data.computedAt, data.computedAt)) return false;
    if (same(current.data.values, data.values) && current.data.sourceItems === data.sourceItems) return false;
    try {
      await deps.store.update('Figures', current, data);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await deps.store.get('Figures', stored.id);
    }
  }
  return false;
}
