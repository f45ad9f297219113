/**
 * When an incident next needs attention, from its legal clocks (clocks.ts): the earliest and the
 * latest deadline among the clocks still running. Kept as indexed keys (keys.ts: `nextDueAt`,
 * `lastDueAt`) so that the reminder job reads a window of deadlines instead of every open incident,
 * and the overview lists the soonest deadlines first.
 *
 * A clock kind added in clocks.ts is covered here without change: every running clock counts. A rule
 * that makes a clock need attention at another moment than its deadline (a lead time) belongs in
 * `reminderStages`; the job's window already reaches `leadTime` before each deadline.
 */
import { isOpen } from './clocks';
import type { Incident } from './incident';

export interface DueWindow {
  /** Earliest deadline of a running clock (UTC ISO), or null when none runs. */
  first: string | null;
  /** Latest deadline of a running clock, or null. */
  last: string | null;
}

export function dueWindow(incident: Pick<Incident, 'clocks'>): DueWindow {
  // Also on a closed incident: it can still owe a report (the final report after a situation report).
  const due = incident.clocks.filter(isOpen).map((c) => Date.parse(c.dueAt)).filter((t) => Number.isFinite(t));
  if (!due.length) return { first: null, last: null };
  return { first: new Date(Math.min(...due)).toISOString(), last: new Date(Math.max(...due)).toISOString() };
}
