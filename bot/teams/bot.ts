/**
 * The bot: one entry for every activity Teams sends to /api/messages. It checks the tenant, remembers
 * where the conversation can be reached, and routes to the features (bot/features/*). Wire names
 * are mapped to routes once, here; handlers are thin (parse → one use case → card).
 */
import { z } from 'zod';
import { ActivityTypes, TurnContext, type Activity, type InvokeResponse } from 'botbuilder';
import { loadActor, NotAdmitted, type Actor } from '../../core/app/people';
import { entryRefusal } from '../../core/domain/policy';
import { Refused, type Deps } from '../../core/app/platform';
import { resolveLocale, t, type Locale } from '../../core/i18n';
import { ConflictError, NotFoundError, RecordValidationError, StoreUnavailableError } from '../../core/ports/errors';
import { formatIssues } from '../../core/i18n/validation';
import { NO_LINKS, type RecordLinks } from '../cards/links';
import { cardAttachment, type AdaptiveCard } from '../cards/render';
import { messageCard } from '../cards/message';
import { escapeMarkdown } from '../cards/escape';
import type { Logger } from '../log';
import { BotRateLimiter } from '../api/rate-limit';
import type { ConversationDirectory } from './conversations';
import type { ActionResult, BotFeature, CardAction, ChoiceSearch, ConversationType, MessageAction, TextCommand, Turn } from './turn';

const ROUTES: Record<string, string> = {
  message: 'message',
  'invoke:adaptiveCard/action': 'card.action',
  'invoke:composeExtension/fetchTask': 'extension.open',
  'invoke:composeExtension/submitAction': 'extension.submit',
  'invoke:application/search': 'choice.search',
  conversationUpdate: 'conversation.update',
  installationUpdate: 'installation.update',
};

/** What a turn tells the HTTP door beyond the adapter's answer (bot/teams/endpoint.ts). */
export interface TurnOutcome {
  /** Set when the rate limit refused the turn: the door answers 429 with Retry-After. */
  retryAfterSeconds?: number;
  locale?: Locale;
}

/** An Entra object id: what `from.aadObjectId` must be for the bot to know who acts. */
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LisBotOptions {
  /** Per-tenant and per-person limits (bot/api/rate-limit.ts); default BOT_RATE. */
  limiter?: BotRateLimiter;
  deps: Deps;
  conversations: ConversationDirectory;
  features: BotFeature[];
  log: Logger;
  /** What unrecognised personal messages get (the menu card). */
  fallback: (turn: Turn) => Promise<void>;
  /** Links from cards to records (default: none). */
  links?: RecordLinks;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export class LisBot {
  private readonly commands: TextCommand[];
  private readonly actions = new Map<string, CardAction>();
  private readonly messageActions = new Map<string, MessageAction>();
  private readonly searches = new Map<string, ChoiceSearch>();

  /** Per-tenant and per-person limits; replaceable (tests, or a limiter shared between instances). */
  limiter: BotRateLimiter;

  constructor(private readonly options: LisBotOptions) {
    this.limiter = options.limiter ?? new BotRateLimiter();
    this.commands = options.features.flatMap((f) => f.commands ?? []);
    for (const a of options.features.flatMap((f) => f.actions ?? [])) {
      if (this.actions.has(a.verb)) throw new Error(`Two handlers for verb ${a.verb}`);
      this.actions.set(a.verb, a);
    }
    for (const m of options.features.flatMap((f) => f.messageActions ?? [])) this.messageActions.set(m.commandId, m);
    for (const q of options.features.flatMap((f) => f.searches ?? [])) this.searches.set(q.dataset, q);
  }

  async run(context: TurnContext, outcome: TurnOutcome = {}): Promise<void> {
    const activity = context.activity;
    const route = ROUTES[activity.type === ActivityTypes.Invoke ? `invoke:${activity.name}` : activity.type];
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
    const { deps, log } = this.options;

    // Activities from any other tenant are refused, in local mode as in Microsoft 365.
    if (activity.channelId !== 'msteams' || tenantId?.toLowerCase() !== deps.settings.tenantId.toLowerCase()) {
      log.warn({ event: 'bot.foreign_tenant', channelId: activity.channelId }, 'activity refused: wrong tenant or channel');
      if (activity.type === ActivityTypes.Invoke) await this.invokeResponse(context, 403, { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: 'Tenant not allowed' } });
      return;
    }
    const locale = resolveLocale(typeof activity.locale === 'string' ? activity.locale : null);
    outcome.locale = locale;
    const rawActor: unknown = activity.from?.aadObjectId;

    // Checked after the token and the tenant, so nobody without a valid token spends another's allowance.
    const taken = this.limiter.take(tenantId!, typeof rawActor === 'string' ? rawActor : null);
    if (!taken.ok) {
      log.warn({ event: 'bot.rate_limited', route: route ?? activity.type, retryAfter: taken.retryAfterSeconds }, 'activity refused: rate limit');
      outcome.retryAfterSeconds = taken.retryAfterSeconds;
      if (route === 'card.action') {
        // Universal Actions: HTTP 200 and a message the client shows on the card.
        await this.invokeResponse(context, 200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t(locale, 'bot.rateLimited', { seconds: taken.retryAfterSeconds }) });
      } else if (activity.type === ActivityTypes.Invoke) {
        await this.invokeResponse(context, 429, { statusCode: 429, type: 'application/vnd.microsoft.activity.retryAfter', value: taken.retryAfterSeconds * 1000 });
      }
      return;
    }

    // The person must be an Entra object id: anything else (a number, a made-up string) is answered
    // in the person's language and nothing is written.
    if (typeof rawActor !== 'string' || !AAD_OBJECT_ID.test(rawActor)) {
      log.warn({ event: 'bot.unknown_user', type: typeof rawActor }, 'activity refused: no Entra object id');
      const text = t(locale, 'bot.unknownUser');
      if (route === 'card.action') await this.invokeResponse(context, 200, this.actionBody(locale, { card: messageCard(locale, 'warning', text) }));
      else if (activity.type === ActivityTypes.Invoke) await this.invokeResponse(context, 403, { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: text } });
      else if (route === 'message') await context.sendActivity({ type: 'message', text: escapeMarkdown(text) });
      return;
    }
    const actorId = rawActor.toLowerCase();
    const conversationType = (activity.conversation.conversationType ?? 'personal') as ConversationType;

    // Who may enter (issue 17.4): only an enabled account of the organisation's own directory. A
    // guest, an external identity, a disabled or unknown account is told why and whom to ask —
    // before anything is stored (not even where the conversation is) or any directory data is read.
    const person = await deps.directory.getPerson(actorId);
    const refusal = entryRefusal(person);
    if (refusal) {
      log.warn({ event: 'bot.not_admitted', reason: refusal, route: route ?? activity.type }, 'activity refused: account not admitted');
      await this.refuseEntry(context, route, conversationType, locale, new NotAdmitted(refusal));
      return;
    }

    // Where the conversation can be reached is stored beside the turn, not before it (a person's first
    // activity on this instance would otherwise wait one more round trip), and before the turn ends:
    // the notifications the turn queues are sent after it. A failure is logged, not the person's
    // problem: their next activity stores it again.
    const remembering = this.options.conversations
      .remember({
        tenantId: tenantId!,
        conversationId: activity.conversation.id,
        conversationType,
        aadObjectId: conversationType === 'personal' ? actorId : null,
        serviceUrl: activity.serviceUrl,
        botId: activity.recipient.id,
        locale: typeof activity.locale === 'string' ? activity.locale : null,
      })
      .catch((error: unknown) => log.warn({ event: 'bot.conversation_not_stored', err: error instanceof Error ? error.name : 'unknown' }, 'conversation reference not stored'));

    let actor: Promise<Actor> | undefined;
    const turn: Turn = {
      context,
      deps,
      actor: () => (actor ??= loadActor(deps, actorId, person)),
      actorId,
      locale,
      tenantId: tenantId!,
      conversationType,
      conversationId: activity.conversation.id,
      activityKey: `${activity.conversation.id}:${activity.id ?? activity.replyToId ?? ''}`,
      links: this.options.links ?? NO_LINKS,
      reply: async (message) => {
        await context.sendActivity(typeof message === 'string' ? { type: 'message', text: message } : { type: 'message', attachments: [cardAttachment(message)] });
      },
    };

    try {
      switch (route) {
        case 'message':
          return await this.onMessage(turn);
        case 'card.action':
          return await this.onCardAction(turn);
        case 'extension.open':
          return await this.onExtensionOpen(turn);
        case 'extension.submit':
          return await this.onExtensionSubmit(turn);
        case 'choice.search':
          return await this.onSearch(turn);
        case 'conversation.update':
        case 'installation.update':
          return await this.onInstalled(turn);
        default:
          if (activity.type === ActivityTypes.Invoke) await this.invokeResponse(context, 200, {});
      }
    } finally {
      await remembering;
    }
  }

  private async onMessage(turn: Turn): Promise<void> {
    const activity = turn.context.activity;
    // A card submitted with Action.Submit in an older client arrives as a message with value.
    const text = normalise(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '');
    for (const command of this.commands) {
      if (!command.in.includes(turn.conversationType)) continue;
      const match = text.match(command.pattern);
      if (match) return this.guard(turn, () => command.run(turn, match), async (msg) => turn.reply(msg));
    }
    if (turn.conversationType === 'personal') await this.options.fallback(turn);
  }

  private async onCardAction(turn: Turn): Promise<void> {
    const value = (turn.context.activity.value ?? {}) as { action?: { verb?: string; data?: Record<string, unknown> } };
    const verb = value.action?.verb ?? '';
    const handler = this.actions.get(verb);
    let result: ActionResult | undefined;
    await this.guard(
      turn,
      async () => {
        if (!handler) throw new Refused('invalid', 'bot.unknownAction');
        result = await handler.run(turn, value.action?.data ?? {});
      },
      async (message) => {
        result = { card: message };
      },
    );
    await this.invokeResponse(turn.context, 200, this.actionBody(turn.locale, result!));
  }

  private async onExtensionOpen(turn: Turn): Promise<void> {
    const value = (turn.context.activity.value ?? {}) as { commandId?: string; messagePayload?: { body?: { content?: string }; from?: { user?: { displayName?: string } }; createdDateTime?: string } };
    const handler = this.messageActions.get(value.commandId ?? '');
    let card: AdaptiveCard | undefined;
    await this.guard(
      turn,
      async () => {
        if (!handler) throw new Refused('invalid', 'bot.unknownAction');
        const payload = value.messagePayload;
        card = await handler.open(turn, { text: htmlToText(payload?.body?.content ?? ''), from: payload?.from?.user?.displayName ?? null, createdAt: payload?.createdDateTime ?? null });
      },
      async (message) => {
        card = message;
      },
    );
    await this.invokeResponse(turn.context, 200, { task: { type: 'continue', value: { title: t(turn.locale, 'app.name'), card: cardAttachment(card!) } } });
  }

  private async onExtensionSubmit(turn: Turn): Promise<void> {
    const value = (turn.context.activity.value ?? {}) as { commandId?: string; data?: Record<string, unknown> };
    const handler = this.messageActions.get(value.commandId ?? '');
    let result: ActionResult | undefined;
    await this.guard(
      turn,
      async () => {
        if (!handler) throw new Refused('invalid', 'bot.unknownAction');
        result = await handler.submit(turn, value.data ?? {});
      },
      async (message) => {
        result = { card: message };
      },
    );
    const r = result!;
    const body = 'card' in r ? { task: { type: 'continue', value: { title: t(turn.locale, 'app.name'), card: cardAttachment(r.card) } } } : { task: { type: 'message', value: r.message } };
    await this.invokeResponse(turn.context, 200, body);
  }

  private async onSearch(turn: Turn): Promise<void> {
    const value = (turn.context.activity.value ?? {}) as { kind?: string; queryText?: string; dataset?: string; queryOptions?: { top?: number } };
    const search = this.searches.get(value.dataset ?? '');
    let results: { title: string; value: string }[] = [];
    try {
      if (search) results = await search.run(turn, (value.queryText ?? '').slice(0, 100), Math.min(Math.max(value.queryOptions?.top ?? 15, 1), 50));
    } catch (error) {
      this.options.log.warn({ event: 'bot.search_failed', dataset: value.dataset, err: error instanceof Error ? error.name : 'unknown' }, 'search failed');
    }
    await this.invokeResponse(turn.context, 200, { type: 'application/vnd.microsoft.search.searchResponse', value: { results } });
  }

  private async onInstalled(turn: Turn): Promise<void> {
    const activity = turn.context.activity;
    const added = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id) || (activity.type === 'installationUpdate' && (activity as Activity & { action?: string }).action === 'add');
    if (added && turn.conversationType === 'personal') await this.options.fallback(turn);
  }

  /**
   * Runs a handler; a refusal, invalid input, a conflict or an unavailable store becomes a card that
   * says so in the person's language (never an HTTP 500), and the handler wrote nothing.
   */
  private async guard(turn: Turn, work: () => Promise<void>, show: (card: AdaptiveCard) => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const l = turn.locale;
      if (error instanceof Refused) return show(messageCard(l, 'warning', t(l, error.messageKey, error.params)));
      // Card data that does not have the shape the handler parses (a forged or very old card).
      if (error instanceof z.ZodError) return show(messageCard(l, 'warning', t(l, 'bot.unknownAction')));
      if (error instanceof RecordValidationError) return show(messageCard(l, 'warning', formatIssues(l, error.issues).join('\n')));
      if (error instanceof ConflictError) return show(messageCard(l, 'warning', t(l, 'error.conflict')));
      if (error instanceof NotFoundError) return show(messageCard(l, 'warning', t(l, 'error.notFound')));
      if (error instanceof StoreUnavailableError) {
        this.options.log.warn({ event: 'bot.store_unavailable', status: error.status }, 'store unavailable');
        return show(messageCard(l, 'error', t(l, 'error.unavailable')));
      }
      this.options.log.error({ event: 'bot.handler_failed', err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, 'handler failed');
      return show(messageCard(l, 'error', t(l, 'error.unexpected')));
    }
  }

  /** The answer to someone the entry check refused, in the form the activity expects. */
  private async refuseEntry(context: TurnContext, route: string | undefined, conversationType: ConversationType, locale: Locale, refusal: NotAdmitted): Promise<void> {
    const text = t(locale, refusal.messageKey);
    const activity = context.activity;
    if (route === 'card.action') {
      await this.invokeResponse(context, 200, this.actionBody(locale, { card: messageCard(locale, 'warning', text) }));
    } else if (route === 'extension.open' || route === 'extension.submit') {
      // A task module answer Teams shows as a message (the message extension's "Rapportera som incident").
      await this.invokeResponse(context, 200, { task: { type: 'message', value: text } });
    } else if (activity.type === ActivityTypes.Invoke) {
      // Typeahead searches included: the people directory is not read for them.
      await this.invokeResponse(context, 403, { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: text } });
    } else if (route === 'message' || ((route === 'conversation.update' || route === 'installation.update') && conversationType === 'personal')) {
      await context.sendActivity({ type: 'message', attachments: [cardAttachment(messageCard(locale, 'warning', text))], summary: t(locale, 'entry.title') } as Partial<Activity>);
    }
  }

  private actionBody(locale: Locale, result: ActionResult) {
    if ('card' in result) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card };
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message || t(locale, 'app.name') };
  }

  private async invokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
    const response: InvokeResponse = { status, body };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
  }
}

/** Teams sends message bodies as HTML; the incident form wants the plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
