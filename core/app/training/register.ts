/**
 * Utbildning for the tab: completion of the mandatory courses per unit (everyone) and per person
 * (ISAM, the administrative unit and the director for everyone; a manager for their own unit; each
 * person for themself — core/domain/policy/registers.ts). The CSV import is import.ts.
 */
import type { z } from 'zod';
import type { TrainingCell, TrainingOverview, TrainingPersonRow, TrainingQuery, TrainingUnitRow } from '../../api';
import { canRecordTraining, completionValid, latestCompletions, stockholmDate, type TrainingCourse } from '../../domain';
import { canSeeTrainingOfUnit } from '../../domain/policy';
import { listOrganisation, type Actor } from '../people';
import type { Deps } from '../platform';

export async function trainingOverview(deps: Deps, actor: Actor, query: z.input<typeof TrainingQuery>): Promise<TrainingOverview> {
  const today = stockholmDate(deps.clock.now());
  const [people, courseItems] = await Promise.all([listOrganisation(deps), (async () => {
    const out: TrainingCourse[] = [];
    for await (const c of deps.store.queryAll('TrainingCourses', { orderBy: { field: 'code', direction: 'asc' } })) out.push(c.data);
    return out;
  })()]);
  const mandatory = courseItems.filter((c) => c.mandatory);
  const completions = [];
  for await (const c of deps.store.queryAll('Trainings')) completions.push(c.data);
  const latest = latestCompletions(completions);

  const rows: TrainingPersonRow[] = people.map((p) => {
    const management = p.roles.includes('manager') || p.roles.includes('director');
    const done = latest.get(p.id.toLowerCase()) ?? new Map<string, string>();
    const courses: Record<string, TrainingCell> = {};
    for (const c of mandatory) {
      const at = done.get(c.code) ?? null;
      courses[c.code] = { required: c.audience === 'all' || management, completedAt: at, valid: at !== null && completionValid(c, at, today) };
    }
    return { id: p.id, name: p.name, unit: p.unit, management, courses, complete: Object.values(courses).every((x) => !x.required || x.valid) };
  });

  const units = new Map<string, TrainingUnitRow>();
  for (const r of rows) {
    const key = r.unit ?? '–';
    const u = units.get(key) ?? { unit: key, people: 0, required: 0, completed: 0 };
    u.people++;
    for (const cell of Object.values(r.courses)) {
      if (!cell.required) continue;
      u.required++;
      if (cell.valid) u.completed++;
    }
    units.set(key, u);
  }

  const unit = query.unit?.trim() || null;
  const visible = rows.filter((r) => (unit === null || r.unit === unit) && (canSeeTrainingOfUnit(actor, r.unit) || r.id.toLowerCase() === actor.id.toLowerCase()));
  return {
    courses: mandatory.map((c) => ({ code: c.code, name: c.name, audience: c.audience, validityMonths: c.validityMonths })),
    units: [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'sv')),
    unit,
    people: visible,
    peopleVisible: visible.some((r) => r.id.toLowerCase() !== actor.id.toLowerCase()) || canSeeTrainingOfUnit(actor, unit ?? actor.unit),
    canImport: canRecordTraining(actor),
  };
}
