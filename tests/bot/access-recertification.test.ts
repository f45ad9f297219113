/**
 * A recertification campaign over the Bot Framework protocol: ISAM starts it, 300 grants across 10
 * owners are reviewed on paged cards (per grant and "keep all"), removals become tasks for the
 * administrative unit, owners who have not finished are reminded, progress is recorded, and the
 * campaign completes. Then the scheduler proposes the next one in a configured month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordOf } from '../../core/domain';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { all, auditOf, buttons, cardsIn, cardsTo, P, visible } from './access-helpers';

let h: BotHarness;
const ADMIN_CHANNEL = '19:recert-admin@thread.tacv2';
const ISAM_CHANNEL = '19:recert-isam@thread.tacv2';
const person = (n: number) => `d0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const OWNERS = [20, 21, 22, 23, 25, 26, 27, 28, 29, 31].map(person);
const DELEGATE = person(15); // delegate for the first system (made a manager below, as a delegate must be): gets a copy of its review card
// Nobody reviews their own access: the owners hold no grants here (their own grants are reviewed
// apart, by their line manager — tests/bot/access-duties.test.ts).
const SUBJECTS = Array.from({ length: 40 }, (_, i) => person(i + 1)).filter((id) => !OWNERS.includes(id));
const GRANTS_PER_ASSET = 30;
let assets: { id: string; code: string; owner: string }[] = [];

beforeAll(async () => {
  h = await startBotHarness();
  const store = h.app.runtime.deps.store;
  await h.channelMessage(P.isam, 'koppla admin', { id: ADMIN_CHANNEL, name: 'Behörigheter' });
  await h.channelMessage(P.isam, 'koppla isam', { id: ISAM_CHANNEL, name: 'Informationssäkerhet' });
  for (const who of [...OWNERS, DELEGATE, P.isam, P.adminUnit]) await h.message(who, 'hej');
  await store.create('Roles', 'test:recert:delegate:manager', { personId: DELEGATE, role: 'manager', unit: 'EKB', assignedBy: P.isam, assignedAt: '2026-11-01T08:00:00.000Z', validTo: null, active: true });

  // Exactly 300 grants across 10 owners: the demo organisation's own grants are ended first.
  const seeded = await all(h, 'AccessGrants', 'status', 'active');
  await Promise.all(seeded.map((g) => store.update('AccessGrants', g, { status: 'removed', removedAt: '2026-11-01T08:00:00.000Z', removedBy: P.adminUnit, removalReason: 'other' })));
  const now = '2026-11-20T08:00:00.000Z';
  const storedAssets = await store.createMany(
    'InformationAssets',
    OWNERS.map((owner, i) => ({
      key: `test:recert:asset:${i}`,
      data: {
        code: `RC-${String(i + 1).padStart(3, '0')}`,
        name: `Testsystem ${i + 1}`,
        description: 'System för revisionstestet.',
        information: 'Testuppgifter.',
        critical: false,
        ownerId: owner,
        delegateId: i === 0 ? DELEGATE : null,
        contactId: null,
        unit: 'ADM',
        systemOwnerId: null,
        confidentiality: null,
        integrity: null,
        availability: null,
        traceability: null,
        classifiedAt: null,
        classifiedBy: null,
        priority: null,
        nextReviewAt: null,
        supplierIds: [],
        notes: null,
        updatedAt: now,
      } satisfies RecordOf<'InformationAssets'>,
    })),
  );
  assets = storedAssets.map((a, i) => ({ id: a.id, code: a.data.code, owner: OWNERS[i]! }));
  await store.createMany(
    'AccessGrants',
    assets.flatMap((a, i) =>
      Array.from({ length: GRANTS_PER_ASSET }, (_, k) => ({
        key: `test:recert:grant:${i}:${k}`,
        data: {
          subjectId: SUBJECTS[(i * 7 + k) % SUBJECTS.length]!,
          assetId: a.id,
          role: `Roll ${k + 1}`,
          status: 'active' as const,
          grantedAt: '2025-01-15T08:00:00.000Z',
          validUntil: null,
          requestId: null,
          removedAt: null,
          removedBy: null,
          removalReason: null,
          lastReview: null,
        },
      })),
    ),
  );
}, 60_000);
afterAll(async () => h?.close());

const drain = () => h.app.runtime.outbox.drain();
const reviewOf = async (assetIdValue: string) => (await all(h, 'AccessReviews', 'assetId', assetIdValue))[0]!;
const choicesOf = (card: unknown) => [...JSON.stringify(card).matchAll(/"id":"(g_\d+)"/g)].map((m) => m[1]!);

describe('recertification campaign', () => {
  it('runs 300 grants across 10 owners to completion', async () => {
    // ISAM starts from the command's card.
    h.connector.reset();
    await h.message(P.isam, 'behörighetsrevision');
    const start = h.connector.cards()[0]!.card;
    expect(visible(start)).toContain('Starta behörighetsrevision');
    expect(visible(start)).toMatch(/Behörigheter\n300\nSystem\n10\nInformationsägare\n10/);
    expect(buttons(start).map((b) => b.title)).toEqual(['Starta revisionen']);
    // Someone else cannot start one.
    const refused = await h.execute(P.adminUnit, 'access.campaign.start', { dueDate: '2026-12-20' });
    expect(visible(refused.body.value)).toContain('Bara informationssäkerhetssamordnaren (ISAM) kan starta en behörighetsrevision.');
    expect(await all(h, 'AccessCampaigns', 'status', 'running')).toHaveLength(0);

    const started = await h.execute(P.isam, 'access.campaign.start', { dueDate: '2026-12-20' });
    expect(visible(started.body.value)).toContain('Behörighetsrevision november 2026: 10 system med 300 behörigheter. Sista dag för granskningen är 2026-12-20.');
    const again = await h.execute(P.isam, 'access.campaign.start', { dueDate: '2026-12-20' }); // a double click
    expect(visible(again.body.value)).toContain('Behörighetsrevisionen pågår');
    const [campaign] = await all(h, 'AccessCampaigns', 'status', 'running');
    expect(campaign!.data).toMatchObject({ period: '2026-11', startedBy: P.isam, dueAt: '2026-12-20T22:59:59.000Z' });
    const reviews = await all(h, 'AccessReviews', 'campaignId', campaign!.id);
    expect(reviews).toHaveLength(10);
    expect(reviews.every((r) => r.data.total === GRANTS_PER_ASSET && r.data.status === 'open')).toBe(true);
    expect(new Set(reviews.map((r) => r.data.ownerId))).toEqual(new Set(OWNERS));

    // One review card per owner and system (and a copy for the delegate), paged.
    h.connector.reset();
    await drain();
    for (const a of assets) {
      const cards = cardsTo(h, a.owner);
      expect(cards, a.code).toHaveLength(1);
      const text = visible(cards[0]!.card);
      expect(text).toContain(`Behörighetsrevision: ${a.code} Testsystem`);
      expect(text).toContain('0 av 30 granskade: 0 behålls, 0 tas bort, 30 återstår.');
      expect(text).toContain('Sida 1 av 3 av det som återstår.');
      expect(choicesOf(cards[0]!.card)).toHaveLength(10);
      expect(buttons(cards[0]!.card).map((b) => b.title)).toEqual(['Nästa sida', 'Spara besluten', 'Behåll alla återstående (30)']);
      expect(JSON.stringify(cards[0]!.card).length).toBeLessThan(40_000);
    }
    expect(cardsTo(h, DELEGATE)).toHaveLength(1);
    expect(visible(cardsTo(h, P.isam)[0]!.card)).toContain('System granskade\n0 av 10');

    // A person who does not own the system cannot decide on it.
    const first = assets[0]!;
    const firstReview = await reviewOf(first.id);
    const firstCard = cardsTo(h, first.owner)[0]!;
    const forged = await h.execute(assets[1]!.owner, 'access.review.keepAll', { reviewId: firstReview.id });
    expect(visible(forged.body.value)).toContain('Bara informationsägaren för Testsystem 1 eller dennes ersättare kan granska behörigheterna. Inget har sparats.');
    expect((await reviewOf(first.id)).data).toMatchObject({ kept: 0, removed: 0, status: 'open' });

    // The first owner pages forward and decides one page: two removals, eight kept.
    h.connector.reset();
    const page2 = await h.execute(first.owner, 'access.review.open', { reviewId: firstReview.id, page: 1 });
    expect(visible(page2.body.value)).toContain('Sida 2 av 3');
    const ids = choicesOf(page2.body.value);
    expect(ids.filter((id) => choicesOf(firstCard.card).includes(id))).toEqual([]); // another page
    const decisions = Object.fromEntries(ids.map((id, k) => [id, k < 2 ? 'remove' : 'keep']));
    const saved = await h.execute(first.owner, 'access.review.save', { reviewId: firstReview.id, page: 1, ...decisions });
    expect(visible(saved.body.value)).toContain('10 beslut sparade.');
    expect(visible(saved.body.value)).toContain('10 av 30 granskade: 8 behålls, 2 tas bort, 20 återstår.');
    expect((await reviewOf(first.id)).data).toMatchObject({ kept: 8, removed: 2, status: 'open' });
    await drain();
    // The delegate's copy shows the progress; the owner's own card was the answer to the click.
    expect(visible(cardsTo(h, DELEGATE)[0]!.card)).toContain('10 av 30 granskade');
    expect(cardsTo(h, DELEGATE)[0]!.method).toBe('PUT');
    // The removals are tasks for the administrative unit.
    const removalTasks = cardsIn(h, ADMIN_CHANNEL);
    expect(removalTasks).toHaveLength(2);
    expect(visible(removalTasks[0]!.card)).toContain('Beslut i behörighetsrevision');

    // Five owners finish at once with "keep all" (the first keeps the rest).
    for (const a of assets.slice(0, 5)) {
      const r = await reviewOf(a.id);
      const res = await h.execute(a.owner, 'access.review.keepAll', { reviewId: r.id });
      expect(visible(res.body.value)).toMatch(/Granskningen är klar \(2026-11-28 10:00\): (30|28) behålls och (0|2) tas bort\./);
      expect(buttons(res.body.value)).toEqual([]);
    }
    const twice = await h.execute(first.owner, 'access.review.keepAll', { reviewId: firstReview.id });
    expect(visible(twice.body.value)).toContain('Inget nytt att spara');

    // A week later the five who have not finished are reminded — and only they.
    await drain();
    h.connector.reset();
    h.clock.set('2026-12-05T08:00:00.000Z');
    expect(await h.app.runtime.scheduler.tick()).toContain('access.recertification');
    await drain();
    for (const [i, a] of assets.entries()) {
      const reminders = cardsTo(h, a.owner).filter((c) => visible(c.card).includes('Påminnelse: behörighetsrevision'));
      expect(reminders, a.code).toHaveLength(i < 5 ? 0 : 1);
      if (i >= 5) {
        expect(visible(reminders[0]!.card)).toContain('du har 1 system kvar att granska. Sista dag är 2026-12-20.');
        expect(buttons(reminders[0]!.card)).toEqual([{ title: `Granska ${a.code}`, verb: 'access.review.open', data: { reviewId: (await reviewOf(a.id)).id, page: 0 } }]);
      }
    }
    expect((await reviewOf(assets[5]!.id)).data.lastReminderAt).toBe('2026-12-05T08:00:00.000Z');

    // The other five each remove one grant, then keep the rest (from the reminder's button).
    for (const a of assets.slice(5)) {
      const r = await reviewOf(a.id);
      const opened = await h.execute(a.owner, 'access.review.open', { reviewId: r.id, page: 0 });
      const [one] = choicesOf(opened.body.value);
      await h.execute(a.owner, 'access.review.save', { reviewId: r.id, page: 0, [one!]: 'remove' });
      await h.execute(a.owner, 'access.review.keepAll', { reviewId: r.id });
    }

    // Complete: progress recorded on every review for the tab, the decisions on the grants.
    const done = await all(h, 'AccessReviews', 'campaignId', campaign!.id);
    expect(done.every((r) => r.data.status === 'completed' && r.data.kept + r.data.removed === GRANTS_PER_ASSET && r.data.completedAt)).toBe(true);
    expect(done.reduce((n, r) => n + r.data.removed, 0)).toBe(7);
    expect((await h.app.runtime.deps.store.get('AccessCampaigns', campaign!.id))!.data).toMatchObject({ status: 'completed', completedAt: '2026-12-05T08:00:00.000Z' });
    let reviewed = 0;
    for (const a of assets) {
      for (const g of await all(h, 'AccessGrants', 'assetId', a.id)) {
        expect(g.data.lastReview).toMatchObject({ campaignId: campaign!.id, decidedBy: a.owner });
        reviewed++;
      }
    }
    expect(reviewed).toBe(300);
    expect((await auditOf(h, `AccessCampaigns/${campaign!.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual(
      expect.arrayContaining([
        ['access.campaign.started', P.isam],
        ['access.campaign.completed', assets[9]!.owner],
      ]),
    );

    // ISAM hears that it is complete; the status card shows the final figures.
    h.connector.reset();
    await drain();
    const isam = cardsTo(h, P.isam).map((c) => visible(c.card));
    expect(isam.some((t) => t.includes('Behörighetsrevisionen är klar') && t.includes('10 system granskade, 300 behörigheter – 293 behålls och 7 tas bort.'))).toBe(true);
    expect(isam.some((t) => t.includes('System granskade\n10 av 10') && t.includes('300 av 300 beslutade: 293 behålls, 7 tas bort'))).toBe(true);

    // The administrative unit carries out the seven removals.
    const tasks = (await all(h, 'AccessRequests', 'status', 'approved')).filter((r) => r.data.origin === 'recertification');
    expect(tasks).toHaveLength(7);
    for (const task of tasks) await h.execute(P.adminUnit, 'access.task.done', { requestId: task.id });
    for (const task of tasks) {
      expect((await h.app.runtime.deps.store.get('AccessGrants', task.data.grantId!))!.data).toMatchObject({ status: 'removed', removalReason: 'recertification', removedBy: P.adminUnit });
    }
  });

  it('is proposed by the scheduler in a configured month, and the proposal shows who started it', async () => {
    h.connector.reset();
    h.clock.set('2027-02-15T08:00:00.000Z'); // February is not a recertification month (3 and 9)
    await h.app.runtime.scheduler.tick();
    await drain();
    expect(cardsIn(h, ISAM_CHANNEL).filter((c) => visible(c.card).includes('Dags för'))).toHaveLength(0);

    h.clock.set('2027-03-01T07:00:00.000Z');
    await h.app.runtime.scheduler.tick();
    await drain();
    const proposal = cardsIn(h, ISAM_CHANNEL).find((c) => visible(c.card).includes('Dags för Behörighetsrevision mars 2027'))!;
    expect(visible(proposal.card)).toMatch(/Behörigheter\n293/);
    const start = buttons(proposal.card).find((b) => b.verb === 'access.campaign.start')!;
    expect(start.title).toBe('Starta revisionen');
    // Proposed once per month, however often the scheduler runs.
    h.clock.set('2027-03-02T07:00:00.000Z');
    await h.app.runtime.scheduler.tick();
    await drain();
    expect(cardsIn(h, ISAM_CHANNEL).filter((c) => visible(c.card).includes('Dags för'))).toHaveLength(1);

    h.connector.reset();
    const res = await h.execute(P.isam, 'access.campaign.start', { ...start.data, dueDate: '2027-03-31' });
    expect(visible(res.body.value)).toContain('Behörighetsrevision mars 2027: 10 system med 293 behörigheter.');
    await drain();
    const updated = cardsIn(h, ISAM_CHANNEL).find((c) => c.id === proposal.id)!;
    expect(updated.method).toBe('PUT');
    expect(visible(updated.card)).toContain('Behörighetsrevisionen startades av Henrik Sandberg 2027-03-02 08:00');
    expect(buttons(updated.card).map((b) => b.verb)).toEqual(['access.campaign.view']);
  });
});
