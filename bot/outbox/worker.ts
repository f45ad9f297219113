/**
 * Delivers the outbox. Each entry is claimed with If-Match (two instances never both send it), sent,
 * then marked sent with the Teams activity id. A later entry with the same correlationKey and
 * recipient replaces that message, so the card people have shows the current state.
 * At-least-once: a crash between send and mark resends after the claim expires; cards are built so
 * that a duplicate is harmless (it shows the same state).
 */
import { ONE_LANE, type Deps } from '../../core/app/platform';
import type { OutboxEntry } from '../../core/domain';
import { resolveLocale, type Locale } from '../../core/i18n';
import { ConflictError } from '../../core/ports/errors';
import type { NotificationTarget, SentMessage } from '../../core/ports/notifier';
import type { StoredOf } from '../../core/ports/record-store';
import type { AdaptiveCard } from '../cards/render';
import type { Logger } from '../log';
import { NotifierError, type BotNotifier } from '../teams/notifier';
import { Pacer } from './pacer';

/** A notification, rendered for its recipient: the card and the plain-text summary Teams shows in toasts and the feed. */
export interface RenderedNotification {
  card: AdaptiveCard;
  summary: string;
}

export type CardRenderer = (card: string, payload: Record<string, unknown>, locale: Locale) => RenderedNotification;

export interface OutboxWorkerOptions {
  instanceId: string;
  claimMs?: number;
  maxAttempts?: number;
  /** How many recipients are served in parallel (each recipient's messages stay in order). */
  parallel?: number;
  /** Notifications taken per drain and status (default 200); a longer backlog goes in turns. */
  batch?: number;
  pacer?: Pacer;
}

export interface DrainReport {
  sent: number;
  retried: number;
  dead: number;
}

type Entry = StoredOf<'Outbox'>;

const targetOf = (e: OutboxEntry): NotificationTarget =>
  e.targetType === 'person' ? { type: 'person', aadObjectId: e.targetId } : e.targetType === 'channel' ? { type: 'channel', role: e.targetId } : { type: 'conversation', conversationId: e.targetId };

export class OutboxWorker {
  private readonly pacer: Pacer;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DrainReport> | null = null;
  /** Set by `stop`: no new claims; a claim waiting for its turn is handed back. */
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wake = resolve));

  constructor(
    private readonly deps: Deps,
    private readonly notifier: BotNotifier,
    private readonly render: CardRenderer,
    private readonly log: Logger,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.pacer = options.pacer ?? new Pacer();
    // Creating a 1:1 chat is a request to Teams too: it counts against the tenant's 50 per second.
    notifier.beforeRequest = () => this.pacer.acquireTenant();
  }

  /** Sends everything due now. Concurrent calls share one run. */
  drain(): Promise<DrainReport> {
    if (this.stopping) return Promise.resolve({ sent: 0, retried: 0, dead: 0 });
    // Background work: its Graph requests give way to people's (deps.lanes, the Graph budget).
    this.running ??= (this.deps.lanes ?? ONE_LANE).background(() => this.drainOnce()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs = 2_000): void {
    this.timer ??= setInterval(() => {
      this.drain().catch((error) => this.log.error({ event: 'outbox.drain_failed', err: String(error) }, 'outbox drain failed'));
    }, intervalMs);
  }

  /**
   * Stops taking work (SIGTERM): no new drain, no new claim; a notification being sent finishes, one
   * claimed but waiting for its turn (the pacer, a 429 pause) is handed back at once — pending, no
   * claim, its attempt not counted — so another instance can take it without waiting for the claim
   * to expire. Waits at most `graceMs` (default 5 s) for the send in flight.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    this.wake();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await Promise.race([this.running.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  /**
   * One drain: the notifications due now, at most `batch` of each kind, soonest first. Waiting and
   * claimed notifications are the backlog, not the history (sent ones are never read here): the
   * first condition selects at most what is waiting, and a longer backlog is taken in turns.
   */
  private async drainOnce(): Promise<DrainReport> {
    const now = this.deps.clock.now();
    const nowMs = now.getTime();
    const size = this.options.batch ?? 200;
    const [pending, sending] = await this.deps.store.queryMany([
      { list: 'Outbox', options: { where: [{ field: 'status', op: 'eq', value: 'pending' }, { field: 'nextAttemptAt', op: 'le', value: now.toISOString() }], orderBy: { field: 'nextAttemptAt', direction: 'asc' }, pageSize: size } },
      { list: 'Outbox', options: { where: [{ field: 'status', op: 'eq', value: 'sending' }], pageSize: size } },
    ] as const);
    const due: Entry[] = [
      ...pending.items.filter((e) => Date.parse(e.data.nextAttemptAt) <= nowMs),
      ...sending.items.filter((e) => Date.parse(e.data.claimedUntil ?? e.data.createdAt) <= nowMs),
    ];
    due.sort((a, b) => a.data.createdAt.localeCompare(b.data.createdAt) || Number(a.id) - Number(b.id));
    const byRecipient = new Map<string, Entry[]>();
    for (const e of due) {
      const k = `${e.data.targetType}:${e.data.targetId}`;
      byRecipient.set(k, [...(byRecipient.get(k) ?? []), e]);
    }
    const report: DrainReport = { sent: 0, retried: 0, dead: 0 };
    const queues = [...byRecipient.entries()];
    const parallel = this.options.parallel ?? 4;
    await Promise.all(
      Array.from({ length: Math.min(parallel, queues.length) }, async () => {
        for (let q = queues.shift(); q; q = queues.shift()) {
          for (const entry of q[1]) {
            if (this.stopping) return;
            const outcome = await this.deliver(entry, q[0]);
            if (outcome) report[outcome]++;
            if (outcome === 'retried') break; // keep this recipient's order: try the rest later
          }
        }
      }),
    );
    return report;
  }

  private async deliver(entry: Entry, recipientKey: string): Promise<keyof DrainReport | null> {
    const { store, clock } = this.deps;
    const claimMs = this.options.claimMs ?? 60_000;
    let claimed: Entry;
    try {
      claimed = await store.update('Outbox', entry, {
        status: 'sending',
        claimedBy: this.options.instanceId,
        claimedUntil: new Date(clock.now().getTime() + claimMs).toISOString(),
        attempts: entry.data.attempts + 1,
      });
    } catch (error) {
      if (error instanceof ConflictError) return null; // another worker has it
      throw error;
    }
    const target = targetOf(claimed.data);
    try {
      const locale = resolveLocale(await this.notifier.localeOf(target));
      const { card, summary } = this.render(claimed.data.card, claimed.data.payload, locale);
      const previous = await this.previousMessage(claimed);
      await Promise.race([this.pacer.acquire(recipientKey), this.stopped]);
      if (this.stopping) {
        // Stopping: handing the claim back is not background work to pace (it must be done in seconds).
        await (this.deps.lanes ?? ONE_LANE).user(() => this.release(claimed, entry));
        return null;
      }
      const sent = await this.notifier.send(target, card, previous, summary);
      await store.update('Outbox', claimed, { status: 'sent', sentAt: clock.now().toISOString(), activityId: sent.activityId, conversationId: sent.conversationId, lastError: null, claimedUntil: null });
      return 'sent';
    } catch (error) {
      const e = error instanceof NotifierError ? error : null;
      const attempts = claimed.data.attempts;
      const gone = e && (e.status === 403 || e.status === 404);
      const dead = gone || attempts >= (this.options.maxAttempts ?? 8);
      if (e?.status === 429) this.pacer.pause(recipientKey, e.retryAfterMs ?? 1_000);
      const delay = e?.retryAfterMs ?? Math.min(3_600_000, 2 ** attempts * 1_000);
      this.log.warn({ event: 'outbox.send_failed', outboxId: claimed.id, status: e?.status, attempts, dead }, 'notification not delivered');
      await store.update('Outbox', claimed, {
        status: dead ? 'dead' : 'pending',
        nextAttemptAt: new Date(clock.now().getTime() + delay).toISOString(),
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 2_000),
        claimedUntil: null,
      });
      return dead ? 'dead' : 'retried';
    }
  }

  /** Hands a claim back unused (stopping): pending again, due now, the attempt not counted. */
  private async release(claimed: Entry, before: Entry): Promise<void> {
    try {
      await this.deps.store.update('Outbox', claimed, { status: 'pending', claimedBy: null, claimedUntil: null, attempts: before.data.attempts, nextAttemptAt: before.data.nextAttemptAt });
    } catch (error) {
      // Its claim expires instead (claimMs): delivered later, never lost.
      this.log.warn({ event: 'outbox.release_failed', outboxId: claimed.id, err: String(error) }, 'claim not handed back');
    }
  }

  /** The message this entry replaces: the latest sent one with the same correlation key and recipient. */
  private async previousMessage(entry: Entry): Promise<SentMessage | null> {
    const page = await this.deps.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: entry.data.correlationKey }], pageSize: 200 });
    const sent = page.items
      .filter((e) => e.id !== entry.id && e.data.status === 'sent' && e.data.activityId && e.data.conversationId && e.data.targetType === entry.data.targetType && e.data.targetId === entry.data.targetId)
      .sort((a, b) => (b.data.sentAt ?? '').localeCompare(a.data.sentAt ?? ''));
    const last = sent[0];
    return last ? { conversationId: last.data.conversationId!, activityId: last.data.activityId! } : null;
  }
}
