/**
 * Graph round trips on a person's path (issue 18.1), counted by the local SharePoint server: requests
 * in flight together (side by side, or in one `$batch`) are one round trip. The server adds 10 ms per
 * request so that requests sent together overlap, as at Graph. The figure recounts a write starts
 * run after the answer and are held back while it is counted. Not a timing test: a count.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, startBotHarness, type BotHarness } from '../support/bot-harness';

const STAFF = 'd0000000-0000-4000-8000-000000000016';
const ISAM = 'd0000000-0000-4000-8000-000000000002';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-20T09:00:00.000Z', env: { READ_CACHE_SECONDS: '30' } });
  await h.channelMessage(ISAM, 'koppla isam');
}, 60_000);
afterAll(async () => h?.close());

/** Runs `op` with the recounts held back, and returns the round trips it made. */
async function roundTrips(op: () => Promise<unknown>): Promise<{ waves: number; trail: string[] }> {
  const background = h.app.runtime.deps.background!;
  await background.idle();
  const run = background.run.bind(background);
  const held: [string, () => Promise<void>][] = [];
  background.run = (key, task) => void held.push([key, task]);
  const graph = h.app.graph!;
  graph.setFaults({ latencyMs: [10, 10] });
  graph.resetRequestCount();
  try {
    await op();
    const { waves, trail } = graph.traffic();
    return { waves, trail };
  } finally {
    graph.setFaults({});
    background.run = run;
    for (const [key, task] of held) run(key, task);
    await background.idle();
  }
}

/** A card click by `from`, counted: the card's text and the round trips it made. */
async function clickCounted(from: string, verb: string, data: Record<string, unknown>): Promise<{ answer: string; waves: number; trail: string[] }> {
  let answer = '';
  const counted = await roundTrips(async () => {
    answer = cardText((await h.execute(from, verb, data)).body);
  });
  return { answer, ...counted };
}

describe('round trips on the path of an incident report', () => {
  // Nothing about this person or system has been read on this instance: their roles and assets, the
  // system, and where their chat is are all unknown (a server just started).
  it('a person reporting for the first time, about a system nobody has read yet: at most 3', async () => {
    const store = h.app.runtime.deps.store;
    const asset = (await store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-005' }] })).items[0]!;
    const draft = {
      id: randomUUID(), category: 'phishing', title: '', description: 'Misstänkt nätfiskemejl.', discoveredDate: '2026-11-20', discoveredTime: '08:30',
      occurredDate: '', occurredTime: '', occurredUnknown: 'true', assetId: asset.id, supplierId: '', involved: 'no', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
    };
    const { answer, waves, trail } = await clickCounted(STAFF, 'incident.report.submit', { verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(draft) });
    expect(answer).toContain('Rapporten är mottagen');
    expect(waves, trail.join('\n')).toBeLessThanOrEqual(3);
  });
});

describe('round trips of "mina ärenden"', () => {
  it('one round trip once the history is known, for someone the server has never seen (no roles are read)', async () => {
    const ALI = 'd0000000-0000-4000-8000-000000000017';
    await h.message(STAFF, 'mina ärenden'); // the lists' oldest years are known from now on
    const before = h.connector.sent.length;
    const { waves, trail } = await roundTrips(() => h.message(ALI, 'mina ärenden'));
    expect(JSON.stringify(h.connector.sent.slice(before))).toContain('Incidenter jag rapporterat');
    expect(waves, trail.join('\n')).toBe(1);
  });
});

describe('round trips of an owner deciding an access request', () => {
  const OWNER = 'd0000000-0000-4000-8000-000000000030';
  const ALI = 'd0000000-0000-4000-8000-000000000017';
  let n = 0;
  const pending = async () => {
    const store = h.app.runtime.deps.store;
    const ia3 = (await store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-003' }] })).items[0]!;
    const formId = `round-trips-${++n}`;
    await h.execute(STAFF, 'access.request.submit', { formId, kind: 'new', subjectId: ALI, assetId: ia3.id, role: `Läsroll ${n}`, justification: 'Arkivsökning.', validUntil: '', grantId: '' });
    return (await store.findByKey('AccessRequests', `access:request:${STAFF}:${formId}`))!.id;
  };

  it('an owner the server has never seen: at most 3 (the owner with their assets, the request, the decision with its audit entry and cards)', async () => {
    const requestId = await pending();
    const { answer, waves, trail } = await clickCounted(OWNER, 'access.request.approve', { requestId });
    expect(answer).toContain('Ditt beslut är sparat');
    expect(waves, trail.join('\n')).toBeLessThanOrEqual(3);
  });

  it('the same owner a moment later: 2 (the request, then the decision with its follow-ups in one $batch)', async () => {
    const requestId = await pending();
    const { answer, waves, trail } = await clickCounted(OWNER, 'access.request.approve', { requestId });
    expect(answer).toContain('Ditt beslut är sparat');
    expect(waves, trail.join('\n')).toBeLessThanOrEqual(2);
  });

  it('the administrative unit taking the approved task: at most 3 for someone the server has never seen (the person, the task, the take with its audit entry and card)', async () => {
    const ADMIN = 'd0000000-0000-4000-8000-000000000008';
    const requestId = await pending();
    await h.execute(OWNER, 'access.request.approve', { requestId });
    const { answer, waves, trail } = await clickCounted(ADMIN, 'access.task.take', { requestId });
    expect(answer).toContain('Du har tagit uppgiften');
    expect(waves, trail.join('\n')).toBeLessThanOrEqual(3);
  });
});
