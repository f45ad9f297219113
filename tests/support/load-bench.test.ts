/**
 * The load bench (tests/bench/load.bench.ts, issue 18.5) at a tiny size: its table has every
 * operation at every concurrency beside the echo-bot floor, with CPU and memory figures from the
 * app's own process, and no child process outlives it. Timings are printed by `npm run bench`,
 * never asserted.
 */
import { describe, expect, it } from 'vitest';
import { benchLoad } from '../bench/load.bench';
import { livingChildren } from '../bench/support/children';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const OPERATIONS = ['incident submit', 'access request submit', "owner's access decision", 'access task taken (adm. unit)', 'access task done (adm. unit)', '"mina ärenden" (reply via connector)'];

describe('load bench', () => {
  it('prints every operation at each concurrency beside the floor, with the app\'s CPU and memory, and leaves no child behind', async () => {
    const result = await benchLoad({ levels: [{ users: 1, ops: 3 }, { users: 2, ops: 3 }], warmup: 1, graphRuns: 1, owners: 4, tab: false });

    for (const users of [1, 2]) {
      const at = result.rows.filter((r) => r.users === users);
      expect(at.map((r) => r.operation)).toEqual(['echo bot: message (floor)', 'echo bot: invoke (floor)', ...OPERATIONS]);
      for (const r of at) {
        expect(r.ops).toBe(3);
        expect(r.p50).toBeGreaterThan(0);
        expect(r.p99).toBeGreaterThanOrEqual(r.p95);
        expect(r.cpuMsPerOp).toBeGreaterThan(0);
        expect(r.ratio).toBeCloseTo(r.p95 / r.floorP95);
        if (r.kind !== 'floor') expect(r.graphPerOp).toBeGreaterThan(0);
      }
      // Invokes against the invoke floor, "mina ärenden" (a message) against the message floor.
      const floor = { invoke: at.find((r) => r.operation === 'echo bot: invoke (floor)')!.p95, message: at.find((r) => r.operation === 'echo bot: message (floor)')!.p95 };
      for (const r of at.filter((x) => x.kind === 'invoke')) expect(r.floorP95).toBe(floor.invoke);
      expect(at.filter((x) => x.kind === 'invoke')).toHaveLength(5);
      expect(at.find((r) => r.operation.includes('mina ärenden'))).toMatchObject({ kind: 'message', floorP95: floor.message });
    }
    expect(result.graph.map((g) => g.operation)).toEqual(OPERATIONS);
    for (const g of result.graph) {
      expect(g.requests).toBeGreaterThan(0);
      expect(g.roundTrips).toBeGreaterThan(0);
      expect(g.minimum).toMatch(/^\d/);
    }
    expect(result.memory.rest.rss).toBeGreaterThan(0);
    expect(result.memory.rest.heapUsed).toBeGreaterThan(0);
    expect(result.memory.peak.samples).toBeGreaterThan(0);
    expect(result.memory.peak.rss).toBeGreaterThan(0);
    expect(result.text).toContain('× floor (p95)');
    expect(result.text).toContain('Memory of the app process: at rest');
    expect(result.text).toContain('Goal (issue 18)');

    // Three children (app, local Graph server, echo bot), all gone.
    expect(result.pids).toHaveLength(3);
    expect(result.pids.filter(alive)).toEqual([]);
    expect(livingChildren()).toEqual([]);
  }, 120_000);
});
