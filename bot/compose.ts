/**
 * Builds the use-case dependencies once per process. Both doors — the bot and the tab API — get
 * the same `Deps`, so a rule lives once, in core/.
 */
import type { Deps } from '../core/app/platform';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
import type { Config } from './config';

export function composeDeps(config: Config, store: RecordStore, directory: Directory, clock: Clock): Deps {
  return {
    store,
    directory,
    clock,
    settings: {
      tenantId: config.tenantId,
      investigationDays: config.investigationDays,
      recertificationMonths: config.recertificationMonths,
      retentionYears: config.retentionYears,
      ambassadorInviteDays: config.ambassadorInviteDays,
      organisation: config.organisation,
      centralReporting: config.centralReporting,
      escalationHours: config.escalationHours,
    },
  };
}
