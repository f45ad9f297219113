/**
 * The ambassador network's annual plan (årshjul): meetings with a theme and attendance.
 *
 * The bot posts an invitation to the network's channel a set number of days before each meeting
 * (setting `ambassadorInviteDays`), and a follow-up with the "take home to your unit" checklist the
 * day after it. Ambassadors mark their attendance on either card until the meeting closes.
 */
import { z } from 'zod';
import { AadObjectId, Line, OptionalText, UtcDateTime, WebUrl } from './common';
import { has, type ActorLike } from './policy/actor';
import { addStockholmDays, stockholmDate, stockholmWallTime } from './time';

export const Attendance = z.object({ personId: AadObjectId, unit: z.string().trim().max(50).nullable(), at: UtcDateTime });
export type Attendance = z.infer<typeof Attendance>;

export const AmbassadorMeeting = z.object({
  title: Line(255),
  startsAt: UtcDateTime,
  theme: Line(500),
  description: OptionalText(4_000),
  materialUrl: WebUrl.nullable(),
  /** "Take home to your unit" points for the follow-up card. */
  checklist: z.array(Line(300)).max(20),
  invitationSentAt: UtcDateTime.nullable(),
  followUpSentAt: UtcDateTime.nullable(),
  /** Set when ISAM cancels the meeting; a cancelled meeting gets no posts and no attendance. */
  cancelledAt: UtcDateTime.nullable(),
  attendance: z.array(Attendance).max(500),
});
export type AmbassadorMeeting = z.infer<typeof AmbassadorMeeting>;

/** Posts to the channel are made in office hours: from this Stockholm hour on the day they are due. */
export const POST_FROM_HOUR = 8;
/** Attendance can be marked until this many days after the meeting; then the record is closed. */
export const ATTENDANCE_CLOSES_DAYS = 14;

/** ISAM plans the årshjul (DOMAIN.md: ISAM runs the network's meetings). */
export const canPlanMeetings = (actor: ActorLike) => has(actor, 'isam');
/** Only ambassadors mark their own attendance. */
export const canMarkAttendance = (actor: ActorLike) => has(actor, 'ambassador');

export type MeetingPhase = 'planned' | 'invited' | 'held' | 'closed' | 'cancelled';

/**
 * Where a meeting is in its life: planned (no invitation yet), invited (invitation posted), held
 * (follow-up posted), closed (attendance no longer open), or cancelled.
 */
export function meetingPhase(m: AmbassadorMeeting, now: Date): MeetingPhase {
  if (m.cancelledAt) return 'cancelled';
  if (now.getTime() > attendanceClosesAt(m).getTime()) return 'closed';
  if (m.followUpSentAt) return 'held';
  if (m.invitationSentAt) return 'invited';
  return 'planned';
}

export const attendanceClosesAt = (m: Pick<AmbassadorMeeting, 'startsAt'>) => addStockholmDays(new Date(m.startsAt), ATTENDANCE_CLOSES_DAYS);

const inOfficeHours = (now: Date) => stockholmWallTime(now).hour >= POST_FROM_HOUR;

/** The Stockholm calendar date `days` before the meeting's date: the day its invitation is due. */
export function invitationDate(m: Pick<AmbassadorMeeting, 'startsAt'>, inviteDays: number): string {
  return stockholmDate(addStockholmDays(new Date(m.startsAt), -inviteDays));
}

/**
 * The invitation is due from office hours on the Stockholm day `inviteDays` before the meeting
 * (right away when the meeting is planned later than that, or starts within the day), and not
 * once the meeting has started.
 */
export function invitationDue(m: AmbassadorMeeting, now: Date, inviteDays: number): boolean {
  if (m.cancelledAt || m.invitationSentAt) return false;
  const startsAt = Date.parse(m.startsAt);
  if (now.getTime() >= startsAt) return false;
  if (stockholmDate(now) < invitationDate(m, inviteDays)) return false;
  return inOfficeHours(now) || startsAt - now.getTime() < 24 * 3_600_000;
}

/**
 * The follow-up is due from office hours on the day after the meeting, while attendance is open.
 * A meeting that was never announced (planned too late, or the channel was not linked) still gets
 * its follow-up: the checklist matters more than the invitation.
 */
export function followUpDue(m: AmbassadorMeeting, now: Date): boolean {
  if (m.cancelledAt || m.followUpSentAt) return false;
  if (stockholmDate(now) <= stockholmDate(new Date(m.startsAt))) return false;
  if (now.getTime() > attendanceClosesAt(m).getTime()) return false;
  return inOfficeHours(now);
}

/** Attendance is marked from the invitation until the meeting closes. */
export function attendanceOpen(m: AmbassadorMeeting, now: Date): boolean {
  const phase = meetingPhase(m, now);
  return phase === 'invited' || phase === 'held';
}

export interface UnitAttendance {
  unit: string;
  personIds: string[];
}

/** Attendance grouped by unit, units in Swedish order; people without a unit under "–". */
export function attendanceByUnit(m: Pick<AmbassadorMeeting, 'attendance'>): UnitAttendance[] {
  const units = new Map<string, string[]>();
  for (const a of m.attendance) {
    const unit = a.unit ?? '–';
    units.set(unit, [...(units.get(unit) ?? []), a.personId]);
  }
  return [...units.entries()].map(([unit, personIds]) => ({ unit, personIds })).sort((a, b) => a.unit.localeCompare(b.unit, 'sv'));
}

export const hasAttended = (m: Pick<AmbassadorMeeting, 'attendance'>, personId: string) => m.attendance.some((a) => a.personId.toLowerCase() === personId.toLowerCase());
