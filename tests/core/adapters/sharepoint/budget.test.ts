/**
 * The Graph budget (issue 18.3, ADR 021): people's requests first, background work within its share,
 * and a Retry-After pauses background work only. Driven through the real Graph client and middleware
 * chain against a small HTTP server that holds every request until the test lets it answer, so the
 * order things reach the server is what is checked — not how long they took.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClientWithBudget, GraphBudget, inBackground, currentLane } from '../../../../core/adapters/sharepoint';
import { sendBatch } from '../../../../core/adapters/sharepoint/batch';

interface Held {
  path: string;
  answer: (status?: number, headers?: Record<string, string>, body?: unknown) => void;
}

/** A Graph stand-in: records each request as it arrives and answers when told (or at once with `auto`). */
async function holdingServer() {
  const arrived: string[] = [];
  const held: Held[] = [];
  let auto: ((path: string) => { status: number; headers?: Record<string, string>; body?: unknown } | null) | null = null;
  const waiters: (() => void)[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').replace(/^\/v1\.0/, '');
    arrived.push(path);
    const answer = (status = 200, headers: Record<string, string> = {}, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body ?? (status === 200 ? { path } : { error: { code: status === 429 ? 'TooManyRequests' : 'serviceNotAvailable', message: 'busy' } })));
    };
    const now = auto?.(path);
    if (now) answer(now.status, now.headers, now.body);
    else held.push({ path, answer });
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    arrived,
    held,
    /** From now on, answer requests as `rule` says (null: hold them). */
    answerWith(rule: typeof auto) {
      auto = rule;
    },
    /** Resolves once `n` requests have arrived in all. */
    async until(n: number) {
      while (arrived.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    take(path: string): Held {
      const i = held.findIndex((h) => h.path === path);
      if (i < 0) throw new Error(`${path} is not held (held: ${held.map((h) => h.path).join(', ')})`);
      return held.splice(i, 1)[0]!;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Lets the event loop run until nothing more happens for a moment (requests queued in the gate stay queued). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function setup(limits: { concurrency: number; backgroundConcurrency: number }) {
  const server = await holdingServer();
  close = server.close;
  const budget = new GraphBudget(limits);
  const { client } = createGraphClientWithBudget({ baseUrl: server.url, getToken: async () => 't', userAgent: 'NONISV|test|budget', budget, retry: { maxRetries: 3, baseDelayMs: 10 } });
  const get = (path: string) => client.api(path).get() as Promise<{ path: string }>;
  return { server, budget, get, client };
}

describe('the Graph budget: people first', () => {
  it('work is in the user lane unless marked, and a mark follows every await', async () => {
    expect(currentLane()).toBe('user');
    const seen = await inBackground(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await Promise.resolve();
      return currentLane();
    });
    expect(seen).toBe('background');
    expect(currentLane()).toBe('user');
  });

  it('a flood of background requests leaves room for a person: theirs reaches Graph while the flood waits', async () => {
    const { server, budget, get } = await setup({ concurrency: 6, backgroundConcurrency: 2 });
    const flood = Array.from({ length: 40 }, (_, i) => inBackground(() => get(`/bg/${i}`)));
    await server.until(2);
    await settle();
    // Only the background share is on the wire; the rest wait in the gate.
    expect(server.arrived).toEqual(['/bg/0', '/bg/1']);
    expect(budget.stats().waiting.background).toBe(38);
    const person = get('/user/1');
    await server.until(3);
    // The person's request went out at once: no background request was answered or sent before it.
    expect(server.arrived[2]).toBe('/user/1');
    expect(budget.stats().waited.user.count).toBe(0);
    server.take('/user/1').answer();
    expect((await person).path).toBe('/user/1');
    // Nothing is lost: the flood completes, two at a time.
    server.answerWith(() => ({ status: 200 }));
    for (const h of server.held.splice(0)) h.answer();
    const done = await Promise.all(flood);
    expect(done.map((d) => d.path).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `/bg/${i}`).sort());
    expect(server.arrived.filter((p) => p.startsWith('/bg/')).length).toBe(40);
  }, 30_000);

  it('a slot that comes free goes to a waiting person before waiting background work', async () => {
    const { server, get } = await setup({ concurrency: 3, backgroundConcurrency: 2 });
    const bg = Array.from({ length: 5 }, (_, i) => inBackground(() => get(`/bg/${i}`)));
    const first = get('/user/1');
    await server.until(3);
    await settle();
    expect(new Set(server.arrived)).toEqual(new Set(['/bg/0', '/bg/1', '/user/1']));
    // The budget is full: the next person waits, behind nobody.
    const second = get('/user/2');
    await settle();
    expect(server.arrived.length).toBe(3);
    server.take('/bg/0').answer();
    await server.until(4);
    expect(server.arrived[3]).toBe('/user/2');
    server.answerWith(() => ({ status: 200 }));
    for (const h of server.held.splice(0)) h.answer();
    await Promise.all([first, second, ...bg]);
    expect(server.arrived.filter((p) => p.startsWith('/bg/')).length).toBe(5);
  }, 30_000);

  it('a 429 with Retry-After to background work pauses background work only; people go on; nothing is lost', async () => {
    const { server, budget, get } = await setup({ concurrency: 8, backgroundConcurrency: 2 });
    let throttled = false;
    server.answerWith((path) => {
      if (path === '/bg/0' && !throttled) {
        throttled = true;
        return { status: 429, headers: { 'Retry-After': '2' } };
      }
      return path.startsWith('/user/') ? { status: 200 } : null;
    });
    const bg = Array.from({ length: 6 }, (_, i) => inBackground(() => get(`/bg/${i}`)));
    await server.until(2); // bg/0 (answered 429), bg/1 (held); the rest wait out the pause
    await settle();
    expect(budget.stats().pauses).toBe(1);
    expect(budget.stats().pausedUntil).toBeGreaterThan(Date.now());
    const sentBefore = server.arrived.length;
    // While background work is paused, people's requests go out and are answered.
    const people = await Promise.all([get('/user/1'), get('/user/2'), get('/user/3')]);
    expect(people.map((p) => p.path)).toEqual(['/user/1', '/user/2', '/user/3']);
    expect(server.arrived.slice(sentBefore)).toEqual(['/user/1', '/user/2', '/user/3']);
    expect(budget.stats().pausedUntil, 'still paused: no background request went out meanwhile').toBeGreaterThan(0);
    // After the pause, every background request goes out and is answered, the throttled one once more.
    server.answerWith(() => ({ status: 200 }));
    for (const h of server.held.splice(0)) h.answer();
    const done = await Promise.all(bg);
    expect(done.map((d) => d.path).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `/bg/${i}`).sort());
    expect(server.arrived.filter((p) => p === '/bg/0').length).toBe(2);
    expect(budget.stats().waited.background.count).toBeGreaterThan(0);
  }, 30_000);

  it('a 429 to a person is retried after its Retry-After as before, and pauses nothing', async () => {
    const { server, budget, get } = await setup({ concurrency: 8, backgroundConcurrency: 2 });
    let first = true;
    server.answerWith((path) => {
      if (path === '/user/1' && first) {
        first = false;
        return { status: 429, headers: { 'Retry-After': '1' } };
      }
      return { status: 200 };
    });
    expect((await get('/user/1')).path).toBe('/user/1');
    expect(server.arrived).toEqual(['/user/1', '/user/1']);
    // Background work goes on: pausing it on every 429 people get would starve it through a storm.
    expect(budget.stats().pauses).toBe(0);
    expect((await inBackground(() => get('/bg/1'))).path).toBe('/bg/1');
  });

  it("a 429 inside a $batch (which the middleware does not see) pauses background work too", async () => {
    const { server, budget, client } = await setup({ concurrency: 8, backgroundConcurrency: 2 });
    let batches = 0;
    server.answerWith((path) => {
      if (path !== '/$batch') return { status: 200 };
      batches++;
      return { status: 200, body: { responses: [{ id: '0', status: batches === 1 ? 429 : 201, headers: batches === 1 ? { 'Retry-After': '1' } : {}, body: { id: '7' } }] } };
    });
    const [res] = await inBackground(() => sendBatch(client, (e) => e as Error, [{ id: '0', method: 'POST', url: '/sites/x/lists/y/items', body: { fields: {} } }]));
    expect(res!.status).toBe(201);
    expect(batches).toBe(2);
    expect(budget.stats().pauses).toBe(1);
  });

  it('limits: the background share always leaves a slot for people', () => {
    expect(new GraphBudget({ concurrency: 4, backgroundConcurrency: 9 }).limits.backgroundConcurrency).toBe(3);
    expect(new GraphBudget({ concurrency: 1, backgroundConcurrency: 1 }).limits.backgroundConcurrency).toBe(1);
  });
});

describe('where background work starts', () => {
  it('the recount queue runs its tasks in the background lane when composed with it', async () => {
    const { createBackground } = await import('../../../../core/app/platform');
    const lanes: string[] = [];
    const queue = createBackground({ lane: inBackground });
    queue.run('a', async () => {
      await Promise.resolve();
      lanes.push(currentLane());
    });
    await queue.idle();
    const plain = createBackground();
    plain.run('b', async () => {
      lanes.push(currentLane());
    });
    await plain.idle();
    expect(lanes).toEqual(['background', 'user']);
  });
});
