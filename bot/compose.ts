/**
 * Builds the use-case dependencies once per process. Both doors — the bot and the tab API — get
 * the same `Deps`, so a rule lives once, in core/.
 */
import { keepingFigures } from '../core/app/figures';
import { cachingReads, createBackground, type Deps, type WorkLanes } from '../core/app/platform';
import { keepingSearch } from '../core/app/search';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
import type { Config } from './config';

export function composeDeps(config: Config, store: RecordStore, directory: Directory, clock: Clock, onBackgroundError?: (task: string, error: unknown) => void, lanes?: WorkLanes): Deps {
  // Figures and search texts a write changes are rebuilt after the answer, off the person's request,
  // on one queue (core/app/figures, core/app/search).
  // Their Graph requests run in the budget's background lane: people's requests go first.
  const background = createBackground({ concurrency: 2, ...(lanes ? { lane: (task) => lanes.background(task) } : {}), ...(onBackgroundError ? { onError: onBackgroundError } : {}) });
  // Reads of roles, assets, suppliers and channel links kept briefly (ADR 018); writes through it forget them.
  const searchable = keepingSearch(cachingReads(store, { ttlMs: config.readCacheSeconds * 1000 }), { clock, background }).store;
  return {
    store: keepingFigures({ store: searchable, directory, clock }, background),
    background,
    ...(lanes ? { lanes } : {}),
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
