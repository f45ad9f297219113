/**
 * Which figures a write changes, and recounting one of them. A bucket is the unit of recounting: one
 * month of incidents, one asset's grants, the open requests, the asset register, one unit's training.
 */
import { stockholmMonthOf, type ListName, type RecordOf } from '../../domain';
import type { Deps } from '../platform';
import { recountAssetGrants, recountOpenRequests } from './access';
import { recountClassification } from './classification';
import { recountIncidentMonth } from './incidents';
import { recountTraining, NO_UNIT } from './training';

export type Bucket =
  | { figure: 'incidents'; month: string }
  | { figure: 'access-requests' }
  | { figure: 'access-grants'; assetId: string }
  | { figure: 'classification' }
  | { figure: 'training'; unit: string };

/** The lists whose writes change figures. */
export const COUNTED_LISTS = ['Incidents', 'AccessRequests', 'AccessGrants', 'InformationAssets', 'Trainings'] as const satisfies readonly ListName[];
export type CountedList = (typeof COUNTED_LISTS)[number];

export const isCounted = (list: ListName): list is CountedList => (COUNTED_LISTS as readonly string[]).includes(list);

export const bucketKey = (b: Bucket): string => {
  switch (b.figure) {
    case 'incidents':
      return `incidents:${b.month}`;
    case 'access-grants':
      return `access-grants:${b.assetId}`;
    case 'training':
      return `training:${b.unit}`;
    default:
      return b.figure;
  }
};

/**
 * The buckets a write touches, from the record before (null for a create) and after. For an update
 * only a change of what the figure counts matters; the cheap test is "did a counted field change".
 */
export function bucketsOf<L extends ListName>(list: L, before: RecordOf<L> | null, after: RecordOf<L>): Bucket[] {
  const out: Bucket[] = [];
  const changed = (...fields: string[]) => !before || fields.some((f) => JSON.stringify((before as Record<string, unknown>)[f]) !== JSON.stringify((after as Record<string, unknown>)[f]));
  switch (list) {
    case 'Incidents': {
      const a = after as RecordOf<'Incidents'>;
      const b = before as RecordOf<'Incidents'> | null;
      if (!changed('reportedAt', 'category', 'clocks', 'managerId', 'personalData', 'personalDataBreach')) break;
      out.push({ figure: 'incidents', month: stockholmMonthOf(a.reportedAt) });
      if (b && stockholmMonthOf(b.reportedAt) !== stockholmMonthOf(a.reportedAt)) out.push({ figure: 'incidents', month: stockholmMonthOf(b.reportedAt) });
      break;
    }
    case 'AccessRequests':
      if (changed('status')) out.push({ figure: 'access-requests' });
      break;
    case 'AccessGrants': {
      const a = after as RecordOf<'AccessGrants'>;
      const b = before as RecordOf<'AccessGrants'> | null;
      if (!changed('status', 'assetId')) break;
      out.push({ figure: 'access-grants', assetId: a.assetId });
      if (b && b.assetId !== a.assetId) out.push({ figure: 'access-grants', assetId: b.assetId });
      break;
    }
    case 'InformationAssets':
      if (changed('confidentiality', 'integrity', 'availability', 'traceability', 'nextReviewAt', 'archived')) out.push({ figure: 'classification' });
      break;
    case 'Trainings': {
      const a = after as RecordOf<'Trainings'>;
      out.push({ figure: 'training', unit: a.unit ?? NO_UNIT });
      break;
    }
  }
  return out;
}

/** Recounts one bucket from its bounded query and saves the figures that changed. */
export async function recount(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, b: Bucket): Promise<number> {
  switch (b.figure) {
    case 'incidents':
      return recountIncidentMonth(deps, b.month);
    case 'access-requests':
      return recountOpenRequests(deps);
    case 'access-grants':
      return recountAssetGrants(deps, b.assetId);
    case 'classification':
      return recountClassification(deps);
    case 'training':
      return recountTraining(deps, [b.unit]);
  }
}
