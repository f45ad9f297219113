/**
 * Sends rendered cards into Teams: to a person's 1:1 chat (created through the tenant's most recently
 * seen serviceUrl when the bot has not talked with them yet — CONTRACTS.md), to the channel linked to
 * a role, or to a known conversation; or replaces a message sent earlier.
 */
import type { CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import { linkedChannel } from '../../core/app/channels';
import type { Clock } from '../../core/ports/clock';
import type { NotificationTarget, Notifier, SentMessage } from '../../core/ports/notifier';
import type { RecordStore } from '../../core/ports/record-store';
import type { ConversationRef } from '../../core/domain';
import { escapeMarkdown } from '../cards/escape';
import { cardAttachment, type AdaptiveCard } from '../cards/render';
import { ConversationDirectory } from './conversations';

/** A send Teams refused. 403/404: the conversation is gone (stale reference); 429: slow down. */
export class NotifierError extends Error {
  override readonly name = 'NotifierError';
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

function toNotifierError(error: unknown): NotifierError {
  const e = error as { statusCode?: number; status?: number; message?: string; response?: { headers?: { get?(n: string): string | undefined } } };
  const status = e.statusCode ?? e.status ?? 0;
  const retry = e.response?.headers?.get?.('retry-after');
  return new NotifierError(status, retry && Number.isFinite(Number(retry)) ? Number(retry) * 1000 : null, e.message ?? String(error));
}

/**
 * Runs proactive logic and rethrows its failure. The adapter would otherwise hand an error thrown in
 * the callback to onTurnError and return normally, so a refused send would look delivered.
 */
async function proactively(run: (logic: (ctx: TurnContext) => Promise<void>) => Promise<void>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
  let failure: unknown = null;
  await run(async (ctx) => {
    try {
      await logic(ctx);
    } catch (error) {
      failure = error;
    }
  });
  if (failure) throw failure;
}

export class BotNotifier implements Notifier {
  /** Called before each request to Teams that is not a message (creating a 1:1 chat), for pacing. */
  beforeRequest: () => Promise<void> = async () => undefined;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly tenantId: string,
    private readonly store: RecordStore,
    private readonly conversations: ConversationDirectory,
    private readonly clock: Clock,
  ) {}

  /** The locale of the person or conversation a target resolves to (cards follow it). */
  async localeOf(target: NotificationTarget): Promise<string | null> {
    if (target.type === 'person') return (await this.conversations.personal(this.tenantId, target.aadObjectId))?.data.locale ?? null;
    if (target.type === 'conversation') return (await this.conversations.byConversation(target.conversationId))?.data.locale ?? null;
    return null;
  }

  /**
   * `summary` is plain text in the recipient's language. Teams shows the activity's `summary` in
   * notifications (toasts) and the activity feed instead of "sent a card"; on Android the lock-screen
   * preview uses `text`, so a 1:1 message carries it there too (markdown-escaped: Teams renders
   * `text` as markdown). In channels `text` is left out: it would repeat the card's heading above
   * the card for everyone.
   */
  async send(target: NotificationTarget, card: AdaptiveCard, previous?: SentMessage | null, summary?: string): Promise<SentMessage> {
    const ref = await this.resolve(target);
    const reference = ConversationDirectory.toReference(ref);
    const preview = summary ? { summary: summary.slice(0, 250), ...(ref.conversationType === 'personal' ? { text: escapeMarkdown(summary.slice(0, 250)) } : {}) } : {};
    try {
      if (previous && previous.conversationId === ref.conversationId) {
        try {
          await proactively(
            (logic) => this.adapter.continueConversationAsync(this.appId, reference, logic),
            async (ctx) => {
              await ctx.updateActivity({ type: 'message', id: previous.activityId, conversation: reference.conversation as never, ...preview, attachments: [cardAttachment(card)] });
            },
          );
          return previous;
        } catch (error) {
          // The earlier message was deleted: post a new one.
          if (toNotifierError(error).status !== 404) throw error;
        }
      }
      let sent: SentMessage | null = null;
      await proactively(
        (logic) => this.adapter.continueConversationAsync(this.appId, reference, logic),
        async (ctx) => {
          const r = await ctx.sendActivity({ type: 'message', ...preview, attachments: [cardAttachment(card)] });
          sent = { conversationId: ref.conversationId, activityId: r?.id ?? '' };
        },
      );
      if (!sent) throw new NotifierError(0, null, 'The send returned no activity');
      return sent;
    } catch (error) {
      const e = error instanceof NotifierError ? error : toNotifierError(error);
      if (e.status === 403 || e.status === 404) await this.conversations.markStale(ref.conversationId);
      throw e;
    }
  }

  private async resolve(target: NotificationTarget): Promise<ConversationRef> {
    const botId = `28:${this.appId || 'lis-local-bot'}`;
    if (target.type === 'channel') {
      const link = await linkedChannel({ store: this.store }, target.role as never);
      if (!link) throw new NotifierError(404, null, `No channel is linked to ${target.role}`);
      return { tenantId: link.data.tenantId, conversationId: link.data.conversationId, conversationType: 'channel', aadObjectId: null, serviceUrl: link.data.serviceUrl, botId, locale: null, updatedAt: link.data.linkedAt, staleSince: null };
    }
    if (target.type === 'conversation') {
      const ref = await this.conversations.byConversation(target.conversationId);
      if (!ref) throw new NotifierError(404, null, 'Unknown conversation');
      return ref.data;
    }
    const known = await this.conversations.personal(this.tenantId, target.aadObjectId);
    if (known) return known.data;
    return this.createPersonal(target.aadObjectId, botId);
  }

  /** POST /v3/conversations with the person as member, through the tenant's latest serviceUrl. */
  private async createPersonal(aadObjectId: string, botId: string): Promise<ConversationRef> {
    const serviceUrl = await this.conversations.latestServiceUrl(this.tenantId);
    // Nobody in the tenant has talked with the bot yet: the next activity brings a serviceUrl. 425 Too Early = retry later.
    if (!serviceUrl) throw new NotifierError(425, 15 * 60_000, 'No serviceUrl known for the tenant yet');
    const parameters = {
      isGroup: false,
      bot: { id: botId, name: 'LIS' },
      members: [{ id: aadObjectId, aadObjectId, name: '' }],
      tenantId: this.tenantId,
      channelData: { tenant: { id: this.tenantId } },
    } as unknown as ConversationParameters;
    let conversationId = '';
    await this.beforeRequest();
    try {
      await proactively(
        (logic) => this.adapter.createConversationAsync(this.appId, 'msteams', serviceUrl, this.appId ? 'https://api.botframework.com' : '', parameters, logic),
        async (ctx) => {
          conversationId = (ctx.activity.conversation as ConversationReference['conversation']).id;
        },
      );
    } catch (error) {
      throw toNotifierError(error);
    }
    const ref: ConversationRef = { tenantId: this.tenantId, conversationId, conversationType: 'personal', aadObjectId, serviceUrl, botId, locale: null, updatedAt: this.clock.now().toISOString(), staleSince: null };
    await this.conversations.remember(ref);
    return ref;
  }
}
