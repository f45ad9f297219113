/**
 * Plans and runs `GET .../items` queries: SharePoint's indexing rules for $filter / $orderby, the list
 * view threshold, and keyset paging through `$skiptoken` (stable under inserts: no gaps, no duplicates).
 *
 * The list view threshold (README "List view threshold", with sources) as modelled here, on a list
 * holding more items than the threshold:
 * - SharePoint evaluates the filter's conditions left to right and uses an index only for the FIRST
 *   one: the leftmost condition of the top-level `and` chain must be on an indexed column, and the
 *   items it selects must not exceed the threshold, whatever the other conditions and `$top` are.
 *   Further conditions on the same column join it (`ge … and lt …` is one range).
 * - If that first condition is an `or` group, every column in it must be indexed and the group as a
 *   whole must select no more than the threshold.
 * - `$orderby` sorts on an indexed column's index; without a filter that is a bounded index walk and
 *   works at any size. A sort on a non-indexed column (allowed with the Prefer header) must sort
 *   the whole list and is refused.
 * Refusals are answered as Graph answers SharePoint's SPQueryThrottledException (errors.ts).
 */
import { type ColumnDef, isQueryable } from './columns';
import { GraphError, badRequest, invalidRequest, listViewThresholdExceeded } from './errors';
import {
  type FilterNode, type OrderBy, compileFilter, parseFilter, parseOrderBy, referencedFields, topLevelConjuncts,
} from './filter';
import { type StoredColumn, collatedExpr, columnExpr, keyIndexOf } from './item-tables';
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
  const byName = new Map(store.storedColumns(list.rid).map((c) => [c.def.name, c]));
  const resolve = (field: string): StoredColumn => {
    const c = byName.get(field);
    // SharePoint's message for a field name the list does not have (names are case-sensitive).
    if (!c) throw invalidRequest(`Column '${field}' does not exist. It may have been deleted by another user.`);
    if (!isQueryable(c.def)) throw invalidRequest(`Field '${field}' cannot be used in $filter or $orderby on the local SharePoint-lists server.`);
    return c;
  };

  const filter: FilterNode | undefined = q.filter !== undefined ? parseFilter(q.filter) : undefined;
  const orderBy: OrderBy[] = q.orderby !== undefined ? parseOrderBy(q.orderby) : [];
  if (orderBy.length > 1) throw invalidRequest('The local SharePoint-lists server supports $orderby on one field only.');
  const order = orderBy[0] ? { ...orderBy[0], column: resolve(orderBy[0].field) } : undefined;

  // Graph's rule at any size: every field in $filter or $orderby is indexed, unless the caller opts
  // in with the Prefer header.
  const referenced = [...(filter ? referencedFields(filter) : []), ...(order ? [order.field] : [])].map(resolve);
  const nonIndexed = referenced.filter((c) => !c.def.indexed);
  if (nonIndexed.length > 0 && !q.honorNonIndexed) throw notIndexedError(nonIndexed[0]!.def.name);

  const where: string[] = [];
  const params: (string | number | null)[] = [];
  if (filter) {
    const compiled = compileFilter(filter, resolve);
    where.push(`(${compiled.sql})`);
    params.push(...compiled.params);
  }
  if (store.countItems(list.rid) > q.threshold) {
    assertWithinThreshold(store, list, filter, order?.column, resolve, q.threshold);
  }

  let orderSql: string;
  if (!order || order.column.def.storage === 'id') {
    const desc = order?.desc ?? false;
    if (q.skiptoken !== undefined) {
      where.push(desc ? 'id < ?' : 'id > ?');
      params.push(decodeSkiptoken(q.skiptoken).id);
    }
    orderSql = `ORDER BY id ${desc ? 'DESC' : 'ASC'}`;
  } else {
    const raw = columnExpr(order.column);
    const expr = collatedExpr(order.column);
    const dir = order.desc ? 'DESC' : 'ASC';
    if (q.skiptoken !== undefined) {
      const after = decodeSkiptoken(q.skiptoken, order.column.def.name);
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

  const rows = store.queryItems(list.rid, where.join(' AND '), `${orderSql} LIMIT ?`, [...params, q.top + 1], filter ? selectingIndex(filter, resolve) : null);
  if (rows.length <= q.top) return { rows };
  const page = rows.slice(0, q.top);
  const last = page[page.length - 1]!;
  const next = order && order.column.def.storage !== 'id'
    ? encodeSkiptoken(last.id, { name: order.column.def.name, value: sortValue(order.column.def, last) })
    : encodeSkiptoken(last.id);
  return { rows: page, next };
}

/** The index SharePoint would walk for a filter: its selecting condition's column's, if it has one. */
function selectingIndex(filter: FilterNode, resolve: (field: string) => StoredColumn): string | null {
  const selecting = selectingCondition(filter);
  if (selecting.kind === 'or') return null;
  const fields = [...new Set(referencedFields(selecting))];
  return fields.length === 1 ? keyIndexOf(resolve(fields[0]!)) : null;
}

/** The first condition SharePoint evaluates: the leftmost conjunct plus further conjuncts on its column. */
export function selectingCondition(filter: FilterNode): FilterNode {
  const conjuncts = topLevelConjuncts(filter);
  const first = conjuncts[0]!;
  if (first.kind === 'or' || first.kind === 'and') return first;
  return conjuncts
    .filter((c) => (c.kind === 'cmp' || c.kind === 'startswith') && c.field === first.field)
    .reduce((left, right) => ({ kind: 'and', left, right }));
}

/** Refuses a query on a list over the threshold unless its selecting condition stays within it. */
function assertWithinThreshold(
  store: GraphStore,
  list: ListRow,
  filter: FilterNode | undefined,
  orderColumn: StoredColumn | undefined,
  resolve: (field: string) => StoredColumn,
  threshold: number,
): void {
  if (!filter) {
    // Walking the list in the order of an index (ID or an indexed column) touches only the page.
    if (orderColumn && !orderColumn.def.indexed) throw listViewThresholdExceeded();
    return;
  }
  const selecting = selectingCondition(filter);
  if (referencedFields(selecting).some((f) => !resolve(f).def.indexed)) throw listViewThresholdExceeded();
  const compiled = compileFilter(selecting, resolve);
  // A sort, even on a non-indexed column (Prefer given), then orders at most `threshold` items.
  if (store.countMatching(list.rid, compiled.sql, compiled.params, threshold + 1) > threshold) throw listViewThresholdExceeded();
}
