/**
 * Plans and runs `GET .../items` queries: SharePoint's indexing rules for $filter / $orderby, the list
 * view threshold, and keyset paging through `$skiptoken` (stable under inserts: no gaps, no duplicates).
 */
import { type ColumnDef, isQueryable } from './columns';
import { GraphError, badRequest, invalidRequest, throttled } from './errors';
import {
  type FilterNode, type OrderBy, collatedColumnSql, columnSql, compileFilter, parseFilter, parseOrderBy,
  referencedFields, topLevelConjuncts,
} from './filter';
import type { GraphStore, ItemRow, ListRow } from './store';

export const HONOR_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

export interface ItemQuery {
  filter?: string;
  orderby?: string;
  top: number;
  skiptoken?: string;
  /** Whether the request carried `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`. */
  honorNonIndexed: boolean;
  /** The list view threshold (5 000 in SharePoint Online). */
  threshold: number;
}

export interface ItemPage {
  rows: ItemRow[];
  /** $skiptoken for the next page, when there is one. */
  next?: string;
}

export function notIndexedError(field: string): GraphError {
  return invalidRequest(
    `Field '${field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${HONOR_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`,
  );
}

/** Whether a Prefer header value (possibly a comma-separated list) asks to honor non-indexed queries. */
export function prefersNonIndexed(prefer: string | undefined): boolean {
  return prefer !== undefined && prefer.split(',').some((p) => p.trim().toLowerCase() === HONOR_NON_INDEXED.toLowerCase());
}

function encodeSkiptoken(id: number, order?: { name: string; value: unknown }): string {
  let raw = 'Paged=TRUE';
  if (order) raw += `&p_SortBehavior=0&p_${order.name}=${encodeURIComponent(JSON.stringify(order.value ?? null))}`;
  raw += `&p_ID=${id}`;
  return Buffer.from(raw, 'utf8').toString('base64');
}

function decodeSkiptoken(token: string, orderName?: string): { id: number; value?: unknown } {
  const invalid = () => badRequest('The $skiptoken is not valid for this query.');
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalid();
  }
  const id = Number(params.get('p_ID'));
  if (params.get('Paged') !== 'TRUE' || !Number.isInteger(id)) throw invalid();
  if (!orderName) return { id };
  const raw = params.get(`p_${orderName}`);
  if (raw === null) throw invalid();
  try {
    return { id, value: JSON.parse(raw) };
  } catch {
    throw invalid();
  }
}

/** The value of a column in a row, as SQLite sees it (booleans as 1/0). */
function sortValue(c: ColumnDef, row: ItemRow): unknown {
  switch (c.storage) {
    case 'id': return row.id;
    case 'created': return row.created;
    case 'modified': return row.modified;
    default: {
      const v = (JSON.parse(row.data) as Record<string, unknown>)[c.name];
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v ?? null;
    }
  }
}

export function runItemQuery(store: GraphStore, list: ListRow, q: ItemQuery): ItemPage {
  const columns = store.columns(list.rid);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const resolve = (field: string): ColumnDef => {
    const c = byName.get(field);
    if (!c) throw invalidRequest(`Column '${field}' does not exist. It may have been deleted by another user.`);
    if (!isQueryable(c)) throw invalidRequest(`Field '${field}' cannot be used in $filter or $orderby on the local SharePoint-lists server.`);
    return c;
  };

  const filter: FilterNode | undefined = q.filter !== undefined ? parseFilter(q.filter) : undefined;
  const orderBy: OrderBy[] = q.orderby !== undefined ? parseOrderBy(q.orderby) : [];
  if (orderBy.length > 1) throw invalidRequest('The local SharePoint-lists server supports $orderby on one field only.');
  const order = orderBy[0] ? { ...orderBy[0], column: resolve(orderBy[0].field) } : undefined;

  // SharePoint's rule: every field referenced in $filter or $orderby must be indexed, unless the caller
  // opts in with the Prefer header; then the query works only while the list view threshold is respected.
  const referenced = [...(filter ? referencedFields(filter) : []), ...(order ? [order.field] : [])].map(resolve);
  const nonIndexed = referenced.filter((c) => !c.indexed);
  if (nonIndexed.length > 0) {
    if (!q.honorNonIndexed) throw notIndexedError(nonIndexed[0]!.name);
    const size = store.countItems(list.rid);
    if (size > q.threshold && !narrowedByIndex(store, list, filter, resolve, q.threshold)) {
      // Graph reports SharePoint's list view threshold refusal as throttling, without Retry-After.
      throw throttled(undefined, { 'x-local-graph-reason': 'list-view-threshold' });
    }
  }

  const where: string[] = [];
  const params: (string | number | null)[] = [];
  if (filter) {
    const compiled = compileFilter(filter, resolve);
    where.push(`(${compiled.sql})`);
    params.push(...compiled.params);
  }

  let orderSql: string;
  if (!order || order.column.storage === 'id') {
    const desc = order?.desc ?? false;
    if (q.skiptoken !== undefined) {
      where.push(desc ? 'id < ?' : 'id > ?');
      params.push(decodeSkiptoken(q.skiptoken).id);
    }
    orderSql = `ORDER BY id ${desc ? 'DESC' : 'ASC'}`;
  } else {
    const raw = columnSql(order.column);
    const expr = collatedColumnSql(order.column);
    const dir = order.desc ? 'DESC' : 'ASC';
    if (q.skiptoken !== undefined) {
      const after = decodeSkiptoken(q.skiptoken, order.column.name);
      const v = after.value;
      if (v === null || v === undefined) {
        // NULLs sort first ascending, last descending (SQLite), ties broken by id in the same direction.
        where.push(order.desc ? `(${raw} IS NULL AND id < ?)` : `((${raw} IS NULL AND id > ?) OR ${raw} IS NOT NULL)`);
        params.push(after.id);
      } else {
        const bound = typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number);
        where.push(
          order.desc
            ? `(${expr} < ? OR (${expr} = ? AND id < ?) OR ${raw} IS NULL)`
            : `(${expr} > ? OR (${expr} = ? AND id > ?))`,
        );
        params.push(bound, bound, after.id);
      }
    }
    orderSql = `ORDER BY ${expr} ${dir}, id ${dir}`;
  }

  const sql = `${where.length ? `AND ${where.join(' AND ')}` : ''} ${orderSql} LIMIT ?`;
  const rows = store.queryItems(list.rid, sql, [...params, q.top + 1]);
  if (rows.length <= q.top) return { rows };
  const page = rows.slice(0, q.top);
  const last = page[page.length - 1]!;
  const next = order && order.column.storage !== 'id'
    ? encodeSkiptoken(last.id, { name: order.column.name, value: sortValue(order.column, last) })
    : encodeSkiptoken(last.id);
  return { rows: page, next };
}

/**
 * With the Prefer header on a list over the threshold, SharePoint still answers when an indexed
 * condition that must hold (a top-level `and` term) selects no more than `threshold` items.
 */
function narrowedByIndex(
  store: GraphStore,
  list: ListRow,
  filter: FilterNode | undefined,
  resolve: (field: string) => ColumnDef,
  threshold: number,
): boolean {
  if (!filter) return false;
  for (const term of topLevelConjuncts(filter)) {
    if (term.kind === 'and' || term.kind === 'or') continue;
    const column = resolve(term.field);
    if (!column.indexed) continue;
    const compiled = compileFilter(term, resolve);
    if (store.countMatching(list.rid, compiled.sql, compiled.params, threshold + 1) <= threshold) return true;
  }
  return false;
}
