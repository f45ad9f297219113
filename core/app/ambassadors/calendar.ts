/**
 * The scheduler's job: posts each meeting's invitation and follow-up when due, keeps the posted cards
 * current, and tells ISAM (once per meeting) when the network has no linked channel to post to.
 */
import { followUpDue, invitationDue, SYSTEM_ACTOR, type RecordOf } from '../../domain';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { linkedChannel } from '../channels';
import { holdersOf } from '../people';
import { audit, notify, readSmall, type Deps } from '../platform';
import { ambassadorUnits, FOLLOW_UP_CARD, followUpCorrelation, invitationCorrelation, LIST, MEETING_CARD, meetingCards, NO_CHANNEL_CARD } from './meeting-view';

type Meeting = RecordOf<typeof LIST>;
type StoredMeeting = StoredOf<typeof LIST>;

export interface CalendarRun {
  invited: string[];
  followedUp: string[];
  /** Cards brought up to date because the latest one queued for them showed an older state. */
  resynced: string[];
}

/** The latest outbox entry queued for a channel card: what the card will show once delivered. */
async function latestQueued(deps: Pick<Deps, 'store'>, correlationKey: string): Promise<StoredOf<'Outbox'> | null> {
  const page = await deps.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: correlationKey }], pageSize: 500 });
  return page.items.filter((e) => e.data.targetType === 'channel').sort((a, b) => a.data.createdAt.localeCompare(b.data.createdAt) || Number(a.id) - Number(b.id)).at(-1) ?? null;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs the årshjul: posts invitations and follow-ups that are due, and brings every posted card to
 * the meeting's current state. Safe to run any number of times, on any number of instances: each
 * post's outbox key derives from the meeting and the step, each resync's from the entry it
 * supersedes, so a second run (or a second instance) adds nothing.
 */
export async function runAmbassadorCalendar(deps: Deps, now: Date): Promise<CalendarRun> {
  const run: CalendarRun = { invited: [], followedUp: [], resynced: [] };
  const day = 24 * 3_600_000;
  const from = new Date(now.getTime() - (16 * day)).toISOString();
  const to = new Date(now.getTime() + (deps.settings.ambassadorInviteDays + 2) * day).toISOString();
  const meetings: StoredMeeting[] = [];
  for (const m of await readSmall(deps.store, LIST, { where: [{ field: 'startsAt', op: 'ge', value: from }, { field: 'startsAt', op: 'le', value: to }] })) meetings.push(m);
  if (meetings.length === 0) return run;

  const channel = await linkedChannel(deps, 'ambassadors');
  const units = await ambassadorUnits(deps);
  const nowIso = now.toISOString();

  for (let stored of meetings) {
    const id = stored.id;
    const due = { invitation: invitationDue(stored.data, now, deps.settings.ambassadorInviteDays), followUp: followUpDue(stored.data, now) };
    if ((due.invitation || due.followUp) && !channel) {
      // Nowhere to post: tell ISAM once per meeting, and post when the channel is linked.
      for (const isam of await holdersOf(deps, 'isam')) {
        await notify(deps, `ambassador-meeting:${id}:no-channel`, { to: { type: 'person', id: isam }, card: NO_CHANNEL_CARD, payload: { meetingId: id, title: stored.data.title, startsAt: stored.data.startsAt }, correlationKey: `ambassador-meeting:${id}:no-channel` });
      }
      continue;
    }
    if (due.invitation) {
      const cards = await meetingCards(deps, { ...stored, data: { ...stored.data, invitationSentAt: nowIso } }, units);
      await notify(deps, `${invitationCorrelation(id)}:posted`, { to: { type: 'channel', role: 'ambassadors' }, card: MEETING_CARD, payload: cards.invitation!, correlationKey: invitationCorrelation(id) });
      stored = await markSent(deps, stored, { invitationSentAt: nowIso });
      await audit(deps, `ambassador_meeting.invited:${id}`, { actorId: SYSTEM_ACTOR, action: 'ambassador_meeting.invited', target: `${LIST}/${id}`, summary: `Inbjudan till ambassadörsträff postad: ${stored.data.title}`.slice(0, 500), details: {} });
      run.invited.push(id);
    } else if (due.followUp) {
      const sent = { ...stored, data: { ...stored.data, followUpSentAt: nowIso } };
      const cards = await meetingCards(deps, sent, units);
      await notify(deps, `${followUpCorrelation(id)}:posted`, { to: { type: 'channel', role: 'ambassadors' }, card: FOLLOW_UP_CARD, payload: cards.followUp!, correlationKey: followUpCorrelation(id) });
      stored = await markSent(deps, stored, { followUpSentAt: nowIso });
      await audit(deps, `ambassador_meeting.followed_up:${id}`, { actorId: SYSTEM_ACTOR, action: 'ambassador_meeting.followed_up', target: `${LIST}/${id}`, summary: `Uppföljning av ambassadörsträff postad: ${stored.data.title}`.slice(0, 500), details: {} });
      run.followedUp.push(id);
    }
    // Every posted card shows the current state: the invitation becomes "held" once the follow-up is
    // out, both close, a card that lost a race to a concurrent attendance mark is corrected.
    const cards = await meetingCards(deps, stored, units);
    for (const [payload, correlationKey, card] of [
      [cards.invitation, invitationCorrelation(id), MEETING_CARD],
      [cards.followUp, followUpCorrelation(id), FOLLOW_UP_CARD],
    ] as const) {
      if (!payload) continue;
      const latest = await latestQueued(deps, correlationKey);
      if (!latest || sameJson(latest.data.payload, payload)) continue;
      await notify(deps, `${correlationKey}:sync:${latest.id}`, { to: { type: 'channel', role: 'ambassadors' }, card, payload, correlationKey });
      run.resynced.push(correlationKey);
    }
  }
  return run;
}

/**
 * Records that a post was queued. The outbox entry exists already (its key makes it once), so a
 * conflict — ISAM editing, or another instance marking at the same moment — only means re-reading.
 */
async function markSent(deps: Deps, stored: StoredMeeting, patch: Pick<Partial<Meeting>, 'invitationSentAt' | 'followUpSentAt'>): Promise<StoredMeeting> {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await deps.store.update(LIST, stored, patch);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const now = await deps.store.get(LIST, stored.id);
      if (!now) throw new NotFoundError(LIST, stored.id);
      const field = Object.keys(patch)[0] as 'invitationSentAt' | 'followUpSentAt';
      if (now.data[field]) return now;
      stored = now;
    }
  }
  throw new ConflictError(LIST, stored.id);
}
