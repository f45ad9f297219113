/**
 * Keeps sends under Teams' rate limits (PLATFORM.md): per bot and conversation 7 / 1 s, 8 / 2 s,
 * 60 / 30 s, 1 800 / hour; per app and tenant 50 / s. Sliding windows over real time (not the
 * domain clock): pacing is about the network. A 429 pauses the conversation for its Retry-After.
 */
export interface Window {
  max: number;
  ms: number;
}

export const CONVERSATION_LIMITS: Window[] = [
  { max: 7, ms: 1_000 },
  { max: 8, ms: 2_000 },
  { max: 60, ms: 30_000 },
  { max: 1_800, ms: 3_600_000 },
];
export const TENANT_LIMITS: Window[] = [{ max: 50, ms: 1_000 }];

const TENANT_ONLY = '\u0000tenant';

export class Pacer {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private tail: Promise<void> = Promise.resolve();

  /**
   * @param marginMs added to every window: what leaves here a window apart can arrive closer together
   *   after network jitter, and Teams counts arrivals.
   */
  constructor(
    private readonly perKey: Window[] = CONVERSATION_LIMITS,
    private readonly global: Window[] = TENANT_LIMITS,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly marginMs = 150,
  ) {}

  /** Waits for a tenant-wide slot only (requests that are not messages, such as creating a 1:1 chat). */
  acquireTenant(): Promise<void> {
    return this.acquire(TENANT_ONLY);
  }

  /** Waits until a send to `key` is allowed, then records it. Calls are served in order. */
  acquire(key: string): Promise<void> {
    const turn = this.tail.then(async () => {
      for (;;) {
        const own = key === TENANT_ONLY ? 0 : Math.max(this.waitFor(key, this.perKey), (this.pausedUntil.get(key) ?? 0) - this.now());
        const wait = Math.max(own, this.waitFor('*', this.global));
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      const t = this.now();
      for (const k of key === TENANT_ONLY ? ['*'] : [key, '*']) {
        const list = this.sent.get(k) ?? [];
        list.push(t);
        this.sent.set(k, list);
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Teams said 429: nothing more to this conversation until the wait is over. */
  pause(key: string, ms: number): void {
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, this.now() + ms));
  }

  private waitFor(key: string, windows: Window[]): number {
    const list = this.sent.get(key);
    if (!list?.length) return 0;
    const t = this.now();
    const longest = Math.max(...windows.map((w) => w.ms)) + this.marginMs;
    while (list.length && list[0]! <= t - longest) list.shift();
    let wait = 0;
    for (const w of windows) {
      const span = w.ms + this.marginMs;
      const inWindow = list.filter((x) => x > t - span);
      if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max]! + span - t);
    }
    return wait;
  }
}
