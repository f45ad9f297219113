/**
 * Who may enter (issue 17.4), through both doors as Teams and a browser use them: an account the
 * directory does not know, a disabled account and a guest (userType Guest, a #EXT# sign-in name) are
 * refused with a message in their language that says why and whom to ask — in the bot (a card on a
 * click, a message in chat, 403 for typeahead searches, a task message for the message extension) and
 * in the tab API (403 `not_admitted`). They cannot read the people directory, and nothing is written
 * for them (not even where their conversation is). Roles are read on every turn and request: a role
 * given or taken away counts at once; a change in the local directory within seconds.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLocalSecret, LocalTokens } from '../../bot/api/auth/local-tokens';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { t } from '../../core/i18n';
import { LOCAL_DIRECTORY_CHECK_MS, LocalDirectory } from '../../teams-app/local/local-directory';
import { SEED_DIR } from '../../teams-app/local/seed-data';
import { startApi, type Api } from '../bot/api/helpers';
import { cardText, PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness';

const GUEST = 'd0000000-0000-4000-8000-000000000042'; // Kim Varga, userType Guest, #EXT#
const DISABLED = 'd0000000-0000-4000-8000-000000000043'; // Lars Holm, accountEnabled: false
const UNKNOWN = '0badc0de-1111-4222-8333-444455556666'; // an Entra object id the directory does not know
const STAFF = 'd0000000-0000-4000-8000-000000000016'; // Johanna Berg

const REFUSED = [
  { who: 'a guest', id: GUEST, key: 'entry.guest' },
  { who: 'a disabled account', id: DISABLED, key: 'entry.disabled' },
  { who: 'an unknown account', id: UNKNOWN, key: 'entry.unknown' },
] as const;

const plain = (s: string) => s.replace(/\\/g, '').replace(/\u200B/g, '');

describe('the bot refuses unknown, disabled and guest accounts', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.connector.reset());

  const conversations = async () => (await h.app.runtime.deps.store.query('Conversations', { where: [{ field: 'tenantId', op: 'eq', value: LOCAL_TENANT_ID }], pageSize: 500 })).items.map((c) => c.data.conversationId);
  const incidentsBy = async (id: string) => (await h.app.runtime.deps.store.query('Incidents', { where: [{ field: 'reporterId', op: 'eq', value: id }], pageSize: 10 })).items;

  for (const { who, id, key } of REFUSED) {
    it(`${who}: a message in chat gets a card saying why and whom to ask, in Swedish and English; nothing is stored`, async () => {
      const before = await conversations();
      expect((await h.message(id, 'incident')).status).toBe(200);
      const card = h.connector.cards().at(-1)!;
      expect(card.conversationId).toBe(`a:personal-${id}`);
      expect(plain(cardText(card.card))).toContain(t('sv', key));
      // Not the report wizard, not the menu.
      expect(h.connector.cards()).toHaveLength(1);

      await h.message(id, 'menu', { locale: 'en-GB' });
      expect(plain(cardText(h.connector.cards().at(-1)!.card))).toContain(t('en', key));
      expect(await conversations()).toEqual(before);
      expect(await incidentsBy(id)).toEqual([]);
    });

    it(`${who}: a card click is answered on the card with the reason, never "Något gick fel"`, async () => {
      const res = await h.execute(id, 'access.request.start');
      expect(res.status).toBe(200);
      expect(res.body.statusCode).toBe(200);
      const text = plain(cardText(res.body.value));
      expect(text).toContain(t('sv', key));
      expect(text).not.toContain(t('sv', 'error.unexpected'));
    });

    it(`${who}: cannot read the people directory through the people picker's typeahead`, async () => {
      const res = await h.post({
        channelId: 'msteams',
        serviceUrl: h.connector.serviceUrl,
        id: `search-${id}`,
        locale: 'sv-SE',
        from: { id: `29:${id}`, aadObjectId: id },
        recipient: { id: '28:lis-local-bot' },
        conversation: { id: `a:personal-${id}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
        channelData: { tenant: { id: LOCAL_TENANT_ID } },
        type: 'invoke',
        name: 'application/search',
        value: { queryText: 'an', dataset: 'access.people', queryOptions: { skip: 0, top: 15 } },
      });
      // A typeahead's error is not shown to the person (the card they clicked is): a bare 403, no names.
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/Johanna|Anders|Hanna|results/);
    });
  }

  it('a guest who opens the message extension ("Rapportera som incident") gets the reason as a task message', async () => {
    const res = await h.post({
      channelId: 'msteams',
      serviceUrl: h.connector.serviceUrl,
      id: 'ext-guest',
      locale: 'sv-SE',
      from: { id: `29:${GUEST}`, aadObjectId: GUEST },
      recipient: { id: '28:lis-local-bot' },
      conversation: { id: `a:personal-${GUEST}`, conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
      channelData: { tenant: { id: LOCAL_TENANT_ID } },
      type: 'invoke',
      name: 'composeExtension/fetchTask',
      value: { commandId: 'reportIncident', messagePayload: { body: { content: 'Jag klickade på en länk' } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ task: { type: 'message', value: t('sv', 'entry.guest') } });
  });

  it('a member of the organisation still gets in (the menu), and their conversation is remembered', async () => {
    await h.message(STAFF, 'meny');
    expect(plain(cardText(h.connector.cards().at(-1)!.card))).not.toContain(t('sv', 'entry.unknown'));
    expect(await conversations()).toContain(`a:personal-${STAFF}`);
  });

  it('reads roles on every turn: a role given in the Roles list counts at once, and so does taking it away', async () => {
    const store = h.app.runtime.deps.store;
    // Johanna may not link a channel (only ISAM may).
    await h.channelMessage(STAFF, 'koppla dso');
    expect(plain(cardText(h.connector.cards().at(-1)!.card))).toContain(t('sv', 'bot.link.onlyIsam'));
    const role = await store.create('Roles', 'test:entry:johanna:isam', { personId: STAFF, role: 'isam', unit: null, assignedBy: PEOPLE.isam, assignedAt: h.clock.now().toISOString(), validTo: null, active: true });
    await h.channelMessage(STAFF, 'koppla dso');
    expect(plain(cardText(h.connector.cards().at(-1)!.card))).not.toContain(t('sv', 'bot.link.onlyIsam'));
    await store.update('Roles', role, { active: false });
    await h.channelMessage(STAFF, 'koppla dso');
    expect(plain(cardText(h.connector.cards().at(-1)!.card))).toContain(t('sv', 'bot.link.onlyIsam'));
  });
});

describe('the tab API refuses unknown, disabled and guest accounts', () => {
  let api: Api;
  let tokens: LocalTokens;
  beforeAll(async () => {
    api = await startApi();
    tokens = new LocalTokens(loadLocalSecret(api.dataDir), LOCAL_TENANT_ID);
  });
  afterAll(async () => api?.close());

  const tokenFor = async (id: string) => (id === UNKNOWN ? (await tokens.issue({ oid: UNKNOWN, name: 'Okänd' })).token : api.token(id));

  for (const { who, id, key } of REFUSED) {
    it(`${who}: 403 with a message in the person's language on every route, the people directory included`, async () => {
      const token = await tokenFor(id);
      for (const route of ['/me', '/people?query=an', '/units', '/dashboard', '/assets', '/incidents']) {
        const res = await api.call('GET', route, { token });
        expect(res.status, route).toBe(403);
        expect(res.body).toEqual({ error: 'not_admitted', message: t('sv', key) });
      }
      const en = await api.call('GET', '/people?query=an', { token, headers: { 'Accept-Language': 'en-GB' } });
      expect(en.body).toEqual({ error: 'not_admitted', message: t('en', key) });
      // Nor can they write.
      const post = await api.call('POST', '/incidents', { token, headers: { 'Idempotency-Key': `entry-${id.slice(-4)}-0001` }, body: { category: 'phishing', description: 'x' } });
      expect(post.status).toBe(403);
    });
  }

  it('the demo sign-in lists the accounts LIS refuses apart from the organisation', async () => {
    const res = await api.call('GET', '/auth/demo-people');
    expect(res.body.people.map((p: { id: string }) => p.id)).not.toEqual(expect.arrayContaining([GUEST]));
    expect(res.body.people.map((p: { id: string }) => p.id)).not.toContain(DISABLED);
    expect(res.body.refused).toEqual([
      { id: GUEST, name: 'Kim Varga', unit: 'IFO', reason: 'guest' },
      { id: DISABLED, name: 'Lars Holm', unit: 'AOM', reason: 'disabled' },
    ]);
  });

  it('the people picker offers only people who may use LIS', async () => {
    const res = await api.call('GET', '/people?query=kim', { as: STAFF });
    expect(res.status).toBe(200);
    expect(res.body.people).toEqual([]);
    expect((await api.call('GET', '/people?query=Lars%20Holm', { as: STAFF })).body.people).toEqual([]);
  });

  it('reads roles on every request: a role given or taken away in the Roles list counts at once', async () => {
    const store = api.app.runtime.deps.store;
    expect((await api.call('GET', '/me', { as: STAFF })).body.roles).toEqual([]);
    const role = await store.create('Roles', 'test:entry:tab:johanna:dso', { personId: STAFF, role: 'dso', unit: null, assignedBy: PEOPLE.isam, assignedAt: new Date().toISOString(), validTo: null, active: true });
    expect((await api.call('GET', '/me', { as: STAFF })).body.roles).toEqual(['dso']);
    await store.update('Roles', role, { active: false });
    expect((await api.call('GET', '/me', { as: STAFF })).body.roles).toEqual([]);
  });
});

describe('the local directory follows people.json', () => {
  it('an account disabled in people.json is refused within seconds, without a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lis-people-'));
    try {
      copyFileSync(path.join(SEED_DIR, 'people.json'), path.join(dir, 'people.json'));
      let now = 1_000_000;
      const directory = new LocalDirectory({ dataDir: null, seedDir: dir, now: () => now });
      expect((await directory.getPerson(STAFF))?.accountEnabled).toBe(true);

      const people = JSON.parse(readFileSync(path.join(dir, 'people.json'), 'utf8')) as Record<string, unknown>[];
      people.find((p) => p.aadObjectId === STAFF)!.accountEnabled = false;
      writeFileSync(path.join(dir, 'people.json'), JSON.stringify(people));
      // Looked at again only after LOCAL_DIRECTORY_CHECK_MS.
      now += LOCAL_DIRECTORY_CHECK_MS - 1;
      expect((await directory.getPerson(STAFF))?.accountEnabled).toBe(true);
      now += 2;
      expect((await directory.getPerson(STAFF))?.accountEnabled).toBe(false);

      // A file that does not parse keeps the last good directory.
      const errors: unknown[] = [];
      const strict = new LocalDirectory({ dataDir: null, seedDir: dir, now: () => now, onError: (e) => errors.push(e) });
      writeFileSync(path.join(dir, 'people.json'), '[{"broken": ');
      now += LOCAL_DIRECTORY_CHECK_MS + 1;
      expect((await strict.getPerson(STAFF))?.displayName).toBe('Johanna Berg');
      expect(errors).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
