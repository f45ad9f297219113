/** The SharePoint adapter: RecordStore over Microsoft Graph (production) or the local server (locally). */
import type { ListName } from '../../domain/records';
import { backfillKeys, type BackfillReport } from './backfill';
import type { GraphBudget } from './budget';
import { createGraphClientWithBudget, type GraphConnectionOptions } from './client';
import { provisionLists, resolveLists } from './provision';
import { SharePointRecordStore } from './store';

export * from './backfill';
export * from './budget';
export * from './client';
export { columnName, KEY_COLUMN, MAX_INDEXED_COLUMNS, queryColumn, type ColumnDef, type ColumnSpec, type ColumnType, type KeyColumnDef, type ListDef } from './columns';
export * from './lists';
export * from './middleware';
export * from './provision';
export * from './store';

export interface ConnectOptions extends GraphConnectionOptions {
  /** The LIS site's Graph id; omitted = `sites/root` (the local server's only site). */
  siteId?: string;
  /**
   * Create missing lists and columns first, and back-fill derived keys on items written before a key
   * existed (local mode, and the provisioning command).
   */
  provision?: boolean;
  /** Told what the back-fill did (only when it wrote something). */
  log?: (line: string) => void;
}

export interface SharePointConnection {
  store: SharePointRecordStore;
  siteId: string;
  listIds: Map<ListName, string>;
  client: ReturnType<typeof createGraphClientWithBudget>['client'];
  /** The Graph budget every request of this connection shares (budget.ts). */
  budget: GraphBudget;
  backfill: BackfillReport | null;
}

export async function connectSharePoint(options: ConnectOptions): Promise<SharePointConnection> {
  const { client, budget } = createGraphClientWithBudget(options);
  const siteId = options.siteId ?? ((await client.api('/sites/root?$select=id').get()) as { id: string }).id;
  const listIds = options.provision ? (await provisionLists(client, siteId)).listIds : await resolveLists(client, siteId);
  const store = new SharePointRecordStore({ client, siteId, listIds });
  const backfill = options.provision ? await backfillKeys(store, [...listIds.keys()], { ...(options.log ? { log: options.log } : {}) }) : null;
  return { client, budget, siteId, listIds, store, backfill };
}
