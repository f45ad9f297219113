/** Helpers shared by the access tests: who is who in the demo organisation, and reading cards as a person does. */
import { LOCAL_TENANT_ID } from '../../bot/config';
import type { ListName, RecordOf } from '../../core/domain';
import type { StoredOf } from '../../core/ports/record-store';
import { cardText, executeActions, PEOPLE, type BotHarness } from '../support/bot-harness';

export const P = {
  ...PEOPLE,
  ahmed: 'd0000000-0000-4000-8000-000000000009', // admin unit
  lena: 'd0000000-0000-4000-8000-000000000010', // admin unit, system owner of IA-007 (carries out, never decides)
  camilla: 'd0000000-0000-4000-8000-000000000041', // deputy head of ADM (manager), delegate for IA-007
  karin: 'd0000000-0000-4000-8000-000000000001', // director, line manager of the unit heads
  cecilia: 'd0000000-0000-4000-8000-000000000014', // owner of IA-002, IA-016
  johanna: 'd0000000-0000-4000-8000-000000000016', // staff, EKB
  ali: 'd0000000-0000-4000-8000-000000000017', // staff, EKB (Johanna's colleague)
  tove: 'd0000000-0000-4000-8000-000000000018',
  birgitta: 'd0000000-0000-4000-8000-000000000019', // manager AOM
  jonas: 'd0000000-0000-4000-8000-000000000032', // the leaver, IFO
  amira: 'd0000000-0000-4000-8000-000000000033', // staff, IFO (reports to Thomas)
  anders: 'd0000000-0000-4000-8000-000000000036', // manager KUL
} as const;

/** What a person reads: markdown escapes and the zero-width spaces that stop auto-links removed. */
export const visible = (card: unknown): string => cardText(card).replace(/\\(.)/g, '$1').replace(/\u200B/g, '');

export const buttons = (card: unknown) => executeActions(card);

/** The conversations a person is reached in: the harness's 1:1 chat, or one the bot created. */
export function conversationsOf(h: BotHarness, personId: string): string[] {
  const created = h.connector.conversations.filter((c) => (c.parameters.members as { id: string }[] | undefined)?.some((m) => m.id === personId)).map((c) => c.id);
  return [`a:personal-${personId}`, ...created];
}

/** Cards sent to a person since the last reset (POSTs and in-place PUTs). */
export function cardsTo(h: BotHarness, personId: string) {
  const convs = new Set(conversationsOf(h, personId));
  return h.connector.cards().filter((c) => convs.has(c.conversationId));
}

export function cardsIn(h: BotHarness, conversationId: string) {
  return h.connector.cards().filter((c) => c.conversationId === conversationId);
}

export async function assetId(h: BotHarness, code: string): Promise<string> {
  const page = await h.app.runtime.deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'eq', value: code }] });
  return page.items[0]!.id;
}

export async function all<L extends ListName>(h: BotHarness, list: L, field: string, value: string): Promise<StoredOf<L>[]> {
  const out: StoredOf<L>[] = [];
  for await (const r of h.app.runtime.deps.store.queryAll(list, { where: [{ field: field as never, op: 'eq', value }] })) out.push(r as StoredOf<L>);
  return out;
}

export const auditOf = (h: BotHarness, target: string) => all(h, 'AuditLog', 'target', target);

/** An `application/search` invoke, as Teams sends it for a Data.Query typeahead. */
export async function search(h: BotHarness, from: string, dataset: string, queryText: string) {
  const res = await h.post({
    channelId: 'msteams',
    serviceUrl: h.connector.serviceUrl,
    id: `search-${Math.random().toString(36).slice(2)}`,
    timestamp: h.clock.now().toISOString(),
    locale: 'sv-SE',
    from: { id: `29:${from}`, aadObjectId: from, name: '' },
    recipient: { id: '28:lis-local-bot', name: 'LIS' },
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
    channelData: { tenant: { id: LOCAL_TENANT_ID } },
    type: 'invoke',
    name: 'application/search',
    value: { queryText, dataset, queryOptions: { skip: 0, top: 15 } },
  });
  return res.body as { type: string; value: { results: { title: string; value: string }[] } };
}

/** Opens the request form (text shortcut) and returns its form id. */
export async function openForm(h: BotHarness, from: string): Promise<string> {
  const before = h.connector.cards().length;
  await h.message(from, 'behörighet');
  const card = h.connector.cards()[before]!.card;
  return String(buttons(card).find((b) => b.verb === 'access.request.submit')!.data.formId);
}

export type RequestData = Partial<RecordOf<'AccessRequests'>> & { kind: string; subjectId: string; assetId: string };

/** Fills in and submits the request form; returns the invoke's card. */
export async function submit(h: BotHarness, from: string, data: Record<string, unknown>) {
  const formId = await openForm(h, from);
  const res = await h.execute(from, 'access.request.submit', { formId, role: '', justification: '', validUntil: '', grantId: '', ...data });
  return { formId, card: res.body.value!, res };
}

export async function latestRequest(h: BotHarness, subjectId: string): Promise<StoredOf<'AccessRequests'>> {
  const list = await all(h, 'AccessRequests', 'subjectId', subjectId);
  return list.sort((a, b) => Number(b.id) - Number(a.id))[0]!;
}
