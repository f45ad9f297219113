/**
 * The history of incidents that happened in the past (demo and scale seeds): the assessment ISAM
 * made, and the reports sent as a diligent ISAM and DSO would — one IMY notification sent late with
 * its reasons (INC-010), so that the dashboard's "on time vs late" has something to show — with the
 * clocks reconciled by the same rules the app uses (core/domain/clocks.ts).
 */
import { decideNotRequired, nextDueAt, reconcileClocks, recordSent, toUtcIso, type Assessment, type Incident } from '../../core/domain';

export interface HistoricIncident {
  code: string;
  discoveredAt: string;
  severity: string | null;
  significant: string;
  significanceRationale: string | null;
  personalDataBreach: boolean | null;
  personalData: Incident['personalData'];
  status: string;
}

/** What a past incident's record holds about its assessment and its legal clocks. */
export type HistoricFields = Pick<Incident, 'awareAt' | 'assessments' | 'clocks' | 'nextDueAt' | 'lastOperation'>;

export function historicClocks(
  i: HistoricIncident,
  triagedAt: string | null,
  closedAt: string | null,
  investigation: Incident['investigation'],
  people: { isamId: string; dsoId: string },
  now: Date,
): HistoricFields {
  const discoveredAt = toUtcIso(i.discoveredAt);
  const assessment: Assessment | null =
    triagedAt && i.severity
      ? {
          at: triagedAt,
          by: people.isamId,
          severity: i.severity as Assessment['severity'],
          personalDataBreach: i.personalDataBreach === true,
          significant: i.significant as Assessment['significant'],
          rationale: i.significanceRationale,
          imyNotRequiredRationale: null,
          reason: null,
        }
      : null;
  const settings = { investigationDays: 30 };
  let inc = {
    discoveredAt,
    awareAt: discoveredAt,
    reportedAt: discoveredAt,
    clocks: [] as Incident['clocks'],
    assessments: assessment ? [assessment] : [],
    personalData: i.personalData,
    status: i.status as Incident['status'],
    closedAt,
    investigation,
  };
  const settle = () => (inc = { ...inc, clocks: reconcileClocks(inc, settings) });
  settle();
  if (assessment) {
    const aware = Date.parse(discoveredAt);
    const at = (hours: number) => new Date(aware + hours * 3_600_000).toISOString();
    const ref = (prefix: string) => `${prefix}-${i.discoveredAt.slice(0, 4)}-${i.code.slice(-3)}`;
    const send = (key: string, when: string, reference: string | null, by = people.isamId, lateReason: string | null = null) => {
      if (Date.parse(when) > now.getTime()) return;
      const r = recordSent(inc, key, { sentAt: when, recordedAt: when, by, reference, lateReason, evidenceId: null });
      if (r.ok) {
        inc = { ...inc, clocks: r.clocks };
        settle();
      }
    };
    send('cs_early_warning', at(20), ref('MCF'));
    send('cs_notification', at(60), ref('MCF'));
    const late = i.code === 'INC-010';
    send('imy_notification', at(late ? 80 : 40), ref('IMY'), people.dsoId, late ? 'Att kortet innehöll personuppgifter blev känt först när det återfanns och kunde undersökas.' : null);
    // Art. 34: the people concerned are informed where many are affected; otherwise the DSO records why not.
    if (inc.clocks.some((c) => c.key === 'data_subjects' && c.completedAt === null)) {
      if ((i.personalData.approxSubjects ?? 0) >= 100) send('data_subjects', at(70), 'Brev och e-post till berörda', people.dsoId);
      else if (Date.parse(at(30)) <= now.getTime()) {
        const r = decideNotRequired(inc.clocks, 'data_subjects', 'Ingen hög risk för de registrerade: uppgifterna nådde få mottagare och har inte spridits vidare.', at(30), people.dsoId);
        if (r.ok) inc = { ...inc, clocks: r.clocks };
      }
    }
    // Still being handled a month after the notification: situation reports, then the final report later.
    for (let n = 0; n < 12; n++) {
      const final = inc.clocks.find((c) => c.kind === 'cs_final_report' && c.completedAt === null);
      if (!final || closedAt || Date.parse(final.dueAt) > now.getTime()) break;
      send(`cs_situation_report:${n + 1}`, new Date(Date.parse(final.dueAt) - 24 * 3_600_000).toISOString(), ref('MCF'));
    }
    if (closedAt) {
      send('breach_documentation', closedAt, null, people.dsoId);
      const final = inc.clocks.find((c) => c.kind === 'cs_final_report' && c.completedAt === null);
      if (final) send('cs_final_report', new Date(Math.min(Date.parse(final.dueAt) - 24 * 3_600_000, now.getTime())).toISOString(), ref('MCF'));
    }
  }
  return { awareAt: discoveredAt, assessments: inc.assessments, clocks: inc.clocks, nextDueAt: nextDueAt(inc.clocks), lastOperation: null };
}

/** A date's Stockholm office morning as a UTC instant (09:00 local ≈ 08:00/07:00 UTC). */
export const morning = (date: string) => toUtcIso(`${date}T09:00:00+01:00`);
export const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
