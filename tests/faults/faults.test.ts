/**
 * The fault run in small (tests/faults/fault-run.ts; the full one is `npm run test:faults`): the
 * app in its own process under 429/503 storms and "committed, then 503", killed with SIGKILL in the
 * middle and started again, stopped with SIGTERM over a backlog — nothing lost, nothing twice, no
 * 5xx for bad input, a shutdown within 10 s that leaves no notification claimed.
 */
import { describe, expect, it } from 'vitest';
import { faultFailures, faultTable, runFaults } from './fault-run';

describe('the fault run, small', () => {
  it('loses nothing and duplicates nothing through storms, a SIGKILL and a SIGTERM', async () => {
    const counts = await runFaults({ reports: 8, requests: 3, kills: 1, concurrency: 4, connectorDelayMs: 300 });
    console.log(faultTable(counts));
    expect(faultFailures(counts)).toEqual([]);
    expect(counts.reportsAnswered).toBe(16);
    expect(counts.requestsStored).toBe(3);
    expect(counts.kills).toBe(2);
    expect(counts.notifications).toBeGreaterThan(16);
  }, 300_000);
});
