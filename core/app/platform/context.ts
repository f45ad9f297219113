/** What every use case gets: the ports and the settings. Built once in bot/compose.ts. */
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { RecordStore } from '../../ports/record-store';
import type { Background } from './background';

export interface Settings {
  tenantId: string;
  /** Days a line manager has to investigate (DOMAIN.md, default 30). */
  investigationDays: number;
  recertificationMonths: number[];
  /** Years compliance evidence is kept after archiving (RETENTION_YEARS, default 5). */
  retentionYears: number;
  /** Years suppliers and procurements are kept after archiving (RETENTION_YEARS_AGREEMENTS, default 10). */
  agreementRetentionYears: number;
  /** Months between classification reviews (CLASSIFICATION_REVIEW_MONTHS, default 12). */
  classificationReviewMonths: number;
  /** Days before an ambassador meeting its invitation is posted (AMBASSADOR_INVITE_DAYS, default 7). */
  ambassadorInviteDays: number;
  /** The reporting organisation as the authority reports name it; null parts are left for the person to fill in. */
  organisation: { name: string | null; orgNumber: string | null };
  /** Where the city requires reports to go through a central function: drafts for these regimes are addressed there. */
  centralReporting: { name: string; email: string | null; regimes: ('mcf' | 'imy')[] } | null;
  /** Hours between reminders to ISAM while an incident's significance is undecided (default 4). */
  escalationHours: number;
}

export interface Deps {
  store: RecordStore;
  directory: Directory;
  clock: Clock;
  settings: Settings;
  /**
   * Work after the answer (figures a write changed). Absent in scripts and small tests: the store is
   * then not wrapped, and figures are kept by the background pass alone.
   */
  background?: Background;
  /**
   * Marks work as background or a person's, for the Graph budget (core/adapters/sharepoint/budget.ts:
   * people's requests go first). Given by the composition root (bot/main.ts, the local launcher);
   * absent, everything runs alike.
   */
  lanes?: WorkLanes;
}

/** Runs work in a lane of the Graph budget; the adapter that keeps the budget supplies it. */
export interface WorkLanes {
  background<T>(work: () => Promise<T>): Promise<T>;
  user<T>(work: () => Promise<T>): Promise<T>;
}

/** No budget: all work alike. */
export const ONE_LANE: WorkLanes = { background: (work) => work(), user: (work) => work() };
