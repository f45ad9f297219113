/**
 * Builds the use-case dependencies once per process. Both doors — the bot and the tab API — get
 * the same `Deps`, so a rule lives once, in core/.
 */
import { keepingFigures } from '../core/app/figures';
import { createBackground, type Deps } from '../core/app/platform';
import { keepingSearch } from '../core/app/search';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
import type { Config } from './config';

export function composeDeps(config: Config, store: RecordStore, directory: Directory, clock: Clock, onBackgroundError?: (task: string, error: unknown) => void): Deps {
  // Figures and search texts a write changes are rebuilt after the answer, off the person's request,
  // on one queue (core/app/figures, core/app/search).
  const background = createBackground({ concurrency: 2, ...(onBackgroundError ? { onError: onBackgroundError } : {}) });
  const searchable = keepingSearch(store, { clock, background }).store;
  return {
    store: keepingFigures({ store: searchable, directory, clock }, background),
    background,
    directory,
    clock,
    settings: {
      tenantId: config.tenantId,
      investigationDays: config.investigationDays,
      recertificationMonths: config.recertificationMonths,
      retentionYears: config.retentionYears,
      agreementRetentionYears: config.agreementRetentionYears,
      classificationReviewMonths: config.classificationReviewMonths,
      ambassadorInviteDays: config.ambassadorInviteDays,
      organisation: config.organisation,
      centralReporting: config.centralReporting,
      escalationHours: config.escalationHours,
    },
  };
}
