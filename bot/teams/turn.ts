/**
 * What a feature handler sees of one incoming activity. The actor is `activity.from.aadObjectId`,
 * checked by the bot before any handler runs; nothing in card data says who someone is.
 */
import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import type { Locale } from '../../core/i18n';
import type { RecordLinks } from '../cards/links';
import type { AdaptiveCard } from '../cards/render';
import type { Job } from '../scheduler/scheduler';

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export interface Turn {
  context: TurnContext;
  deps: Deps;
  /** Loaded lazily: most text commands never need roles. */
  actor(): Promise<Actor>;
  actorId: string;
  locale: Locale;
  tenantId: string;
  conversationType: ConversationType;
  conversationId: string;
  /** Idempotency key for writes caused by this activity (its id; stable across Teams' retries). */
  activityKey: string;
  /** Sends a card (or text) into this conversation. */
  reply(message: AdaptiveCard | string): Promise<void>;
  /** Links from cards to records in the tab. */
  links: RecordLinks;
}

/** The result of an Action.Execute: the card that replaces the one the person clicked. */
export type ActionResult = { card: AdaptiveCard } | { message: string };

export interface TextCommand {
  /** Matched against the message text, lower-cased, mention removed, whitespace collapsed. */
  pattern: RegExp;
  /** Where the command is offered. */
  in: ConversationType[];
  run(turn: Turn, match: RegExpMatchArray): Promise<void>;
}

export interface CardAction {
  /** Action.Execute verb, e.g. `incident.report.next`. */
  verb: string;
  run(turn: Turn, data: Record<string, unknown>): Promise<ActionResult>;
}

/** A message-extension action command (e.g. "Rapportera som incident" on a message). */
export interface MessageAction {
  commandId: string;
  /** composeExtension/fetchTask: the card for the task module. */
  open(turn: Turn, message: { text: string; from: string | null; createdAt: string | null }): Promise<AdaptiveCard>;
  /** composeExtension/submitAction from that card. */
  submit(turn: Turn, data: Record<string, unknown>): Promise<ActionResult>;
}

/**
 * Dynamic typeahead for Input.ChoiceSet (`choices.data: { type: 'Data.Query', dataset }`): Teams
 * sends an `application/search` invoke with the typed text; results are { title, value }.
 */
export interface ChoiceSearch {
  dataset: string;
  run(turn: Turn, query: string, limit: number): Promise<{ title: string; value: string }[]>;
}

/** What a notification card builder gets besides the payload and the recipient's language. */
export interface NotificationContext {
  links: RecordLinks;
}

/** Builds a notification card from an outbox entry's payload, in the recipient's language. */
export type NotificationCard = (payload: Record<string, unknown>, locale: Locale, context: NotificationContext) => AdaptiveCard;

/**
 * A notification: its card, and optionally the plain-text summary Teams shows in toasts and the
 * activity feed (without one, the card's heading is used: bot/outbox/worker.ts).
 */
export type NotificationDef = NotificationCard | { card: NotificationCard; summary: (payload: Record<string, unknown>, locale: Locale) => string };

/** A feature's entry points; bot/runtime.ts composes them. */
export interface BotFeature {
  commands?: TextCommand[];
  actions?: CardAction[];
  messageActions?: MessageAction[];
  searches?: ChoiceSearch[];
  /** Cards the outbox can send, by name. */
  notifications?: Record<string, NotificationDef>;
  /** Periodic work for the scheduler. */
  jobs?: Job[];
}
