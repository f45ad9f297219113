/**
 * Mandatory training: the course catalogue and completions per person (imported or recorded).
 *
 * All staff take the city's mandatory e-learning courses (`audience: all`); management — people
 * with the `manager` or `director` role — also takes the course in the cyber security law
 * (`audience: management`, Cybersäkerhetslagen 2 kap. 4 §), which is tracked separately.
 */
import { z } from 'zod';
import { AadObjectId, CalendarDate, Line, UtcDateTime } from './common';
import { has, type ActorLike } from './policy/actor';
import type { RoleKey } from './roles';

/** Empty is reported as missing (min 1), not as a code in the wrong format. */
export const CourseCode = z.string().trim().min(1).max(30).regex(/^[A-Z0-9-]{2,30}$/);

export const TrainingCourse = z.object({
  code: CourseCode,
  name: Line(255),
  mandatory: z.boolean(),
  /** `management`: the cyber security law course for management (Cybersäkerhetslagen 2 kap. 4 §). */
  audience: z.enum(['all', 'management']),
  /** How long a completion counts; null = for good. */
  validityMonths: z.number().int().min(1).max(120).nullable(),
});
export type TrainingCourse = z.infer<typeof TrainingCourse>;

export const TrainingCompletion = z.object({
  personId: AadObjectId,
  courseCode: CourseCode,
  unit: z.string().trim().max(50).nullable(),
  completedAt: CalendarDate,
  source: z.enum(['import', 'manual', 'seed']),
  recordedBy: AadObjectId.nullable(),
  recordedAt: UtcDateTime,
});
export type TrainingCompletion = z.infer<typeof TrainingCompletion>;

/**
 * One record per person, course and completion date, however it arrived: the e-learning import, a
 * manual record and a re-import of the same file all land on the same key. A course taken again
 * on a later date is a new record (the history stays).
 */
export const completionKey = (personId: string, courseCode: string, completedAt: string) => `training:${personId.toLowerCase()}:${courseCode}:${completedAt}`;

/** Management, for `audience: management` courses: people with the manager or director role. */
export const isManagement = (roles: Iterable<RoleKey>) => [...roles].some((r) => r === 'manager' || r === 'director');

/** ISAM and the administrative unit keep the training records (import and manual records). */
export const canRecordTraining = (actor: ActorLike) => has(actor, 'isam', 'admin_unit');

/** A calendar date `months` later; the 31st becomes the month's last day. */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** A completion counts on `today` while it is within the course's validity. */
export function completionValid(course: Pick<TrainingCourse, 'validityMonths'>, completedAt: string, today: string): boolean {
  return course.validityMonths === null || addMonthsToDate(completedAt, course.validityMonths) >= today;
}

export interface MissingTraining {
  /** Mandatory courses for all staff the person lacks. */
  all: TrainingCourse[];
  /** Management courses (the cyber security law) a manager or the director lacks. */
  management: TrainingCourse[];
}

/**
 * The mandatory courses a person lacks on `today`. `done` holds the person's completions as
 * `courseCode → latest completion date`.
 */
export function missingTraining(courses: readonly TrainingCourse[], done: ReadonlyMap<string, string>, management: boolean, today: string): MissingTraining {
  const lacks = (c: TrainingCourse) => {
    const at = done.get(c.code);
    return !at || !completionValid(c, at, today);
  };
  const mandatory = courses.filter((c) => c.mandatory);
  return {
    all: mandatory.filter((c) => c.audience === 'all' && lacks(c)),
    management: management ? mandatory.filter((c) => c.audience === 'management' && lacks(c)) : [],
  };
}

/** Latest completion date per person and course: `personId (lower case) → courseCode → date`. */
export function latestCompletions(completions: Iterable<Pick<TrainingCompletion, 'personId' | 'courseCode' | 'completedAt'>>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const c of completions) {
    const id = c.personId.toLowerCase();
    const byCourse = out.get(id) ?? new Map<string, string>();
    const before = byCourse.get(c.courseCode);
    if (!before || c.completedAt > before) byCourse.set(c.courseCode, c.completedAt);
    out.set(id, byCourse);
  }
  return out;
}

/**
 * The monthly reminder goes out on the month's first weekday (Monday–Friday; public holidays are
 * not known here), or on the first run after it.
 */
export function firstWeekdayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  for (let day = 1; day <= 7; day++) {
    const d = new Date(Date.UTC(y, m - 1, day));
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) return d.toISOString().slice(0, 10);
  }
  throw new Error('unreachable');
}
