/**
 * One Graph budget per process, people first (issue 18.3; docs/adr/021-graph-budget.md).
 *
 * Every HTTP request to Graph takes a slot of the budget for as long as it is on the wire (not while
 * it waits for a retry). Work runs in one of two lanes:
 *
 * - **user** — bot turns and tab API requests: the default, nothing has to mark it;
 * - **background** — the outbox worker, the scheduler's jobs and the recounts after an answer: marked
 *   where that work starts, with `inBackground(fn)` (an AsyncLocalStorage context, so it follows
 *   every await down to the Graph client without the record store's port knowing of it).
 *
 * A background request takes a slot only when no user request is waiting, fewer than
 * `backgroundConcurrency` background requests are on the wire, and the background lane is not
 * paused. A 429 or 503 with `Retry-After` to a background request pauses the background lane for
 * that time (Graph's throttling is per app: what is left goes to people); the request that got it
 * retries as before, and a person's throttled request is retried as before without pausing
 * anything. Nothing is dropped: waiting requests wait, in order.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type GraphLane = 'user' | 'background';

const lane = new AsyncLocalStorage<GraphLane>();

/** Runs `work` (and everything it awaits) in the background lane. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return lane.run('background', work);
}

/** Runs `work` in the user lane, also when called from background work (rarely needed). */
export function inUserLane<T>(work: () => Promise<T>): Promise<T> {
  return lane.run('user', work);
}

/** The lane of the work calling now: user unless marked. */
export function currentLane(): GraphLane {
  return lane.getStore() ?? 'user';
}

export interface GraphBudgetLimits {
  /** Requests on the wire at once, both lanes together (GRAPH_CONCURRENCY, default 32). */
  concurrency: number;
  /** Of those, at most this many background requests (GRAPH_BACKGROUND_CONCURRENCY, default 8). */
  backgroundConcurrency: number;
  /** Longest pause of the background lane one Retry-After can cause (default 60 s). */
  maxPauseMs: number;
}

export const DEFAULT_BUDGET: GraphBudgetLimits = { concurrency: 32, backgroundConcurrency: 8, maxPauseMs: 60_000 };

export interface GraphBudgetStats {
  /** On the wire now, per lane. */
  active: Record<GraphLane, number>;
  /** Waiting for a slot now, per lane. */
  waiting: Record<GraphLane, number>;
  /** Requests that had to wait, and how long in all (ms), per lane, since the start. */
  waited: Record<GraphLane, { count: number; ms: number }>;
  /** Pauses of the background lane after a Retry-After, since the start. */
  pauses: number;
  /** Until when the background lane is paused (epoch ms), 0 when it is not. */
  pausedUntil: number;
}

interface Waiter {
  resolve: () => void;
  since: number;
}

/** The gate. One per Graph client (i.e. per process); `acquire` before a request, the release after. */
export class GraphBudget {
  readonly limits: GraphBudgetLimits;
  private readonly active: Record<GraphLane, number> = { user: 0, background: 0 };
  private readonly queues: Record<GraphLane, Waiter[]> = { user: [], background: [] };
  private readonly waited: GraphBudgetStats['waited'] = { user: { count: 0, ms: 0 }, background: { count: 0, ms: 0 } };
  private pausedUntil = 0;
  private pauses = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(limits: Partial<GraphBudgetLimits> = {}, private readonly now: () => number = Date.now) {
    const concurrency = Math.max(1, Math.floor(limits.concurrency ?? DEFAULT_BUDGET.concurrency));
    // The background lane always keeps one slot free for people (unless the whole budget is one).
    const backgroundConcurrency = Math.max(1, Math.min(Math.floor(limits.backgroundConcurrency ?? DEFAULT_BUDGET.backgroundConcurrency), Math.max(1, concurrency - 1)));
    this.limits = { concurrency, backgroundConcurrency, maxPauseMs: Math.max(0, limits.maxPauseMs ?? DEFAULT_BUDGET.maxPauseMs) };
  }

  /** Waits for a slot in `which` lane; the function it resolves to gives the slot back (once). */
  async acquire(which: GraphLane = currentLane()): Promise<() => void> {
    if (this.queues[which].length === 0 && this.canStart(which)) this.active[which]++;
    else {
      const since = this.now();
      await new Promise<void>((resolve) => {
        this.queues[which].push({ resolve, since });
        this.pump();
      });
      this.waited[which].count++;
      this.waited[which].ms += this.now() - since;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active[which]--;
      this.pump();
    };
  }

  /**
   * A throttling answer with Retry-After to a request of `which` lane. One to background work pauses
   * the background lane for that long; one to a person's request pauses nothing (it is retried after
   * its Retry-After as always) — pausing background work on every 429 people get would starve it
   * for as long as a throttling storm lasts.
   */
  throttled(retryAfterMs: number, which: GraphLane = currentLane()): void {
    if (which !== 'background' || !(retryAfterMs > 0)) return;
    const until = this.now() + Math.min(Math.max(0, retryAfterMs), this.limits.maxPauseMs);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.pauses++;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.pump();
  }

  stats(): GraphBudgetStats {
    return {
      active: { ...this.active },
      waiting: { user: this.queues.user.length, background: this.queues.background.length },
      waited: { user: { ...this.waited.user }, background: { ...this.waited.background } },
      pauses: this.pauses,
      pausedUntil: this.pausedUntil > this.now() ? this.pausedUntil : 0,
    };
  }

  private canStart(which: GraphLane): boolean {
    if (this.active.user + this.active.background >= this.limits.concurrency) return false;
    if (which === 'user') return true;
    return this.queues.user.length === 0 && this.active.background < this.limits.backgroundConcurrency && this.now() >= this.pausedUntil;
  }

  /** Hands free slots to waiting requests — people first, then background work within its share. */
  private pump(): void {
    for (const which of ['user', 'background'] as const) {
      const queue = this.queues[which];
      while (queue.length && this.canStart(which)) {
        this.active[which]++;
        queue.shift()!.resolve();
      }
    }
    // Background requests waiting out a pause: a timer wakes them when it ends.
    const wait = this.pausedUntil - this.now();
    if (this.queues.background.length && wait > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
    }
  }
}

/** The budget a Graph client's requests share: for code that sees throttling the middleware cannot (a `$batch`'s inner 429s). */
const budgets = new WeakMap<object, GraphBudget>();
export function attachBudget(client: object, budget: GraphBudget): void {
  budgets.set(client, budget);
}
export function budgetOf(client: object): GraphBudget | undefined {
  return budgets.get(client);
}
