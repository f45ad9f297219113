/**
 * Legal clocks for incidents that happened in the past (demo and scale seeds), computed by the same
 * rules triage uses (core/domain/clocks.ts), with the reports sent as a diligent ISAM would.
 */
import { clocksAfterClose, clocksAfterReport, clocksAfterTriage, toUtcIso, type ClockKind, type LegalClock } from '../../core/domain';

/**
 * The legal clocks a historic demo incident would have, computed by the same rules triage uses
 * (core/domain/clocks.ts), with the reports sent as a diligent ISAM would — and one IMY notification
 * sent late (INC-010), so that the dashboard's "on time vs late" has something to show.
 */
export function historicClocks(
  i: { code: string; discoveredAt: string; significant: string; significanceRationale: string | null; personalDataBreach: boolean | null },
  triagedAt: string,
  closedAt: string | null,
  isamId: string,
  now: Date,
): LegalClock[] {
  const aware = Date.parse(toUtcIso(i.discoveredAt));
  const at = (hours: number) => new Date(aware + hours * 3_600_000);
  const ref = (prefix: string) => `${prefix}-${i.discoveredAt.slice(0, 4)}-${i.code.slice(-3)}`;
  let clocks = clocksAfterTriage(
    { discoveredAt: toUtcIso(i.discoveredAt), clocks: [] },
    { significant: i.significant as 'yes' | 'no' | 'undecided', personalDataBreach: i.personalDataBreach === true, rationale: i.significanceRationale },
    new Date(triagedAt),
    isamId,
    { investigationDays: 30 },
  );
  const send = (kind: ClockKind, when: Date, reference: string) => {
    if (when.getTime() <= now.getTime()) clocks = clocksAfterReport({ clocks, closedAt }, kind, when, isamId, reference);
  };
  send('cs_early_warning', at(20), ref('MCF'));
  send('cs_notification', at(60), ref('MCF'));
  send('imy_notification', at(i.code === 'INC-010' ? 80 : 40), ref('IMY'));
  // Still being handled a month after the notification: situation reports, then the final report later.
  for (let n = 0; n < 12; n++) {
    const final = clocks.find((c) => c.kind === 'cs_final_report' && c.completedAt === null);
    if (!final || closedAt || Date.parse(final.dueAt) > now.getTime()) break;
    send('cs_situation_report', new Date(Date.parse(final.dueAt) - 24 * 3_600_000), ref('MCF'));
  }
  if (closedAt) {
    clocks = clocksAfterClose({ clocks }, new Date(closedAt)).map((c) =>
      c.kind === 'internal_investigation' && c.completedAt === null ? { ...c, completedAt: closedAt, completedBy: isamId, outcome: 'sent' as const } : c,
    );
  }
  return clocks;
}

/** A date's Stockholm office morning as a UTC instant (09:00 local ≈ 08:00/07:00 UTC). */
export const morning = (date: string) => toUtcIso(`${date}T09:00:00+01:00`);
export const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
