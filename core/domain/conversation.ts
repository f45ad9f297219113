/**
 * Where the bot can reach people and channels (PLATFORM.md: store conversation references per
 * tenant + conversation; refresh serviceUrl from each new activity), and scheduler leases.
 */
import { z } from 'zod';
import { AadObjectId, Line, UtcDateTime, WebUrl } from './common';

export const ConversationRef = z.object({
  tenantId: z.guid(),
  conversationId: Line(255),
  conversationType: z.enum(['personal', 'channel', 'groupChat']),
  /** The person, for a personal (1:1) conversation. */
  aadObjectId: AadObjectId.nullable(),
  serviceUrl: WebUrl,
  botId: Line(255),
  /** The person's Teams locale (sv-SE, en-GB…) from their latest activity; cards follow it. */
  locale: z.string().max(20).nullable(),
  updatedAt: UtcDateTime,
  /** Set when Teams answered 403/404: the reference is stale, do not retry it forever. */
  staleSince: UtcDateTime.nullable(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

/** A lease: one instance of a scaled-out server acts per scheduler tick. */
export const Lease = z.object({
  name: Line(100),
  holder: Line(200),
  until: UtcDateTime,
});
export type Lease = z.infer<typeof Lease>;
