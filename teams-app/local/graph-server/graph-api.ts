/**
 * The Graph v1.0 router for SharePoint sites, lists, columns and list items. One request in, one
 * response out, synchronously; failures are thrown as GraphError. `$batch`, authentication and fault
 * injection live in the HTTP layer (server.ts), which calls `handle` for every (inner) request. The
 * handlers are in list-routes.ts (lists, columns) and item-routes.ts (items, delta).
 */
import { badRequest, methodNotAllowed, notFound, segmentNotFound } from './errors';
import { ItemRoutes } from './item-routes';
import { ListRoutes } from './list-routes';
import { type SiteContext, siteId, siteJson } from './resources';
import { type GraphRequest, type GraphResponse, listNotFound, ok } from './routes-common';
import type { GraphStore } from './store';

export type { GraphRequest, GraphResponse } from './routes-common';

export class GraphApi {
  private readonly lists: ListRoutes;
  private readonly items: ItemRoutes;

  constructor(
    private readonly store: GraphStore,
    private readonly ctx: SiteContext,
    threshold: number,
  ) {
    this.lists = new ListRoutes(store, ctx, threshold);
    this.items = new ItemRoutes(store, ctx, threshold);
  }

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
      if (m === 'GET') return this.lists.getLists(req);
      if (m === 'POST') return this.lists.createList(req);
      throw methodNotAllowed();
    }
    const list = this.store.findList(listKey);
    if (!list) throw listNotFound();
    if (sub === undefined) {
      if (m === 'GET') return this.lists.getList(req, list);
      if (m === 'DELETE') {
        this.store.deleteList(list);
        return { status: 204 };
      }
      throw methodNotAllowed();
    }
    if (sub === 'columns') {
      if (leaf !== undefined) throw segmentNotFound(leaf);
      if (subKey === undefined) {
        if (m === 'GET') return this.lists.getColumns(req, list);
        if (m === 'POST') return this.lists.createColumn(req, list);
        throw methodNotAllowed();
      }
      const column = this.lists.findColumn(list, subKey);
      if (m === 'GET') return ok(this.lists.columnResponse(list, column));
      if (m === 'PATCH') return this.lists.updateColumn(req, list, column);
      throw methodNotAllowed();
    }
    if (sub !== 'items') throw segmentNotFound(sub);
    if (subKey === undefined) {
      if (m === 'GET') return this.items.getItems(req, list);
      if (m === 'POST') return this.items.createItem(req, list);
      throw methodNotAllowed();
    }
    if (subKey === 'delta' || subKey === 'delta()') {
      if (leaf !== undefined) throw segmentNotFound(leaf);
      if (m !== 'GET') throw methodNotAllowed();
      return this.items.delta(req, list);
    }
    const itemId = this.items.parseItemId(subKey);
    if (extra.length > 0) throw segmentNotFound(extra[0]!);
    if (leaf === undefined) {
      if (m === 'GET') return this.items.getItem(req, list, itemId);
      if (m === 'PATCH') return this.items.updateItem(req, list, itemId, 'item');
      if (m === 'DELETE') return this.items.deleteItem(req, list, itemId);
      throw methodNotAllowed();
    }
    if (leaf !== 'fields') throw segmentNotFound(leaf);
    if (m === 'GET') return this.items.getFields(req, list, itemId);
    if (m === 'PATCH') return this.items.updateItem(req, list, itemId, 'fields');
    throw methodNotAllowed();
  }
}
