/**
 * What ISAM fills in for a meeting, and what cards and the tab show of it: the card payloads with
 * attendance per unit, the view with what the actor may do, and keeping the channel's cards current.
 */
import { z } from 'zod';
import {
  attendanceByUnit,
  attendanceClosesAt,
  attendanceOpen,
  CalendarDate,
  canMarkAttendance,
  canPlanMeetings,
  hasAttended,
  i18nKey,
  invitationDate,
  Line,
  meetingPhase,
  OptionalText,
  stockholmDate,
  stockholmInputToUtc,
  utcToStockholmInput,
  WebUrl,
  type MeetingPhase,
  type RecordOf,
} from '../../domain';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { notify, readSmall, type Deps } from '../platform';

export const LIST = 'AmbassadorMeetings';
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

export function parseInput(input: unknown) {
  const result = MeetingInput.safeParse(input);
  if (!result.success) throw new RecordValidationError(LIST, issuesFromZod(result.error));
  return result.data;
}

const issue = (field: string, messageKey: ValidationIssue['messageKey']): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params: {} });

/** The record fields an input sets; a meeting must lie in the future. */
export function fieldsOf(deps: Pick<Deps, 'clock'>, input: z.output<typeof MeetingInput>) {
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
export async function ambassadorUnits(deps: Pick<Deps, 'store' | 'clock'>): Promise<Map<string, string | null>> {
  const today = stockholmDate(deps.clock.now());
  const byPerson = new Map<string, string | null>();
  for (const a of await readSmall(deps.store, 'Roles', { where: [{ field: 'role', op: 'eq', value: 'ambassador' }] })) {
    if (a.data.active && (a.data.validTo === null || a.data.validTo >= today)) byPerson.set(a.data.personId.toLowerCase(), a.data.unit);
  }
  return byPerson;
}

export async function summarise(deps: Pick<Deps, 'store' | 'clock' | 'directory'>, m: Meeting, units?: Map<string, string | null>): Promise<AttendanceSummary> {
  const network = units ?? (await ambassadorUnits(deps));
  const people = m.attendance.length ? await deps.directory.getPeople(m.attendance.map((a) => a.personId)) : [];
  const name = new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
  const grouped = attendanceByUnit(m).map((u) => ({ unit: u.unit, names: u.personIds.map((id) => name.get(id.toLowerCase()) ?? '–').sort((a, b) => a.localeCompare(b, 'sv')) }));
  const present = new Set(grouped.map((u) => u.unit));
  const expected = [...new Set([...network.values()].filter((u): u is string => Boolean(u)))];
  return { total: m.attendance.length, units: grouped, missingUnits: expected.filter((u) => !present.has(u)).sort((a, b) => a.localeCompare(b, 'sv')) };
}

export function payloadOf(stored: StoredMeeting, state: MeetingCardPayload['state'], attendance: AttendanceSummary): MeetingCardPayload {
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
export function cardStates(m: Meeting, now: Date): { invitation: MeetingCardPayload['state']; followUp: MeetingCardPayload['state'] } {
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

export async function toView(deps: Deps, actor: Actor, stored: StoredMeeting, units?: Map<string, string | null>): Promise<MeetingView> {
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
export async function updateCards(deps: Deps, stored: StoredMeeting, operation: string, known?: MeetingCards): Promise<MeetingCards> {
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
export const keyPart = (etag: string) => etag.replace(/[^A-Za-z0-9-]/g, '');
