/**
 * Legal clocks and Stockholm time: provisional clocks from discovery, assessments back and forth,
 * corrected awareness, reports sent late, the final/situation report chain, and deadlines across
 * both DST changes of 2026 (29 March, 25 October) and month ends (incl. leap February 2028).
 */
import { describe, expect, it } from 'vitest';
import {
  addStockholmDays,
  addStockholmMonths,
  caseNumber,
  correctSent,
  decideNotRequired,
  escalationSlot,
  formatStockholm,
  fromStockholmWallTime,
  missingLateReason,
  nextDueAt,
  normalizeIncident,
  openLegalObligations,
  reconcileClocks,
  recordableKeys,
  recordSent,
  reminderStages,
  requestIntermediate,
  sameRootCause,
  significanceHints,
  stockholmInputToUtc,
  utcToStockholmInput,
  type Assessment,
  type Incident,
  type LegalClock,
} from '../../../core/domain';
import { incident } from './fixtures';

const ISAM = 'd0000000-0000-4000-8000-000000000002';
const DSO = 'd0000000-0000-4000-8000-000000000003';
const at = (iso: string) => new Date(iso);
const settings = { investigationDays: 30 };
const find = (clocks: LegalClock[], key: string) => clocks.find((c) => c.key === key)!;
const keys = (clocks: LegalClock[]) => clocks.map((c) => c.key).sort();
const wall = (iso: string) => formatStockholm(iso, 'sv');

/** The incident after its clocks were reconciled with its facts. */
function settled(i: Incident): Incident {
  return { ...i, clocks: reconcileClocks(i, settings) };
}
function assess(i: Incident, a: Partial<Assessment> & Pick<Assessment, 'at'>): Incident {
  const full: Assessment = { by: ISAM, severity: 'medium', personalDataBreach: false, significant: 'undecided', rationale: null, imyNotRequiredRationale: null, reason: null, ...a };
  return settled({ ...i, assessments: [...i.assessments, full], status: i.status === 'reported' ? 'triaged' : i.status });
}
function send(i: Incident, key: string, sentAt: string, extra: { lateReason?: string; reference?: string } = {}): Incident {
  const r = recordSent(i, key, { sentAt, recordedAt: sentAt, by: ISAM, reference: extra.reference ?? null, lateReason: extra.lateReason ?? null, evidenceId: null });
  if (!r.ok) throw new Error(r.refusal);
  return settled({ ...i, clocks: r.clocks });
}

describe('Stockholm calendar arithmetic', () => {
  it('keeps the wall-clock time when a month crosses into summer time', () => {
    // 10 March 10:00 CET (09:00Z) → 10 April 10:00 CEST (08:00Z).
    expect(addStockholmMonths(at('2026-03-10T09:00:00Z'), 1).toISOString()).toBe('2026-04-10T08:00:00.000Z');
  });

  it('keeps the wall-clock time when 30 days cross into winter time', () => {
    // 10 October 10:00 CEST (08:00Z) → 9 November 10:00 CET (09:00Z).
    expect(addStockholmDays(at('2026-10-10T08:00:00Z'), 30).toISOString()).toBe('2026-11-09T09:00:00.000Z');
  });

  it('clamps the 31st to the end of a shorter month, and to the 29th in a leap year', () => {
    expect(addStockholmMonths(at('2026-01-31T09:00:00Z'), 1).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(addStockholmMonths(at('2028-01-31T09:00:00Z'), 1).toISOString()).toBe('2028-02-29T09:00:00.000Z');
    expect(addStockholmMonths(at('2026-03-31T08:00:00Z'), 1).toISOString()).toBe('2026-04-30T08:00:00.000Z');
  });

  it('counts a month on the Stockholm calendar, not the UTC one, at the turn of a month', () => {
    // 31 October 2026 23:30 in Stockholm is 22:30 UTC on the same day; a month later is 30 November 23:30 CET.
    expect(addStockholmMonths(at('2026-10-31T22:30:00Z'), 1).toISOString()).toBe('2026-11-30T22:30:00.000Z');
    // 1 March 00:30 CET is 28 February 23:30 UTC: a month later is 1 April 00:30 CEST.
    expect(addStockholmMonths(at('2026-02-28T23:30:00Z'), 1).toISOString()).toBe('2026-03-31T22:30:00.000Z');
    // New Year's Eve 23:00 → 31 January 23:00.
    expect(addStockholmMonths(at('2026-12-31T22:00:00Z'), 1).toISOString()).toBe('2027-01-31T22:00:00.000Z');
  });

  it('moves a wall time in the spring gap forward, and takes the first of an autumn repeat', () => {
    expect(fromStockholmWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(fromStockholmWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
  });

  it('converts form input both ways', () => {
    expect(stockholmInputToUtc('2026-07-01', '08:15')).toBe('2026-07-01T06:15:00.000Z');
    expect(stockholmInputToUtc('2026-12-01', '08:15')).toBe('2026-12-01T07:15:00.000Z');
    expect(utcToStockholmInput('2026-03-29T01:30:00.000Z')).toEqual({ date: '2026-03-29', time: '03:30' });
    expect(formatStockholm('2026-03-29T01:30:00.000Z', 'sv')).toMatch(/29 mars 2026.*03:30/);
  });
});

describe('provisional clocks from discovery', () => {
  it('runs the 24 h and 72 h clocks from discovery the moment an incident is reported, provisionally', () => {
    const i = settled(incident({ discoveredAt: '2026-05-04T06:00:00.000Z', reportedAt: '2026-05-04T07:00:00.000Z', occurredAt: null }));
    expect(keys(i.clocks)).toEqual(['cs_early_warning', 'cs_notification', 'imy_notification']);
    expect(i.clocks.every((c) => c.basis === 'provisional' && c.completedAt === null)).toBe(true);
    expect(find(i.clocks, 'cs_early_warning').dueAt).toBe('2026-05-05T06:00:00.000Z');
    expect(find(i.clocks, 'imy_notification').dueAt).toBe('2026-05-07T06:00:00.000Z');
    // No IMY clock when the reporter says no personal data is involved.
    const none = settled(incident({ personalData: { involved: 'no', approxSubjects: null, categories: [], protectedIdentity: false } }));
    expect(keys(none.clocks)).toEqual(['cs_early_warning', 'cs_notification']);
    expect(nextDueAt(none.clocks)).toBe(find(none.clocks, 'cs_early_warning').dueAt);
  });

  it('escalates an undecided incident as the 24 h mark nears, and repeats while nothing is decided', () => {
    const i = settled(incident({ discoveredAt: '2026-05-04T06:00:00.000Z', awareAt: '2026-05-04T06:00:00.000Z', reportedAt: '2026-05-04T07:00:00.000Z', occurredAt: null }));
    const slot = (iso: string, x: Incident = i) => escalationSlot(x, at(iso), 4);
    expect(slot('2026-05-04T08:00:00Z')).toBeNull(); // an hour after the report
    expect(slot('2026-05-04T09:00:00Z')).toBe(0); // two hours after: "not triaged"
    expect(slot('2026-05-04T22:00:00Z')).toBe(1); // 16 h after awareness: the 24 h mark nears
    expect(slot('2026-05-05T01:59:00Z')).toBe(1);
    expect(slot('2026-05-05T02:00:00Z')).toBe(2);
    expect(slot('2026-05-05T12:00:00Z')).toBe(4); // 30 h: still nobody decided
    expect(slot('2026-05-07T06:00:00Z')).toBe(15); // 72 h: then once a day
    expect(slot('2026-05-08T06:00:00Z')).toBe(16);
    // A decision ends it; "undecided" at triage does not.
    expect(slot('2026-05-05T12:00:00Z', assess(i, { at: '2026-05-05T10:00:00.000Z', significant: 'undecided', personalDataBreach: true }))).toBe(4);
    expect(slot('2026-05-05T12:00:00Z', assess(i, { at: '2026-05-05T10:00:00.000Z', significant: 'no', rationale: 'Ingen påverkan.' }))).toBeNull();
  });
});

describe('assessments', () => {
  const base = () => settled(incident({ discoveredAt: '2026-05-04T06:00:00.000Z', awareAt: '2026-05-04T06:00:00.000Z', reportedAt: '2026-05-04T07:00:00.000Z', occurredAt: null }));

  it('confirms the clocks on "significant", keeping the due times counted from awareness', () => {
    const i = assess(base(), { at: '2026-05-04T09:00:00.000Z', significant: 'yes', personalDataBreach: true });
    expect(find(i.clocks, 'cs_early_warning')).toMatchObject({ basis: 'confirmed', dueAt: '2026-05-05T06:00:00.000Z', completedAt: null });
    expect(keys(i.clocks)).toEqual(['breach_documentation', 'cs_early_warning', 'cs_notification', 'data_subjects', 'imy_notification', 'internal_investigation']);
    expect(find(i.clocks, 'internal_investigation').dueAt).toBe('2026-06-03T09:00:00.000Z'); // 30 days from triage, same wall time
    expect(find(i.clocks, 'breach_documentation').dueAt).toBe(find(i.clocks, 'internal_investigation').dueAt);
  });

  it('stops the clocks on a reasoned "no" and restores them, with their original due times, when the assessment is reversed', () => {
    const yes = assess(base(), { at: '2026-05-04T09:00:00.000Z', significant: 'yes', personalDataBreach: true });
    const no = assess(yes, { at: '2026-05-04T12:00:00.000Z', significant: 'no', personalDataBreach: false, rationale: 'Ingen driftpåverkan.', reason: 'Ny information från leverantören.' });
    expect(find(no.clocks, 'cs_early_warning')).toMatchObject({ outcome: 'not_required', stoppedBy: 'assessment', rationale: 'Ingen driftpåverkan.', completedAt: '2026-05-04T12:00:00.000Z' });
    expect(find(no.clocks, 'imy_notification')).toMatchObject({ outcome: 'not_required', stoppedBy: 'assessment' });
    expect(openLegalObligations(no.clocks)).toEqual([]);
    const again = assess(no, { at: '2026-05-05T08:00:00.000Z', significant: 'yes', personalDataBreach: true, reason: 'Loggarna visar att uppgifterna har lästs.' });
    for (const key of ['cs_early_warning', 'cs_notification', 'imy_notification', 'data_subjects', 'breach_documentation']) {
      expect(find(again.clocks, key)).toMatchObject({ completedAt: null, outcome: null, stoppedBy: null, dueAt: find(yes.clocks, key).dueAt });
    }
    // The early warning is overdue now: the restored clock says so rather than starting afresh.
    expect(Date.parse(find(again.clocks, 'cs_early_warning').dueAt)).toBeLessThan(Date.parse('2026-05-05T08:00:00Z'));
    expect(again.assessments).toHaveLength(3);
  });

  it('keeps what was sent and what was formally decided whatever the assessment says later', () => {
    let i = assess(base(), { at: '2026-05-04T09:00:00.000Z', significant: 'yes', personalDataBreach: true });
    i = send(i, 'cs_early_warning', '2026-05-04T20:00:00.000Z', { reference: 'MCF-1' });
    const decided = decideNotRequired(i.clocks, 'data_subjects', 'Uppgifterna var krypterade; ingen hög risk för de registrerade.', '2026-05-05T09:00:00.000Z', DSO);
    expect(decided.ok).toBe(true);
    i = settled({ ...i, clocks: decided.ok ? decided.clocks : [] });
    i = assess(i, { at: '2026-05-05T10:00:00.000Z', significant: 'no', personalDataBreach: false, rationale: 'Inte betydande.', reason: 'Omprövning.' });
    i = assess(i, { at: '2026-05-05T11:00:00.000Z', significant: 'yes', personalDataBreach: true, reason: 'Omprövning igen.' });
    expect(find(i.clocks, 'cs_early_warning')).toMatchObject({ outcome: 'sent', reference: 'MCF-1' });
    expect(find(i.clocks, 'data_subjects')).toMatchObject({ outcome: 'not_required', stoppedBy: 'decision', completedBy: DSO });
  });

  it('stops the IMY clock when the risk is unlikely (with reasons) and keeps art. 33(5) documentation open', () => {
    const i = assess(base(), { at: '2026-05-04T09:00:00.000Z', significant: 'no', rationale: 'Ingen driftpåverkan.', personalDataBreach: true, imyNotRequiredRationale: 'Krypterat USB-minne; risken för de registrerade är osannolik.' });
    expect(find(i.clocks, 'imy_notification')).toMatchObject({ outcome: 'not_required', rationale: 'Krypterat USB-minne; risken för de registrerade är osannolik.' });
    expect(openLegalObligations(i.clocks).map((c) => c.key).sort()).toEqual(['breach_documentation', 'data_subjects']);
  });
});

describe('awareness time', () => {
  it('moves every deadline counted from awareness when it is corrected, and judges sent reports by it', () => {
    let i = assess(settled(incident({ discoveredAt: '2026-05-04T06:00:00.000Z', reportedAt: '2026-05-04T07:00:00.000Z', occurredAt: null })), {
      at: '2026-05-04T08:00:00.000Z',
      significant: 'yes',
      personalDataBreach: true,
    });
    i = send(i, 'imy_notification', '2026-05-06T12:00:00.000Z');
    expect(find(i.clocks, 'imy_notification').lateReason).toBeNull();
    // The organisation in fact knew a day earlier: the IMY notification was late, and lacks its reasons.
    i = settled({ ...i, awareAt: '2026-05-03T06:00:00.000Z' });
    expect(find(i.clocks, 'cs_early_warning').dueAt).toBe('2026-05-04T06:00:00.000Z');
    expect(find(i.clocks, 'imy_notification').dueAt).toBe('2026-05-06T06:00:00.000Z');
    expect(missingLateReason(find(i.clocks, 'imy_notification'))).toBe(true);
    const fixed = correctSent(i.clocks, 'imy_notification', { sentAt: '2026-05-06T12:00:00.000Z', reference: 'IMY-2026-77', lateReason: 'Kännedomen registrerades först dagen efter.' });
    expect(fixed.ok && missingLateReason(find(fixed.clocks, 'imy_notification'))).toBe(false);
    expect(correctSent(i.clocks, 'imy_notification', { sentAt: '2026-05-06T12:00:00.000Z', reference: null, lateReason: null })).toEqual({ ok: false, refusal: 'late_reason_required' });
  });
});

describe('reports sent', () => {
  const significant = () =>
    assess(settled(incident({ discoveredAt: '2026-10-01T08:00:00.000Z', reportedAt: '2026-10-01T09:00:00.000Z', occurredAt: null })), {
      at: '2026-10-01T10:00:00.000Z',
      significant: 'yes',
      personalDataBreach: true,
    });

  it('records the actual send time, and asks for reasons when the IMY notification is late (art. 33(1))', () => {
    const i = significant();
    const late = { sentAt: '2026-10-04T12:00:00.000Z', recordedAt: '2026-10-05T08:00:00.000Z', by: ISAM, reference: 'IMY-2026-1', lateReason: null, evidenceId: null };
    expect(recordSent(i, 'imy_notification', late)).toEqual({ ok: false, refusal: 'late_reason_required' });
    const r = recordSent(i, 'imy_notification', { ...late, lateReason: 'Omfattningen klarlades först efter leverantörens logganalys.' });
    expect(r.ok && find(r.clocks, 'imy_notification')).toMatchObject({ completedAt: '2026-10-04T12:00:00.000Z', recordedAt: '2026-10-05T08:00:00.000Z', reference: 'IMY-2026-1', lateReason: 'Omfattningen klarlades först efter leverantörens logganalys.' });
    // A report whose clock does not run cannot be recorded.
    expect(recordSent(i, 'cs_final_report', late)).toEqual({ ok: false, refusal: 'no_running_clock' });
  });

  it('starts the final-report month when the notification is sent — across the autumn DST change — and moves it after a situation report', () => {
    let i = send(significant(), 'cs_notification', '2026-10-03T08:00:00.000Z', { reference: 'MCF-2026-123' });
    expect(find(i.clocks, 'cs_final_report')).toMatchObject({ dueAt: '2026-11-03T09:00:00.000Z', basis: 'confirmed' }); // 10:00 CEST → 10:00 CET
    expect(recordableKeys(i)).toContain('cs_situation_report:1');
    i = send(i, 'cs_situation_report:1', '2026-11-02T09:00:00.000Z');
    expect(find(i.clocks, 'cs_situation_report:1')).toMatchObject({ outcome: 'sent', dueAt: '2026-11-03T09:00:00.000Z' });
    // Still ongoing: the final report is due a month after it is handled — until then provisionally a month on.
    expect(find(i.clocks, 'cs_final_report')).toMatchObject({ basis: 'provisional', dueAt: '2026-12-02T09:00:00.000Z', completedAt: null });
    i = send(i, 'cs_situation_report:2', '2026-12-01T09:00:00.000Z');
    expect(find(i.clocks, 'cs_situation_report:2').dueAt).toBe('2026-12-02T09:00:00.000Z');
    // Handled (closed) on 20 November? No — on 20 December: the final report is due on 20 January.
    i = settled({ ...i, status: 'closed', closedAt: '2026-12-20T14:00:00.000Z' });
    expect(find(i.clocks, 'cs_final_report')).toMatchObject({ basis: 'confirmed', dueAt: '2027-01-20T14:00:00.000Z' });
    expect(recordableKeys(i)).not.toContain('cs_situation_report:3');
    // Closing hides nothing: the final report is still an open obligation.
    expect(openLegalObligations(i.clocks).map((c) => c.key)).toContain('cs_final_report');
  });

  it('sets the final report at the month end when the notification went out on the 31st', () => {
    const i = send(
      assess(settled(incident({ discoveredAt: '2027-01-29T08:00:00.000Z', reportedAt: '2027-01-29T09:00:00.000Z', occurredAt: null })), { at: '2027-01-29T10:00:00.000Z', significant: 'yes' }),
      'cs_notification',
      '2027-01-31T15:00:00.000Z',
    );
    expect(find(i.clocks, 'cs_final_report').dueAt).toBe('2027-02-28T15:00:00.000Z');
  });

  it('runs an intermediate report from the authority’s request to the date it gave', () => {
    const i = significant();
    const r = requestIntermediate(i.clocks, { requestedAt: '2026-10-05T09:00:00.000Z', dueAt: '2026-10-09T14:00:00.000Z', reference: 'MCF-2026-123' });
    expect(r.ok && find(r.clocks, 'cs_intermediate_report:1')).toMatchObject({ startedAt: '2026-10-05T09:00:00.000Z', dueAt: '2026-10-09T14:00:00.000Z', requestReference: 'MCF-2026-123', basis: 'confirmed' });
    expect(requestIntermediate(r.ok ? r.clocks : [], { requestedAt: '2026-10-05T09:00:00.000Z', dueAt: '2026-10-09T14:00:00.000Z', reference: null })).toEqual({ ok: false, refusal: 'duplicate' });
  });
});

describe('deadlines across the DST changes', () => {
  it('counts 24 h and 72 h in real hours across spring-forward', () => {
    // Aware Saturday 28 March 12:00 CET; the clocks run through the night the hour is lost.
    const i = assess(settled(incident({ discoveredAt: '2026-03-28T11:00:00.000Z', reportedAt: '2026-03-28T11:30:00.000Z', occurredAt: null })), {
      at: '2026-03-28T13:00:00.000Z',
      significant: 'yes',
      personalDataBreach: true,
    });
    expect(find(i.clocks, 'cs_early_warning').dueAt).toBe('2026-03-29T11:00:00.000Z');
    expect(wall(find(i.clocks, 'cs_early_warning').dueAt)).toMatch(/29 mars 2026.*13:00/); // 24 real hours = 13:00 summer time
    expect(find(i.clocks, 'cs_notification').dueAt).toBe('2026-03-31T11:00:00.000Z');
    expect(find(i.clocks, 'internal_investigation').dueAt).toBe('2026-04-27T12:00:00.000Z'); // 30 days, same wall time 14:00
  });

  it('counts 24 h and 72 h in real hours across fall-back', () => {
    // Aware Saturday 24 October 10:00 CEST (08:00Z); Sunday has 25 hours.
    const i = assess(settled(incident({ discoveredAt: '2026-10-24T08:00:00.000Z', reportedAt: '2026-10-24T08:30:00.000Z', occurredAt: null })), {
      at: '2026-10-24T09:00:00.000Z',
      significant: 'yes',
      personalDataBreach: true,
    });
    expect(find(i.clocks, 'cs_early_warning').dueAt).toBe('2026-10-25T08:00:00.000Z');
    expect(wall(find(i.clocks, 'cs_early_warning').dueAt)).toMatch(/25 okt. 2026.*09:00/); // 24 real hours = 09:00 winter time
    expect(find(i.clocks, 'imy_notification').dueAt).toBe('2026-10-27T08:00:00.000Z');
    expect(find(i.clocks, 'internal_investigation').dueAt).toBe('2026-11-23T10:00:00.000Z'); // 30 days: 11:00 CEST → 11:00 CET
  });

  it('keeps reminders on real time around the missing and the repeated hour', () => {
    const i = assess(settled(incident({ discoveredAt: '2026-10-24T08:00:00.000Z', reportedAt: '2026-10-24T08:30:00.000Z', occurredAt: null })), { at: '2026-10-24T09:00:00.000Z', significant: 'yes' });
    const ew = find(i.clocks, 'cs_early_warning');
    expect(reminderStages(ew, at('2026-10-25T01:59:00Z'))).toEqual([]);
    expect(reminderStages(ew, at('2026-10-25T02:00:00Z'))).toEqual([{ stage: 'due_soon', round: 0 }]); // six real hours before
  });
});

describe('reminders', () => {
  const c: LegalClock = normalizeIncident({ discoveredAt: '2026-05-04T08:00:00.000Z', clocks: [{ kind: 'cs_early_warning', startedAt: '2026-05-04T08:00:00.000Z', dueAt: '2026-05-05T08:00:00.000Z', completedAt: null, completedBy: null, reference: null, outcome: null, rationale: null } as LegalClock] }).clocks[0]!;

  it('reminds before the deadline, when it passes, and weekly while a legal report stays unsent; never for a stopped clock', () => {
    expect(reminderStages(c, at('2026-05-05T01:00:00Z'))).toEqual([]);
    expect(reminderStages(c, at('2026-05-05T02:00:00Z'))).toEqual([{ stage: 'due_soon', round: 0 }]);
    expect(reminderStages(c, at('2026-05-05T08:00:01Z'))).toEqual([
      { stage: 'due_soon', round: 0 },
      { stage: 'overdue', round: 0 },
    ]);
    expect(reminderStages(c, at('2026-05-20T09:00:00Z')).at(-1)).toEqual({ stage: 'still_overdue', round: 2 });
    expect(reminderStages({ ...c, completedAt: '2026-05-05T07:00:00.000Z' }, at('2026-05-06T00:00:00Z'))).toEqual([]);
    expect(reminderStages({ ...c, kind: 'internal_investigation', key: 'internal_investigation' }, at('2026-06-20T09:00:00Z')).map((r) => r.stage)).toEqual(['due_soon', 'overdue']);
  });

  it('reads records written before awareness and assessments existed', () => {
    const legacy = normalizeIncident({ ...incident(), awareAt: undefined, assessments: undefined, facts: undefined, triagedAt: '2026-03-10T11:00:00.000Z', triagedBy: ISAM, severity: 'low', personalDataBreach: false, significant: 'no', significanceRationale: 'Liten.' } as unknown as Incident);
    expect(legacy.awareAt).toBe('2026-03-10T09:30:00.000Z');
    expect(legacy.assessments).toEqual([expect.objectContaining({ significant: 'no', rationale: 'Liten.', by: ISAM })]);
    expect(legacy.facts.cause).toBeNull();
  });
});

describe('significance hints', () => {
  const facts = (cause: Incident['facts']['cause']) => ({ ...incident().facts, cause });

  it('says two incidents share a root cause only with the same cause and the same asset or supplier — not the same category', () => {
    const a = { assetId: '3', supplierId: null, facts: facts('human_error') };
    expect(sameRootCause(a, { assetId: '3', supplierId: null, facts: facts('human_error') })).toBe('asset');
    expect(sameRootCause(a, { assetId: '4', supplierId: null, facts: facts('human_error') })).toBeNull();
    expect(sameRootCause(a, { assetId: '3', supplierId: null, facts: facts('misconfiguration') })).toBeNull();
    expect(sameRootCause({ assetId: null, supplierId: '7', facts: facts('supplier_failure') }, { assetId: '9', supplierId: '7', facts: facts('supplier_failure') })).toBe('supplier');
    expect(sameRootCause({ ...a, facts: facts('other') }, { ...a, facts: facts('other') })).toBeNull();
    expect(sameRootCause({ ...a, facts: facts(null) }, { ...a, facts: facts(null) })).toBeNull();
  });

  it('suggests significance from thresholds without deciding', () => {
    expect(significanceHints({ restrictedHours: 5, manualWorkaroundHours: 2, affectedPeople: 600, sameCause: ['INC-2026-0003'] }).map((h) => h.key)).toEqual(['restricted', 'protectedPeople', 'sameCause']);
    expect(significanceHints({ restrictedHours: 4, sameCause: [] })).toEqual([]);
    expect(significanceHints({ sameCause: null })).toEqual([{ key: 'causeUnknown', months: 6 }]);
  });

  it('numbers cases by year and item id', () => {
    expect(caseNumber('42', '2026-03-10T10:00:00.000Z')).toBe('INC-2026-0042');
  });
});
