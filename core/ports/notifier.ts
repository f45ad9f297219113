/**
 * Notifier: sends a rendered card to a Teams conversation. Called by the outbox worker only; use
 * cases write outbox entries instead of calling this directly, so nothing is lost on a crash.
 */
export type NotificationTarget =
  | { type: 'person'; aadObjectId: string }
  | { type: 'channel'; role: string }
  | { type: 'conversation'; conversationId: string };

export interface SentMessage {
  conversationId: string;
  activityId: string;
}

export interface Notifier {
  /** Sends a new message, or replaces `previous` when given. */
  send(target: NotificationTarget, card: unknown, previous?: SentMessage | null, summary?: string): Promise<SentMessage>;
}
