/**
 * Mandatory training per unit: of the courses each person needs (every mandatory course for `all`,
 * and for managers and the director also those for `management`), how many they hold a valid
 * completion of. Kept per unit and recounted from one unit's completions — the `unitYear` key, one
 * bucket per year (bounded by the unit's people × courses) — for the years a completion can still
 * count: within the longest validity, or all years when a course counts for good. Validity runs out
 * with time, so the background pass recounts every unit once a day as well.
 */
import { completionValid, latestCompletions, stockholmDate, type TrainingCourse } from '../../domain';
import { listOrganisation, type OrganisationMember } from '../people';
import { historyYears, readEach, readSmall, yearsBack, type Deps } from '../platform';
import type { StoredOf } from '../../ports/record-store';
import { saveFigures } from './store';
import { unitScope } from './scopes';

export interface TrainingUnitValues {
  unit: string;
  people: number;
  required: number;
  completed: number;
  /** The Stockholm date the validity was judged on. */
  day: string;
}

export const NO_UNIT = '–';

export async function mandatoryCourses(deps: Pick<Deps, 'store'>): Promise<TrainingCourse[]> {
  return (await readSmall(deps.store, 'TrainingCourses', {}, 200)).map((c) => c.data).filter((c) => c.mandatory);
}

/**
 * The completions recorded for a unit that can still count on `today`: the unit's year buckets back
 * to the oldest year a completion of these courses can count from.
 */
export async function unitCompletions(deps: Pick<Deps, 'store'>, unit: string, courses: TrainingCourse[], now: Date): Promise<StoredOf<'Trainings'>[]> {
  const forGood = courses.some((c) => c.validityMonths === null);
  const longest = Math.max(0, ...courses.map((c) => c.validityMonths ?? 0));
  const years = forGood ? await historyYears(deps.store, 'Trainings', 'completedAt', now) : yearsBack(now, new Date(now.getTime() - (longest + 1) * 31 * 86_400_000).getUTCFullYear());
  const buckets = await readEach(deps.store, 'Trainings', years.map((y) => [{ field: 'unitYear' as const, op: 'eq' as const, value: `${unit.toUpperCase()}|${y}` }]));
  return buckets.flat();
}

/** Completion figures of one unit's people. */
export function countUnit(unit: string, people: OrganisationMember[], courses: TrainingCourse[], completions: StoredOf<'Trainings'>[], today: string): TrainingUnitValues {
  const latest = latestCompletions(completions.map((c) => c.data));
  const row: TrainingUnitValues = { unit, people: 0, required: 0, completed: 0, day: today };
  for (const p of people) {
    row.people++;
    const management = p.roles.includes('manager') || p.roles.includes('director');
    const done = latest.get(p.id.toLowerCase());
    for (const c of courses) {
      if (c.audience === 'management' && !management) continue;
      row.required++;
      const at = done?.get(c.code);
      if (at && completionValid(c, at, today)) row.completed++;
    }
  }
  return row;
}

/** Recounts the training figures of the given units (all units when none are named). */
export async function recountTraining(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, units?: string[]): Promise<number> {
  const now = deps.clock.now();
  const readAt = now.toISOString();
  const today = stockholmDate(now);
  const [people, courses] = await Promise.all([listOrganisation(deps), mandatoryCourses(deps)]);
  const byUnit = new Map<string, OrganisationMember[]>();
  for (const p of people) {
    const u = p.unit ?? NO_UNIT;
    byUnit.set(u, [...(byUnit.get(u) ?? []), p]);
  }
  const wanted = units?.length ? [...new Set(units.map((u) => (u === NO_UNIT ? u : u.toUpperCase())))] : [...byUnit.keys()];
  const existing = await deps.store.findByKeys('Figures', wanted.map((u) => `figure:training:${unitScope(u)}:current`));
  let written = 0;
  for (const unit of wanted) {
    const completions = unit === NO_UNIT ? [] : await unitCompletions(deps, unit, courses, now);
    const values = countUnit(unit, byUnit.get(unit) ?? [], courses, completions, today);
    written += await saveFigures(deps, [{ name: 'training', scope: unitScope(unit), period: 'current', values: { ...values }, sourceItems: completions.length }], readAt, existing.filter((f) => f.data.scope === unitScope(unit)));
  }
  return written;
}

/** The training figures of every unit (one query: one item per unit). */
export async function trainingFigures(deps: Pick<Deps, 'store'>): Promise<TrainingUnitValues[]> {
  const rows = await readSmall(deps.store, 'Figures', { where: [{ field: 'name', op: 'eq', value: 'training' }] }, 500);
  return rows.map((f) => f.data.values as unknown as TrainingUnitValues).filter((v) => v.people > 0);
}

/** The units people belong to (and `–` for people without one). */
export async function organisationUnits(deps: Pick<Deps, 'store' | 'clock' | 'directory'>): Promise<string[]> {
  return [...new Set((await listOrganisation(deps)).map((p) => p.unit ?? NO_UNIT))].sort();
}
