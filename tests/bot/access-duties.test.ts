/**
 * Separation of duties in access management (issue 17.3), through the bot protocol and the tab API:
 * nobody decides or recertifies their own access; the owner's own access goes to someone the owner
 * has not appointed (their line manager, else ISAM) — never to the owner's delegate; a delegate
 * decides only while holding a role that may approve (a manager, the director; not the
 * administrative unit), and naming one is checked and audited; the administrative unit sees who
 * approved what, in which capacity, on the task card and in the access register.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { all, assetId, auditOf, buttons, cardsIn, cardsTo, latestRequest, P, submit, visible } from './access-helpers';

let h: BotHarness;
const ADMIN_CHANNEL = '19:duties-admin@thread.tacv2';
const GUEST = 'd0000000-0000-4000-8000-000000000042';

beforeAll(async () => {
  h = await startBotHarness();
  await h.channelMessage(P.isam, 'koppla admin', { id: ADMIN_CHANNEL, name: 'Behörigheter' });
  for (const who of [P.johanna, P.admManager, P.camilla, P.karin, P.lena, P.isam, P.adminUnit, P.cecilia]) await h.message(who, 'hej');
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.app.runtime.outbox.drain();
  h.connector.reset();
});

const drain = () => h.app.runtime.outbox.drain();
const store = () => h.app.runtime.deps.store;

/** The tab API of the same app, signed in through the demo sign-in like the tab. */
async function tab(as: string, method: string, route: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const base = `${h.app.appUrl}/api/v1`;
  const signIn = await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: as }) });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Accept-Language': 'sv-SE', ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describe("the owner's own access", () => {
  it("goes to the owner's line manager — not to the delegate the owner chose — who approves it; the administrative unit sees who and why", async () => {
    // Per Holmberg owns IA-007 and has named Camilla Norén his delegate. He asks for access himself.
    const ia7 = await assetId(h, 'IA-007');
    const { card } = await submit(h, P.admManager, { kind: 'new', subjectId: P.admManager, assetId: ia7, role: 'Global administratör', justification: 'Behöver se alla team.' });
    expect(visible(card)).toContain('Din begäran har skickats till Karin Ekström (informationsägarens chef) för beslut.');
    const request = await latestRequest(h, P.admManager);
    await drain();
    // The card goes to his line manager only: not to him, not to his delegate.
    expect(cardsTo(h, P.camilla).filter((c) => JSON.stringify(c.card).includes(`"requestId":"${request.id}"`))).toEqual([]);
    const toKarin = cardsTo(h, P.karin).find((c) => JSON.stringify(c.card).includes(`"requestId":"${request.id}"`))!;
    expect(visible(toKarin.card)).toContain('Ärendet gäller informationsägarens egen behörighet.');
    expect(visible(toKarin.card)).toContain('Väntar på beslut av Karin Ekström (informationsägarens chef).');
    expect(buttons(toKarin.card).map((b) => b.verb)).toEqual(['access.request.approve', 'access.request.deny']);

    // The delegate he appointed may not approve it, nor may he; nothing is written.
    const byDelegate = await h.execute(P.camilla, 'access.request.approve', { requestId: request.id });
    expect(visible(byDelegate.body.value)).toContain(
      'Ärendet gäller behörighet för informationsägaren själv (Per Holmberg) i Teams, SharePoint och OneDrive (samarbetsytor). Det beslutas av Karin Ekström – inte av informationsägaren eller någon som informationsägaren har utsett. Inget har sparats.',
    );
    const byHimself = await h.execute(P.admManager, 'access.request.approve', { requestId: request.id });
    expect(visible(byHimself.body.value)).toContain('Du kan inte besluta om din egen behörighet. Ärendet om Teams, SharePoint och OneDrive (samarbetsytor) beslutas av Karin Ekström. Inget har sparats.');
    const english = await h.execute(P.camilla, 'access.request.approve', { requestId: request.id }, { locale: 'en-GB' });
    expect(visible(english.body.value)).toContain('It is decided by Karin Ekström – not by the information owner or anyone the owner has appointed.');
    expect((await store().get('AccessRequests', request.id))!.data).toMatchObject({ status: 'pending', decidedBy: null });
    expect((await auditOf(h, `AccessRequests/${request.id}`)).map((a) => a.data.action)).toEqual(['access.requested']);

    // His line manager approves: stored with the capacity, audited with it.
    const approved = await h.execute(P.karin, 'access.request.approve', { requestId: request.id });
    expect(visible(approved.body.value)).toContain('Ditt beslut är sparat.');
    expect((await store().get('AccessRequests', request.id))!.data).toMatchObject({ status: 'approved', decidedBy: P.karin, decidedAs: 'line_manager' });
    const audit = (await auditOf(h, `AccessRequests/${request.id}`)).find((a) => a.data.action === 'access.approved')!;
    expect(audit.data).toMatchObject({ actorId: P.karin, details: { decidedAs: 'line_manager' } });

    // The administrative unit's task card says who approved it and in what capacity.
    await drain();
    const task = cardsIn(h, ADMIN_CHANNEL).find((c) => JSON.stringify(c.card).includes(`"requestId":"${request.id}"`))!;
    expect(visible(task.card)).toContain('Beviljad av Karin Ekström (informationsägarens chef) 2026-11-28 10:00.');
    await h.execute(P.adminUnit, 'access.task.done', { requestId: request.id });

    // …and so does the access register in the tab.
    const grants = await tab(P.adminUnit, 'GET', '/access/grants?pageSize=100');
    expect(grants.status).toBe(200);
    const row = grants.body.items.find((g: { subject: { id: string }; role: string }) => g.subject.id === P.admManager && g.role === 'Global administratör');
    expect(row.approval).toMatchObject({ requestId: request.id, by: { id: P.karin, name: 'Karin Ekström' }, as: 'line_manager' });
    const requests = await tab(P.adminUnit, 'GET', '/access/requests?pageSize=100');
    expect(requests.body.items.find((r: { id: string }) => r.id === request.id)).toMatchObject({ decidedBy: { id: P.karin }, decidedAs: 'line_manager' });
  });

  it('goes to the information security coordinator when the owner has no line manager (the director)', async () => {
    // Karin Ekström, the district director, owns IA-005 and has no manager in the directory.
    const { card } = await submit(h, P.karin, { kind: 'new', subjectId: P.karin, assetId: await assetId(h, 'IA-005'), role: 'Registrator', justification: 'Ska kunna diarieföra i semestertider.' });
    expect(visible(card)).toContain('Din begäran har skickats till Henrik Sandberg (informationssäkerhetssamordnare) för beslut.');
    const request = await latestRequest(h, P.karin);
    const approved = await h.execute(P.isam, 'access.request.approve', { requestId: request.id });
    expect(visible(approved.body.value)).toContain('Ditt beslut är sparat.');
    expect((await store().get('AccessRequests', request.id))!.data).toMatchObject({ decidedBy: P.isam, decidedAs: 'isam' });
  });
});

describe('a delegate', () => {
  it('decides only while holding a role that may approve: someone of the administrative unit named before the rule does not', async () => {
    // A record from before the rule: Lena Forsberg (administrative unit) as delegate of IA-006.
    const ia6 = await store().get('InformationAssets', await assetId(h, 'IA-006'));
    await store().update('InformationAssets', ia6!, { delegateId: P.lena });
    await submit(h, P.johanna, { kind: 'new', subjectId: P.johanna, assetId: ia6!.id, role: 'Delad brevlåda', justification: 'Ekonomiska biståndets brevlåda.' });
    const request = await latestRequest(h, P.johanna);
    expect(request.data).toMatchObject({ ownerId: P.admManager, delegateId: P.lena });
    await drain();
    // Only the owner gets the decision card.
    expect(cardsTo(h, P.admManager).some((c) => JSON.stringify(c.card).includes(`"requestId":"${request.id}"`))).toBe(true);
    expect(cardsTo(h, P.lena).some((c) => JSON.stringify(c.card).includes(`"requestId":"${request.id}"`))).toBe(false);
    const res = await h.execute(P.lena, 'access.request.approve', { requestId: request.id });
    expect(visible(res.body.value)).toContain('Du är ersättare för informationsägaren av E-post och kalender men har ingen roll som får besluta om behörigheter (chef). Ärendet beslutas av Per Holmberg. Inget har sparats.');
    expect((await store().get('AccessRequests', request.id))!.data.status).toBe('pending');
    await store().update('InformationAssets', (await store().get('InformationAssets', ia6!.id))!, { delegateId: null });
  });

  it('may be named only if they hold a role that may approve; naming and removing one is audited', async () => {
    const ia7 = await assetId(h, 'IA-007');
    const current = async () => (await tab(P.admManager, 'GET', `/assets/${ia7}`)).body as { etag: string; delegate: { id: string } | null };
    const name = async (delegateId: string | null) => {
      const before = await current();
      return tab(P.admManager, 'PATCH', `/assets/${ia7}`, { body: { delegateId }, headers: { 'If-Match': before.etag } });
    };
    for (const [who, message] of [
      [P.lena, 'Lena Forsberg kan inte vara ersättare: administrativa enheten genomför behörighetsändringar och kan därför inte också besluta om dem.'],
      [P.johanna, 'Johanna Berg kan inte vara ersättare. En ersättare beslutar om behörigheter i informationsägarens ställe och måste vara chef (rollen Närmaste chef eller Stadsdelsdirektör).'],
      [GUEST, 'Kim Varga kan inte vara ersättare: kontot är inaktiverat eller är ett gästkonto.'],
      [P.admManager, 'Informationsägaren kan inte vara sin egen ersättare.'],
    ] as const) {
      const res = await name(who);
      expect(res.status, who).toBe(400);
      expect(res.body.issues).toEqual([expect.objectContaining({ field: 'delegateId', message })]);
    }
    expect((await current()).delegate?.id).toBe(P.camilla);
    const asset = `InformationAssets/${ia7}`;
    const delegateEntries = async () => (await auditOf(h, asset)).filter((a) => a.data.action.startsWith('asset.delegate')).map((a) => [a.data.action, a.data.actorId, (a.data.details.changes as Record<string, unknown>).delegateId]);
    expect(await delegateEntries()).toEqual([]);

    expect((await name(null)).status).toBe(200);
    expect((await name(P.camilla)).status).toBe(200);
    expect(await delegateEntries()).toEqual([
      ['asset.delegate_removed', P.admManager, { from: P.camilla, to: null }],
      ['asset.delegate_named', P.admManager, { from: null, to: P.camilla }],
    ]);
  });
});

describe('recertification', () => {
  it("reviews the owner's own grants apart, by their line manager; nobody recertifies their own access", async () => {
    const ia4 = await assetId(h, 'IA-004'); // owner Per Holmberg, who holds the role "Chef" in it
    const ia7 = await assetId(h, 'IA-007'); // owner Per Holmberg, delegate Camilla Norén
    const camillasGrant = await store().create('AccessGrants', 'test:duties:camilla:ia7', {
      subjectId: P.camilla, assetId: ia7, role: 'Ägare av teamet Ledning', status: 'active', grantedAt: '2025-02-01T08:00:00.000Z', validUntil: null,
      requestId: null, removedAt: null, removedBy: null, removalReason: null, lastReview: null,
    });
    const started = await h.execute(P.isam, 'access.campaign.start', { dueDate: '2026-12-20' });
    expect(visible(started.body.value)).toContain('Behörighetsrevision november 2026');
    const [campaign] = await all(h, 'AccessCampaigns', 'status', 'running');
    const reviews = (await all(h, 'AccessReviews', 'campaignId', campaign!.id)).filter((r) => r.data.assetId === ia4);
    const own = reviews.find((r) => r.data.subjectId === P.admManager)!;
    const main = reviews.find((r) => !r.data.subjectId)!;
    expect(own.data).toMatchObject({ ownerId: P.karin, reviewerAs: 'line_manager', total: 1 });
    expect(main.data).toMatchObject({ ownerId: P.admManager, exceptSubjectId: P.admManager });
    await drain();

    // Per's card for IA-004 does not list his own grant; his line manager gets a card for it.
    const perCard = cardsTo(h, P.admManager).find((c) => JSON.stringify(c.card).includes(`"reviewId":"${main.id}"`))!;
    expect(visible(perCard.card)).not.toContain('Per Holmberg (ADM)');
    const karinCard = cardsTo(h, P.karin).find((c) => JSON.stringify(c.card).includes(`"reviewId":"${own.id}"`))!;
    expect(visible(karinCard.card)).toContain('Det här är behörigheter som informationsägaren Per Holmberg själv har i systemet.');
    expect(visible(karinCard.card)).toContain('du granskar dem som informationsägarens chef');
    expect(visible(karinCard.card)).toContain('Per Holmberg (ADM)');

    // Neither he nor anyone he appointed can decide it.
    for (const who of [P.admManager, P.camilla]) {
      const res = await h.execute(who, 'access.review.keepAll', { reviewId: own.id });
      expect(visible(res.body.value)).toContain('De här behörigheterna i HR- och lönesystem är informationsägarens egna. De granskas av Karin Ekström');
    }
    expect((await store().get('AccessReviews', own.id))!.data).toMatchObject({ kept: 0, status: 'open' });

    // His line manager keeps it: recorded with her capacity.
    const kept = await h.execute(P.karin, 'access.review.keepAll', { reviewId: own.id });
    expect(visible(kept.body.value)).toContain('Granskningen är klar');
    const [perGrant] = (await all(h, 'AccessGrants', 'assetId', ia4)).filter((g) => g.data.subjectId === P.admManager);
    expect(perGrant!.data.lastReview).toMatchObject({ decision: 'keep', decidedBy: P.karin, decidedAs: 'line_manager' });

    // The delegate reviewing IA-007 cannot keep her own grant there: "keep all" skips it and says so.
    const ia7Main = (await all(h, 'AccessReviews', 'campaignId', campaign!.id)).find((r) => r.data.assetId === ia7 && !r.data.subjectId)!;
    const byDelegate = await h.execute(P.camilla, 'access.review.keepAll', { reviewId: ia7Main.id });
    expect(visible(byDelegate.body.value)).toContain('1 behörighet är din egen och granskas av någon annan. Den har inte sparats.');
    expect((await store().get('AccessGrants', camillasGrant.id))!.data.lastReview).toBeNull();
    // The owner decides it.
    await h.execute(P.admManager, 'access.review.keepAll', { reviewId: ia7Main.id });
    expect((await store().get('AccessGrants', camillasGrant.id))!.data.lastReview).toMatchObject({ decidedBy: P.admManager, decidedAs: 'owner' });

    // The register shows who reviewed what.
    const grants = await tab(P.adminUnit, 'GET', '/access/grants?pageSize=100');
    const row = grants.body.items.find((g: { id: string }) => g.id === perGrant!.id);
    expect(row.lastReview).toMatchObject({ decision: 'keep', decidedBy: { id: P.karin, name: 'Karin Ekström' }, decidedAs: 'line_manager' });
  });
});
