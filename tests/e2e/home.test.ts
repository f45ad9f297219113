/**
 * Start in real Chromium against the whole local app (the local Bot Connector stands in for Teams):
 * a staff member on a phone-sized screen requests access from her home; the owner finds the request
 * on his home, approves it there, and the card in his chat with the bot shows the same decision;
 * every role's home at 375×812 and 1280×800 fits the screen, logs no error and has no axe
 * violation. Screenshots in light, dark and high contrast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TENANT_ID } from '../../bot/config';
import { axeViolations, overflow } from './checks';
import { hasChromium, openTab, screenshot, signIn, startE2E, type E2E } from './support';

const THOMAS = 'd0000000-0000-4000-8000-000000000030';
let e2e: E2E;

/** What the local Bot Connector received (the local inbox), as Teams would have shown it. */
async function inbox(): Promise<{ method: string; conversationId: string; activityId: string; text: string }[]> {
  const res = await fetch(`${e2e.app.appUrl}/_local/inbox`, { headers: { Authorization: `Bearer ${e2e.app.graphToken}` } });
  const entries = (await res.json()) as { method: string; conversationId: string; activityId: string; activity: Record<string, unknown> }[];
  // A card's words: TextBlocks' text, FactSets' titles and values.
  const texts = (n: unknown): string[] =>
    Array.isArray(n) ? n.flatMap(texts) : n && typeof n === 'object' ? Object.entries(n).flatMap(([k, v]) => (typeof v === 'string' ? (['text', 'title', 'value'].includes(k) ? [v] : []) : texts(v))) : [];
  return entries.map((e) => ({ method: e.method, conversationId: e.conversationId, activityId: e.activityId, text: texts(e.activity.attachments).join('\n').replace(/\\(.)/g, '$1') }));
}

async function until<T>(what: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!hasChromium)('Start in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2E();
    // Thomas Granlund has talked with the bot in Teams: his chat exists, and cards reach him there.
    const res = await fetch(`${e2e.app.appUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'e2e-hello',
        text: 'hej',
        channelId: 'msteams',
        locale: 'sv-SE',
        serviceUrl: `${e2e.app.appUrl}/_local/connector/`,
        from: { id: '29:thomas', aadObjectId: THOMAS },
        recipient: { id: '28:lis' },
        conversation: { id: 'a:e2e-thomas', conversationType: 'personal', tenantId: LOCAL_TENANT_ID },
        channelData: { tenant: { id: LOCAL_TENANT_ID } },
      }),
    });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => e2e?.close());

  it('a staff member requests access from her home on a phone; the owner approves on his, and the card in his chat shows it', async () => {
    const johanna = await openTab(e2e);
    await johanna.page.setViewportSize({ width: 375, height: 812 });
    await signIn(johanna.page, 'Johanna Berg');
    await johanna.page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
    await johanna.page.getByRole('region', { name: 'Min utbildning' }).waitFor();
    await screenshot(johanna.page, 'home-staff-375');
    await johanna.page.getByRole('navigation', { name: 'Genvägar' }).getByRole('link', { name: 'Begär behörighet' }).click();
    await johanna.page.getByRole('heading', { level: 1, name: 'Begär behörighet' }).waitFor();
    await johanna.page.getByRole('combobox', { name: /System eller informationstillgång/ }).fill('närarkiv');
    await johanna.page.getByRole('option', { name: 'IA-003 Pappersakter och närarkiv för socialtjänsten' }).click();
    await johanna.page.getByRole('textbox', { name: /Behörighet eller roll/ }).fill('Arkivläsning');
    await johanna.page.getByRole('textbox', { name: /Varför behövs den/ }).fill('Söker i äldre akter för ett pågående ärende.');
    await screenshot(johanna.page, 'request-access-375');
    expect(await overflow(johanna.page)).toBe(0);
    expect(await axeViolations(johanna.page)).toEqual([]);
    await johanna.page.getByRole('button', { name: 'Skicka till informationsägaren' }).click();
    expect(await johanna.page.getByRole('status').innerText()).toContain('Thomas Granlund beslutar om Arkivläsning i IA-003');
    expect(johanna.errors).toEqual([]);

    // The decision card reaches Thomas's chat (the outbox worker; the test runs it instead of its timer).
    await e2e.app.runtime.outbox.drain();
    const card = await until(async () => (await inbox()).find((e) => e.conversationId === 'a:e2e-thomas' && e.method === 'POST' && e.text.includes('Arkivläsning')));
    expect(card.text).toContain('Beslut om behörighet');

    const thomas = await openTab(e2e);
    await thomas.page.setViewportSize({ width: 1280, height: 800 });
    await signIn(thomas.page, 'Thomas Granlund');
    const decision = thomas.page.getByRole('article', { name: 'Johanna Berg: Arkivläsning' });
    await decision.waitFor();
    expect(await decision.innerText()).toContain('Söker i äldre akter för ett pågående ärende.');
    await screenshot(thomas.page, 'home-owner-1280');
    await decision.getByRole('button', { name: 'Bevilja' }).click();
    expect(await decision.getByRole('status').innerText()).toBe('Beviljad. Administrativa enheten får uppdraget och Johanna Berg får besked i Teams.');
    await screenshot(thomas.page, 'home-owner-approved-1280');
    expect(thomas.errors).toEqual([]);

    // The same card in Thomas's chat, replaced in place: the decision made in the tab, no buttons.
    await e2e.app.runtime.outbox.drain();
    const updated = await until(async () => (await inbox()).find((e) => e.method === 'PUT' && e.conversationId === card.conversationId && e.activityId === card.activityId));
    expect(updated.text).toContain('Beviljad av Thomas Granlund');
    await johanna.context.close();
    await thomas.context.close();
  });

  const PEOPLE = ['Johanna Berg', 'Thomas Granlund', 'Henrik Sandberg', 'Leila Haddad', 'Sara Johansson'];
  for (const [width, height] of [
    [375, 812],
    [1280, 800],
  ] as const) {
    it(`fits, logs nothing and passes axe for every role at ${width}×${height}`, async () => {
      for (const name of PEOPLE) {
        const { page, context, errors } = await openTab(e2e);
        await page.setViewportSize({ width, height });
        await signIn(page, name);
        await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
        await page.getByRole('region', { name: 'Min utbildning' }).waitFor();
        expect(await overflow(page), `${name} at ${width}`).toBe(0);
        expect(await axeViolations(page), `${name} at ${width}`).toEqual([]);
        // Every link and button of the home's own content is at least 44 px high.
        const small = await page.locator('main a, main button').evaluateAll((els) =>
          els.filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().height < 44).map((el) => (el.textContent ?? '').trim().slice(0, 40)),
        );
        expect(small, `${name} at ${width}`).toEqual([]);
        expect(errors, name).toEqual([]);
        await context.close();
      }
    }, 120_000);
  }

  for (const theme of ['light', 'dark', 'contrast'] as const) {
    it(`renders the homes in the ${theme} theme (screenshots)`, async () => {
      for (const [name, file] of [
        ['Henrik Sandberg', 'isam'],
        ['Thomas Granlund', 'owner'],
      ] as const) {
        for (const width of [375, 1280]) {
          const { page, context, errors } = await openTab(e2e, { theme });
          await page.setViewportSize({ width, height: 800 });
          await signIn(page, name);
          await page.getByRole('region', { name: 'Min utbildning' }).waitFor();
          await screenshot(page, `home-${file}-${theme}-${width}`);
          expect(await overflow(page)).toBe(0);
          expect(errors).toEqual([]);
          await context.close();
        }
      }
    }, 120_000);
  }
});
