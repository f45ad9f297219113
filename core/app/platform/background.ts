/**
 * Work done after a request has been answered: recomputing the figures a write changed. A task waits
 * under a key; asked for again while it waits, it runs once (ten writes to one month in a burst
 * recompute that month once or twice, not ten times). A few run at a time, so that Graph's budget goes
 * to people first. Nothing here is durable: a task lost in a crash is redone by the background pass
 * that heals figures (core/app/figures/refresh.ts).
 */

export interface Background {
  /** Runs `task` soon, off the caller's path. A task already waiting under `key` is not queued twice. */
  run(key: string, task: () => Promise<void>): void;
  /** Resolves once nothing waits or runs (tests, shutdown). */
  idle(): Promise<void>;
}

export interface BackgroundOptions {
  /** Tasks running at once (default 2). */
  concurrency?: number;
  onError?: (key: string, error: unknown) => void;
  /**
   * Runs each task in the background lane of the Graph budget (the composition root passes the
   * adapter's `inBackground`): a recount gives way to people's requests.
   */
  lane?: (task: () => Promise<void>) => Promise<void>;
}

export function createBackground(options: BackgroundOptions = {}): Background {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const lane = options.lane ?? ((task: () => Promise<void>) => task());
  const waiting = new Map<string, () => Promise<void>>();
  let running = 0;
  let idlers: (() => void)[] = [];

  const settle = () => {
    if (running === 0 && waiting.size === 0) {
      const done = idlers;
      idlers = [];
      for (const resolve of done) resolve();
    }
  };
  const pump = () => {
    while (running < concurrency && waiting.size > 0) {
      const [key, task] = waiting.entries().next().value as [string, () => Promise<void>];
      waiting.delete(key);
      running++;
      void Promise.resolve()
        .then(() => lane(task))
        .catch((error: unknown) => options.onError?.(key, error))
        .finally(() => {
          running--;
          pump();
          settle();
        });
    }
  };
  return {
    run(key, task) {
      // Re-queued while running: it runs again after (it may read what the running one missed).
      if (!waiting.has(key)) waiting.set(key, task);
      queueMicrotask(pump);
    },
    idle() {
      if (running === 0 && waiting.size === 0) return Promise.resolve();
      return new Promise((resolve) => idlers.push(resolve));
    },
  };
}
