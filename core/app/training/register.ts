/**
 * Utbildning for the tab: completion of the mandatory courses per unit (everyone) and per person
 * (ISAM, the administrative unit and the director for everyone; a manager for their own unit; each
 * person for themself — core/domain/policy/registers.ts). The CSV import is import.ts.
 */
import type { z } from 'zod';
import type { TrainingCell, TrainingOverview, TrainingPersonRow, TrainingQuery } from '../../api';
import { canRecordTraining, completionValid, latestCompletions, stockholmDate } from '../../domain';
import { canSeeTrainingOfUnit } from '../../domain/policy';
import { listOrganisation, type Actor } from '../people';
import type { TrainingUnitValues } from '../figures';
import { historyYears, readTogether, type Deps } from '../platform';
import type { StoredOf } from '../../ports/record-store';

/**
 * The units' figures are kept (core/app/figures: recounted when completions are written, and daily);
 * the people table is one unit at a time — its completions are that unit's year buckets (the
 * `unitYear` key: the unit's people × courses per year), never the whole list. Without a unit chosen
 * it lists the actor's own unit (or only the actor, for those who may see no one else).
 */
export async function trainingOverview(deps: Deps, actor: Actor, query: z.input<typeof TrainingQuery>): Promise<TrainingOverview> {
  const now = deps.clock.now();
  const today = stockholmDate(now);
  const asked = query.unit?.trim() || null;
  const unit = asked ?? (canSeeTrainingOfUnit(actor, actor.unit) ? actor.unit : null);
  const years = unit ? await historyYears(deps.store, 'Trainings', 'completedAt', now) : [];
  // One $batch: the role assignments, the courses, the units' kept figures, the listed unit's year
  // buckets and the actor's own completions.
  const [roles, courseItems, figureItems, own, ...buckets] = await readTogether(deps.store, [
    { list: 'Roles', options: {} },
    { list: 'TrainingCourses', options: { orderBy: { field: 'code', direction: 'asc' } } },
    { list: 'Figures', options: { where: [{ field: 'name', op: 'eq', value: 'training' }] } },
    { list: 'Trainings', options: { where: [{ field: 'personId', op: 'eq', value: actor.id }] } },
    ...years.map((y) => ({ list: 'Trainings' as const, options: { where: [{ field: 'unitYear' as const, op: 'eq' as const, value: `${unit!.toUpperCase()}|${y}` }] } })),
  ]);
  const people = await listOrganisation(deps, 5_000, roles as StoredOf<'Roles'>[]);
  const mandatory = (courseItems as StoredOf<'TrainingCourses'>[]).map((c) => c.data).filter((c) => c.mandatory);
  const unitFigures = (figureItems as StoredOf<'Figures'>[]).map((f) => f.data.values as unknown as TrainingUnitValues).filter((v) => v.people > 0);
  const listed = people.filter((p) => (unit !== null && p.unit === unit && canSeeTrainingOfUnit(actor, p.unit)) || p.id.toLowerCase() === actor.id.toLowerCase());
  const completions = [...(buckets.flat() as StoredOf<'Trainings'>[]), ...(own as StoredOf<'Trainings'>[])];
  const latest = latestCompletions(completions.map((c) => c.data));
  const rows: TrainingPersonRow[] = listed
    .filter((p) => asked === null || p.unit === asked)
    .map((p) => {
      const management = p.roles.includes('manager') || p.roles.includes('director');
      const done = latest.get(p.id.toLowerCase()) ?? new Map<string, string>();
      const courses: Record<string, TrainingCell> = {};
      for (const c of mandatory) {
        const at = done.get(c.code) ?? null;
        courses[c.code] = { required: c.audience === 'all' || management, completedAt: at, valid: at !== null && completionValid(c, at, today) };
      }
      return { id: p.id, name: p.name, unit: p.unit, management, courses, complete: Object.values(courses).every((x) => !x.required || x.valid) };
    });
  return {
    courses: mandatory.map((c) => ({ code: c.code, name: c.name, audience: c.audience, validityMonths: c.validityMonths })),
    units: unitFigures.map((u) => ({ unit: u.unit, people: u.people, required: u.required, completed: u.completed })).sort((a, b) => a.unit.localeCompare(b.unit, 'sv')),
    unit,
    people: rows,
    peopleVisible: rows.some((r) => r.id.toLowerCase() !== actor.id.toLowerCase()) || canSeeTrainingOfUnit(actor, unit ?? actor.unit),
    canImport: canRecordTraining(actor),
  };
}
