/**
 * Rendering of Graph resources (site, list, listItem, fieldValueSet) from stored rows, in the JSON
 * shapes Graph returns for SharePoint.
 */
import type { ColumnDef } from './columns';
import type { ItemRow, ListRow, SiteInfo } from './store';

/** The local app identity shown as creator / modifier (Graph shows the app for app-only writes). */
export const LOCAL_APP = { id: '00000000-0000-4000-8000-00000000a11c', displayName: 'LIS for Teams (local)' };

/** Numeric user lookup id SharePoint would give the app's "SharePoint App" user. */
const APP_USER_LOOKUP_ID = '1073741822';

export interface SiteContext {
  /** e.g. http://127.0.0.1:4010 (no trailing slash). */
  baseUrl: string;
  siteName: string;
  info: SiteInfo;
}

export function siteId(ctx: SiteContext): string {
  return `127.0.0.1,${ctx.info.siteGuid},${ctx.info.webGuid}`;
}

export function siteWebUrl(ctx: SiteContext): string {
  return `${ctx.baseUrl}/sites/${encodeURIComponent(ctx.siteName)}`;
}

function identity(): Record<string, unknown> {
  return { application: { ...LOCAL_APP }, user: { displayName: 'SharePoint App' } };
}

export function siteJson(ctx: SiteContext): Record<string, unknown> {
  return {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#sites/$entity`,
    createdDateTime: ctx.info.created,
    description: '',
    id: siteId(ctx),
    lastModifiedDateTime: ctx.info.created,
    name: ctx.siteName,
    webUrl: siteWebUrl(ctx),
    displayName: ctx.siteName,
    root: {},
    siteCollection: { hostname: '127.0.0.1' },
  };
}

export function listJson(ctx: SiteContext, list: ListRow, columns?: ColumnDef[], columnRenderer?: (c: ColumnDef) => unknown): Record<string, unknown> {
  const etag = `"${list.id},0"`;
  const out: Record<string, unknown> = {
    '@odata.etag': etag,
    createdDateTime: list.created,
    description: list.description,
    eTag: etag,
    id: list.id,
    lastModifiedDateTime: list.modified,
    name: list.name,
    webUrl: `${siteWebUrl(ctx)}/Lists/${encodeURIComponent(list.name)}`,
    displayName: list.display_name,
    createdBy: identity(),
    lastModifiedBy: identity(),
    parentReference: { siteId: siteId(ctx) },
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
  };
  if (columns && columnRenderer) out.columns = columns.filter((c) => !c.hidden).map(columnRenderer);
  return out;
}

/** `"{guid},{version}"` including the quotes, exactly as Graph returns eTag / @odata.etag for list items. */
export function itemEtag(row: Pick<ItemRow, 'guid' | 'version'>): string {
  return `"${row.guid},${row.version}"`;
}

/** Normalises an If-Match value (quoted, escaped-quoted, weak or bare) to `{guid},{version}`. */
export function normalizeEtag(value: string): string {
  let v = value.trim();
  if (v.startsWith('W/')) v = v.slice(2);
  v = v.replace(/\\"/g, '"');
  while (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
  return v.toLowerCase();
}

/** Whether an If-Match header value allows writing the item (absent or `*` always does). */
export function etagMatches(ifMatch: string | undefined, row: Pick<ItemRow, 'guid' | 'version'>): boolean {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return true;
  return normalizeEtag(ifMatch) === `${row.guid},${row.version}`.toLowerCase();
}

function storedValue(c: ColumnDef, data: Record<string, unknown>): unknown {
  return data[c.name];
}

/**
 * The fieldValueSet of an item: custom fields that have a value plus SharePoint's built-in fields.
 * `select` limits the fields to those named (plus @odata.etag), as `$expand=fields($select=...)` does.
 */
export function fieldsJson(columns: ColumnDef[], row: ItemRow, select?: Set<string>): Record<string, unknown> {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const out: Record<string, unknown> = { '@odata.etag': itemEtag(row) };
  const title = data.Title;
  const all: [string, unknown][] = [];
  for (const c of columns) {
    if (c.storage !== 'data') continue;
    // Graph leaves hidden columns out of fieldValueSets unless they are selected by name.
    if (c.hidden && !select?.has(c.name.toLowerCase())) continue;
    const v = storedValue(c, data);
    if (v !== undefined && v !== null) all.push([c.name, v]);
  }
  all.push(
    ['id', String(row.id)],
    ['ContentType', 'Item'],
    ['Modified', row.modified],
    ['Created', row.created],
    ['AuthorLookupId', APP_USER_LOOKUP_ID],
    ['EditorLookupId', APP_USER_LOOKUP_ID],
    ['_UIVersionString', `${row.version}.0`],
    ['Attachments', false],
    ['Edit', ''],
  );
  if (title !== undefined && title !== null) all.push(['LinkTitleNoMenu', title], ['LinkTitle', title]);
  all.push(['ItemChildCount', '0'], ['FolderChildCount', '0']);
  if (select) {
    all.push(['ID', row.id], ['AppAuthorLookupId', APP_USER_LOOKUP_ID], ['AppEditorLookupId', APP_USER_LOOKUP_ID]);
  }
  for (const [k, v] of all) {
    if (select && !select.has(k.toLowerCase())) continue;
    out[k] = v;
  }
  return out;
}

export interface ItemRenderOptions {
  /** Include `fields` (as with $expand=fields). */
  expandFields: boolean;
  /** Field names from `$expand=fields($select=...)`, lower-cased. */
  fieldSelect?: Set<string>;
  /** Top-level properties from `$select`, lower-cased. */
  select?: Set<string>;
}

export function itemJson(ctx: SiteContext, list: ListRow, columns: ColumnDef[], row: ItemRow, opts: ItemRenderOptions): Record<string, unknown> {
  const etag = itemEtag(row);
  const full: Record<string, unknown> = {
    '@odata.etag': etag,
    createdDateTime: row.created,
    eTag: etag,
    id: String(row.id),
    lastModifiedDateTime: row.modified,
    webUrl: `${siteWebUrl(ctx)}/Lists/${encodeURIComponent(list.name)}/${row.id}_.000`,
    createdBy: identity(),
    lastModifiedBy: identity(),
    parentReference: { id: list.id, siteId: siteId(ctx) },
    contentType: { id: contentTypeId(list), name: 'Item' },
  };
  let out = full;
  if (opts.select && opts.select.size > 0) {
    out = { '@odata.etag': etag };
    for (const [k, v] of Object.entries(full)) if (opts.select.has(k.toLowerCase())) out[k] = v;
  }
  if (opts.expandFields) out.fields = fieldsJson(columns, row, opts.fieldSelect);
  return out;
}

/** A list-specific child of the Item content type (0x01), as SharePoint gives each list. */
export function contentTypeId(list: ListRow): string {
  return `0x0100${list.id.replace(/-/g, '').toUpperCase()}`;
}

export function deletedItemJson(ctx: SiteContext, id: number): Record<string, unknown> {
  return { id: String(id), parentReference: { siteId: siteId(ctx) }, deleted: { state: 'deleted' } };
}
