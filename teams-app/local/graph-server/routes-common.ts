/**
 * What the route handlers share: request and response shapes, the store and site, and the URLs Graph
 * writes into `@odata.context` and links.
 */
import { GraphError, notFound } from './errors';
import { type SiteContext, siteId } from './resources';
import type { GraphStore, ListRow } from './store';

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

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ok = (body: unknown, status = 200, headers?: Record<string, string>): GraphResponse => ({ status, body, headers });

export function listNotFound(): GraphError {
  return notFound('List does not exist. The page you selected contains a list that does not exist. It may have been deleted by another user.');
}

export function itemNotFound(): GraphError {
  return notFound('Item not found');
}

/** The store, the site and the list view threshold, with the URLs built from them. */
export abstract class RouteBase {
  constructor(
    protected readonly store: GraphStore,
    protected readonly ctx: SiteContext,
    protected readonly threshold: number,
  ) {}

  protected get siteId(): string {
    return siteId(this.ctx);
  }

  protected get apiBase(): string {
    return `${this.ctx.baseUrl}/v1.0`;
  }

  protected listsContext(): string {
    return `${this.apiBase}/$metadata#sites('${encodeURIComponent(this.siteId)}')/lists`;
  }

  protected itemsContext(list: ListRow): string {
    return `${this.listsContext()}('${list.id}')/items`;
  }

  /**
   * The canonical items path Graph writes into `@odata.nextLink` and `@odata.deltaLink`, whatever
   * form the request used (list name or id, `root` or the site id): `/sites/{site-id}/lists/{list-id}/items`,
   * with the site id's commas as they are. A client must compare such links after decoding.
   */
  protected canonicalItemsPath(list: ListRow): string {
    return `/sites/${this.siteId}/lists/${list.id}/items`;
  }
}
