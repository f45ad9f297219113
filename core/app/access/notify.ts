/**
 * Where access notifications go and how they are named. Every card the access feature sends has a
 * correlation key per record (and recipient, which the outbox adds), so a later change of the record
 * replaces the card people already have instead of posting a second one.
 */
import { holdersOf, type Actor } from '../people';
import { linkedChannel } from '../channels';
import { outboxRecords, type Deps, type Notification, type Recipient } from '../platform';
import type { AssetRef, PersonRef, RequestView } from './views';

/** Card names, registered by bot/features/access.ts. */
export const ACCESS_CARDS = {
  decision: 'access.decision',
  notice: 'access.notice',
  task: 'access.task',
  review: 'access.review',
  reminder: 'access.reminder',
  campaign: 'access.campaign',
  leaver: 'access.leaver',
} as const;

export const correlation = {
  /** The decision card each owner/delegate has. */
  decider: (requestId: string) => `access:${requestId}:decider`,
  /** The administrative unit's task card. */
  task: (requestId: string) => `access:${requestId}:task`,
  /** A one-off message about a request (decided, done): each is its own message. */
  notice: (requestId: string, event: string) => `access:${requestId}:notice:${event}`,
  review: (reviewId: string) => `access:review:${reviewId}`,
  campaign: (campaignId: string) => `access:campaign:${campaignId}`,
  proposal: (period: string) => `access:proposal:${period}`,
  leaver: (leaverId: string) => `access:leaver:${leaverId}`,
  leaverTasks: (leaverId: string) => `access:leaver:${leaverId}:tasks`,
};

/**
 * The administrative unit: its linked channel (`koppla admin`), or — when no channel is linked —
 * each member personally, so that no approved change is lost for want of a channel.
 */
export async function adminUnit(deps: Pick<Deps, 'store' | 'clock'>): Promise<Recipient[]> {
  if (await linkedChannel(deps, 'admin')) return [{ type: 'channel', role: 'admin' }];
  return (await holdersOf(deps, 'admin_unit')).map((id) => ({ type: 'person', id }));
}

export const person = (id: string): Recipient => ({ type: 'person', id });

/**
 * Sends one card to several recipients: one outbox `$batch` for all of them. The entries' keys derive
 * from the operation and the card's correlation key, so one operation may send different cards to the
 * same person (a decision card and a notice) and a repeat of it sends nothing twice.
 */
export async function sendCard(deps: Pick<Deps, 'store' | 'clock'>, operationKey: string, to: Recipient[], card: string, payload: Record<string, unknown>, correlationKey: string): Promise<void> {
  const records = cardRecord(deps, operationKey, to, card, payload, correlationKey);
  if (records.length) await deps.store.createAll(records);
}

/** The outbox items `sendCard` writes, for `finish` (one `$batch` with the audit entry). */
export function cardRecord(deps: Pick<Deps, 'clock'>, operationKey: string, to: Recipient[], card: string, payload: Record<string, unknown>, correlationKey: string) {
  const seen = new Set<string>();
  const unique = to.filter((r) => !seen.has(target(r)) && seen.add(target(r)));
  return outboxRecords(deps, `${operationKey}/${correlationKey}`, unique.map((r) => ({ to: r, card, payload, correlationKey })));
}

export interface Outgoing {
  to: Recipient[];
  card: string;
  payload: Record<string, unknown>;
  correlationKey: string;
}

export async function sendCards(deps: Pick<Deps, 'store' | 'clock'>, operationKey: string, items: Outgoing[]): Promise<void> {
  const records = cardRecords(deps, operationKey, items);
  if (records.length) await deps.store.createAll(records);
}

const target = (r: Recipient) => (r.type === 'channel' ? `c:${r.role}` : `${r.type}:${r.id.toLowerCase()}`);

/**
 * The outbox items of several cards of one operation, for one `$batch` (with the audit entry, through
 * `finish`). A recipient of two cards gets both: the second under a key that names its correlation.
 * The same person twice in one card's list gets it once.
 */
export function cardRecords(deps: Pick<Deps, 'clock'>, operationKey: string, items: Outgoing[]) {
  const first: Notification[] = [];
  const taken = new Set<string>();
  const later: Outgoing[] = [];
  for (const item of items) {
    const repeated: Recipient[] = [];
    const own = new Set<string>();
    for (const r of item.to) {
      const k = target(r);
      if (own.has(k)) continue; // the same person twice in one card's list
      own.add(k);
      if (taken.has(k)) repeated.push(r);
      else {
        taken.add(k);
        first.push({ to: r, card: item.card, payload: item.payload, correlationKey: item.correlationKey });
      }
    }
    if (repeated.length) later.push({ ...item, to: repeated });
  }
  return [
    ...outboxRecords(deps, operationKey, first),
    ...later.flatMap((l) => outboxRecords(deps, `${operationKey}/${l.correlationKey}`, l.to.map((r) => ({ to: r, card: l.card, payload: l.payload, correlationKey: l.correlationKey })))),
  ];
}

// ── notification payloads (what bot/cards/access-*.ts render) ─────────────

/** One-off messages to the requester, the subject, the recorder of a leaver or ISAM. */
export type NoticePayload =
  | { event: 'submitted'; request: RequestView }
  | { event: 'approved' | 'denied'; request: RequestView }
  | { event: 'done'; audience: 'requester' | 'subject'; request: RequestView }
  | { event: 'cancelled'; request: RequestView }
  | { event: 'leaverDone'; leaver: LeaverView }
  | { event: 'campaignCompleted'; campaign: CampaignView };

export interface LeaverTaskRow {
  requestId: string;
  asset: AssetRef | null;
  role: string;
  status: RequestView['status'];
  completedBy: PersonRef | null;
  completedAt: string | null;
}

export interface LeaverView {
  id: string;
  person: PersonRef;
  lastDay: string;
  recordedBy: PersonRef | null;
  recordedAt: string;
  processedAt: string | null;
  /** Active grants now (before the day) or the termination tasks (after it). */
  activeGrants: number;
  tasks: LeaverTaskRow[];
}

export interface CampaignView {
  id: string;
  name: string;
  period: string;
  status: 'running' | 'completed';
  startedBy: PersonRef;
  startedAt: string;
  dueAt: string;
  completedAt: string | null;
  reviews: number;
  completedReviews: number;
  grants: number;
  kept: number;
  removed: number;
  /** Owners who have not finished, for ISAM's overview (at most 20). */
  waitingFor: { owner: PersonRef; asset: AssetRef | null; pending: number }[];
}

export const actorRef = (actor: Actor): PersonRef => ({ id: actor.id, name: actor.person?.displayName ?? null, unit: actor.unit });
