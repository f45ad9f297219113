/**
 * Conversation references (PLATFORM.md): stored per tenant and conversation, refreshed from every
 * activity (Teams may move a tenant to another serviceUrl), marked stale on 403/404.
 */
import { createHash } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../../core/domain';
import { ConflictError } from '../../core/ports/errors';
import type { RecordStore, StoredOf } from '../../core/ports/record-store';
import type { Clock } from '../../core/ports/clock';

const keyOf = (conversationId: string) => `conv:${createHash('sha256').update(conversationId).digest('base64url')}`;
/** Re-write an unchanged reference at most this often (keeps "most recent serviceUrl" fresh). */
const REFRESH_MS = 24 * 3_600_000;

export class ConversationDirectory {
  /** conversationId → what we last stored; saves a Graph round trip on every activity. */
  private readonly seen = new Map<string, { serviceUrl: string; locale: string | null; at: number }>();

  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
  ) {}

  /** Records where this conversation can be reached. Cheap when nothing changed. */
  async remember(ref: Omit<ConversationRef, 'updatedAt' | 'staleSince'>): Promise<void> {
    const now = this.clock.now();
    const cached = this.seen.get(ref.conversationId);
    if (cached && cached.serviceUrl === ref.serviceUrl && cached.locale === ref.locale && now.getTime() - cached.at < REFRESH_MS) return;
    const data: ConversationRef = { ...ref, updatedAt: now.toISOString(), staleSince: null };
    const { record: stored, created } = await this.store.createOrGet('Conversations', keyOf(ref.conversationId), data);
    if (!created) {
      try {
        await this.store.update('Conversations', stored, { serviceUrl: ref.serviceUrl, locale: ref.locale, aadObjectId: ref.aadObjectId ?? stored.data.aadObjectId, updatedAt: data.updatedAt, staleSince: null });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // someone refreshed it a moment ago: fine
      }
    }
    this.seen.set(ref.conversationId, { serviceUrl: ref.serviceUrl, locale: ref.locale, at: now.getTime() });
  }

  async byConversation(conversationId: string): Promise<StoredOf<'Conversations'> | null> {
    return this.store.findByKey('Conversations', keyOf(conversationId));
  }

  /** The person's 1:1 conversation with the bot, if it is known and not stale. */
  async personal(tenantId: string, aadObjectId: string): Promise<StoredOf<'Conversations'> | null> {
    const page = await this.store.query('Conversations', { where: [{ field: 'aadObjectId', op: 'eq', value: aadObjectId }], pageSize: 50 });
    const live = page.items.filter((c) => c.data.conversationType === 'personal' && c.data.tenantId === tenantId && !c.data.staleSince);
    return live.sort((a, b) => b.data.updatedAt.localeCompare(a.data.updatedAt))[0] ?? null;
  }

  /**
   * The tenant's most recently seen serviceUrl, for creating a new 1:1 conversation: the newest few
   * references by the indexed `updatedAt` (a sort without a filter works at any list size; a filter
   * on the tenant would select every conversation of the one tenant there is).
   */
  async latestServiceUrl(tenantId: string): Promise<string | null> {
    const page = await this.store.query('Conversations', { orderBy: { field: 'updatedAt', direction: 'desc' }, pageSize: 20 });
    return page.items.find((c) => c.data.tenantId.toLowerCase() === tenantId.toLowerCase())?.data.serviceUrl ?? null;
  }

  async markStale(conversationId: string): Promise<void> {
    const ref = await this.byConversation(conversationId);
    if (!ref || ref.data.staleSince) return;
    this.seen.delete(conversationId);
    await this.store.update('Conversations', ref, { staleSince: this.clock.now().toISOString() }).catch((e) => {
      if (!(e instanceof ConflictError)) throw e;
    });
  }

  static toReference(ref: ConversationRef): Partial<ConversationReference> {
    return {
      channelId: 'msteams',
      serviceUrl: ref.serviceUrl,
      conversation: { id: ref.conversationId, conversationType: ref.conversationType, tenantId: ref.tenantId, isGroup: ref.conversationType !== 'personal', name: '' },
      bot: { id: ref.botId, name: 'LIS' },
    };
  }
}
