/**
 * Training follow-up: completions recorded by hand (the import is in import.ts), each
 * person's and each manager's view of what is missing, and the monthly reminder every manager gets
 * in chat listing their staff who lack a mandatory course. Management's course in the cyber
 * security law is tracked separately: on the manager's own status and, for the director, the unit
 * heads who lack it.
 */
import { z } from 'zod';
import {
  AadObjectId,
  addDaysToDate,
  CalendarDate,
  canRecordTraining,
  completionKey,
  CourseCode,
  firstWeekdayOfMonth,
  isManagement,
  latestCompletions,
  missingTraining,
  stockholmDate,
  stockholmWallTime,
  SYSTEM_ACTOR,
  type RecordOf,
  type TrainingCourse,
} from '../../domain';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import type { Person } from '../../ports/directory';
import { RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { holdersOf, isAdmitted, type Actor } from '../people';
import { audit, forbidden, notify, type Deps } from '../platform';

export const TRAINING_REMINDER_CARD = 'training.managerReminder';
/** Reminders go out from this Stockholm hour on the month's first weekday… */
export const REMINDER_FROM_HOUR = 8;
/**
 * …or on the first run within this many days after it (the server was down). Later in the month
 * nothing is sent: a "monthly" card on the 28th, days before the next one, would only be noise.
 */
export const REMINDER_WINDOW_DAYS = 7;
/** At most this many people are listed on a card (the rest are counted): keeps cards < 40 kB. */
export const MAX_LISTED = 60;
const REMINDERS_DONE = (month: string) => `training.reminders:${month}`;

export async function listCourses(deps: Pick<Deps, 'store'>): Promise<TrainingCourse[]> {
  const courses: TrainingCourse[] = [];
  for await (const c of deps.store.queryAll('TrainingCourses')) courses.push(c.data);
  return courses.sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * A person by e-mail. The Directory port finds people by name or e-mail; the exact address (case
 * folded) decides, so that a prefix never matches someone else.
 */
export async function personByEmail(deps: Pick<Deps, 'directory'>, email: string): Promise<Person | null> {
  const wanted = email.trim().toLowerCase();
  const found = await deps.directory.search(wanted, 5);
  return found.find((p) => p.email.toLowerCase() === wanted) ?? null;
}

// ── recording by hand ───────────────────────────────────────────────────────

export const TrainingRecordInput = z
  .strictObject({
    personId: AadObjectId.optional(),
    email: z.email().max(254).optional(),
    courseCode: CourseCode,
    completedAt: CalendarDate,
  })
  .refine((v) => Boolean(v.personId) !== Boolean(v.email), { message: 'i18n:training.record.personOrEmail', path: ['email'] });
export type TrainingRecordInput = z.input<typeof TrainingRecordInput>;

export interface RecordedTraining {
  /** False when this completion was already recorded (by the import, or an earlier click). */
  created: boolean;
  completion: StoredOf<'Trainings'>;
  person: { id: string; name: string; unit: string | null };
  course: { code: string; name: string };
}

const issue = (field: string, messageKey: ValidationIssue['messageKey'], params: ValidationIssue['params'] = {}): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params });

/**
 * Records a completion by hand (training outside the e-learning platform, such as management's
 * course in the cyber security law). One record per person, course and date: a double click or a
 * later import of the same completion adds nothing.
 */
export async function recordTraining(deps: Deps, actor: Actor, input: unknown): Promise<RecordedTraining> {
  if (!canRecordTraining(actor)) throw forbidden('training.record.onlyAdmin');
  const parsed = TrainingRecordInput.safeParse(input);
  if (!parsed.success) throw new RecordValidationError('Trainings', issuesFromZod(parsed.error));
  const v = parsed.data;
  const now = deps.clock.now();
  const today = stockholmDate(now);
  const issues: ValidationIssue[] = [];
  const person = v.personId ? await deps.directory.getPerson(v.personId) : await personByEmail(deps, v.email!);
  if (!person) issues.push(issue(v.personId ? 'personId' : 'email', 'training.record.unknownPerson'));
  const course = (await listCourses(deps)).find((c) => c.code === v.courseCode);
  if (!course) issues.push(issue('courseCode', 'training.record.unknownCourse', { course: v.courseCode }));
  if (v.completedAt > today) issues.push(issue('completedAt', 'training.record.future'));
  if (issues.length) throw new RecordValidationError('Trainings', issues);

  const key = completionKey(person!.aadObjectId, course!.code, v.completedAt);
  const { record, created } = await deps.store.createOrGet('Trainings', key, {
    personId: person!.aadObjectId,
    courseCode: course!.code,
    unit: person!.unit,
    completedAt: v.completedAt,
    source: 'manual',
    recordedBy: actor.id,
    recordedAt: now.toISOString(),
  });
  if (created) {
    await audit(deps, `training.recorded:${key}`, {
      actorId: actor.id,
      action: 'training.recorded',
      target: `Trainings/${record.id}`,
      summary: `Utbildning ${course!.code} registrerad för ${person!.displayName} (${v.completedAt})`.slice(0, 500),
      details: { personId: person!.aadObjectId, courseCode: course!.code, completedAt: v.completedAt },
    });
  }
  return { created, completion: record, person: { id: person!.aadObjectId, name: person!.displayName, unit: person!.unit }, course: { code: course!.code, name: course!.name } };
}

// ── status ───────────────────────────────────────────────────────────────────

export interface CourseRef {
  code: string;
  name: string;
}

export interface PersonGap {
  personId: string;
  name: string;
  unit: string | null;
  missing: CourseRef[];
}

/** What a manager's card shows. */
export const TeamTrainingReport = z.object({
  managerId: z.string(),
  /** YYYY-MM of a monthly reminder; null for a report asked for in chat. */
  month: z.string().nullable(),
  today: z.string(),
  /** Direct reports counted (active accounts). */
  staffCount: z.number(),
  /** Direct reports lacking a mandatory course for all staff (listed up to MAX_LISTED). */
  staff: z.array(z.object({ personId: z.string(), name: z.string(), unit: z.string().nullable(), missing: z.array(z.object({ code: z.string(), name: z.string() })) })),
  staffMissing: z.number(),
  /** Direct reports in management lacking management's course (the director's unit heads). */
  management: z.array(z.object({ personId: z.string(), name: z.string(), unit: z.string().nullable(), missing: z.array(z.object({ code: z.string(), name: z.string() })) })),
  /** The manager's own gaps: courses for all, and management's course. */
  own: z.object({ all: z.array(z.object({ code: z.string(), name: z.string() })), management: z.array(z.object({ code: z.string(), name: z.string() })) }),
});
export type TeamTrainingReport = z.infer<typeof TeamTrainingReport>;

export const reportHasGaps = (r: TeamTrainingReport) => r.staffMissing > 0 || r.management.length > 0 || r.own.all.length > 0 || r.own.management.length > 0;

const refs = (courses: TrainingCourse[]): CourseRef[] => courses.map((c) => ({ code: c.code, name: c.name }));

interface Context {
  courses: TrainingCourse[];
  /** personId (lower case) → courseCode → latest completion date. */
  done: Map<string, Map<string, string>>;
  /** Active management (manager or director role), lower-case ids. */
  management: Set<string>;
  today: string;
}

function buildReport(ctx: Context, manager: Person, reports: Person[], month: string | null): TeamTrainingReport {
  const gapsOf = (p: Person) => missingTraining(ctx.courses, ctx.done.get(p.aadObjectId.toLowerCase()) ?? new Map(), ctx.management.has(p.aadObjectId.toLowerCase()), ctx.today);
  const staff: PersonGap[] = [];
  const management: PersonGap[] = [];
  for (const p of reports) {
    const gaps = gapsOf(p);
    if (gaps.all.length) staff.push({ personId: p.aadObjectId, name: p.displayName, unit: p.unit, missing: refs(gaps.all) });
    if (gaps.management.length) management.push({ personId: p.aadObjectId, name: p.displayName, unit: p.unit, missing: refs(gaps.management) });
  }
  const byName = (a: PersonGap, b: PersonGap) => a.name.localeCompare(b.name, 'sv');
  const own = gapsOf(manager);
  return {
    managerId: manager.aadObjectId,
    month,
    today: ctx.today,
    staffCount: reports.length,
    staff: staff.sort(byName).slice(0, MAX_LISTED),
    staffMissing: staff.length,
    management: management.sort(byName).slice(0, MAX_LISTED),
    own: { all: refs(own.all), management: refs(own.management) },
  };
}

async function managementIds(deps: Pick<Deps, 'store' | 'clock'>): Promise<Set<string>> {
  const [managers, directors] = await Promise.all([holdersOf(deps, 'manager'), holdersOf(deps, 'director')]);
  return new Set([...managers, ...directors].map((id) => id.toLowerCase()));
}

async function activeReports(deps: Pick<Deps, 'directory'>, managerId: string): Promise<Person[]> {
  // Staff only: a guest or a disabled account is not expected to take the administration's courses.
  return (await deps.directory.reportsOf(managerId)).filter(isAdmitted);
}

/** Completions of a few people, by the indexed `personId` (for a report asked for in chat). */
async function completionsOf(deps: Pick<Deps, 'store'>, ids: string[]): Promise<Map<string, Map<string, string>>> {
  const all: RecordOf<'Trainings'>[] = [];
  const queue = [...new Set(ids)];
  await Promise.all(
    Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        for await (const c of deps.store.queryAll('Trainings', { where: [{ field: 'personId', op: 'eq', value: id }] })) all.push(c.data);
      }
    }),
  );
  return latestCompletions(all);
}

export interface MyTraining {
  today: string;
  management: boolean;
  /** The actor's own gaps. */
  own: { all: CourseRef[]; management: CourseRef[] };
  /** The actor's team, when they are a manager or the director (null otherwise). */
  team: TeamTrainingReport | null;
}

/** `utbildning` in chat: the actor's own status and, for management, their team's. */
export async function myTraining(deps: Deps, actor: Actor): Promise<MyTraining> {
  const today = stockholmDate(deps.clock.now());
  const isMgmt = isManagement(actor.roles);
  const reports = isMgmt ? await activeReports(deps, actor.id) : [];
  const [courses, done, management] = await Promise.all([listCourses(deps), completionsOf(deps, [actor.id, ...reports.map((p) => p.aadObjectId)]), managementIds(deps)]);
  const ctx: Context = { courses, done, management, today };
  const self: Person = actor.person ?? { aadObjectId: actor.id, displayName: '', email: '', unit: actor.unit, managerAadObjectId: null, accountEnabled: true, userType: 'Member', external: false };
  const team = isMgmt ? buildReport(ctx, self, reports, null) : null;
  const own = missingTraining(courses, done.get(actor.id.toLowerCase()) ?? new Map(), isMgmt, today);
  return { today, management: isMgmt, own: { all: refs(own.all), management: refs(own.management) }, team };
}

// ── the monthly reminder ────────────────────────────────────────────────────

export interface ReminderRun {
  month: string;
  /** False outside the month's reminder window (first weekday from REMINDER_FROM_HOUR, REMINDER_WINDOW_DAYS days). */
  due: boolean;
  managers: number;
  reminded: string[];
}

/**
 * Queues this month's reminder for every manager (and the director) with a gap in their team or
 * in their own training. Once per manager and month, however often and on however many instances
 * it runs: the outbox key is `training-reminder:<month>:<manager>`. Managers with nothing missing
 * get no card. The outbox worker delivers them paced under Teams' limits.
 */
export async function queueMonthlyTrainingReminders(deps: Deps, now: Date): Promise<ReminderRun> {
  const today = stockholmDate(now);
  const month = today.slice(0, 7);
  const run: ReminderRun = { month, due: false, managers: 0, reminded: [] };
  const first = firstWeekdayOfMonth(month);
  if (today < first || (today === first && stockholmWallTime(now).hour < REMINDER_FROM_HOUR) || today > addDaysToDate(first, REMINDER_WINDOW_DAYS - 1)) return run;
  run.due = true;
  // Done for this month (the audit entry is written last): nothing to recompute every hour.
  if (await deps.store.findByKey('AuditLog', `audit:${REMINDERS_DONE(month)}`)) return run;

  const [courses, management] = await Promise.all([listCourses(deps), managementIds(deps)]);
  if (!courses.some((c) => c.mandatory)) return run;
  const completions: RecordOf<'Trainings'>[] = [];
  for await (const c of deps.store.queryAll('Trainings')) completions.push(c.data);
  const ctx: Context = { courses, done: latestCompletions(completions), management, today };

  const managers = (await deps.directory.getPeople([...management])).filter(isAdmitted).sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
  run.managers = managers.length;
  for (const manager of managers) {
    const report = buildReport(ctx, manager, await activeReports(deps, manager.aadObjectId), month);
    if (!reportHasGaps(report)) continue;
    const id = manager.aadObjectId.toLowerCase();
    await notify(deps, `training-reminder:${month}:${id}`, { to: { type: 'person', id: manager.aadObjectId }, card: TRAINING_REMINDER_CARD, payload: report, correlationKey: `training-reminder:${month}:${id}` });
    run.reminded.push(manager.aadObjectId);
  }
  await audit(deps, REMINDERS_DONE(month), {
    actorId: SYSTEM_ACTOR,
    action: 'training.reminders_queued',
    target: 'Trainings/monthly',
    summary: `Månadspåminnelse om obligatoriska utbildningar ${month}: ${run.reminded.length} av ${run.managers} chefer`,
    details: { month, managers: run.managers, reminded: run.reminded.length },
  });
  return run;
}
