/**
 * Classification coverage of the information asset register: how many assets, how many not yet
 * classified, how many at level 4, and when classified ones are due for review — kept as counts per
 * review date, so that "due now" is decided when read (today moves, the figure does not).
 * Recounted from the register itself, a small list (a district owns tens to hundreds of assets).
 */
import { summariseClassification } from '../../domain';
import { readUpTo, type Deps } from '../platform';
import { saveFigures } from './store';
import { ORG } from './scopes';

export interface ClassificationValues {
  total: number;
  unclassified: number;
  level4: number;
  /** Classified assets per next review date (YYYY-MM-DD); `none`: no review date set. */
  reviewDates: Record<string, number>;
}

export async function recountClassification(deps: Pick<Deps, 'store' | 'clock'>): Promise<number> {
  const readAt = deps.clock.now().toISOString();
  const [assets, existing] = await Promise.all([readUpTo(deps.store, 'InformationAssets', {}, 4_995), deps.store.findByKeys('Figures', [`figure:classification:${ORG}:current`])]);
  const v: ClassificationValues = { total: 0, unclassified: 0, level4: 0, reviewDates: {} };
  for (const a of assets.items) {
    // Archived (decommissioned) assets are kept as evidence, not counted as the inventory.
    if (a.data.archived) continue;
    v.total++;
    // Any date: "unclassified" and the level do not depend on it.
    const s = summariseClassification(a.data, '0000-01-01');
    if (s.state === 'unclassified') v.unclassified++;
    else {
      const d = a.data.nextReviewAt ?? 'none';
      v.reviewDates[d] = (v.reviewDates[d] ?? 0) + 1;
    }
    if (s.securityProtectionFlag) v.level4++;
  }
  return saveFigures(deps, [{ name: 'classification', scope: ORG, period: 'current', values: { ...v }, sourceItems: assets.items.length }], readAt, existing);
}

/** The overview's classification figures on `today`. */
export function classificationOn(values: Record<string, unknown> | undefined, today: string) {
  const v = (values ?? {}) as Partial<ClassificationValues>;
  const dates = v.reviewDates ?? {};
  const reviewDue = Object.entries(dates).reduce((n, [d, c]) => n + (d !== 'none' && d <= today ? c : 0), 0);
  const total = v.total ?? 0;
  const unclassified = v.unclassified ?? 0;
  return { total, classified: total - unclassified - reviewDue, reviewDue, unclassified, level4: v.level4 ?? 0 };
}
