/**
 * Work done after a request has been answered: rebuilding the search texts a write changed. A task
 * waits under a key; asked for again while it waits, it runs once (ten writes to one month in a
 * burst rebuild that month once or twice, not ten times). A few run at a time, so that Graph's
 * budget goes to people first. Nothing here is durable: a task lost in a crash is redone by the
 * healing job (heal.ts).
 */

export interface Background {
  /** Runs `task` soon, off the caller's path. A task already waiting under `key` is not queued twice. */
  run(key: string, task: () => Promise<void>): void;
  /** Resolves once nothing waits or runs (tests, shutdown). */
  idle(): Promise<void>;
}

export function createBackground(options: { concurrency?: number; onError?: (key: string, error: unknown) => void } = {}): Background {
  const concurrency = Math.max(1, options.concurrency ?? 2);
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
        .then(task)
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
      // Queued again while running: it runs once more after (it may read what the running one missed).
      if (!waiting.has(key)) waiting.set(key, task);
      queueMicrotask(pump);
    },
    idle() {
      if (running === 0 && waiting.size === 0) return Promise.resolve();
      return new Promise((resolve) => idlers.push(resolve));
    },
  };
}
