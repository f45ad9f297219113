/**
 * Issue 18 (fault run, third bullet) and issue 17.6 — malformed and hostile activities at
 * `/api/messages`. Structural faults the bot cannot answer in a conversation get HTTP 400 and write
 * nothing; faults it can answer (a user id that is not an Entra object id, card data that names
 * nothing real) get a clear message in the person's language, never "Något gick fel"; every card
 * verb takes hostile data without an unexpected error; the per-person rate limit answers 429 with
 * Retry-After (card actions: a message on the card).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { BotRateLimiter } from '../../bot/api/rate-limit';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { features } from '../../bot/features';
import { t } from '../../core/i18n';
import { cardText, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

let h: BotHarness;
const STAFF = 'd0000000-0000-4000-8000-000000000033'; // Amira Hassan

beforeAll(async () => {
  // The production limits (bot/api/rate-limit.ts BOT_RATE), not the harness's lifted ones.
  h = await startBotHarness({ env: { BOT_RATE_USER: '60/2', BOT_RATE_TENANT: '600/20' } });
});
afterAll(async () => h?.close());
beforeEach(() => h.connector.reset());

const base = (over: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `mal-${Math.random().toString(36).slice(2)}`,
  text: 'meny',
  channelId: 'msteams',
  locale: 'sv-SE',
  serviceUrl: h.connector.serviceUrl,
  from: { id: `29:${STAFF}`, aadObjectId: STAFF },
  recipient: { id: '28:lis-local-bot' },
  conversation: { id: 'a:malformed', conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
  channelData: { tenant: { id: LOCAL_TENANT_ID } },
  ...over,
});
const invoke = (over: Record<string, unknown> = {}) => base({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'cases.mine', data: {} } }, ...over });

async function storedConversations(): Promise<string[]> {
  const page = await h.app.runtime.deps.store.query('Conversations', { where: [{ field: 'tenantId', op: 'eq', value: LOCAL_TENANT_ID }], pageSize: 500 });
  return page.items.map((c) => c.data.conversationId);
}

const UNEXPECTED_SV = t('sv', 'error.unexpected');
const UNEXPECTED_EN = t('en', 'error.unexpected');

describe('structurally malformed activities: 400 in JSON, nothing written or sent', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['no conversation', { conversation: undefined }],
    ['conversation null', { conversation: null }],
    ['conversation without id', { conversation: { conversationType: 'personal', tenantId: LOCAL_TENANT_ID } }],
    ['unknown conversation type', { conversation: { id: 'a:weird', conversationType: 'broadcast', tenantId: LOCAL_TENANT_ID } }],
    ['a 1 000-character locale', { locale: 'sv-'.padEnd(1_000, 'x') }],
    ['a locale that is not a language tag', { locale: '<script>' }],
    ['a 5 000-character conversation id', { conversation: { id: `a:${'x'.repeat(5_000)}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID } }],
    ['no serviceUrl', { serviceUrl: undefined }],
    ['a serviceUrl that is not a web address', { serviceUrl: 'javascript:alert(1)' }],
    ['no recipient', { recipient: undefined }],
    ['no from', { from: undefined }],
    ['no type', { type: undefined }],
    ['a numeric activity id', { id: 12345 }],
    ['entities that are not a list', { entities: 'mention' }],
  ];
  for (const [name, over] of cases) {
    it(`${name}`, async () => {
      const before = await storedConversations();
      for (const activity of [base(over), invoke(over)]) {
        const res = await h.post(JSON.parse(JSON.stringify(activity)));
        expect(res.status, name).toBe(400);
        expect((res.body as { error: string }).error).toBe('bad_activity');
      }
      expect(h.connector.sent).toHaveLength(0);
      expect(await storedConversations()).toEqual(before);
    });
  }
});

describe('a user id that is not an Entra object id', () => {
  for (const aadObjectId of [12345, 'not-a-guid', '', null, { id: 1 }]) {
    it(`(${JSON.stringify(aadObjectId)}) gets a clear message in the person’s language and nothing is written`, async () => {
      const before = await storedConversations();
      const conversation = { id: `a:numeric-${String(aadObjectId).length}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID };
      const res = await h.post(base({ from: { id: 12345, aadObjectId }, conversation }));
      expect(res.status).toBe(200);
      const reply = h.connector.sent.at(-1)!.activity as { text?: string };
      expect(reply.text?.replace(/\\/g, '')).toBe(t('sv', 'bot.unknownUser'));

      const en = await h.execute('x', 'cases.mine', {}, { from: { id: 12345, aadObjectId }, locale: 'en-GB', conversation });
      expect(en.status).toBe(200);
      expect(cardText(en.body.value)).toContain(t('en', 'bot.unknownUser'));
      expect(await storedConversations()).toEqual(before);
    });
  }
});

describe('card data that names nothing real gets a clear message, never an unexpected error', () => {
  it('an unknown incident category in the report wizard', async () => {
    await h.message(STAFF, 'incident');
    const card = h.connector.cards().at(-1)!.card;
    const next = JSON.stringify(card).match(/"draft":"((?:[^"\\]|\\.)*)"/)![1]!;
    const draft = JSON.parse(`"${next}"`) as string;
    for (const locale of ['sv-SE', 'en-GB']) {
      const res = await h.execute(STAFF, 'incident.report.step', { go: 'next', step: 'kind', draft, category: 'no-such-category' }, { locale });
      expect(res.status).toBe(200);
      const text = cardText(res.body.value);
      expect(text).toContain(t(locale === 'sv-SE' ? 'sv' : 'en', 'incident.wizard.unknownCategory'));
      expect(text).not.toContain(locale === 'sv-SE' ? UNEXPECTED_SV : UNEXPECTED_EN);
    }
    // Straight to the review and the submit with made-up categories: refused with the same message.
    const res = await h.execute(STAFF, 'incident.report.submit', { step: 'review', draft, category: 'bogus', description: 'x', dataCategories: 'identity,bogus', involved: 'yes' });
    expect(cardText(res.body.value)).not.toContain(UNEXPECTED_SV);
    expect(cardText(res.body.value)).toContain(t('sv', 'incident.wizard.unknownCategory'));
  });
});

/** Values a hostile or broken client might put in any field of card data. */
const HOSTILE: unknown[] = [12345, -1, 1e308, true, null, [], ['1'], { a: 1 }, '', ' ', 'x'.repeat(5_000), 'no-such-thing', '../../etc', '1; DROP', '99999999', '0', '\u202Egnp.exe', '"]}', '${x}'];

describe('every card verb takes hostile data without an unexpected error', () => {
  const verbs = features.flatMap((f) => (f.actions ?? []).map((a) => a.verb));
  const fields = ['id', 'draft', 'step', 'go', 'category', 'description', 'kind', 'assetId', 'role', 'subjectId', 'decision', 'comment', 'requestId', 'grantId', 'reviewId', 'campaignId', 'leaverId', 'meetingId', 'unit', 'validUntil', 'justification', 'reason', 'findings', 'actions', 'severity', 'significant', 'personalDataBreach', 'dataCategories', 'involved', 'verb', 'value', 'page', 'cursor'];

  it(`(${verbs.length} verbs, as staff and as ISAM, in Swedish and English)`, { timeout: 240_000 }, async () => {
    // This test sends far more than a person would: it must not be stopped by the rate limit.
    const limiter = h.app.runtime.bot.limiter;
    h.app.runtime.bot.limiter = new BotRateLimiter({ user: { burst: 1e9, perSecond: 1e9 }, tenant: { burst: 1e9, perSecond: 1e9 } });
    onTestFinished(() => void (h.app.runtime.bot.limiter = limiter));
    const faults: string[] = [];
    let n = 0;
    for (const verb of verbs) {
      for (const who of [STAFF, PEOPLE.isam]) {
        for (let i = 0; i < HOSTILE.length; i++) {
          const data: Record<string, unknown> = {};
          // Every field gets a different hostile value, rotating, so each verb sees each kind.
          fields.forEach((f, j) => (data[f] = HOSTILE[(i + j) % HOSTILE.length]));
          const locale = n++ % 2 ? 'en-GB' : 'sv-SE';
          const res = await h.execute(who, verb, data, { locale });
          const body = res.body as { type?: string; value?: unknown };
          const text = body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value) : String(body.value ?? '');
          if (res.status !== 200 || text.includes(UNEXPECTED_SV) || text.includes(UNEXPECTED_EN)) faults.push(`${verb} as ${who === STAFF ? 'staff' : 'isam'} with #${i}: ${res.status} ${text.slice(0, 120)}`);
        }
      }
    }
    expect(faults).toEqual([]);
  });
});

describe('rate limit per person and per tenant', () => {
  it('answers a flood from one person with 429 and Retry-After, card actions with a message; others are not affected', async () => {
    const flooder = 'd0000000-0000-4000-8000-000000000016';
    const conversation = { id: `a:flood-${flooder}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID };
    const results = await Promise.all(Array.from({ length: 80 }, () => h.post(base({ type: 'messageReaction', from: { id: '29:f', aadObjectId: flooder }, conversation }))));
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect((refused[0]!.body as { error: string }).error).toBe('rate_limited');

    const card = await h.execute(flooder, 'cases.mine', {}, { conversation });
    expect(card.status).toBe(200);
    expect(card.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(card.body.value)).toMatch(/Vänta \d+ sekunder/);

    // Another person in the same tenant is served.
    expect((await h.message(STAFF, 'meny')).status).toBe(200);
  });
});
