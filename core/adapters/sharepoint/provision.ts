/**
 * Creates the LIS lists and columns on a SharePoint site, idempotently: missing lists are created
 * with all their columns, missing columns are added, and columns that must be indexed but are not
 * get an index. Run it again and it only reads. Nothing is ever deleted or narrowed.
 *
 * In Microsoft 365 this runs from the provisioning command with a `manage` grant on the one site
 * (Sites.Selected); the app itself runs with `write` and only resolves list ids (`resolveLists`).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { ListName } from '../../domain/records';
import { relativeGraphPath } from './client';
import { KEY_COLUMN, MAX_INDEXED_COLUMNS, type ColumnDef, type ListDef } from './columns';
import { LISTS } from './lists';

interface GraphList {
  id: string;
  displayName: string;
}

interface GraphColumn {
  id: string;
  name: string;
  indexed?: boolean;
  choice?: { choices?: string[] };
}

export interface ProvisionReport {
  listIds: Map<ListName, string>;
  createdLists: string[];
  addedColumns: string[];
  indexedColumns: string[];
  /** Choice columns that got new choices (existing ones are never removed). */
  extendedChoices: string[];
}

/** The Graph columnDefinition of a column of ours. */
export function columnDefinition(col: Pick<ColumnDef, 'column' | 'type' | 'indexed' | 'choices'>, unique = false): Record<string, unknown> {
  const base = { name: col.column, displayName: col.column, indexed: Boolean(col.indexed), ...(unique ? { enforceUniqueValues: true } : {}) };
  switch (col.type) {
    case 'text':
    case 'date':
      return { ...base, text: { allowMultipleLines: false, maxLength: 255 } };
    case 'note':
    case 'json':
      return { ...base, text: { allowMultipleLines: true, textType: 'plain' } };
    case 'number':
      return { ...base, number: { decimalPlaces: 'automatic' } };
    case 'boolean':
      return { ...base, boolean: {} };
    case 'dateTime':
      return { ...base, dateTime: { format: 'dateTime' } };
    case 'choice':
      return { ...base, choice: { choices: [...(col.choices ?? [])], allowTextEntry: false, displayAs: 'dropDownMenu' } };
  }
}

const keyColumn = columnDefinition({ column: KEY_COLUMN, type: 'text', indexed: true }, true);

/** Our columns for a list, derived keys included; Title is SharePoint's own and is not created. */
function wantedColumns(def: ListDef): Record<string, unknown>[] {
  const indexed = def.columns.filter((c) => c.indexed).length + def.keys.length + 1;
  if (indexed > MAX_INDEXED_COLUMNS) throw new Error(`${def.name} wants ${indexed} indexed columns; SharePoint allows ${MAX_INDEXED_COLUMNS}`);
  return [keyColumn, ...def.columns.filter((c) => c.column !== 'Title').map((c) => columnDefinition(c)), ...def.keys.map((k) => columnDefinition(k))];
}

async function getAll<T>(client: Client, path: string): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = path;
  while (next) {
    const res = (await client.api(next).get()) as { value: T[]; '@odata.nextLink'?: string };
    out.push(...res.value);
    next = res['@odata.nextLink'] ? relativeGraphPath(res['@odata.nextLink']) : undefined;
  }
  return out;
}

const sitePath = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export async function provisionLists(client: Client, siteId: string, defs: readonly ListDef[] = LISTS): Promise<ProvisionReport> {
  const report: ProvisionReport = { listIds: new Map(), createdLists: [], addedColumns: [], indexedColumns: [], extendedChoices: [] };
  const existing = await getAll<GraphList>(client, `${sitePath(siteId)}/lists?$select=id,displayName&$top=999`);
  for (const def of defs) {
    const columns = wantedColumns(def);
    let list = existing.find((l) => l.displayName === def.name);
    if (!list) {
      try {
        list = (await client.api(`${sitePath(siteId)}/lists`).post({
          displayName: def.name,
          description: def.description,
          columns,
          list: { template: 'genericList' },
        })) as GraphList;
        report.createdLists.push(def.name);
      } catch (error) {
        // Another instance created it a moment ago.
        if ((error as { statusCode?: number }).statusCode !== 409) throw error;
        list = (await client.api(`${sitePath(siteId)}/lists/${encodeURIComponent(def.name)}?$select=id,displayName`).get()) as GraphList;
      }
    } else {
      const have = await getAll<GraphColumn>(client, `${sitePath(siteId)}/lists/${list.id}/columns?$select=id,name,indexed,choice`);
      for (const want of columns) {
        const found = have.find((c) => c.name === want.name);
        if (!found) {
          await client.api(`${sitePath(siteId)}/lists/${list.id}/columns`).post(want);
          report.addedColumns.push(`${def.name}.${String(want.name)}`);
        } else {
          const patch: Record<string, unknown> = {};
          if (want.indexed && !found.indexed) patch.indexed = true;
          // A domain enum that grew: add the new choices, keep the old (stored items may use them).
          const wantChoices = (want.choice as { choices: string[] } | undefined)?.choices ?? [];
          const haveChoices = found.choice?.choices ?? [];
          const added = wantChoices.filter((c) => !haveChoices.includes(c));
          if (found.choice && added.length) patch.choice = { ...found.choice, choices: [...haveChoices, ...added] };
          if (Object.keys(patch).length) {
            await client.api(`${sitePath(siteId)}/lists/${list.id}/columns/${found.id}`).patch(patch);
            if (patch.indexed) report.indexedColumns.push(`${def.name}.${String(want.name)}`);
            if (patch.choice) report.extendedChoices.push(`${def.name}.${String(want.name)}: ${added.join(', ')}`);
          }
        }
      }
    }
    // Title is SharePoint's own column: it exists from the start, and is indexed when the schema says so.
    if (def.columns.some((c) => c.column === 'Title' && c.indexed)) {
      const have = await getAll<GraphColumn>(client, `${sitePath(siteId)}/lists/${list.id}/columns?$select=id,name,indexed`);
      const title = have.find((c) => c.name === 'Title');
      if (title && !title.indexed) {
        await client.api(`${sitePath(siteId)}/lists/${list.id}/columns/${title.id}`).patch({ indexed: true });
        // Part of creating a new list; an upgrade of an existing one is reported.
        if (!report.createdLists.includes(def.name)) report.indexedColumns.push(`${def.name}.Title`);
      }
    }
    report.listIds.set(def.name, list.id);
  }
  return report;
}

/** List ids for the app at runtime; fails clearly when the site has not been provisioned. */
export async function resolveLists(client: Client, siteId: string, defs: readonly ListDef[] = LISTS): Promise<Map<ListName, string>> {
  const existing = await getAll<GraphList>(client, `${sitePath(siteId)}/lists?$select=id,displayName&$top=999`);
  const ids = new Map<ListName, string>();
  const missing: string[] = [];
  for (const def of defs) {
    const found = existing.find((l) => l.displayName === def.name);
    if (found) ids.set(def.name, found.id);
    else missing.push(def.name);
  }
  if (missing.length) {
    throw new Error(`The SharePoint site ${siteId} lacks the lists ${missing.join(', ')}. Run the provisioning command (docs/admin-guide.md).`);
  }
  return ids;
}
