/**
 * The ambassador network's årshjul: ISAM plans the year's meetings; the scheduler posts each
 * meeting's invitation to the network's channel `ambassadorInviteDays` before it and a follow-up
 * with the "take home to your unit" checklist the day after; ambassadors mark their attendance on
 * either card, and the cards everyone sees show the attendance per unit (updated in place).
 *
 * Shared by the bot and the tab API: nothing here knows about cards. The channel cards are built by
 * bot/cards from the payloads below.
 */
import { z } from 'zod';
import {
  attendanceByUnit,
  attendanceClosesAt,
  attendanceOpen,
  CalendarDate,
  canMarkAttendance,
  canPlanMeetings,
  followUpDue,
  hasAttended,
  i18nKey,
  invitationDate,
  invitationDue,
  Line,
  meetingPhase,
  OptionalText,
  stockholmDate,
  stockholmInputToUtc,
  SYSTEM_ACTOR,
  utcToStockholmInput,
  WebUrl,
  type MeetingPhase,
  type RecordOf,
} from '../../domain';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { holdersOf, type Actor } from '../people';
import { audit, type Deps, forbidden, Refused, wrongState, notify } from '../platform';
import { linkedChannel } from '../channels';

const LIST = 'AmbassadorMeetings';
type Meeting = RecordOf<typeof LIST>;
type StoredMeeting = StoredOf<typeof LIST>;

/** Notification cards (registered by bot/features/ambassadors.ts). */
export const MEETING_CARD = 'ambassadors.meeting';
export const FOLLOW_UP_CARD = 'ambassadors.followUp';
export const NO_CHANNEL_CARD = 'ambassadors.noChannel';

/** The message each card replaces in the channel: one invitation and one follow-up per meeting. */
export const invitationCorrelation = (meetingId: string) => `ambassador-meeting:${meetingId}:invitation`;
export const followUpCorrelation = (meetingId: string) => `ambassador-meeting:${meetingId}:follow-up`;

// ── input ────────────────────────────────────────────────────────────────────

/** What ISAM fills in: the Stockholm date and time, the theme, material and checklist. */
export const MeetingInput = z.strictObject({
  date: CalendarDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: i18nKey('ambassadors.meeting.badTime') }),
  theme: Line(500),
  description: OptionalText(4_000).default(null),
  materialUrl: WebUrl.nullable().default(null),
  checklist: z.array(Line(300)).max(20).default([]),
});
export type MeetingInput = z.input<typeof MeetingInput>;

function parseInput(input: unknown) {
  const result = MeetingInput.safeParse(input);
  if (!result.success) throw new RecordValidationError(LIST, issuesFromZod(result.error));
  return result.data;
}

const issue = (field: string, messageKey: ValidationIssue['messageKey']): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params: {} });

/** The record fields an input sets; a meeting must lie in the future. */
function fieldsOf(deps: Pick<Deps, 'clock'>, input: z.output<typeof MeetingInput>) {
  const startsAt = stockholmInputToUtc(input.date, input.time);
  if (Date.parse(startsAt) <= deps.clock.now().getTime()) throw new RecordValidationError(LIST, [issue('date', 'ambassadors.meeting.inPast')]);
  const title = input.theme.length > 255 ? `${input.theme.slice(0, 254)}…` : input.theme;
  return { title, startsAt, theme: input.theme, description: input.description, materialUrl: input.materialUrl, checklist: input.checklist };
}

// ── what cards and the tab show ─────────────────────────────────────────────

export interface AttendanceSummary {
  total: number;
  /** Units with at least one ambassador present, and who. */
  units: { unit: string; names: string[] }[];
  /** Units that have ambassadors but none marked present (yet). */
  missingUnits: string[];
}

/**
 * The data of a channel card. `state`: open (attendance can be marked), held (the invitation after
 * the follow-up was posted: the follow-up takes over), closed (attendance no longer open), cancelled.
 */
export const MeetingCardPayload = z.object({
  meetingId: z.string(),
  state: z.enum(['open', 'held', 'closed', 'cancelled']),
  title: z.string(),
  theme: z.string(),
  description: z.string().nullable(),
  startsAt: z.string(),
  materialUrl: z.string().nullable(),
  checklist: z.array(z.string()),
  closesAt: z.string(),
  attendance: z.object({
    total: z.number(),
    units: z.array(z.object({ unit: z.string(), names: z.array(z.string()) })),
    missingUnits: z.array(z.string()),
  }),
});
export type MeetingCardPayload = z.infer<typeof MeetingCardPayload>;

export interface MeetingView {
  id: string;
  etag: string;
  title: string;
  theme: string;
  description: string | null;
  startsAt: string;
  /** Stockholm form values of `startsAt`. */
  date: string;
  time: string;
  materialUrl: string | null;
  checklist: string[];
  phase: MeetingPhase;
  /** The Stockholm date the invitation is (or was) due. */
  invitationDate: string;
  invitationSentAt: string | null;
  followUpSentAt: string | null;
  attendance: AttendanceSummary;
  canEdit: boolean;
  canAttend: boolean;
  attended: boolean;
}

/** Units the network covers: those of the active ambassador role assignments. */
async function ambassadorUnits(deps: Pick<Deps, 'store' | 'clock'>): Promise<Map<string, string | null>> {
  const today = stockholmDate(deps.clock.now());
  const byPerson = new Map<string, string | null>();
  for await (const a of deps.store.queryAll('Roles', { where: [{ field: 'role', op: 'eq', value: 'ambassador' }] })) {
    if (a.data.active && (a.data.validTo === null || a.data.validTo >= today)) byPerson.set(a.data.personId.toLowerCase(), a.data.unit);
  }
  return byPerson;
}

async function summarise(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, m: Meeting, units?: Map<string, string | null>): Promise<AttendanceSummary> {
  const network = units ?? (await ambassadorUnits(deps));
  const people = m.attendance.length ? await deps.directory.getPeople(m.attendance.map((a) => a.personId)) : [];
  const name = new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
  const grouped = attendanceByUnit(m).map((u) => ({ unit: u.unit, names: u.personIds.map((id) => name.get(id.toLowerCase()) ?? '–').sort((a, b) => a.localeCompare(b, 'sv')) }));
  const present = new Set(grouped.map((u) => u.unit));
  const expected = [...new Set([...network.values()].filter((u): u is string => Boolean(u)))];
  return { total: m.attendance.length, units: grouped, missingUnits: expected.filter((u) => !present.has(u)).sort((a, b) => a.localeCompare(b, 'sv')) };
}

function payloadOf(stored: StoredMeeting, state: MeetingCardPayload['state'], attendance: AttendanceSummary): MeetingCardPayload {
  const m = stored.data;
  return {
    meetingId: stored.id,
    state,
    title: m.title,
    theme: m.theme,
    description: m.description,
    startsAt: m.startsAt,
    materialUrl: m.materialUrl,
    checklist: m.checklist,
    closesAt: attendanceClosesAt(m).toISOString(),
    attendance,
  };
}

/** The state each posted card should show now. */
function cardStates(m: Meeting, now: Date): { invitation: MeetingCardPayload['state']; followUp: MeetingCardPayload['state'] } {
  const phase = meetingPhase(m, now);
  if (phase === 'cancelled') return { invitation: 'cancelled', followUp: 'cancelled' };
  if (phase === 'closed') return { invitation: 'closed', followUp: 'closed' };
  return { invitation: m.followUpSentAt ? 'held' : 'open', followUp: 'open' };
}

/** The payloads of the cards this meeting has in the channel (null where none was posted). */
export interface MeetingCards {
  invitation: MeetingCardPayload | null;
  followUp: MeetingCardPayload | null;
  /** What a card would show before it is posted (the tab's preview, the bot's reply). */
  preview: MeetingCardPayload;
}

export async function meetingCards(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, stored: StoredMeeting, units?: Map<string, string | null>): Promise<MeetingCards> {
  const attendance = await summarise(deps, stored.data, units);
  const states = cardStates(stored.data, deps.clock.now());
  return {
    invitation: stored.data.invitationSentAt ? payloadOf(stored, states.invitation, attendance) : null,
    followUp: stored.data.followUpSentAt ? payloadOf(stored, states.followUp, attendance) : null,
    preview: payloadOf(stored, states.invitation === 'held' ? 'open' : states.invitation, attendance),
  };
}

async function toView(deps: Deps, actor: Actor, stored: StoredMeeting, units?: Map<string, string | null>): Promise<MeetingView> {
  const m = stored.data;
  const now = deps.clock.now();
  const phase = meetingPhase(m, now);
  const { date, time } = utcToStockholmInput(m.startsAt);
  return {
    id: stored.id,
    etag: stored.etag,
    title: m.title,
    theme: m.theme,
    description: m.description,
    startsAt: m.startsAt,
    date,
    time,
    materialUrl: m.materialUrl,
    checklist: m.checklist,
    phase,
    invitationDate: invitationDate(m, deps.settings.ambassadorInviteDays),
    invitationSentAt: m.invitationSentAt,
    followUpSentAt: m.followUpSentAt,
    attendance: await summarise(deps, m, units),
    canEdit: canPlanMeetings(actor) && (phase === 'planned' || phase === 'invited') && Date.parse(m.startsAt) > now.getTime(),
    canAttend: canMarkAttendance(actor) && attendanceOpen(m, now) && !hasAttended(m, actor.id),
    attended: hasAttended(m, actor.id),
  };
}

/** Posts the current state to the cards the meeting has in the channel (each replaced in place). */
async function updateCards(deps: Deps, stored: StoredMeeting, operation: string, known?: MeetingCards): Promise<MeetingCards> {
  const cards = known ?? (await meetingCards(deps, stored));
  if (cards.invitation) {
    await notify(deps, `${invitationCorrelation(stored.id)}:${operation}`, { to: { type: 'channel', role: 'ambassadors' }, card: MEETING_CARD, payload: cards.invitation, correlationKey: invitationCorrelation(stored.id) });
  }
  if (cards.followUp) {
    await notify(deps, `${followUpCorrelation(stored.id)}:${operation}`, { to: { type: 'channel', role: 'ambassadors' }, card: FOLLOW_UP_CARD, payload: cards.followUp, correlationKey: followUpCorrelation(stored.id) });
  }
  return cards;
}

/** An ETag as part of a key: only letters, digits and dashes. */
const keyPart = (etag: string) => etag.replace(/[^A-Za-z0-9-]/g, '');

// ── queries ──────────────────────────────────────────────────────────────────

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
  for await (const m of deps.store.queryAll(LIST, { where: [{ field: 'startsAt', op: 'ge', value: from }, { field: 'startsAt', op: 'le', value: to }], orderBy: { field: 'startsAt' } })) meetings.push(m);
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

// ── ambassadors mark attendance ─────────────────────────────────────────────

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
      return { recorded: false, unit: mine.unit, meeting: await toView(deps, actor, current, units), cards: await meetingCards(deps, current, units) };
    }
    unit ??= await representedUnit(deps, actor);
    let updated: StoredMeeting;
    try {
      updated = await deps.store.update(LIST, current, { attendance: [...current.data.attendance, { personId: actor.id, unit, at: now.toISOString() }] });
    } catch (error) {
      if (error instanceof ConflictError) continue; // someone else marked at the same moment: merge
      throw error;
    }
    await audit(deps, `ambassador_meeting.attended:${meetingId}:${actor.id.toLowerCase()}`, {
      actorId: actor.id,
      action: 'ambassador_meeting.attended',
      target: `${LIST}/${meetingId}`,
      summary: `Närvaro på ambassadörsträff ${stockholmDate(new Date(updated.data.startsAt))} (${unit ?? 'ingen enhet'})`,
      details: { unit },
    });
    const units = await ambassadorUnits(deps);
    const cards = await updateCards(deps, updated, `attendance:${actor.id.toLowerCase()}`, await meetingCards(deps, updated, units));
    return { recorded: true, unit, meeting: await toView(deps, actor, updated, units), cards };
  }
  throw new ConflictError(LIST, meetingId);
}

// ── the scheduler's job ─────────────────────────────────────────────────────

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
  for await (const m of deps.store.queryAll(LIST, { where: [{ field: 'startsAt', op: 'ge', value: from }, { field: 'startsAt', op: 'le', value: to }] })) meetings.push(m);
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
