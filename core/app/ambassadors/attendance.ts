/**
 * Ambassadors mark their attendance on the invitation or the follow-up card (or in the tab): one
 * mark per person and meeting, written with If-Match and retried, so marks at the same moment all count.
 */
import { attendanceOpen, canMarkAttendance, hasAttended, meetingPhase, stockholmDate } from '../../domain';
import { ConflictError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { auditRecord, finish, forbidden, Refused, wrongState, type Deps } from '../platform';
import { ambassadorUnits, LIST, meetingCards, toView, updateCards, type MeetingCards, type MeetingView } from './meeting-view';

type StoredMeeting = StoredOf<typeof LIST>;

const MARK_ATTEMPTS = 30;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface AttendanceResult {
  /** False when the ambassador had already marked it (nothing was written). */
  recorded: boolean;
  unit: string | null;
  meeting: MeetingView;
  cards: MeetingCards;
}

/** The unit an ambassador represents: their ambassador role's unit, else their own. */
async function representedUnit(deps: Deps, actor: Actor): Promise<string | null> {
  const page = await deps.store.query('Roles', { where: [{ field: 'personId', op: 'eq', value: actor.id }], pageSize: 100 });
  const role = page.items.find((r) => r.data.role === 'ambassador' && r.data.active && r.data.unit);
  return role?.data.unit ?? actor.unit;
}

/**
 * Marks the actor present at a meeting: once per ambassador and meeting however often it is
 * clicked (a repeat writes nothing), recorded with the unit they represent. Concurrent marks by
 * several ambassadors are merged (re-read on a conflict). The cards in the channel follow.
 */
export async function markAttendance(deps: Deps, actor: Actor, meetingId: string): Promise<AttendanceResult> {
  if (!canMarkAttendance(actor)) throw forbidden('ambassadors.attend.notAmbassador');
  let unit: string | null | undefined;
  // Many ambassadors may click in the same second: each conflict means one of them got in, so the
  // attempts bound the number of simultaneous clicks one person can lose to.
  for (let attempt = 0; attempt < MARK_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(Math.random() * 25 * Math.min(attempt, 8));
    const current = await deps.store.get(LIST, meetingId);
    if (!current) throw new Refused('not_found', 'ambassadors.meeting.notFound');
    const now = deps.clock.now();
    if (!attendanceOpen(current.data, now)) {
      const phase = meetingPhase(current.data, now);
      throw wrongState(phase === 'cancelled' ? 'ambassadors.attend.cancelled' : phase === 'planned' ? 'ambassadors.attend.notYet' : 'ambassadors.attend.closed');
    }
    if (hasAttended(current.data, actor.id)) {
      const mine = current.data.attendance.find((a) => a.personId.toLowerCase() === actor.id.toLowerCase())!;
      const units = await ambassadorUnits(deps);
      // Marked before: by a double click, or by a request that crashed before its audit entry and the
      // cards — which are written now if missing (idempotent by key).
      const { completed } = await attended(deps, actor, current, mine.unit);
      const cards = await updateCards(deps, current, `attendance:${actor.id.toLowerCase()}`, await meetingCards(deps, current, units));
      return { recorded: completed, unit: mine.unit, meeting: await toView(deps, actor, current, units), cards };
    }
    unit ??= await representedUnit(deps, actor);
    let updated: StoredMeeting;
    try {
      updated = await deps.store.update(LIST, current, { attendance: [...current.data.attendance, { personId: actor.id, unit, at: now.toISOString() }] });
    } catch (error) {
      if (error instanceof ConflictError) continue; // someone else marked at the same moment: merge
      throw error;
    }
    await attended(deps, actor, updated, unit);
    const units = await ambassadorUnits(deps);
    const cards = await updateCards(deps, updated, `attendance:${actor.id.toLowerCase()}`, await meetingCards(deps, updated, units));
    return { recorded: true, unit, meeting: await toView(deps, actor, updated, units), cards };
  }
  throw new ConflictError(LIST, meetingId);
}

/** The audit entry of one person's attendance (keyed by meeting and person: one per person and meeting). */
async function attended(deps: Deps, actor: Actor, meeting: StoredMeeting, unit: string | null): Promise<{ completed: boolean }> {
  return finish(deps, [
    auditRecord(deps, `ambassador_meeting.attended:${meeting.id}:${actor.id.toLowerCase()}`, {
      actorId: actor.id,
      action: 'ambassador_meeting.attended',
      target: `${LIST}/${meeting.id}`,
      summary: `Närvaro på ambassadörsträff ${stockholmDate(new Date(meeting.data.startsAt))} (${unit ?? 'ingen enhet'})`,
      details: { unit },
    }),
  ]);
}
