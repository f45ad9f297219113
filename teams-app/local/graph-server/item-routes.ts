/** Routes for list items and their delta: `/sites/{site}/lists/{list}/items[/{id}[/fields]]`, `items/delta`. */
import { coerceFieldValue } from './columns';
import { GraphError, invalidRequest } from './errors';
import { prefersNonIndexed, runItemQuery } from './item-query';
import { buildQuery, carryOver, option, parseExpand, parseSelect, parseTop } from './odata';
import { type ItemRenderOptions, deletedItemJson, etagMatches, fieldsJson, itemJson } from './resources';
import { type GraphRequest, type GraphResponse, RouteBase, isRecord, itemNotFound, ok } from './routes-common';
import { EtagMismatch, type FieldValues, type ItemRow, type ListRow, UniqueViolation } from './store';

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

export class ItemRoutes extends RouteBase {
  // ---- items ---------------------------------------------------------------------------------

  parseItemId(raw: string): number {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
      throw invalidRequest(`'${raw}' is not a valid list item id.`);
    }
    return Number(raw);
  }

  renderOptions(req: GraphRequest): ItemRenderOptions {
    const expand = parseExpand(req.query, ['fields']);
    return {
      expandFields: expand.fields !== undefined,
      fieldSelect: expand.fields?.select,
      select: parseSelect(option(req.query, 'select')),
    };
  }

  getItems(req: GraphRequest, list: ListRow): GraphResponse {
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
      body['@odata.nextLink'] = `${this.apiBase}${this.canonicalItemsPath(list)}?${buildQuery(params)}`;
    }
    body.value = page.rows.map((row) => itemJson(this.ctx, list, columns, row, render));
    return ok(body);
  }

  getFields(req: GraphRequest, list: ListRow, id: number): GraphResponse {
    const row = this.store.getItem(list.rid, id);
    if (!row) throw itemNotFound();
    return ok({
      '@odata.context': `${this.itemsContext(list)}/${id}/fields/$entity`,
      ...fieldsJson(this.store.columns(list.rid), row, parseSelect(option(req.query, 'select'))),
    });
  }

  getItem(req: GraphRequest, list: ListRow, id: number): GraphResponse {
    const row = this.store.getItem(list.rid, id);
    if (!row) throw itemNotFound();
    return ok({
      '@odata.context': `${this.itemsContext(list)}/$entity`,
      ...itemJson(this.ctx, list, this.store.columns(list.rid), row, this.renderOptions(req)),
    });
  }

  /** Validates a fieldValueSet from a request against the list's columns. */
  validateFields(list: ListRow, raw: unknown, mode: 'create' | 'update'): FieldValues {
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

  createItem(req: GraphRequest, list: ListRow): GraphResponse {
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

  updateItem(req: GraphRequest, list: ListRow, id: number, target: 'item' | 'fields'): GraphResponse {
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

  deleteItem(req: GraphRequest, list: ListRow, id: number): GraphResponse {
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

  delta(req: GraphRequest, list: ListRow): GraphResponse {
    const carried = carryOver(req.query, ['token', 'skiptoken', 'deltatoken']);
    const base = `${this.apiBase}${this.canonicalItemsPath(list)}/delta`;
    const link = (token: string) => `${base}?${buildQuery([...carried, ['token', token]])}`;
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
        const fresh = `${base}${carried.length ? `?${buildQuery(carried)}` : ''}`;
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
