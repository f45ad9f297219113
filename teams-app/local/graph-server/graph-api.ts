/**
 * The Graph v1.0 routes for SharePoint sites, lists, columns and list items. One request in, one
 * response out, synchronously; failures are thrown as GraphError. `$batch`, authentication and fault
 * injection live in the HTTP layer (server.ts), which calls `handle` for every (inner) request.
 */
import {
  type ColumnDef, MAX_INDEXED_COLUMNS, builtinColumns, coerceFieldValue, columnToJson, parseNewColumn, patchColumn,
} from './columns';
import { GraphError, badRequest, invalidRequest, methodNotAllowed, notFound, segmentNotFound } from './errors';
import { prefersNonIndexed, runItemQuery } from './item-query';
import { buildQuery, carryOver, option, parseExpand, parseSelect, parseTop } from './odata';
import {
  type ItemRenderOptions, type SiteContext, deletedItemJson, etagMatches, fieldsJson, itemJson, listJson, siteId,
  siteJson,
} from './resources';
import { EtagMismatch, type FieldValues, type GraphStore, type ItemRow, type ListRow, UniqueViolation } from './store';

export interface GraphRequest {
  method: string;
  /** Path after `/v1.0`, percent-encoded, starting with `/`. */
  path: string;
  query: URLSearchParams;
  /** Request headers with lower-case names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ok = (body: unknown, status = 200, headers?: Record<string, string>): GraphResponse => ({ status, body, headers });

function listNotFound(): GraphError {
  return notFound('List does not exist. The page you selected contains a list that does not exist. It may have been deleted by another user.');
}

function itemNotFound(): GraphError {
  return notFound('Item not found');
}

function preconditionFailed(): GraphError {
  return new GraphError(412, 'resourceModified', "ETag does not match current item's value", {}, 'preconditionFailed');
}

function duplicateValues(column: string): GraphError {
  return new GraphError(
    409,
    'nameAlreadyExists',
    `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${column}].`,
  );
}

interface DeltaToken {
  /** database epoch */
  e: string;
  /** list id */
  l: string;
  /** last change sequence delivered */
  s: number;
  /** tombstones at or below this sequence are not reported (start of an initial enumeration) */
  f: number;
}

export class GraphApi {
  constructor(
    private readonly store: GraphStore,
    private readonly ctx: SiteContext,
    private readonly threshold: number,
  ) {}

  private get siteId(): string {
    return siteId(this.ctx);
  }

  private get apiBase(): string {
    return `${this.ctx.baseUrl}/v1.0`;
  }

  handle(req: GraphRequest): GraphResponse {
    let segments: string[];
    try {
      segments = req.path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      throw badRequest('The request URL is not valid.');
    }
    const [first, ...rest] = segments;
    if (first === undefined) throw badRequest('Invalid request: no resource specified.');
    if (first !== 'sites') throw segmentNotFound(first);
    if (rest.length === 0) {
      if (req.method !== 'GET') throw methodNotAllowed();
      return ok({ '@odata.context': `${this.apiBase}/$metadata#sites`, value: [siteJson(this.ctx)] });
    }
    const remaining = this.resolveSite(rest);
    return this.routeSite(req, remaining);
  }

  /** Accepts `root`, the composite site id, or `{hostname}:/sites/{name}:` and returns the segments after it. */
  private resolveSite(segments: string[]): string[] {
    const [head, ...after] = segments as [string, ...string[]];
    const siteNotFound = () => notFound('Requested site could not be found');
    if (head === 'root' || head.toLowerCase() === this.siteId.toLowerCase()) return after;
    if (head.endsWith(':')) {
      const host = head.slice(0, -1).toLowerCase();
      const pathParts: string[] = [];
      let i = 0;
      let closed = false;
      for (; i < after.length; i++) {
        const part = after[i]!;
        if (part.endsWith(':')) {
          pathParts.push(part.slice(0, -1));
          closed = true;
          i++;
          break;
        }
        pathParts.push(part);
      }
      if (!closed && i !== after.length) throw siteNotFound();
      const relative = `/${pathParts.join('/')}`.toLowerCase();
      if ((host === '127.0.0.1' || host === 'localhost') && relative === `/sites/${this.ctx.siteName}`.toLowerCase()) {
        return after.slice(i);
      }
      throw siteNotFound();
    }
    throw siteNotFound();
  }

  private routeSite(req: GraphRequest, segs: string[]): GraphResponse {
    const m = req.method;
    if (segs.length === 0) {
      if (m !== 'GET') throw methodNotAllowed();
      return ok(siteJson(this.ctx));
    }
    const [collection, listKey, sub, subKey, leaf, ...extra] = segs as [string, ...(string | undefined)[]];
    if (collection !== 'lists') throw segmentNotFound(collection);
    if (listKey === undefined) {
      if (m === 'GET') return this.getLists(req);
      if (m === 'POST') return this.createList(req);
      throw methodNotAllowed();
    }
    const list = this.store.findList(listKey);
    if (!list) throw listNotFound();
    if (sub === undefined) {
      if (m === 'GET') return this.getList(req, list);
      if (m === 'DELETE') {
        this.store.deleteList(list);
        return { status: 204 };
      }
      throw methodNotAllowed();
    }
    if (sub === 'columns') {
      if (leaf !== undefined) throw segmentNotFound(leaf);
      if (subKey === undefined) {
        if (m === 'GET') return this.getColumns(req, list);
        if (m === 'POST') return this.createColumn(req, list);
        throw methodNotAllowed();
      }
      const column = this.findColumn(list, subKey);
      if (m === 'GET') return ok(this.columnResponse(list, column));
      if (m === 'PATCH') return this.updateColumn(req, list, column);
      throw methodNotAllowed();
    }
    if (sub !== 'items') throw segmentNotFound(sub);
    if (subKey === undefined) {
      if (m === 'GET') return this.getItems(req, list);
      if (m === 'POST') return this.createItem(req, list);
      throw methodNotAllowed();
    }
    if (subKey === 'delta' || subKey === 'delta()') {
      if (leaf !== undefined) throw segmentNotFound(leaf);
      if (m !== 'GET') throw methodNotAllowed();
      return this.delta(req, list);
    }
    const itemId = this.parseItemId(subKey);
    if (extra.length > 0) throw segmentNotFound(extra[0]!);
    if (leaf === undefined) {
      if (m === 'GET') return this.getItem(req, list, itemId);
      if (m === 'PATCH') return this.updateItem(req, list, itemId, 'item');
      if (m === 'DELETE') return this.deleteItem(req, list, itemId);
      throw methodNotAllowed();
    }
    if (leaf !== 'fields') throw segmentNotFound(leaf);
    if (m === 'GET') {
      const row = this.store.getItem(list.rid, itemId);
      if (!row) throw itemNotFound();
      return ok({
        '@odata.context': `${this.itemsContext(list)}/${itemId}/fields/$entity`,
        ...fieldsJson(this.store.columns(list.rid), row, parseSelect(option(req.query, 'select'))),
      });
    }
    if (m === 'PATCH') return this.updateItem(req, list, itemId, 'fields');
    throw methodNotAllowed();
  }

  // ---- lists ---------------------------------------------------------------------------------

  private listsContext(): string {
    return `${this.apiBase}/$metadata#sites('${encodeURIComponent(this.siteId)}')/lists`;
  }

  private renderList(req: GraphRequest, list: ListRow): Record<string, unknown> {
    const expand = parseExpand(req.query, ['columns']);
    const body = listJson(
      this.ctx,
      list,
      expand.columns ? this.store.columns(list.rid) : undefined,
      (c) => columnToJson(c),
    );
    const select = parseSelect(option(req.query, 'select'));
    if (!select) return body;
    const picked: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith('@odata') || select.has(k.toLowerCase()) || k === 'columns') picked[k] = v;
    return picked;
  }

  private getLists(req: GraphRequest): GraphResponse {
    let lists = this.store.lists();
    const filter = option(req.query, 'filter');
    if (filter !== undefined) {
      const fm = /^\s*displayName\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
      if (!fm) throw badRequest("Invalid filter clause: the local server supports only $filter=displayName eq '...' on lists.");
      const wanted = fm[1]!.replace(/''/g, "'").toLowerCase();
      lists = lists.filter((l) => l.display_name.toLowerCase() === wanted);
    }
    return ok({ '@odata.context': this.listsContext(), value: lists.map((l) => this.renderList(req, l)) });
  }

  private getList(req: GraphRequest, list: ListRow): GraphResponse {
    return ok({ '@odata.context': `${this.listsContext()}/$entity`, ...this.renderList(req, list) });
  }

  private createList(req: GraphRequest): GraphResponse {
    const body = req.body;
    if (!isRecord(body)) throw invalidRequest('A list object is required in the request body.');
    const { displayName, description, columns, list: listInfo } = body;
    if (typeof displayName !== 'string' || displayName.trim() === '') throw invalidRequest("Property 'displayName' is required.");
    if (description !== undefined && typeof description !== 'string') throw invalidRequest("Property 'description' must be a string.");
    let template = 'genericList';
    if (listInfo !== undefined) {
      if (!isRecord(listInfo)) throw invalidRequest("Property 'list' must be an object.");
      if (listInfo.template !== undefined) {
        if (listInfo.template !== 'genericList') {
          throw invalidRequest(`List template '${String(listInfo.template)}' is not supported by the local SharePoint-lists server (only genericList).`);
        }
        template = listInfo.template;
      }
    }
    if (columns !== undefined && !Array.isArray(columns)) throw invalidRequest("Property 'columns' must be an array.");
    const parsed = (columns ?? []).map((c) => parseNewColumn(c));
    const taken = new Set(builtinColumns().map((c) => c.name.toLowerCase()));
    for (const c of parsed) {
      if (taken.has(c.name.toLowerCase())) throw duplicateFieldName(c.name);
      taken.add(c.name.toLowerCase());
    }
    if (parsed.filter((c) => c.indexed).length > MAX_INDEXED_COLUMNS) throw tooManyIndexes();
    if (this.store.listNameTaken(displayName)) {
      throw new GraphError(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
      );
    }
    const list = this.store.createList({ displayName, description: description ?? '', template, columns: parsed });
    return ok({ '@odata.context': `${this.listsContext()}/$entity`, ...listJson(this.ctx, list) }, 201);
  }

  // ---- columns -------------------------------------------------------------------------------

  private columnsContext(list: ListRow): string {
    return `${this.listsContext()}('${list.id}')/columns`;
  }

  private columnResponse(list: ListRow, column: ColumnDef): Record<string, unknown> {
    return { '@odata.context': `${this.columnsContext(list)}/$entity`, ...columnToJson(column) };
  }

  private findColumn(list: ListRow, key: string): ColumnDef {
    const lower = key.toLowerCase();
    const column = this.store.columns(list.rid).find((c) => c.id.toLowerCase() === lower || c.name.toLowerCase() === lower);
    if (!column) throw notFound('Column not found');
    return column;
  }

  private getColumns(req: GraphRequest, list: ListRow): GraphResponse {
    const select = parseSelect(option(req.query, 'select'));
    const includeHidden = select?.has('hidden') ?? false;
    const value = this.store
      .columns(list.rid)
      .filter((c) => includeHidden || !c.hidden)
      .map((c) => {
        const json = columnToJson(c);
        if (!select) return json;
        const picked: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(json)) if (select.has(k.toLowerCase())) picked[k] = v;
        return picked;
      });
    return ok({ '@odata.context': this.columnsContext(list), value });
  }

  private indexedCount(list: ListRow, except?: string): number {
    return this.store.columns(list.rid).filter((c) => c.indexed && c.storage !== 'id' && c.id !== except).length;
  }

  private createColumn(req: GraphRequest, list: ListRow): GraphResponse {
    const column = parseNewColumn(req.body);
    if (this.store.columns(list.rid).some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
      throw duplicateFieldName(column.name);
    }
    if (column.indexed && this.indexedCount(list) + 1 > MAX_INDEXED_COLUMNS) throw tooManyIndexes();
    this.store.addColumn(list.rid, column);
    return ok(this.columnResponse(list, column), 201);
  }

  private updateColumn(req: GraphRequest, list: ListRow, current: ColumnDef): GraphResponse {
    if ((current.builtin && current.storage === 'virtual') || current.storage === 'id') {
      throw invalidRequest(`Column '${current.name}' is a read-only built-in column and cannot be changed.`);
    }
    const next = patchColumn(current, req.body);
    if (next.indexed && !current.indexed && this.indexedCount(list, current.id) + 1 > MAX_INDEXED_COLUMNS) throw tooManyIndexes();
    if (next.enforceUniqueValues && !current.enforceUniqueValues && this.store.hasDuplicates(list.rid, next)) {
      throw invalidRequest('This field contains duplicate values. Remove the duplicate values and try the operation again.');
    }
    this.store.updateColumn(list.rid, next);
    return ok(this.columnResponse(list, next));
  }

  // ---- items ---------------------------------------------------------------------------------

  private itemsContext(list: ListRow): string {
    return `${this.listsContext()}('${list.id}')/items`;
  }

  private parseItemId(raw: string): number {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
      throw invalidRequest(`'${raw}' is not a valid list item id.`);
    }
    return Number(raw);
  }

  private renderOptions(req: GraphRequest): ItemRenderOptions {
    const expand = parseExpand(req.query, ['fields']);
    return {
      expandFields: expand.fields !== undefined,
      fieldSelect: expand.fields?.select,
      select: parseSelect(option(req.query, 'select')),
    };
  }

  private getItems(req: GraphRequest, list: ListRow): GraphResponse {
    const render = this.renderOptions(req);
    const page = runItemQuery(this.store, list, {
      filter: option(req.query, 'filter'),
      orderby: option(req.query, 'orderby'),
      top: parseTop(req.query),
      skiptoken: option(req.query, 'skiptoken'),
      honorNonIndexed: prefersNonIndexed(req.headers.prefer),
      threshold: this.threshold,
    });
    const columns = this.store.columns(list.rid);
    const body: Record<string, unknown> = { '@odata.context': this.itemsContext(list) };
    if (page.next !== undefined) {
      const params = carryOver(req.query, ['skiptoken']);
      params.push(['$skiptoken', page.next]);
      body['@odata.nextLink'] = `${this.apiBase}${req.path}?${buildQuery(params)}`;
    }
    body.value = page.rows.map((row) => itemJson(this.ctx, list, columns, row, render));
    return ok(body);
  }

  private getItem(req: GraphRequest, list: ListRow, id: number): GraphResponse {
    const row = this.store.getItem(list.rid, id);
    if (!row) throw itemNotFound();
    return ok({
      '@odata.context': `${this.itemsContext(list)}/$entity`,
      ...itemJson(this.ctx, list, this.store.columns(list.rid), row, this.renderOptions(req)),
    });
  }

  /** Validates a fieldValueSet from a request against the list's columns. */
  private validateFields(list: ListRow, raw: unknown, mode: 'create' | 'update'): FieldValues {
    if (raw === undefined || raw === null) raw = {};
    if (!isRecord(raw)) throw invalidRequest("The 'fields' of a list item must be an object.");
    const columns = this.store.columns(list.rid);
    const byName = new Map(columns.map((c) => [c.name, c]));
    const out: FieldValues = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('@')) continue; // @odata.etag / @odata.type from a round-tripped fieldValueSet
      const column = byName.get(key) ?? (key.endsWith('LookupId') ? byName.get(key.slice(0, -'LookupId'.length)) : undefined);
      if (!column) {
        if (key === 'id') throw invalidRequest("Field 'id' is read-only.");
        throw invalidRequest(`Field '${key}' is not recognized`);
      }
      if (column.readOnly || column.storage !== 'data') throw invalidRequest(`Field '${key}' is read-only.`);
      out[column.name] = coerceFieldValue(column, value);
    }
    if (mode === 'create') {
      for (const c of columns) {
        if (c.required && c.storage === 'data' && (out[c.name] === undefined || out[c.name] === null)) {
          throw invalidRequest(`Field '${c.name}' is required.`);
        }
      }
    }
    return out;
  }

  private createItem(req: GraphRequest, list: ListRow): GraphResponse {
    if (!isRecord(req.body)) throw invalidRequest('A listItem object is required in the request body.');
    const fields = this.validateFields(list, req.body.fields, 'create');
    let row: ItemRow;
    try {
      row = this.store.createItem(list, fields);
    } catch (err) {
      if (err instanceof UniqueViolation) throw duplicateValues(err.column);
      throw err;
    }
    const columns = this.store.columns(list.rid);
    return ok({ '@odata.context': `${this.itemsContext(list)}/$entity`, ...itemJson(this.ctx, list, columns, row, { expandFields: true }) }, 201);
  }

  private updateItem(req: GraphRequest, list: ListRow, id: number, target: 'item' | 'fields'): GraphResponse {
    let rawFields: unknown;
    if (target === 'fields') rawFields = req.body;
    else {
      if (!isRecord(req.body)) throw invalidRequest('A listItem object is required in the request body.');
      rawFields = req.body.fields ?? {};
    }
    const fields = this.validateFields(list, rawFields, 'update');
    const ifMatch = req.headers['if-match'];
    let row: ItemRow | undefined;
    try {
      row = this.store.updateItem(list, id, fields, (current) => etagMatches(ifMatch, current));
    } catch (err) {
      if (err instanceof UniqueViolation) throw duplicateValues(err.column);
      if (err instanceof EtagMismatch) throw preconditionFailed();
      throw err;
    }
    if (!row) throw itemNotFound();
    return ok({
      '@odata.context': `${this.itemsContext(list)}/${id}/fields/$entity`,
      ...fieldsJson(this.store.columns(list.rid), row),
    });
  }

  private deleteItem(req: GraphRequest, list: ListRow, id: number): GraphResponse {
    const ifMatch = req.headers['if-match'];
    let deleted: boolean;
    try {
      deleted = this.store.deleteItem(list, id, (current) => etagMatches(ifMatch, current));
    } catch (err) {
      if (err instanceof EtagMismatch) throw preconditionFailed();
      throw err;
    }
    if (!deleted) throw itemNotFound();
    return { status: 204 };
  }

  // ---- delta ---------------------------------------------------------------------------------

  private encodeToken(list: ListRow, s: number, f: number): string {
    const token: DeltaToken = { e: this.store.site.epoch, l: list.id, s, f };
    return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
  }

  private decodeToken(list: ListRow, raw: string): DeltaToken | undefined {
    try {
      const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<DeltaToken>;
      const current = this.store.currentSeq();
      if (
        t.e !== this.store.site.epoch || t.l !== list.id || !Number.isInteger(t.s) || !Number.isInteger(t.f) ||
        (t.s as number) < 0 || (t.s as number) > current || (t.f as number) > current
      ) return undefined;
      return t as DeltaToken;
    } catch {
      return undefined;
    }
  }

  private delta(req: GraphRequest, list: ListRow): GraphResponse {
    const carried = carryOver(req.query, ['token', 'skiptoken', 'deltatoken']);
    const link = (token: string) => `${this.apiBase}${req.path}?${buildQuery([...carried, ['token', token]])}`;
    const rawToken = req.query.get('token') ?? undefined;
    const context = `${this.apiBase}/$metadata#Collection(listItem)`;
    if (rawToken === 'latest') {
      const seq = this.store.currentSeq();
      return ok({ '@odata.context': context, value: [], '@odata.deltaLink': link(this.encodeToken(list, seq, seq)) });
    }
    let since: number;
    let floor: number;
    if (rawToken === undefined) {
      since = 0;
      floor = this.store.currentSeq();
    } else {
      const token = this.decodeToken(list, rawToken);
      if (!token) {
        const fresh = `${this.apiBase}${req.path}${carried.length ? `?${buildQuery(carried)}` : ''}`;
        throw new GraphError(
          410,
          'resyncRequired',
          'The delta token is not valid or has expired. Start a new delta enumeration (see the Location header).',
          { Location: fresh },
        );
      }
      since = token.s;
      floor = token.f;
    }
    const top = parseTop(req.query);
    const render = this.renderOptions(req);
    const columns = this.store.columns(list.rid);
    const rows = this.store.changesSince(list.rid, since, floor, top + 1);
    const page = rows.slice(0, top);
    const value = page.map((r) =>
      r.deleted
        ? deletedItemJson(this.ctx, r.id)
        : itemJson(this.ctx, list, columns, r as ItemRow, render),
    );
    const body: Record<string, unknown> = { '@odata.context': context, value };
    if (rows.length > top) {
      body['@odata.nextLink'] = link(this.encodeToken(list, page[page.length - 1]!.seq, floor));
    } else {
      const seq = this.store.currentSeq();
      body['@odata.deltaLink'] = link(this.encodeToken(list, seq, seq));
    }
    return ok(body);
  }
}

function duplicateFieldName(name: string): GraphError {
  return new GraphError(409, 'nameAlreadyExists', `A duplicate field name "${name}" was found.`);
}

function tooManyIndexes(): GraphError {
  return invalidRequest(`A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns; remove an index before adding another.`);
}
