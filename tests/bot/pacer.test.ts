/** The pacer under a fake clock: Teams' windows, a safety margin, tenant-only slots, and 429 pauses. */
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../bot/outbox/pacer';

function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), at: () => t };
}

describe('pacer', () => {
  it('keeps one conversation within 7 per second and 8 per 2 seconds, with a margin', async () => {
    const time = fakeTime();
    const pacer = new Pacer(undefined, undefined, time.now, time.sleep, 100);
    const stamps: number[] = [];
    for (let i = 0; i < 24; i++) {
      await pacer.acquire('conv-a');
      stamps.push(time.at());
    }
    for (let i = 0; i < stamps.length; i++) {
      expect(stamps.filter((s) => s > stamps[i]! - 1_100 && s <= stamps[i]!).length).toBeLessThanOrEqual(7);
      expect(stamps.filter((s) => s > stamps[i]! - 2_100 && s <= stamps[i]!).length).toBeLessThanOrEqual(8);
    }
  });

  it('counts every request against the tenant: 50 per second across conversations, chat creations included', async () => {
    const time = fakeTime();
    const pacer = new Pacer(undefined, undefined, time.now, time.sleep, 100);
    const stamps: number[] = [];
    for (let i = 0; i < 60; i++) {
      await pacer.acquireTenant(); // create the 1:1 chat
      stamps.push(time.at());
      await pacer.acquire(`person-${i}`); // then the message
      stamps.push(time.at());
    }
    for (const s of stamps) expect(stamps.filter((x) => x > s - 1_100 && x <= s).length).toBeLessThanOrEqual(50);
  });

  it('pauses a conversation after a 429 without holding up the others', async () => {
    const time = fakeTime();
    const pacer = new Pacer(undefined, undefined, time.now, time.sleep, 0);
    pacer.pause('conv-a', 5_000);
    await pacer.acquire('conv-b');
    expect(time.at()).toBe(0);
    await pacer.acquire('conv-a');
    expect(time.at()).toBe(5_000);
  });
});
