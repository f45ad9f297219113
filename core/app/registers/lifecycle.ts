/**
 * Archiving and removing register records, under the retention rules (core/domain/retention.ts).
 *
 * Archiving ends a record's active life: it leaves the default lists, keeps everything, and starts its
 * retention. Removing deletes it for good — only once its retention has ended, only by a person who
 * decides it (a job only lists what may go), and with an audit entry that stays. A record inside
 * retention, a record still in use and a record kept for good are refused with a message saying why.
 *
 * Both are resumable. An archive is one update (audited with a key from the record's version); a
 * removal writes its audit entry first and then deletes, so a retry after a crash in between finishes
 * the deletion, and a retry after it is done finds the entry and answers "removed".
 */
import type { RetentionInfo } from '../../api/registers';
import { addYearsToDate, removalVerdict, retentionYearsOf, stockholmDate, type MutableListName, type RecordOf, type RetainedList } from '../../domain';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, wrongState, type Deps } from '../platform';

export type ArchivableList = RetainedList & MutableListName;

/** Whether a record is archived, and since when: Roles use `active`/`endedAt`, the rest `archived`/`archivedAt`. */
export function archiveState<L extends ArchivableList>(list: L, data: RecordOf<L>): { archived: boolean; archivedAt: string | null } {
  if (list === 'Roles') {
    const r = data as RecordOf<'Roles'>;
    return { archived: !r.active, archivedAt: r.endedAt };
  }
  const r = data as { archived: boolean; archivedAt: string | null };
  return { archived: r.archived, archivedAt: r.archivedAt };
}

export function retentionSettings(deps: Pick<Deps, 'settings'>) {
  return { retentionYears: deps.settings.retentionYears, agreementRetentionYears: deps.settings.agreementRetentionYears };
}

/** The retention of a record as the tab shows it; `mayRemove` is whether the actor may remove records of this register. */
export function retentionInfo<L extends ArchivableList>(deps: Pick<Deps, 'settings' | 'clock'>, list: L, data: RecordOf<L>, mayRemove: boolean): RetentionInfo {
  const { archived, archivedAt } = archiveState(list, data);
  const settings = retentionSettings(deps);
  const years = retentionYearsOf(list, settings);
  const archivedOn = archived && archivedAt ? stockholmDate(new Date(archivedAt)) : null;
  const verdict = removalVerdict(list, archivedOn, stockholmDate(deps.clock.now()), settings);
  return {
    archived,
    archivedAt: archived ? archivedAt : null,
    years,
    removableFrom: archivedOn && years !== null ? addYearsToDate(archivedOn, years) : null,
    canRemove: verdict.ok && mayRemove,
  };
}

export interface ArchiveOptions {
  /** Audit verb prefix (`risk` → `risk.archived`). */
  verb: string;
  /** What the audit entry calls the record (`Risk RISK-004`). */
  label: string;
  reason?: string | null | undefined;
}

/** Archives `current` (read at the etag the client sent). Archiving an archived record changes nothing. */
export async function archiveRecord<L extends ArchivableList>(deps: Deps, actor: Actor, list: L, current: StoredOf<L>, o: ArchiveOptions): Promise<StoredOf<L>> {
  if (archiveState(list, current.data).archived) return current;
  const now = deps.clock.now().toISOString();
  const patch = (list === 'Roles' ? { active: false, endedAt: now, endedBy: actor.id } : { archived: true, archivedAt: now }) as unknown as Partial<RecordOf<L>>;
  const updated = await deps.store.update(list, current, patch);
  await audit(deps, `${o.verb}.archived:${current.id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: `${o.verb}.archived`,
    target: `${list}/${current.id}`,
    summary: `${o.label} arkiverad${o.reason ? `: ${o.reason}` : ''}`.slice(0, 500),
    details: { reason: o.reason ?? null, changes: { archived: { from: false, to: true } } },
  });
  return updated;
}

/** The audit key of a record's removal: its presence means "removed" (or being removed). */
const removalKey = (verb: string, list: string, id: string) => `${verb}.removed:${list}/${id}`;

/**
 * Removes a record for good once its retention has ended. `allowed` is the register's rule for who
 * may remove (checked by the caller against the stored record). A retry after success answers as
 * success; a record that never existed is NotFound.
 */
export async function removeRecord<L extends ArchivableList>(deps: Deps, actor: Actor, list: L, id: string, etag: string, o: { verb: string; label: (data: RecordOf<L>) => string; allowed: (data: RecordOf<L>) => boolean }): Promise<void> {
  const current = await deps.store.get(list, id);
  if (!current) {
    if (await deps.store.findByKey('AuditLog', `audit:${removalKey(o.verb, list, id)}`)) return;
    throw new NotFoundError(list, id);
  }
  if (!o.allowed(current.data)) throw forbidden('tab.error.forbidden');
  const { archived, archivedAt } = archiveState(list, current.data);
  const settings = retentionSettings(deps);
  const verdict = removalVerdict(list, archived && archivedAt ? stockholmDate(new Date(archivedAt)) : null, stockholmDate(deps.clock.now()), settings);
  if (!verdict.ok) {
    if (verdict.reason === 'not_archived') throw wrongState('registers.remove.notArchived');
    if (verdict.reason === 'permanent') throw wrongState('registers.remove.permanent');
    throw wrongState('registers.remove.retained', { until: verdict.until, years: verdict.years });
  }
  if (current.etag !== etag) throw new ConflictError(list, id);
  const label = o.label(current.data);
  await audit(deps, removalKey(o.verb, list, id), {
    actorId: actor.id,
    action: `${o.verb}.removed`,
    target: `${list}/${id}`,
    summary: `${label} borttagen efter bevarandetiden (arkiverad ${stockholmDate(new Date(archivedAt!))})`.slice(0, 500),
    details: { archivedAt, retentionYears: retentionYearsOf(list, settings) },
  });
  await deps.store.remove(list, current);
}
