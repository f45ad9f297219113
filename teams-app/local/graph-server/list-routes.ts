/** Routes for lists and their columns: `/sites/{site}/lists[/{list}[/columns[/{column}]]]`. */
import {
  type ColumnDef, MAX_INDEXED_COLUMNS, builtinColumns, columnToJson, parseNewColumn, patchColumn,
} from './columns';
import { GraphError, badRequest, invalidRequest, notFound } from './errors';
import { option, parseExpand, parseSelect } from './odata';
import { listJson } from './resources';
import { type GraphRequest, type GraphResponse, RouteBase, isRecord, ok } from './routes-common';
import type { ListRow } from './store';

export class ListRoutes extends RouteBase {
  // ---- lists ---------------------------------------------------------------------------------

  renderList(req: GraphRequest, list: ListRow): Record<string, unknown> {
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

  getLists(req: GraphRequest): GraphResponse {
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

  getList(req: GraphRequest, list: ListRow): GraphResponse {
    return ok({ '@odata.context': `${this.listsContext()}/$entity`, ...this.renderList(req, list) });
  }

  createList(req: GraphRequest): GraphResponse {
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

  columnsContext(list: ListRow): string {
    return `${this.listsContext()}('${list.id}')/columns`;
  }

  columnResponse(list: ListRow, column: ColumnDef): Record<string, unknown> {
    return { '@odata.context': `${this.columnsContext(list)}/$entity`, ...columnToJson(column) };
  }

  findColumn(list: ListRow, key: string): ColumnDef {
    const lower = key.toLowerCase();
    const column = this.store.columns(list.rid).find((c) => c.id.toLowerCase() === lower || c.name.toLowerCase() === lower);
    if (!column) throw notFound('Column not found');
    return column;
  }

  getColumns(req: GraphRequest, list: ListRow): GraphResponse {
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

  indexedCount(list: ListRow, except?: string): number {
    return this.store.columns(list.rid).filter((c) => c.indexed && c.storage !== 'id' && c.id !== except).length;
  }

  createColumn(req: GraphRequest, list: ListRow): GraphResponse {
    const column = parseNewColumn(req.body);
    if (this.store.columns(list.rid).some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
      throw duplicateFieldName(column.name);
    }
    if (column.indexed && this.indexedCount(list) + 1 > MAX_INDEXED_COLUMNS) throw tooManyIndexes();
    this.store.addColumn(list.rid, column);
    return ok(this.columnResponse(list, column), 201);
  }

  updateColumn(req: GraphRequest, list: ListRow, current: ColumnDef): GraphResponse {
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
}

function duplicateFieldName(name: string): GraphError {
  return new GraphError(409, 'nameAlreadyExists', `A duplicate field name "${name}" was found.`);
}

function tooManyIndexes(): GraphError {
  return invalidRequest(`A list can have at most ${MAX_INDEXED_COLUMNS} indexed columns; remove an index before adding another.`);
}
