/**
 * Child processes of the load bench (load.bench.ts): the app, the local Graph server and the echo bot
 * each run in their own Node process (`node --import tsx`), so that each one's CPU and memory are its
 * own. They talk with the bench over IPC: `{ id, cmd, arg }` in, `{ id, ok, value | error }` out; a
 * child first says `{ ready: … }`. A child exits when the bench's IPC channel closes (the bench
 * ended or died), and the bench kills every child it started on exit — no orphans.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Child<Ready> {
  name: string;
  pid: number;
  ready: Ready;
  call<T = unknown>(cmd: string, arg?: unknown): Promise<T>;
  /** Ends the child: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;
function killAllOnExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

/** The pids of the children started here that have not exited yet. */
export const livingChildren = () => [...running].map((c) => c.pid!);

export async function startChild<Ready>(name: string, script: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<Child<Ready>> {
  killAllOnExit();
  // BENCH_CPU_PROF=<folder>: each child writes V8 CPU profiles to <folder>/<name>/ when it stops, one
  // per thread, the largest being the main thread's (open it in Chrome DevTools or summarise it with
  // tests/bench/cpu-profile.ts).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_CPU_PROF, name.replace(/\W+/g, '-'))}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      exited = `${name} exited (${signal ?? code})${stderr ? `: ${stderr.trim().slice(-1500)}` : ''}`;
      for (const w of waiting.values()) w.reject(new Error(exited));
      waiting.clear();
      resolve();
    }),
  );
  let ready!: Ready;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms: ${stderr.slice(-1500)}`)), timeoutMs);
    child.on('message', (m: { ready?: Ready; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.ready !== undefined) {
        clearTimeout(timer);
        ready = m.ready;
        return resolve();
      }
      const w = m.id !== undefined ? waiting.get(m.id) : undefined;
      if (!w) return;
      waiting.delete(m.id!);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(`${name}: ${m.error}`));
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(exited!));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  let next = 0;
  return {
    name,
    pid: child.pid!,
    ready,
    call: <T>(cmd: string, arg?: unknown) =>
      new Promise<T>((resolve, reject) => {
        if (exited) return reject(new Error(exited));
        const id = ++next;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, cmd, arg });
      }),
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * The child's side: answers the bench's commands with `handlers`, says it is ready with `ready`, and
 * exits when the bench goes away (IPC closed) or on SIGTERM after `close`.
 */
export function serveParent(ready: unknown, handlers: Record<string, (arg: unknown) => unknown>, close: () => Promise<void>): void {
  let closing = false;
  const end = (code: number) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(code), 8_000);
    force.unref();
    close().then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  process.on('message', (m: { id: number; cmd: string; arg?: unknown }) => {
    const handler = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${m.cmd}`);
        return handler(m.arg);
      })
      .then(
        (value) => process.send?.({ id: m.id, ok: true, value }),
        (error: unknown) => process.send?.({ id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.on('disconnect', () => end(0));
  process.on('SIGTERM', () => end(0));
  process.on('SIGINT', () => end(0));
  process.send?.({ ready });
}

/** The usage figures a child reports: its own CPU (µs) and memory (bytes). */
export interface Usage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
}
export const usage = (): Usage => ({ cpu: process.cpuUsage(), memory: process.memoryUsage() });
