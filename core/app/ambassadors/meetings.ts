/**
 * The ambassador network's årshjul: ISAM plans the year's meetings; the scheduler posts each
 * meeting's invitation to the network's channel `ambassadorInviteDays` before it and a follow-up
 * with the "take home to your unit" checklist the day after; ambassadors mark their attendance on
 * either card, and the cards everyone sees show the attendance per unit (updated in place).
 *
 * Shared by the bot and the tab API: nothing here knows about cards. The channel cards are built by
 * bot/cards from the payloads in meeting-view.ts.
 */
import { canPlanMeetings, stockholmDate, stockholmInputToUtc, type RecordOf } from '../../domain';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, readSmall, wrongState, type Deps } from '../platform';
import { ambassadorUnits, fieldsOf, keyPart, LIST, parseInput, toView, updateCards, type MeetingView } from './meeting-view';

type Meeting = RecordOf<typeof LIST>;
type StoredMeeting = StoredOf<typeof LIST>;

/**
 * The årshjul: meetings from the start of `year` (default: this Stockholm year) to twelve months
 * ahead, in date order. Filters on the indexed `startsAt` only.
 */
export async function listMeetings(deps: Deps, actor: Actor, options: { year?: number } = {}): Promise<MeetingView[]> {
  const now = deps.clock.now();
  const year = options.year ?? Number(stockholmDate(now).slice(0, 4));
  const from = stockholmInputToUtc(`${year}-01-01`, '00:00');
  const to = stockholmInputToUtc(`${year + 1}-12-31`, '23:59');
  const meetings: StoredMeeting[] = [];
  for (const m of await readSmall(deps.store, LIST, { where: [{ field: 'startsAt', op: 'ge', value: from }, { field: 'startsAt', op: 'le', value: to }], orderBy: { field: 'startsAt' } })) meetings.push(m);
  const horizon = now.getTime() + 366 * 24 * 3_600_000;
  const units = await ambassadorUnits(deps);
  return Promise.all(meetings.filter((m) => Date.parse(m.data.startsAt) <= horizon).map((m) => toView(deps, actor, m, units)));
}

export async function getMeeting(deps: Deps, actor: Actor, id: string): Promise<MeetingView> {
  const stored = await deps.store.get(LIST, id);
  if (!stored) throw new NotFoundError(LIST, id);
  return toView(deps, actor, stored);
}

// ── ISAM plans ───────────────────────────────────────────────────────────────

/**
 * Plans a meeting. `key` identifies the form submission (a double click plans one meeting). The
 * invitation goes out on the scheduler's first run from its invitation date.
 */
export async function planMeeting(deps: Deps, actor: Actor, input: unknown, key: string): Promise<MeetingView> {
  if (!canPlanMeetings(actor)) throw forbidden('ambassadors.meeting.onlyIsam');
  const fields = fieldsOf(deps, parseInput(input));
  const recordKey = `meeting:${actor.id}:${key}`;
  const data: Meeting = { ...fields, invitationSentAt: null, followUpSentAt: null, cancelledAt: null, attendance: [] };
  const stored = await deps.store.create(LIST, recordKey, data);
  await audit(deps, `ambassador_meeting.planned:${recordKey}`, {
    actorId: actor.id,
    action: 'ambassador_meeting.planned',
    target: `${LIST}/${stored.id}`,
    summary: `Ambassadörsträff planerad ${stockholmDate(new Date(stored.data.startsAt))}: ${stored.data.title}`.slice(0, 500),
    details: { startsAt: stored.data.startsAt },
  });
  return toView(deps, actor, stored);
}

/** Changes a meeting read at `etag`, until it starts. A posted invitation is updated in place. */
export async function updateMeeting(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<MeetingView> {
  if (!canPlanMeetings(actor)) throw forbidden('ambassadors.meeting.onlyIsam');
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (current.data.cancelledAt) throw wrongState('ambassadors.meeting.isCancelled');
  if (Date.parse(current.data.startsAt) <= deps.clock.now().getTime()) throw wrongState('ambassadors.meeting.alreadyHeld');
  const fields = fieldsOf(deps, parseInput(input));
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const patch = Object.fromEntries(Object.entries(fields).filter(([f, v]) => JSON.stringify(v) !== JSON.stringify(current.data[f as keyof Meeting]))) as Partial<Meeting>;
  if (Object.keys(patch).length === 0) return toView(deps, actor, current);
  const updated = await deps.store.update(LIST, current, patch);
  await audit(deps, `ambassador_meeting.updated:${id}:${keyPart(current.etag)}`, {
    actorId: actor.id,
    action: 'ambassador_meeting.updated',
    target: `${LIST}/${id}`,
    summary: `Ambassadörsträff ändrad: ${updated.data.title}`.slice(0, 500),
    details: { changed: Object.keys(patch), startsAt: { from: current.data.startsAt, to: updated.data.startsAt } },
  });
  await updateCards(deps, updated, `edit:${keyPart(current.etag)}`);
  return toView(deps, actor, updated);
}

/** Cancels a meeting that has not started. A posted invitation turns into a cancellation. */
export async function cancelMeeting(deps: Deps, actor: Actor, id: string, etag: string): Promise<MeetingView> {
  if (!canPlanMeetings(actor)) throw forbidden('ambassadors.meeting.onlyIsam');
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (current.data.cancelledAt) return toView(deps, actor, current); // a repeated click
  if (Date.parse(current.data.startsAt) <= deps.clock.now().getTime()) throw wrongState('ambassadors.meeting.alreadyHeld');
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const updated = await deps.store.update(LIST, current, { cancelledAt: deps.clock.now().toISOString() });
  await audit(deps, `ambassador_meeting.cancelled:${id}`, {
    actorId: actor.id,
    action: 'ambassador_meeting.cancelled',
    target: `${LIST}/${id}`,
    summary: `Ambassadörsträff inställd: ${updated.data.title}`.slice(0, 500),
    details: { startsAt: updated.data.startsAt },
  });
  await updateCards(deps, updated, 'cancelled');
  return toView(deps, actor, updated);
}
