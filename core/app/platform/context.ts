/** What every use case gets: the ports and the settings. Built once in bot/compose.ts. */
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { RecordStore } from '../../ports/record-store';

export interface Settings {
  tenantId: string;
  /** Days a line manager has to investigate (DOMAIN.md, default 30). */
  investigationDays: number;
  recertificationMonths: number[];
  retentionYears: number;
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
}
