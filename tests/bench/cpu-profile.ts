/**
 * CPU profiles for the CPU bench (`CPU_PROF=1`): the V8 profiler through node:inspector, started
 * around the measured operations only (not start-up or seeding), written as `.cpuprofile` files
 * (open them in Chrome DevTools → Performance, or speedscope), and a short summary of where the
 * time went: the functions and the files with the most self time.
 *
 *   npx tsx tests/bench/cpu-profile.ts .data/cpu-prof/incident-submit.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Starts the V8 sampling profiler in this process; `stop()` returns the profile. */
export async function startProfile(intervalUs = 200): Promise<{ stop(): Promise<CpuProfile> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
      session.disconnect();
      return profile;
    },
  };
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A file as a short name: `node_modules/<package>` for a library, the repository path for ours. */
export function shortFile(url: string): string {
  if (!url) return '(native / V8)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file.startsWith('node:') ? file : url;
}

/** Self time (ms) by function and by file, most first. */
export function selfTimes(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next sample (the last one gets the mean).
  const mean = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? mean)));
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    // Waiting for I/O is not CPU.
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const f = node.callFrame;
    const file = shortFile(f.url);
    const name = `${f.functionName || '(anonymous)'}  ${file}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
    total += us;
  }
  // Total time: the self time of every node below a file's functions counted for that file once.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)?.callFrame.url;
      if (url) seen.add(shortFile(url));
    }
    for (const file of seen) inclusive.set(file, (inclusive.get(file) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: total / 1000, functions: sorted(fns), files: sorted(files), inclusive: sorted(inclusive) };
}

/** The top self-time functions and files as printable lines (`perOp` divides by the operations run). */
export function summariseProfile(profile: CpuProfile, top = 12, perOp = 1): string {
  const { totalMs, functions, files, inclusive } = selfTimes(profile);
  const pct = (ms: number) => `${((100 * ms) / (totalMs || 1)).toFixed(1).padStart(5)} %`;
  const line = (x: { name: string; ms: number }) => `    ${(x.ms / perOp).toFixed(2).padStart(7)} ms/op ${pct(x.ms)}  ${x.name}`;
  return [
    `  sampled ${(totalMs / perOp).toFixed(2)} ms/op (waiting for I/O left out)`,
    '  files by self time:',
    ...files.slice(0, top).map(line),
    '  files by total time (their own code and all it calls):',
    ...inclusive.filter((x) => !x.name.startsWith('node:')).slice(0, top).map(line),
    '  functions by self time:',
    ...functions.slice(0, top).map(line),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx tests/bench/cpu-profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 20)));
}
