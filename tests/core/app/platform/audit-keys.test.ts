/**
 * Every state change writes exactly one audit entry keyed by the record and the change (issue 17.1),
 * in every capability outside incidents (the incident use cases have their own tests): the same
 * change made to two records gives two entries; a retried operation gives one; a second, different
 * change of the same record gives a second one. Run against the real local app (local SharePoint
 * server, demo organisation); the channel link goes through the bot's own door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAccessTask, createExpiryTasks, decideAccessRequest, decideReview, recordLeaver, startRecertification, submitAccessRequest } from '../../../../core/app/access';
import { planMeeting, updateMeeting } from '../../../../core/app/ambassadors';
import { getAsset, updateAsset } from '../../../../core/app/assets';
import { recordDocumentReview, updateGoverningDocument } from '../../../../core/app/governance';
import { getImprovement, updateImprovement } from '../../../../core/app/improvements';
import { loadActor } from '../../../../core/app/people';
import { fingerprint, type Deps } from '../../../../core/app/platform';
import { getSupplier, updateSupplierChecklist } from '../../../../core/app/suppliers';
import { importTrainingCsv } from '../../../../core/app/training';
import { ConflictError } from '../../../../core/ports/errors';
import type { ListName } from '../../../../core/domain';
import { PEOPLE, startBotHarness, type BotHarness } from '../../../support/bot-harness';

let h: BotHarness;
let deps: Deps;
beforeAll(async () => {
  h = await startBotHarness();
  deps = h.app.runtime.deps;
});
afterAll(async () => h?.close());

const ADMIN_UNIT = PEOPLE.adminUnit;
const PER = 'd0000000-0000-4000-8000-000000000007';

/** The audit entries about one record (the indexed `target` column). */
async function entries(target: string, action?: string) {
  const out: { action: string; key: string; actorId: string }[] = [];
  for await (const a of deps.store.queryAll('AuditLog', { where: [{ field: 'target', op: 'eq', value: target }] })) out.push({ action: a.data.action, key: a.key, actorId: a.data.actorId });
  return action ? out.filter((e) => e.action === action) : out;
}

async function ids<L extends ListName>(list: L, n: number): Promise<string[]> {
  const page = await deps.store.query(list, { pageSize: n });
  return page.items.slice(0, n).map((i) => i.id);
}

/**
 * An update made with If-Match: the same change to two records, a retry with the same (now stale)
 * version, and a second change of the first record.
 */
async function checkUpdates(options: {
  list: string;
  action: string;
  records: [string, string];
  etag: (id: string) => Promise<string>;
  change: (id: string, etag: string, value: string) => Promise<unknown>;
}) {
  const [a, b] = options.records;
  const count = async (id: string) => (await entries(`${options.list}/${id}`, options.action)).length;
  const before = [await count(a), await count(b)];
  const etagA = await options.etag(a);
  await options.change(a, etagA, 'Samma ändring');
  await options.change(b, await options.etag(b), 'Samma ändring');
  expect([await count(a), await count(b)], 'the same change on two records').toEqual([before[0]! + 1, before[1]! + 1]);
  // A retry (a double click, a client that sends again): the version it was made to has gone.
  await expect(options.change(a, etagA, 'Samma ändring')).rejects.toBeInstanceOf(ConflictError);
  expect(await count(a), 'a retry').toBe(before[0]! + 1);
  await options.change(a, await options.etag(a), 'En annan ändring');
  expect(await count(a), 'a second change').toBe(before[0]! + 2);
}

describe('one audit entry per change, keyed by the record and the change', () => {
  it('information assets and their classification', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    await checkUpdates({
      list: 'InformationAssets',
      action: 'asset.updated',
      records: (await ids('InformationAssets', 2)) as [string, string],
      etag: async (id) => (await getAsset(deps, isam, id)).etag,
      change: (id, etag, value) => updateAsset(deps, isam, id, etag, { notes: value }),
    });
  });

  it('suppliers (the security checklist)', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    await checkUpdates({
      list: 'Suppliers',
      action: 'supplier.checklist_updated',
      records: (await ids('Suppliers', 2)) as [string, string],
      etag: async (id) => (await getSupplier(deps, isam, id)).etag,
      change: (id, etag, value) => updateSupplierChecklist(deps, isam, id, etag, { items: [{ key: 'logging', done: true, note: value }] }),
    });
  });

  it('improvement actions', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    await checkUpdates({
      list: 'ImprovementActions',
      action: 'improvement.updated',
      records: (await ids('ImprovementActions', 2)) as [string, string],
      etag: async (id) => (await getImprovement(deps, isam, id)).etag,
      change: (id, etag, value) => updateImprovement(deps, isam, id, etag, { description: value }),
    });
  });

  it('governing documents: changes, and a review of a date the document was moved back to', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const docs = await ids('GoverningDocuments', 2);
    const etag = async (id: string) => (await deps.store.get('GoverningDocuments', id))!.etag;
    await checkUpdates({
      list: 'GoverningDocuments',
      action: 'governing_document.updated',
      records: docs as [string, string],
      etag,
      change: (id, e, value) => updateGoverningDocument(deps, isam, id, e, { description: value }),
    });

    // Reviewed for the same date on two documents: two entries; the click again: one.
    const [a, b] = docs as [string, string];
    const reviewAt = async (id: string) => (await deps.store.get('GoverningDocuments', id))!.data.reviewAt;
    const reviewed = async (id: string) => (await entries(`GoverningDocuments/${id}`, 'governing_document.reviewed')).length;
    const firstDate = await reviewAt(a);
    await recordDocumentReview(deps, isam, a, firstDate, { nextReviewAt: '2027-12-01' });
    await recordDocumentReview(deps, isam, b, await reviewAt(b), { nextReviewAt: '2027-12-01' });
    await recordDocumentReview(deps, isam, a, firstDate, { nextReviewAt: '2027-12-01' });
    expect([await reviewed(a), await reviewed(b)]).toEqual([1, 1]);
    // ISAM moves the review back to the first date; the owner reviews again: a review of its own.
    await updateGoverningDocument(deps, isam, a, await etag(a), { reviewAt: firstDate });
    const again = await recordDocumentReview(deps, isam, a, firstDate, { nextReviewAt: '2028-01-10' });
    expect(again.recorded).toBe(true);
    expect(await reviewed(a)).toBe(2);
  });

  it('ambassador meetings: planned once per form, each change of each meeting audited', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const form = (theme: string) => ({ date: '2027-05-20', time: '13:00', theme, description: null, materialUrl: null, checklist: [] });
    const one = await planMeeting(deps, isam, form('Lösenord'), 'audit-form-1');
    const two = await planMeeting(deps, isam, form('Lösenord'), 'audit-form-2');
    await planMeeting(deps, isam, form('Lösenord'), 'audit-form-1'); // the same form sent again
    expect((await entries(`AmbassadorMeetings/${one.id}`, 'ambassador_meeting.planned')).length).toBe(1);
    expect((await entries(`AmbassadorMeetings/${two.id}`, 'ambassador_meeting.planned')).length).toBe(1);
    await checkUpdates({
      list: 'AmbassadorMeetings',
      action: 'ambassador_meeting.updated',
      records: [one.id, two.id],
      etag: async (id) => (await deps.store.get('AmbassadorMeetings', id))!.etag,
      change: (id, etag, value) => updateMeeting(deps, isam, id, etag, form(value)),
    });
  });

  it('access requests, decisions, tasks and grants: one entry per record and step, none for a repeat', async () => {
    const johanna = await loadActor(deps, 'd0000000-0000-4000-8000-000000000016');
    const thomas = await loadActor(deps, 'd0000000-0000-4000-8000-000000000030');
    const admin = await loadActor(deps, ADMIN_UNIT);
    const ia3 = (await deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: 'IA-003' }] })).items[0]!.id;
    const form = (subjectId: string) => ({ kind: 'new', subjectId, assetId: ia3, role: 'Läsbehörighet arkiv', justification: 'Arkivsökning.', validUntil: null, grantId: null });
    // The same request for two colleagues: two requests, two entries; the same form sent again: none.
    const a = await submitAccessRequest(deps, johanna, form('d0000000-0000-4000-8000-000000000017'), 'audit-form-a');
    const b = await submitAccessRequest(deps, johanna, form('d0000000-0000-4000-8000-000000000018'), 'audit-form-b');
    await submitAccessRequest(deps, johanna, form('d0000000-0000-4000-8000-000000000017'), 'audit-form-a');
    // The same decision on both; a double click decides once.
    for (const r of [a, b, a]) await decideAccessRequest(deps, thomas, r.id, 'approve', null);
    // The task carried out (twice for the first: a second member, or a retry).
    for (const r of [a, b, a]) await completeAccessTask(deps, admin, r.id);
    for (const r of [a, b]) {
      const actions = (await entries(`AccessRequests/${r.id}`)).map((e) => e.action);
      expect(actions.sort()).toEqual(['access.approved', 'access.requested', 'access.task.completed']);
      const grant = (await deps.store.get('AccessRequests', r.id))!.data.grantId!;
      expect((await entries(`AccessGrants/${grant}`)).map((e) => e.action)).toEqual(['access.grant.granted']);
    }
  });

  it('expiry: each expired grant becomes one task with one entry, however often the job runs', async () => {
    const expired = (await deps.store.query('AccessGrants', { where: [{ field: 'status', op: 'eq', value: 'active' }], pageSize: 500 })).items.filter((g) => g.data.validUntil && g.data.validUntil < '2026-11-28');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    const now = new Date('2026-11-28T09:00:00.000Z');
    await createExpiryTasks(deps, now);
    await createExpiryTasks(deps, now);
    for (const g of expired) {
      const tasks = (await deps.store.query('AccessRequests', { where: [{ field: 'grantId', op: 'eq', value: g.id }], pageSize: 20 })).items.filter((r) => r.data.origin === 'expiry');
      expect(tasks, g.id).toHaveLength(1);
      expect((await entries(`AccessRequests/${tasks[0]!.id}`)).map((e) => e.action)).toEqual(['access.task.created']);
    }
  });

  it("a leaver's last day moved, moved back and moved again: each move is its own entry", async () => {
    const manager = await loadActor(deps, 'd0000000-0000-4000-8000-000000000036'); // Anders Blom, KUL
    const staff = ['d0000000-0000-4000-8000-000000000038', 'd0000000-0000-4000-8000-000000000039']; // Viktor, Rebecka
    const leavers = [];
    for (const personId of staff) leavers.push(await recordLeaver(deps, manager, { personId, lastDay: '2027-02-26' }));
    const moves = async (id: string) => (await entries(`Leavers/${id}`, 'access.leaver.changed')).length;
    // The same move of two leavers: two entries.
    for (const personId of staff) await recordLeaver(deps, manager, { personId, lastDay: '2027-03-31' });
    expect([await moves(leavers[0]!.id), await moves(leavers[1]!.id)]).toEqual([1, 1]);
    // The same form again: nothing new.
    await recordLeaver(deps, manager, { personId: staff[0]!, lastDay: '2027-03-31' });
    expect(await moves(leavers[0]!.id)).toBe(1);
    // Back to the first date, and forward again: two more changes, two more entries.
    await recordLeaver(deps, manager, { personId: staff[0]!, lastDay: '2027-02-26' });
    await recordLeaver(deps, manager, { personId: staff[0]!, lastDay: '2027-03-31' });
    expect(await moves(leavers[0]!.id)).toBe(3);
    expect((await entries(`Leavers/${leavers[0]!.id}`, 'access.leaver.recorded')).length).toBe(1);
  });

  it('recertification: two saves of one review are two entries, even when their activities share a key; a retry is one', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    await startRecertification(deps, isam, { dueDate: '2026-12-20' });
    const [campaign] = (await deps.store.query('AccessCampaigns', { where: [{ field: 'status', op: 'eq', value: 'running' }] })).items;
    const per = await loadActor(deps, PER);
    const reviews = (await deps.store.query('AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: campaign!.id }], pageSize: 100 })).items;
    const review = reviews.find((r) => r.data.ownerId === PER && !r.data.subjectId && r.data.total >= 2)!;
    const pendingGrants = (await deps.store.query('AccessGrants', { where: [{ field: 'assetId', op: 'eq', value: review.data.assetId }], pageSize: 100 })).items.filter(
      (g) => g.data.status === 'active' && g.data.subjectId !== PER,
    );
    const [g1, g2] = pendingGrants;
    const saves = async () => (await entries(`AccessReviews/${review.id}`, 'access.review.decided')).length;
    // Two different saves with the same operation key (an activity without an id): two entries.
    await decideReview(deps, per, review.id, [{ grantId: g1!.id, decision: 'keep' }], 0, 'same-activity-key');
    await decideReview(deps, per, review.id, [{ grantId: g2!.id, decision: 'keep' }], 0, 'same-activity-key');
    expect(await saves()).toBe(2);
    // The first save retried: decided already, nothing new.
    const retry = await decideReview(deps, per, review.id, [{ grantId: g1!.id, decision: 'keep' }], 0, 'same-activity-key');
    expect(retry.decided).toBe(0);
    expect(await saves()).toBe(2);
    expect((await entries(`AccessReviews/${review.id}`, 'access.review.decided')).map((e) => e.key)).toContain(`audit:access:review:${review.id}:decided:${fingerprint([g1!.id])}`);
  });

  it('training import: two uploads are two entries, the same upload sent again is one', async () => {
    const admin = await loadActor(deps, ADMIN_UNIT);
    const csv = (email: string) => `E-post;Kurs;Slutförd\n${email};ISK-GRUND;2026-11-20\n`;
    const imports = async () => (await entries('Trainings/import', 'training.imported')).length;
    const before = await imports();
    await importTrainingCsv(deps, admin, csv('tove.lindstrom@soderbyn.example'), 'upload-key-0001');
    await importTrainingCsv(deps, admin, csv('tove.lindstrom@soderbyn.example'), 'upload-key-0001');
    expect(await imports()).toBe(before + 1);
    await importTrainingCsv(deps, admin, csv('peter.strand@soderbyn.example'), 'upload-key-0002');
    expect(await imports()).toBe(before + 2);
  });

  it('channels: two roles linked by activities without an id in one thread are two entries; a retried activity is one', async () => {
    const channel = { id: '19:audit-keys@thread.tacv2', name: 'Säkerhet' };
    const link = (text: string, id: string | undefined) =>
      h.post({
        channelId: 'msteams',
        serviceUrl: h.connector.serviceUrl,
        ...(id ? { id } : {}),
        locale: 'sv-SE',
        type: 'message',
        text: `<at>LIS</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>LIS</at>', mentioned: { id: '28:lis-local-bot', name: 'LIS' } }],
        from: { id: `29:${PEOPLE.isam}`, aadObjectId: PEOPLE.isam },
        recipient: { id: '28:lis-local-bot', name: 'LIS' },
        conversation: { id: `${channel.id};messageid=777`, conversationType: 'channel', isGroup: true, tenantId: '00000000-0000-4000-8000-000000000001' },
        channelData: { tenant: { id: '00000000-0000-4000-8000-000000000001' }, team: { id: '19:team@thread.tacv2' }, channel },
      });
    const linked = async (role: string) => {
      const record = await deps.store.findByKey('Channels', `channel:${role}`);
      return (await entries(`Channels/${record!.id}`, 'channel.linked')).length;
    };
    const before = { dso: await linked('dso'), ambassadors: await linked('ambassadors') };
    await link('koppla dso', undefined);
    await link('koppla ambassadors', undefined);
    expect([await linked('dso'), await linked('ambassadors')]).toEqual([before.dso + 1, before.ambassadors + 1]);
    // Teams retries an activity with its id: one entry.
    await link('koppla dso', 'link-activity-1');
    await link('koppla dso', 'link-activity-1');
    expect(await linked('dso')).toBe(before.dso + 2);
  });
});
