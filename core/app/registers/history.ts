/**
 * A record's history: the audit log's entries for `List/id`, newest first, a page at a time. The
 * query's only condition is the indexed `target`, which selects one record's entries — bounded by
 * how often one record is changed, not by the size of the log.
 */
import type { HistoryEntry, HistoryPage } from '../../api/registers';
import { SYSTEM_ACTOR, type ListName } from '../../domain';
import type { Deps } from '../platform';
import { namesOf, personRef } from './people';

export const HISTORY_PAGE = 20;

/** The fields an audit entry says changed (`details.changes` keys or `details.changed`). */
function fieldsOf(details: Record<string, unknown>): string[] {
  if (details.changes && typeof details.changes === 'object' && !Array.isArray(details.changes)) return Object.keys(details.changes);
  if (Array.isArray(details.changed)) return details.changed.filter((f): f is string => typeof f === 'string');
  return [];
}

export async function recordHistory(deps: Pick<Deps, 'store' | 'directory'>, list: ListName, id: string, cursor?: string | null, pageSize = HISTORY_PAGE): Promise<HistoryPage> {
  const page = await deps.store.query('AuditLog', {
    where: [{ field: 'target', op: 'eq', value: `${list}/${id}` }],
    orderBy: { field: 'at', direction: 'desc' },
    pageSize,
    ...(cursor ? { cursor } : {}),
  });
  const names = await namesOf(deps, page.items.map((e) => (e.data.actorId === SYSTEM_ACTOR ? null : e.data.actorId)));
  const items: HistoryEntry[] = page.items.map((e) => ({
    at: e.data.at,
    actor: e.data.actorId === SYSTEM_ACTOR ? null : personRef(names, e.data.actorId),
    action: e.data.action,
    summary: e.data.summary,
    fields: fieldsOf(e.data.details),
  }));
  return { items, cursor: page.cursor };
}
