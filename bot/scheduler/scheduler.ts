/**
 * Runs the features' periodic jobs (deadline reminders, campaigns, årshjul posts). Each run takes a
 * lease so that one instance of a scaled-out server acts per period; each job is also idempotent by
 * its records' keys, so even two runs at once send every reminder exactly once.
 * Time comes from the Clock port: tests move it and call `tick()`.
 */
import { ONE_LANE, releaseLease, tryAcquireLease, type Deps } from '../../core/app/platform';
import type { Logger } from '../log';

export interface Job {
  name: string;
  /** How often the job should run; also its lease's length. */
  everyMs: number;
  run(deps: Deps, now: Date): Promise<void>;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string[]> | null = null;
  private stopping = false;
  /** The job running now (its lease is handed back when a stop cuts it short). */
  private current: string | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly jobs: Job[],
    private readonly log: Logger,
    private readonly instanceId: string,
  ) {
    const names = new Set<string>();
    for (const j of jobs) {
      if (names.has(j.name)) throw new Error(`Two jobs named ${j.name}`);
      names.add(j.name);
    }
  }

  /** Runs every job whose period has come, on this instance if it wins the lease. Returns what ran. */
  tick(): Promise<string[]> {
    if (this.stopping) return Promise.resolve([]);
    // Background work: its Graph requests give way to people's (deps.lanes, the Graph budget).
    this.running ??= (this.deps.lanes ?? ONE_LANE).background(() => this.tickOnce()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tickOnce(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      if (this.stopping) break;
      if (!(await tryAcquireLease(this.deps, `job:${job.name}`, this.instanceId, job.everyMs))) continue;
      this.current = job.name;
      try {
        await job.run(this.deps, this.deps.clock.now());
        ran.push(job.name);
      } catch (error) {
        this.log.error({ event: 'scheduler.job_failed', job: job.name, err: error instanceof Error ? error.message : String(error) }, 'job failed');
      } finally {
        this.current = null;
      }
    }
    return ran;
  }

  start(intervalMs = 30_000): void {
    this.timer ??= setInterval(() => void this.tick(), intervalMs);
  }

  /**
   * Stops taking work (SIGTERM): no new tick, no next job. A job running now gets `graceMs` (default
   * 5 s) to finish; one still running then has its lease handed back, so another instance runs it at
   * its next tick instead of a whole period later (every job is idempotent by its records' keys).
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.running) return;
    const finished = await Promise.race([this.running.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref())]);
    if (!finished && this.current) {
      const name = this.current;
      await releaseLease(this.deps, `job:${name}`, this.instanceId).catch((error: unknown) =>
        this.log.warn({ event: 'scheduler.release_failed', job: name, err: String(error) }, 'lease not handed back'),
      );
    }
  }
}
