/**
 * Start over HTTP against the whole local app (and a fake Bot Connector for the cards): each role's
 * home, the access request from the tab, and the owner's decision from the tab — the same use case
 * as the card, so the card in the owner's chat shows the decision made in the tab; two deciders at
 * once leave one decision; a decision on a request someone else decided meanwhile is refused with
 * the decision that stands; nobody else may decide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../core/api';
import { assetId, auditOf, buttons, cardsTo, P, visible } from '../access-helpers';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';

const APP_ID = '11111111-2222-4333-8444-555555555555';
/** Camilla Norén, ADM: Per Holmberg's delegate for IA-007, a manager who may decide in his place. */
const CAMILLA = 'd0000000-0000-4000-8000-000000000041';
let h: BotHarness;
const tokens = new Map<string, string>();

/** The tab's API as a person: every answer checked against its shape in core/api. */
async function call(as: string, method: string, route: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const base = `${h.app.appUrl}/api/v1`;
  if (!tokens.has(as)) {
    const res = await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: as }) });
    tokens.set(as, ((await res.json()) as { token: string }).token);
  }
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { Accept: 'application/json', 'Accept-Language': 'sv-SE', Authorization: `Bearer ${tokens.get(as)}`, ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (await res.json()) as any;
  const checked = checkAnswer(method, route, res.status, body);
  if (checked.issues.length) throw new Error(`${method} ${route} → ${res.status} differs from core/api: ${JSON.stringify(checked.issues)}`);
  return { status: res.status, body };
}

const home = async (as: string) => (await call(as, 'GET', '/home')).body;
const drain = () => h.app.runtime.outbox.drain();
let formCounter = 0;
const request = (as: string, body: Record<string, unknown>, key = `form-${++formCounter}-${Date.now()}`) =>
  call(as, 'POST', '/access/requests', { body: { kind: 'new', subjectId: as, assetId: null, role: null, justification: null, validUntil: null, grantId: null, ...body }, headers: { 'Idempotency-Key': key } });
const decide = (as: string, id: string, etag: string, body: Record<string, unknown>) =>
  call(as, 'POST', `/access/requests/${id}/decision`, { body, headers: { 'If-Match': etag, 'Idempotency-Key': `decision-${Date.now()}-${Math.random().toString(36).slice(2)}` } });

beforeAll(async () => {
  h = await startBotHarness({ env: { TEAMS_APP_ID: APP_ID } });
  // The owners and the delegate have talked with the bot: their chats exist.
  for (const who of [P.johanna, P.ifoManager, P.admManager, CAMILLA, P.director]) await h.message(who, 'hej');
  await drain();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('a staff member’s home', () => {
  it('has their own cases and training, and no section of a role they lack', async () => {
    const mine = await home(P.johanna);
    expect(mine).toMatchObject({ decisions: null, reviews: null, investigations: null, due: null, tasks: null });
    expect(mine.mine.training.courses.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['GDPR-GRUND', 'ISK-GRUND']));
    // Management's course is not hers to take.
    expect(mine.mine.training.courses.some((c: { audience: string }) => c.audience === 'management')).toBe(false);
    expect(Array.isArray(mine.mine.incidents.items)).toBe(true);
  });

  it('requests access from the tab: checked by field, made once however often it is sent, then waiting under own cases', async () => {
    const form = (await call(P.johanna, 'GET', '/access/request-form')).body;
    expect(form.self).toMatchObject({ id: P.johanna, name: 'Johanna Berg', unit: 'EKB' });
    expect(form.assets.map((a: { code: string }) => a.code)).toContain('IA-001');

    const bad = await request(P.johanna, { assetId: null, role: '', justification: null, validUntil: '2020-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['assetId', 'justification', 'role', 'validUntil']);

    const ia1 = await assetId(h, 'IA-001');
    const body = { assetId: ia1, role: 'Läsbehörighet', justification: 'Handlägger ärenden tillsammans med IFO.' };
    const [first, again] = await Promise.all([request(P.johanna, body, 'form-double-click-1'), request(P.johanna, body, 'form-double-click-1')]);
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ status: 'pending', kind: 'new', role: 'Läsbehörighet', deciders: [{ id: P.ifoManager, name: 'Thomas Granlund' }] });
    expect((await auditOf(h, `AccessRequests/${first.body.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual([['access.requested', P.johanna]]);

    const waiting = (await home(P.johanna)).mine.requests.items.find((r: { id: string }) => r.id === first.body.id);
    expect(waiting).toMatchObject({ status: 'pending', forSelf: true, asset: { code: 'IA-001' }, role: 'Läsbehörighet' });
  });
});

describe('an owner decides from the tab', () => {
  it('sees the request with what it takes to decide, and a link to the card in Teams', async () => {
    await drain();
    const thomas = await home(P.ifoManager);
    const item = thomas.decisions.items.find((d: { role: string }) => d.role === 'Läsbehörighet');
    expect(item).toMatchObject({ as: 'owner', subject: { name: 'Johanna Berg', unit: 'EKB' }, asset: { code: 'IA-001' }, justification: 'Handlägger ärenden tillsammans med IFO.' });
    // The card is in Thomas's 1:1 chat with the bot (`a:…`): the link opens that chat in Teams.
    expect(item.chat).toEqual({ url: `https://teams.microsoft.com/l/entity/${APP_ID}/conversations?tenantId=00000000-0000-4000-8000-000000000001`, opens: 'chat' });
    expect(thomas.investigations).not.toBeNull();
  });

  it('approves in the tab, and the card in the chat shows the same decision', async () => {
    const item = (await home(P.ifoManager)).decisions.items.find((d: { role: string }) => d.role === 'Läsbehörighet');
    const [card] = cardsTo(h, P.ifoManager).filter((c) => visible(c.card).includes('Beslut om behörighet'));
    expect(buttons(card!.card).map((b) => b.title)).toEqual(['Bevilja', 'Avslå']);
    h.connector.reset();

    const approved = await decide(P.ifoManager, item.id, item.etag, { decision: 'approve', comment: 'Ok.' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ outcome: 'decided', request: { status: 'approved', decidedBy: { name: 'Thomas Granlund' }, comment: 'Ok.' } });
    // The same click again (a double click, a retry) answers the same and writes nothing.
    const again = await decide(P.ifoManager, item.id, item.etag, { decision: 'approve', comment: 'Ok.' });
    expect(again.body.outcome).toBe('already');

    await drain();
    // The card Thomas has in Teams is replaced in place: the decision, no buttons.
    const updated = cardsTo(h, P.ifoManager);
    expect(updated.map((c) => [c.method, c.id])).toEqual([['PUT', card!.id]]);
    expect(visible(updated[0]!.card)).toContain('Beviljad av Thomas Granlund');
    expect(buttons(updated[0]!.card)).toEqual([]);
    // Johanna is told in Teams.
    expect(cardsTo(h, P.johanna).map((c) => visible(c.card)).join('\n')).toContain('Din begäran om behörighet beviljades');
    // One decision, by Thomas, from the tab.
    expect((await auditOf(h, `AccessRequests/${item.id}`)).map((a) => [a.data.action, a.data.actorId])).toEqual([
      ['access.requested', P.johanna],
      ['access.approved', P.ifoManager],
    ]);
    expect((await home(P.ifoManager)).decisions.items.some((d: { id: string }) => d.id === item.id)).toBe(false);
    // The administrative unit now has it to carry out.
    expect((await home(P.adminUnit)).tasks.items.some((t: { id: string }) => t.id === item.id)).toBe(true);
  });

  it('needs a reason to deny, beside the field, and writes nothing without one', async () => {
    const ia3 = await assetId(h, 'IA-003');
    const made = await request(P.johanna, { assetId: ia3, role: 'Arkivläsning', justification: 'Söker i gamla akter.' });
    const item = (await home(P.ifoManager)).decisions.items.find((d: { id: string }) => d.id === made.body.id);
    const refused = await decide(P.ifoManager, item.id, item.etag, { decision: 'deny' });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i: { field: string }) => i.field)).toEqual(['decisionComment']);
    expect((await h.app.runtime.deps.store.get('AccessRequests', item.id))!.data.status).toBe('pending');
    const denied = await decide(P.ifoManager, item.id, item.etag, { decision: 'deny', comment: 'Använd e-arkivet i stället.' });
    expect(denied.body.request).toMatchObject({ status: 'denied', comment: 'Använd e-arkivet i stället.' });
    // Johanna sees why, under her own cases.
    expect((await home(P.johanna)).mine.requests.items.find((r: { id: string }) => r.id === item.id)).toMatchObject({ status: 'denied', comment: 'Använd e-arkivet i stället.' });
  });

  it('refuses a decision on a request someone else decided meanwhile, and shows theirs', async () => {
    const ia7 = await assetId(h, 'IA-007');
    const made = await request(P.johanna, { assetId: ia7, role: 'Gästkonto', justification: 'Samarbete med förskolan.' });
    await drain();
    // Per Holmberg (the owner) has the request on his home; Camilla Norén (his delegate) approves it on her card.
    const seen = (await home(P.admManager)).decisions.items.find((d: { id: string }) => d.id === made.body.id);
    expect(seen.as).toBe('owner');
    expect((await home(CAMILLA)).decisions.items.find((d: { id: string }) => d.id === made.body.id).as).toBe('delegate');
    const onCard = await h.execute(CAMILLA, 'access.request.approve', { requestId: made.body.id });
    expect(visible(onCard.body.value)).toContain('Beviljad av Camilla Norén');

    const stale = await decide(P.admManager, seen.id, seen.etag, { decision: 'deny', comment: 'Nej.' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Camilla Norén hann besluta först: ärendet är beviljat. Ditt beslut sparades inte.');
    expect(stale.body.current).toMatchObject({ outcome: 'stale', request: { status: 'approved', decidedBy: { name: 'Camilla Norén' } } });
    expect((await h.app.runtime.deps.store.get('AccessRequests', seen.id))!.data).toMatchObject({ status: 'approved', decidedBy: CAMILLA, decisionComment: null });
  });

  it('leaves one decision when owner and delegate decide at the same moment', async () => {
    const ia7 = await assetId(h, 'IA-007');
    const made = await request(P.johanna, { assetId: ia7, role: 'Redaktör', justification: 'Uppdaterar enhetens sida.' });
    await drain();
    const seen = (await home(P.admManager)).decisions.items.find((d: { id: string }) => d.id === made.body.id);
    const [tab] = await Promise.all([decide(P.admManager, seen.id, seen.etag, { decision: 'approve' }), h.execute(CAMILLA, 'access.request.deny', { requestId: seen.id, comment: 'Inte nu.' })]);
    const stored = (await h.app.runtime.deps.store.get('AccessRequests', seen.id))!.data;
    const decisions = (await auditOf(h, `AccessRequests/${seen.id}`)).filter((a) => a.data.action !== 'access.requested');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.data.actorId).toBe(stored.decidedBy);
    if (stored.decidedBy === P.admManager) {
      expect(tab.status).toBe(200);
      expect(stored.status).toBe('approved');
    } else {
      expect(stored).toMatchObject({ decidedBy: CAMILLA, status: 'denied' });
      expect(tab.status).toBe(409);
      expect(tab.body.current.request.status).toBe('denied');
    }
  });

  it('sends an owner’s own access to the owner’s line manager, not to the delegate the owner appointed', async () => {
    const ia7 = await assetId(h, 'IA-007');
    const made = await request(P.admManager, { assetId: ia7, role: 'Administratör', justification: 'Behöver administrera enhetens yta.' });
    expect(made.body.deciders).toEqual([{ id: P.director, name: 'Karin Ekström', unit: 'LEDN', as: 'line_manager' }]);
    expect((await home(CAMILLA)).decisions.items.some((d: { id: string }) => d.id === made.body.id)).toBe(false);
    expect((await home(P.admManager)).decisions.items.some((d: { id: string }) => d.id === made.body.id)).toBe(false);
    const karin = (await home(P.director)).decisions.items.find((d: { id: string }) => d.id === made.body.id);
    expect(karin).toMatchObject({ as: 'line_manager', subject: { name: 'Per Holmberg' }, asset: { code: 'IA-007' } });
    const decided = await decide(P.director, karin.id, karin.etag, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(decided.body.request).toMatchObject({ status: 'approved', decidedBy: { name: 'Karin Ekström' }, decidedAs: 'line_manager' });
  });

  it('lets no one else decide, and says whom to ask', async () => {
    const ia1 = await assetId(h, 'IA-001');
    const made = await request(P.ali, { subjectId: P.ali, assetId: ia1, role: 'Läsbehörighet', justification: 'Vikarierar.' });
    const fresh = (await h.app.runtime.deps.store.get('AccessRequests', made.body.id))!;
    const refused = await decide(P.johanna, made.body.id, fresh.etag, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('Thomas Granlund');
    expect((await h.app.runtime.deps.store.get('AccessRequests', made.body.id))!.data.status).toBe('pending');
    // Without the version decided on, nothing is decided.
    const res = await fetch(`${h.app.appUrl}/api/v1/access/requests/${made.body.id}/decision`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.get(P.ifoManager)}`, 'Idempotency-Key': 'decision-no-etag-1' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(res.status).toBe(428);
  });
});

describe('what waits for each role', () => {
  it('gives ISAM every running deadline, the law’s first and soonest first, and the reports not yet assessed', async () => {
    const isam = await home(P.isam);
    const items = isam.due.deadlines.items as { legal: boolean; dueAt: string }[];
    expect(items.length).toBeGreaterThan(0);
    const firstOwn = items.findIndex((d) => !d.legal);
    if (firstOwn >= 0) expect(items.slice(firstOwn).every((d) => !d.legal)).toBe(true);
    for (const group of [items.filter((d) => d.legal), items.filter((d) => !d.legal)]) {
      expect(group.map((d) => d.dueAt)).toEqual([...group.map((d) => d.dueAt)].sort());
    }
    expect(isam.due.unassessed.items.every((u: { caseNumber: string }) => /^INC-\d{4}-\d{4}$/.test(u.caseNumber))).toBe(true);
    expect(isam.decisions).toBeNull();
  });

  it('gives the DSO the deadlines of incidents involving personal data only', async () => {
    const dso = await home(P.dso);
    expect(dso.due.deadlines.items.every((d: { personalData: boolean }) => d.personalData)).toBe(true);
    expect(dso.due.unassessed.items.every((d: { personalData: boolean }) => d.personalData)).toBe(true);
  });

  it('gives the administrative unit the approved changes to carry out, and nobody else', async () => {
    const admin = await home(P.adminUnit);
    expect(admin.tasks.items.every((t: { status: string }) => ['approved', 'in_progress'].includes(t.status))).toBe(true);
    expect((await home(P.johanna)).tasks).toBeNull();
  });
});
