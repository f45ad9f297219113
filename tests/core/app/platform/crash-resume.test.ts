/**
 * Every multi-step write is resumable (issue 18.3): a crash between ANY two of its writes, then the
 * same request again (Teams' retry, the person clicking again), leaves exactly what an uninterrupted
 * run leaves — the record, its audit entry, every notification — each once. The crash is injected at
 * the store level: the wrapped store refuses every write after the first `k`, as a process killed
 * there would; the retry runs on the real store. Run against the real local app (local SharePoint
 * server, demo organisation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAccessTask, decideAccessRequest, decideReview, recordLeaver, startRecertification, submitAccessRequest, takeAccessTask } from '../../../../core/app/access';
import { closeIncident, recordInvestigation, reportIncident, triageIncident } from '../../../../core/app/incidents';
import { loadActor, type Actor } from '../../../../core/app/people';
import type { Deps } from '../../../../core/app/platform';
import { createRisk } from '../../../../core/app/risks';
import type { ListName } from '../../../../core/domain';
import type { RecordStore } from '../../../../core/ports/record-store';
import { PEOPLE, startBotHarness, type BotHarness } from '../../../support/bot-harness';

let h: BotHarness;
let deps: Deps;
beforeAll(async () => {
  h = await startBotHarness();
  deps = h.app.runtime.deps;
}, 120_000);
afterAll(async () => h?.close());

class Crash extends Error {}

const WRITES = new Set(['create', 'createOrGet', 'createMany', 'createAll', 'update', 'remove', 'updateThenCreateAll']);

/**
 * The store as one request sees it: records every record it writes or finds by key (list and key;
 * an update by list and id), and — with `crashAfter` — dies before its (k+1)th write.
 */
function instrumented(inner: RecordStore, touched: Set<string>, crashAfter = Infinity): { store: RecordStore; writes: () => number } {
  let writes = 0;
  const note = (list: string, r: { key?: string; id: string } | undefined | null) => r && touched.add(`${list}|${r.key ?? r.id}`);
  const store = new Proxy(inner, {
    get(target, name: string) {
      const fn = (target as unknown as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      if (!WRITES.has(name)) return fn.bind(target);
      return async (...args: unknown[]) => {
        if (writes >= crashAfter) throw new Crash(`crashed before write ${writes + 1} (${name})`);
        writes++;
        // An update sent with its follow-ups in one $batch counts as two steps: the update can commit
        // while its follow-ups do not (they are then written one request later — unless the process
        // dies first, which is what this simulates).
        if (name === 'updateThenCreateAll') {
          if (writes >= crashAfter) {
            await target.update(args[0] as never, args[1] as never, args[2] as never);
            touched.add(`${args[0] as string}|${(args[1] as { id: string }).id}:updated`);
            throw new Crash(`crashed between the update and its follow-ups (write ${writes + 1}, ${name})`);
          }
          writes++;
        }
        const result = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (name === 'createAll') (result as { record: { key: string; id: string } }[]).forEach((r, i) => note((args[0] as { list: string }[])[i]!.list, r.record));
        else if (name === 'createMany') (result as { key: string; id: string }[]).forEach((r) => note(args[0] as string, r));
        else if (name === 'createOrGet') note(args[0] as string, (result as { record: { key: string; id: string } }).record);
        else if (name === 'create') note(args[0] as string, result as { key: string; id: string });
        else if (name === 'update') touched.add(`${args[0] as string}|${(args[1] as { id: string }).id}:updated`);
        else if (name === 'updateThenCreateAll') {
          touched.add(`${args[0] as string}|${(args[1] as { id: string }).id}:updated`);
          (result as { created: { record: { key: string; id: string } }[] }).created.forEach((r, i) => note((args[3] as { list: string }[])[i]!.list, r.record));
        }
        return result;
      };
    },
  });
  return { store, writes: () => writes };
}

/** Per list, how many distinct records a run touched. */
function perList(touched: Set<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of touched) {
    const list = t.slice(0, t.indexOf('|'));
    out[list] = (out[list] ?? 0) + 1;
  }
  return out;
}

interface Scenario {
  /** Prepares what the operation acts on (on the real store); returns the operation itself. */
  prepare(n: number): Promise<(d: Deps) => Promise<unknown>>;
}

/**
 * Runs the operation once cleanly (its writes counted), then for every k from 0 to that count − 1:
 * crash after k writes, retry, and compare what exists with the clean run — per list, the same
 * number of records, all of them stored.
 */
async function checkResumable(name: string, scenario: Scenario) {
  const cleanTouched = new Set<string>();
  const clean = instrumented(deps.store, cleanTouched);
  await (await scenario.prepare(0))({ ...deps, store: clean.store });
  const steps = clean.writes();
  const expected = perList(cleanTouched);
  expect(steps, `${name}: a multi-step write`).toBeGreaterThan(1);
  for (let k = 0; k < steps; k++) {
    const touched = new Set<string>();
    const op = await scenario.prepare(k + 1);
    const crashing = instrumented(deps.store, touched, k);
    await expect(op({ ...deps, store: crashing.store }), `${name}: crash after ${k} writes`).rejects.toBeInstanceOf(Crash);
    await op({ ...deps, store: instrumented(deps.store, touched).store });
    expect(perList(touched), `${name}: crash after write ${k} of ${steps}, then a retry`).toEqual(expected);
    // Everything the two runs wrote or found is stored (the retry did not merely find it in memory).
    for (const t of touched) {
      const [list, key] = t.split('|') as [ListName, string];
      if (key.endsWith(':updated')) continue;
      expect(await deps.store.findByKey(list, key), `${name}: ${t} stored`).not.toBeNull();
    }
  }
}

let ia3: string;
let requester: Actor;
let owner: Actor;
let admin: Actor;
let isam: Actor;
let staff: Actor;
const SUBJECT = 'd0000000-0000-4000-8000-000000000017';
beforeAll(async () => {
  ia3 = (await deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-003' }] })).items[0]!.id;
  requester = await loadActor(deps, 'd0000000-0000-4000-8000-000000000016');
  owner = await loadActor(deps, 'd0000000-0000-4000-8000-000000000030');
  admin = await loadActor(deps, PEOPLE.adminUnit);
  isam = await loadActor(deps, PEOPLE.isam);
  staff = await loadActor(deps, 'd0000000-0000-4000-8000-000000000016');
});

let run = 0;
const form = (role: string) => ({ kind: 'new', subjectId: SUBJECT, assetId: ia3, role, justification: 'Arkivsökning.', validUntil: null, grantId: null });
/** A request waiting for the owner (on the real store). */
const pendingRequest = async (tag: string) => (await submitAccessRequest(deps, requester, form(`Roll ${tag} ${++run}`), `crash-${tag}-${run}`)).id;

describe('a crash between any two writes, then a retry: nothing lost, nothing twice', () => {
  it('submitting an access request (the loss reported in issue 18)', async () => {
    await checkResumable('access request', {
      prepare: async () => {
        const id = `crash-submit-${++run}`;
        const f = form(`Läsbehörighet ${run}`);
        return (d) => submitAccessRequest(d, requester, f, id);
      },
    });
  }, 240_000);

  it("an owner's decision", async () => {
    await checkResumable('decision', {
      prepare: async () => {
        const id = await pendingRequest('decide');
        return (d) => decideAccessRequest(d, owner, id, 'approve', null);
      },
    });
  }, 240_000);

  it('taking and carrying out an access task', async () => {
    const approved = async () => {
      const id = await pendingRequest('task');
      await decideAccessRequest(deps, owner, id, 'approve', null);
      return id;
    };
    await checkResumable('task taken', { prepare: async () => { const id = await approved(); return (d) => takeAccessTask(d, admin, id); } });
    await checkResumable('task done', { prepare: async () => { const id = await approved(); return (d) => completeAccessTask(d, admin, id); } });
  }, 300_000);

  it('reporting an incident, and triaging it', async () => {
    const report = (key: string) => (d: Deps) => reportIncident(d, staff, { category: 'other', title: null, description: `Krasch-test ${key}: ett kuvert saknas.`, occurredAt: null, discoveredAt: '2026-11-28T08:00:00.000Z', assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } }, key);
    await checkResumable('incident report', { prepare: async () => report(`crash-report-${++run}`) });
    await checkResumable('triage', {
      prepare: async () => {
        const { incident } = await report(`crash-triage-${++run}`)(deps);
        const key = `crash-triage-op-${run}`;
        return (d) => triageIncident(d, isam, incident.id, { severity: 'low', personalDataBreach: false, significant: 'no', rationale: 'Ingen påverkan.', imyNotRequiredRationale: null }, key);
      },
    });
  }, 300_000);

  it('closing an incident after its investigation', async () => {
    const manager = await loadActor(deps, 'd0000000-0000-4000-8000-000000000014'); // the reporter's line manager
    await checkResumable('incident close', {
      prepare: async () => {
        const key = `crash-close-${++run}`;
        const { incident } = await reportIncident(deps, staff, { category: 'other', title: null, description: `Stängnings-test ${key}: en nyckel saknas.`, occurredAt: null, discoveredAt: '2026-11-28T08:00:00.000Z', assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } }, key);
        await triageIncident(deps, isam, incident.id, { severity: 'low', personalDataBreach: false, significant: 'no', rationale: 'Ingen påverkan.', imyNotRequiredRationale: null }, `${key}-triage`);
        await recordInvestigation(deps, manager, incident.id, { findings: 'Nyckeln låg i fel skåp.', actions: 'Nyckelskåpet märks.' }, `${key}-investigation`);
        return (d) => closeIncident(d, manager, incident.id, `${key}-op`);
      },
    });
  }, 240_000);

  it('a register record created from the tab', async () => {
    await checkResumable('risk', {
      prepare: async () => {
        const key = `crash-risk-${++run}`;
        return (d) => createRisk(d, isam, key, { title: `Risk ${run}`, process: 'Arkivering', unit: 'Administrativa avdelningen', threat: 'Obehörig åtkomst', consequence: 'Uppgifter röjs', likelihood: 2, consequenceLevel: 3, ownerId: PEOPLE.isam, reviewAt: '2027-06-01' });
      },
    });
  }, 240_000);
});

describe('a recertification save, crashed between its grant updates and its follow-ups (issue 18 closing note)', () => {
  it('a retry with the same operation key writes the termination task, its card and the audit entry once', async () => {
    await startRecertification(deps, isam, { dueDate: '2026-12-20' });
    const campaign = (await deps.store.query('AccessCampaigns', { where: [{ field: 'status', op: 'eq', value: 'running' }] })).items[0]!;
    const reviews = (await deps.store.query('AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: campaign.id }], pageSize: 100 })).items;
    const review = reviews.find((r) => !r.data.subjectId && r.data.ownerId !== SUBJECT && r.data.exceptSubjectId !== SUBJECT && r.data.status === 'open')!;
    const reviewer = await loadActor(deps, review.data.ownerId);
    // Two grants the review covers (granted before the campaign started), fresh for every run.
    const grant = (role: string) =>
      deps.store.create('AccessGrants', `crash-recert-grant-${role}`, { subjectId: SUBJECT, assetId: review.data.assetId, role, status: 'active', grantedAt: '2026-01-15T08:00:00.000Z', validUntil: null, requestId: null, removedAt: null, removedBy: null, removalReason: null, lastReview: null });
    await checkResumable('recertification save', {
      prepare: async () => {
        const n = ++run;
        const [keep, remove] = await Promise.all([grant(`Läsare ${n}`), grant(`Skrivare ${n}`)]);
        const op = `crash-recert-op-${n}`;
        return (d) => decideReview(d, reviewer, review.id, [{ grantId: keep.id, decision: 'keep' }, { grantId: remove.id, decision: 'remove' }], 0, op);
      },
    });
    // The decisions and their follow-ups of every run are there, once: one task per removed grant.
    const tasks = (await deps.store.query('AccessRequests', { where: [{ field: 'assetId', op: 'eq', value: review.data.assetId }], pageSize: 200 })).items.filter((t) => t.data.origin === 'recertification');
    expect(new Set(tasks.map((t) => t.data.grantId)).size).toBe(tasks.length);
  }, 300_000);
});

describe('a leaver whose last day has come, crashed anywhere between recording and processing', () => {
  it('a retry completes the termination tasks, the cancelled request, every card and audit entry once, and marks the leaver processed last', async () => {
    const LEAVER = 'd0000000-0000-4000-8000-000000000021';
    const manager = await loadActor(deps, 'd0000000-0000-4000-8000-000000000019');
    const day = (back: number) => new Date(Date.parse('2026-11-28T12:00:00.000Z') - back * 86_400_000).toISOString().slice(0, 10);
    // Anything open for the person from before is cancelled first, so that every run below finds the same.
    await recordLeaver(deps, admin, { personId: LEAVER, lastDay: day(29) });
    await checkResumable('leaver', {
      prepare: async (n) => {
        // A request for the person waiting for its owner: cancelled by the processing.
        await submitAccessRequest(deps, manager, { ...form(`Leaver ${++run}`), subjectId: LEAVER }, `crash-leaver-req-${run}`);
        return (d) => recordLeaver(d, admin, { personId: LEAVER, lastDay: day(n) });
      },
    });
    const leavers = (await deps.store.query('Leavers', { where: [{ field: 'personId', op: 'eq', value: LEAVER }], pageSize: 100 })).items;
    expect(leavers.every((l) => l.data.processedAt), 'every leaver processed in the end').toBe(true);
  }, 400_000);
});

describe('"registered" goes to the first request that is answered', () => {
  it('a report whose first request crashed after storing the record is "created" on the retry; a repeat after that is not', async () => {
    const key = `crash-answer-${++run}`;
    const raw = { category: 'other', title: null, description: 'Svar-test: en pärm saknas.', occurredAt: null, discoveredAt: '2026-11-28T08:00:00.000Z', assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } };
    await expect(reportIncident({ ...deps, store: instrumented(deps.store, new Set(), 1).store }, staff, raw, key)).rejects.toBeInstanceOf(Crash);
    const retry = await reportIncident(deps, staff, raw, key);
    expect(retry.created, 'no earlier request was answered').toBe(true);
    const again = await reportIncident(deps, staff, raw, key);
    expect(again.created, 'a double click after the answer').toBe(false);
    expect(again.incident.id).toBe(retry.incident.id);
  }, 60_000);

  it('"committed, then 503" on the create itself: the first request is told "registered"', async () => {
    const key = `crash-503-${++run}`;
    const raw = { category: 'other', title: null, description: 'Svar-test: en server svarade 503.', occurredAt: null, discoveredAt: '2026-11-28T08:00:00.000Z', assetId: null, supplierId: null, personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } };
    h.app.graph!.setFaults({ retryAfterSeconds: 0, script: [{ method: 'POST', pathIncludes: '/items', mode: 'commit-then-503' }] });
    try {
      const first = await reportIncident(deps, staff, raw, key);
      expect(first.created).toBe(true);
    } finally {
      h.app.graph!.setFaults({});
    }
  }, 60_000);
});
