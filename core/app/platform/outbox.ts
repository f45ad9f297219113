/**
 * Notifications are written to the outbox, never sent from a use case: a crash after the record was
 * saved loses no notification, and a retried operation adds none (the entry's key derives from the
 * operation). The worker in bot/outbox delivers them.
 */
import type { ChannelRole } from '../../domain';
import type { AnyNewRecord } from '../../ports/record-store';
import type { Deps } from './context';

export type Recipient = { type: 'person'; id: string } | { type: 'channel'; role: ChannelRole } | { type: 'conversation'; id: string };

export interface Notification {
  to: Recipient;
  /** Card name, registered by a bot feature (bot/features/*). */
  card: string;
  payload: Record<string, unknown>;
  /**
   * Names the message this one replaces for the same recipient (e.g. `incident:42:status`): the card
   * everyone already has is updated in place instead of a second card being posted.
   */
  correlationKey: string;
}

export async function notify(deps: Pick<Deps, 'store' | 'clock'>, operationKey: string, n: Notification): Promise<void> {
  await notifyAll(deps, operationKey, [n]);
}

/** Several notifications of one operation, written in one `$batch`. */
export async function notifyAll(deps: Pick<Deps, 'store' | 'clock'>, operationKey: string, list: Notification[]): Promise<void> {
  if (!list.length) return;
  await deps.store.createMany('Outbox', outboxRecords(deps, operationKey, list).map(({ key, data }) => ({ key, data })));
}

/** The outbox items `notifyAll` writes, as records for `finish` (one `$batch` with the audit entry). */
export function outboxRecords(deps: Pick<Deps, 'clock'>, operationKey: string, list: Notification[]) {
  const now = deps.clock.now().toISOString();
  return list.map((n) => ({ list: 'Outbox' as const, ...entry(n, operationKey, now) }));
}

/**
 * The follow-up writes of one operation — its audit entry and its outbox items — in one round trip
 * (`createAll`: a Graph `$batch`). Each is idempotent by key, so a use case runs `finish` on EVERY
 * path, also when it finds its record already stored (a retry after a crash, a double click): what
 * a crash left unwritten is written then, and nothing is written twice. Says whether this call wrote
 * the audit entry (the first record), i.e. whether it is the one that completed the operation.
 */
export async function finish(deps: Pick<Deps, 'store'>, records: readonly AnyNewRecord[]): Promise<{ completed: boolean }> {
  if (!records.length) return { completed: false };
  const done = await deps.store.createAll(records);
  return { completed: done[0]!.created };
}

function entry(n: Notification, operationKey: string, now: string) {
  const targetId = n.to.type === 'channel' ? n.to.role : n.to.id;
  return {
    key: `outbox:${operationKey}:${n.to.type}:${targetId}`,
    data: {
      targetType: n.to.type,
      targetId,
      card: n.card,
      payload: n.payload,
      correlationKey: n.correlationKey,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      sentAt: null,
      activityId: null,
      conversationId: null,
      claimedBy: null,
      claimedUntil: null,
      createdAt: now,
    },
  };
}
