/**
 * Outbox: every notification is written here before it is sent; the worker delivers at least once,
 * paced under Teams' rate limits. `correlationKey` names the message a later update replaces
 * (e.g. "incident:42:isam"), so the card shows current state and duplicates are harmless.
 */
import { z } from 'zod';
import { Line, UtcDateTime } from './common';

/** pending → sending (claimed by one worker) → sent; failures go back to pending with a later nextAttemptAt, then dead. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

export const OutboxEntry = z.object({
  /** person = 1:1 chat with an aadObjectId; channel = the channel linked to a role; conversation = an id. */
  targetType: z.enum(['person', 'channel', 'conversation']),
  targetId: Line(255),
  /** Card template name in bot/cards. */
  card: Line(100),
  /** Template data; never contains secrets. */
  payload: z.record(z.string(), z.unknown()),
  correlationKey: Line(255),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().min(0),
  nextAttemptAt: UtcDateTime,
  lastError: z.string().max(2_000).nullable(),
  sentAt: UtcDateTime.nullable(),
  /** The Teams activity id once sent: later updates replace this message. */
  activityId: z.string().max(500).nullable(),
  conversationId: z.string().max(500).nullable(),
  /** Which worker claimed it and until when (a crashed worker's claim expires). */
  claimedBy: z.string().max(200).nullable(),
  claimedUntil: UtcDateTime.nullable(),
  createdAt: UtcDateTime,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
