/**
 * Reminders in Teams for what falls due in the registers (issue 14), under a moved clock: the
 * scheduler's `registers.reminders` job, run by two server instances at once and again after a
 * restart, writes one outbox entry per record, kind and due date — a classification or a risk to
 * review, a supplier follow-up, an agreement expiring, an audit coming up, an impact assessment to
 * review — and the owner gets a card that says what and by when, linking to the record in the tab.
 * A date that enters its notice period later is reminded when it does, once. The monthly note on
 * records past retention goes to ISAM's channel once a month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registersFeature } from '../../bot/features/registers';
import { createLogger } from '../../bot/log';
import { Scheduler } from '../../bot/scheduler/scheduler';
import { cardText, startBotHarness, type BotHarness } from '../support/bot-harness';

const person = (nn: string) => `d0000000-0000-4000-8000-0000000000${nn}`;
const PER = person('07');
const JESSICA = person('25');

let h: BotHarness;
let a: Scheduler;
let b: Scheduler;
const newScheduler = (id: string) => new Scheduler(h.app.runtime.deps, registersFeature.jobs!, createLogger({ silent: true }), id);

/** The register card's outbox entries (not dead), by correlation key. */
async function entries() {
  const out = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof h.app.runtime.deps.store.query<'Outbox'>>> = await h.app.runtime.deps.store.query('Outbox', { where: [{ field: 'status', op: 'ne', value: 'dead' }], pageSize: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.filter((e) => e.data.card === 'registers.reminder'));
    cursor = page.cursor;
  } while (cursor);
  return out;
}
const idOf = async (list: 'Risks' | 'Suppliers' | 'Audits' | 'InformationAssets' | 'ImpactAssessments', key: string) => (await h.app.runtime.deps.store.findByKey(list, key))!.id;

beforeAll(async () => {
  h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
  // The bot has seen the tenant (its Bot Connector address): it can open 1:1 chats with owners.
  await h.message(PER, 'hej');
  h.connector.reset();
  a = newScheduler('instance-a');
  b = newScheduler('instance-b');
});
afterAll(async () => h?.close());

describe('register reminders', () => {
  it('are queued once per record, kind and due date, by two instances at once and after a restart', async () => {
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    h.clock.advance(2 * 3_600_000); // the leases have run out: both instances try again
    await Promise.all([a.tick(), b.tick()]);
    await newScheduler('instance-c-after-restart').tick();

    const all = await entries();
    const keys = all.map((e) => e.data.correlationKey);
    expect(new Set(keys).size).toBe(keys.length);
    const [risk5, risk6, sup1, sup5, sup7, rev5, dpia4] = await Promise.all([
      idOf('Risks', 'seed:risk:RISK-005'),
      idOf('Risks', 'seed:risk:RISK-006'),
      idOf('Suppliers', 'seed:supplier:SUP-001'),
      idOf('Suppliers', 'seed:supplier:SUP-005'),
      idOf('Suppliers', 'seed:supplier:SUP-007'),
      idOf('Audits', 'seed:audit:REV-005'),
      idOf('ImpactAssessments', 'seed:dpia:DPIA-004'),
    ]);
    const [ia9, ia12, ia16] = await Promise.all(['IA-009', 'IA-012', 'IA-016'].map((c) => idOf('InformationAssets', `seed:asset:${c}`)));
    expect(keys.sort()).toEqual(
      [
        `risk_review:${risk5}:2026-12-15`,
        `risk_review:${risk6}:2026-11-20`,
        `classification_review:${ia9}:2026-05-20`,
        `classification_review:${ia12}:2026-09-03`,
        `classification_review:${ia16}:2026-08-14`,
        `supplier_follow_up:${sup1}:2026-12-10`,
        `supplier_follow_up:${sup5}:2026-12-03`,
        `dpa_expiry:${sup5}:2026-06-30`,
        `contract_end:${sup7}:2027-01-31`,
        `audit_planned:${rev5}:2026-12-08`,
        `dpia_review:${dpia4}:2026-09-05`,
        'retention_due:2026-11',
      ].sort(),
    );
    // To whom: each record's owner; the monthly retention note to ISAM's channel.
    const to = Object.fromEntries(all.map((e) => [e.data.correlationKey, `${e.data.targetType}:${e.data.targetId}`]));
    expect(to[`risk_review:${risk5}:2026-12-15`]).toBe(`person:${JESSICA}`);
    expect(to[`risk_review:${risk6}:2026-11-20`]).toBe(`person:${PER}`);
    expect(to[`audit_planned:${rev5}:2026-12-08`]).toBe(`person:${person('11')}`);
    expect(to[`supplier_follow_up:${sup1}:2026-12-10`]).toBe(`person:${person('30')}`);
    expect(to[`dpia_review:${dpia4}:2026-09-05`]).toBe(`person:${person('14')}`);
    expect(to['retention_due:2026-11']).toBe('channel:isam');
    // Each reminder is in the record's history, by the system.
    const logged = await h.app.runtime.deps.store.query('AuditLog', { where: [{ field: 'target', op: 'eq', value: `Risks/${risk5}` }] });
    expect(logged.items.filter((e) => e.data.action === 'risk_review.reminded').map((e) => e.data.actorId)).toEqual(['system']);
    expect((await h.app.runtime.deps.store.get('Risks', risk5))!.data.lastReminderAt).not.toBeNull();
  });

  it('reach the owner as a card saying what and by when, linking to the record in the tab', async () => {
    await h.app.runtime.outbox.drain();
    await h.app.runtime.outbox.drain();
    const risk5 = await idOf('Risks', 'seed:risk:RISK-005');
    const chat = h.connector.conversations.find((c) => (c.parameters.members as { id: string }[])[0]!.id === JESSICA)!;
    // Jessica owns the risk and IA-009, due for review: two cards in her chat.
    const mine = h.connector.cards().filter((c) => c.conversationId === chat.id);
    expect(mine.map((c) => cardText(c.card).split('\n')[0]).sort()).toEqual(['Dags att se över klassningen', 'Dags att se över risken']);
    const card = mine.find((c) => cardText(c.card).includes('RISK-005'))!.card;
    expect(cardText(card)).toBe(
      [
        'Dags att se över risken',
        'RISK-005 Barn med skyddade personuppgifter röjs i förskoleappen',
        'Senast',
        '15 december 2026',
        'Bedöm om hotet, sannolikheten och konsekvensen är desamma och om behandlingen fungerar.',
        'Öppna i fliken',
      ].join('\n'),
    );
    expect(JSON.stringify(card)).toContain(`#/risks/${risk5}`);
    const overdue = h.connector.cards().map((c) => cardText(c.card)).find((t) => t.includes('RISK-006'))!;
    expect(overdue).toContain('20 november 2026 – datumet har passerat');
    const followUp = h.connector.cards().map((c) => cardText(c.card)).find((t) => t.startsWith('Uppföljning av leverantör') && t.includes('SUP-001'))!;
    expect(followUp).toContain('Gäller\nLoggning och åtkomst för leverantörens supportpersonal');
  });

  it('remind of a date entering its notice period when it does, once, and post the next month’s retention note', async () => {
    const before = (await entries()).length;
    h.clock.set('2026-12-18T09:00:00.000Z');
    await Promise.all([a.tick(), b.tick()]);
    h.clock.advance(2 * 3_600_000);
    await Promise.all([a.tick(), b.tick()]);
    const risk4 = await idOf('Risks', 'seed:risk:RISK-004');
    const added = (await entries()).slice(0).map((e) => e.data.correlationKey).filter((k) => k.startsWith(`risk_review:${risk4}`) || k.startsWith('retention_due:'));
    expect(added.sort()).toEqual([`risk_review:${risk4}:2026-12-31`, 'retention_due:2026-11', 'retention_due:2026-12'].sort());
    expect((await entries()).length).toBe(before + 2);
  });

  it('start over for a new due date once the review is done', async () => {
    const risk5 = await h.app.runtime.deps.store.findByKey('Risks', 'seed:risk:RISK-005');
    await h.app.runtime.deps.store.update('Risks', risk5!, { reviewAt: '2027-01-10' });
    h.clock.advance(2 * 3_600_000);
    await Promise.all([a.tick(), b.tick()]);
    const forRisk5 = (await entries()).map((e) => e.data.correlationKey).filter((k) => k.startsWith(`risk_review:${risk5!.id}:`));
    expect(forRisk5.sort()).toEqual([`risk_review:${risk5!.id}:2026-12-15`, `risk_review:${risk5!.id}:2027-01-10`]);
  });
});
