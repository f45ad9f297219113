/** "Rapportera som incident" on any message: a dialog with the same flow, prefilled from the message. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { decodeDraft } from '../../bot/cards/draft-codec';
import { cardText, startBotHarness, type BotHarness } from '../support/bot-harness';

const REPORTER = 'd0000000-0000-4000-8000-000000000033';
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-06-15T10:00:00.000Z' });
});
afterAll(async () => h?.close());

const invoke = (name: string, value: Record<string, unknown>) =>
  h.post({
    type: 'invoke',
    name,
    value,
    channelId: 'msteams',
    serviceUrl: h.connector.serviceUrl,
    id: `ext-${Math.random()}`,
    locale: 'sv-SE',
    from: { id: `29:${REPORTER}`, aadObjectId: REPORTER },
    recipient: { id: '28:lis-local-bot' },
    conversation: { id: '19:team-chat@thread.v2', conversationType: 'groupChat', tenantId: LOCAL_TENANT_ID },
    channelData: { tenant: { id: LOCAL_TENANT_ID } },
  }) as Promise<{ status: number; body: { task: { type: string; value: { card?: { content: Record<string, unknown> } } } } }>;

it('opens the report dialog prefilled with the message, and submits through Action.Submit', async () => {
  const opened = await invoke('composeExtension/fetchTask', {
    commandId: 'reportIncident',
    commandContext: 'message',
    messagePayload: { body: { contentType: 'html', content: '<p>Hej! Klicka <a href="https://phish.example">här</a> för att <b>verifiera</b> ditt konto.</p>' }, from: { user: { displayName: 'Okänd avsändare' } }, createdDateTime: '2026-06-15T07:55:00.000Z' },
  });
  expect(opened.status).toBe(200);
  expect(opened.body.task.type).toBe('continue');
  let card = opened.body.task.value.card!.content;
  expect(JSON.stringify(card)).toContain('Action.Submit');
  expect(JSON.stringify(card)).not.toContain('Action.Execute');
  const draftOf = (c: Record<string, unknown>) => decodeDraft((c.actions as { data: { draft?: string; go?: string } }[]).find((a) => a.data.go === 'next' || a.data.draft)!.data.draft) as Record<string, unknown>;
  const draft = draftOf(card);
  expect(draft.description).toBe('Hej! Klicka här för att verifiera ditt konto.');
  expect(draft).toMatchObject({ occurredDate: '2026-06-15', occurredTime: '09:55' }); // the message's time, Stockholm

  const step = async (data: Record<string, unknown>) => {
    const res = await invoke('composeExtension/submitAction', { commandId: 'reportIncident', data });
    expect(res.status).toBe(200);
    return res.body.task;
  };
  let task = await step({ verb: 'incident.report.step', go: 'next', step: 'kind', draft: JSON.stringify(draft), category: 'phishing' });
  card = task.value.card!.content;
  expect(cardText(card)).toContain('Steg 2 av 5');
  // Step 2's own fields travel in its inputs, not in the draft its buttons carry.
  const full = { ...draftOf(card), description: draft.description, occurredDate: draft.occurredDate, occurredTime: draft.occurredTime, category: 'phishing', discoveredDate: '2026-06-15', discoveredTime: '10:00', involved: 'unknown' };
  task = await step({ verb: 'incident.report.submit', step: 'review', draft: JSON.stringify(full) });
  expect(cardText(task.value.card!.content)).toMatch(/Tack! Rapporten är mottagen\.[\s\S]*INC-2026-\d{4}/);
  const stored = (await h.app.runtime.deps.store.query('Incidents', { where: [{ field: 'category', op: 'eq', value: 'phishing' }], pageSize: 999 })).items.filter((i) => i.data.reportedAt === '2026-06-15T10:00:00.000Z');
  expect(stored).toHaveLength(1);
  expect(stored[0]!.data).toMatchObject({ category: 'phishing', occurredAt: '2026-06-15T07:55:00.000Z', reporterId: REPORTER });
});
