/**
 * `npm run provision:m365`: creates the LIS lists, columns and indexes on the SharePoint site,
 * through the same Graph adapter the app uses (`connectSharePoint({ provision: true })`).
 * Idempotent: a second run reads and creates nothing. Nothing is ever deleted or narrowed.
 *
 *   npm run provision:m365 -- --local            dry run against the local SharePoint-lists server
 *   npm run provision:m365                       the real site (SHAREPOINT_SITE_ID or --site)
 *   npm run provision:m365 -- --isam <object id> also record the first ISAM in the Roles list
 *
 * Creating lists needs the `manage` (or `fullcontrol`) role on the one site under Sites.Selected;
 * the app itself runs with `write` afterwards (docs/admin-guide.md). The token comes from the
 * environment, first that is set:
 *   GRAPH_TOKEN                                    a bearer token for Graph (short-lived, one run)
 *   PROVISION_CLIENT_ID + PROVISION_CLIENT_SECRET  a provisioning app registration (tenant: MicrosoftAppTenantId)
 *   MicrosoftAppManagedIdentityClientId            the app's managed identity (run inside App Service)
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClientCredentialsTokenProvider, ManagedIdentityTokenProvider, StaticTokenProvider, type TokenProvider } from '../../core/adapters/graph-token';
import { LISTS, SharePointRecordStore, backfillKeys, connectSharePoint, createGraphClient, provisionLists, resolveLists, type BackfillReport, type ProvisionReport } from '../../core/adapters/sharepoint';
import { audit } from '../../core/app/platform';
import { SYSTEM_ACTOR } from '../../core/domain/audit';
import { systemClock, type Clock } from '../../core/ports/clock';

export const DEFAULT_USER_AGENT = 'NONISV|StockholmStad|LISforTeams/0.1.0';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
}

export interface ProvisionOptions {
  /** Graph base URL without version: https://graph.microsoft.com, or the local server's URL. */
  graphUrl: string;
  tokens: TokenProvider;
  /** The site: its Graph id (`host,guid,guid`), `host:/sites/name`, or `root`. */
  site: string;
  userAgent?: string;
  /** Record this person as ISAM (the first one; later roles are given in the app). */
  isam?: string | null;
  clock?: Clock;
}

export interface ProvisionSummary {
  site: { id: string; name: string; webUrl: string | null };
  report: ProvisionReport;
  /** Derived keys written on items that existed before their key column (core/domain/keys.ts). */
  backfill: BackfillReport;
  /** Lists the app's own start-up lookup (resolveLists) found afterwards. */
  resolved: number;
  isam: { personId: string; created: boolean } | null;
}

/** `/sites/...` for an id, a `host:/path` address or `root`. */
export function sitePath(site: string): string {
  const s = site.trim();
  if (!s) throw new ProvisionError('No site given: set SHAREPOINT_SITE_ID or pass --site.');
  if (s === 'root') return '/sites/root';
  const address = /^([A-Za-z0-9.-]+(?::\d+)?):(\/[^?#]*)$/.exec(s);
  if (address) return `/sites/${address[1]}:${address[2]!.split('/').map((p) => encodeURIComponent(p)).join('/')}`;
  if (/^[A-Za-z0-9.,-]+$/.test(s)) return `/sites/${encodeURIComponent(s)}`;
  throw new ProvisionError(`Not a site id or address: "${s}". Use the Graph site id (contoso.sharepoint.com,<guid>,<guid>) or contoso.sharepoint.com:/sites/LIS.`);
}

export async function provision(options: ProvisionOptions): Promise<ProvisionSummary> {
  if (options.isam && !GUID.test(options.isam)) throw new ProvisionError(`--isam takes the person's Entra object id (a GUID), not "${options.isam}".`);
  const client = createGraphClient({ baseUrl: options.graphUrl, getToken: () => options.tokens.getToken(), userAgent: options.userAgent ?? DEFAULT_USER_AGENT });
  let site: { id: string; displayName?: string; name?: string; webUrl?: string };
  try {
    site = (await client.api(`${sitePath(options.site)}?$select=id,name,displayName,webUrl`).get()) as typeof site;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 401 || status === 403) {
      throw new ProvisionError(`Graph refused to read the site (HTTP ${status}). Is Sites.Selected consented, and does the identity have the manage role on this site? (docs/admin-guide.md)`, { cause: error });
    }
    if (status === 404) throw new ProvisionError(`No such site: ${options.site}.`, { cause: error });
    throw error;
  }

  const report = await provisionLists(client, site.id);
  // Items written before a derived key existed get it now (resumable: a second run continues).
  const backfill = await backfillKeys(new SharePointRecordStore({ client, siteId: site.id, listIds: report.listIds }), [...report.listIds.keys()]);
  // What the app does at start-up: if this passes, `npm run start:m365` will find its lists.
  const resolved = (await resolveLists(client, site.id)).size;

  let isam: ProvisionSummary['isam'] = null;
  if (options.isam) {
    const { store } = await connectSharePoint({ baseUrl: options.graphUrl, getToken: () => options.tokens.getToken(), userAgent: options.userAgent ?? DEFAULT_USER_AGENT, siteId: site.id });
    const clock = options.clock ?? systemClock;
    const personId = options.isam.toLowerCase();
    const { record, created } = await store.createOrGet('Roles', `provision:role:${personId}:isam`, {
      personId,
      role: 'isam',
      unit: null,
      assignedBy: null,
      assignedAt: clock.now().toISOString(),
      validTo: null,
      active: true,
    });
    if (created) {
      await audit({ store, clock }, `provision:role:${personId}:isam`, {
        actorId: SYSTEM_ACTOR,
        action: 'role.assigned',
        target: `Roles/${record.id}`,
        summary: 'First ISAM recorded by the provisioning command',
        details: { personId, role: 'isam' },
      });
    }
    isam = { personId, created };
  }

  return { site: { id: site.id, name: site.displayName ?? site.name ?? site.id, webUrl: site.webUrl ?? null }, report, backfill, resolved, isam };
}

/** What the command prints. */
export function formatSummary(summary: ProvisionSummary, graphUrl: string): string {
  const { report } = summary;
  const defs = new Map(LISTS.map((d) => [d.name as string, d]));
  const lines = [
    `  Graph     ${graphUrl}`,
    `  Site      ${summary.site.name}${summary.site.webUrl ? `  ${summary.site.webUrl}` : ''}`,
    `  Site id   ${summary.site.id}   (SHAREPOINT_SITE_ID)`,
    '',
  ];
  if (report.createdLists.length) {
    lines.push(`  Created ${report.createdLists.length} lists:`);
    for (const name of report.createdLists) {
      const def = defs.get(name);
      const cols = def ? def.columns.filter((c) => c.column !== 'Title').length + def.keys.length + 1 : 0;
      const idx = def ? def.columns.filter((c) => c.indexed).length + def.keys.length + 1 : 0;
      lines.push(`    + ${name.padEnd(22)} ${String(cols).padStart(2)} columns, ${String(idx).padStart(2)} indexed`);
    }
  }
  const section = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(`  ${title} (${items.length}):`);
    for (const i of items) lines.push(`    + ${i}`);
  };
  section('Added columns', report.addedColumns);
  section('Indexed columns', report.indexedColumns);
  section('Extended choices', report.extendedChoices);
  const changed = report.createdLists.length + report.addedColumns.length + report.indexedColumns.length + report.extendedChoices.length;
  if (!changed) lines.push(`  Nothing to create: all ${report.listIds.size} lists, their columns and indexes are in place.`);
  const filled = summary.backfill.lists.filter((l) => l.patched > 0 || !l.done);
  section('Derived keys back-filled', filled.map((l) => `${l.list}: ${l.patched} of ${l.scanned} items${l.done ? '' : ' (run again to continue)'}`));
  if (summary.isam) lines.push(summary.isam.created ? `  Recorded ${summary.isam.personId} as ISAM (Roles).` : `  ${summary.isam.personId} is already recorded as ISAM.`);
  lines.push(`  Check: the app's start-up lookup finds ${summary.resolved} of ${LISTS.length} lists.`);
  return lines.join('\n');
}

/** The token for a real run, from the environment (see the header of this file). */
export function tokensFromEnv(env: NodeJS.ProcessEnv): { tokens: TokenProvider; source: string } {
  if (env.GRAPH_TOKEN?.trim()) return { tokens: new StaticTokenProvider(env.GRAPH_TOKEN.trim()), source: 'GRAPH_TOKEN' };
  if (env.PROVISION_CLIENT_ID?.trim() || env.PROVISION_CLIENT_SECRET?.trim()) {
    const tenantId = env.MicrosoftAppTenantId?.trim() ?? '';
    const missing = [
      ['PROVISION_CLIENT_ID', env.PROVISION_CLIENT_ID],
      ['PROVISION_CLIENT_SECRET', env.PROVISION_CLIENT_SECRET],
      ['MicrosoftAppTenantId', tenantId],
    ]
      .filter(([, v]) => !v?.trim())
      .map(([k]) => k);
    if (missing.length) throw new ProvisionError(`A provisioning app registration needs ${missing.join(', ')}.`);
    return {
      tokens: new ClientCredentialsTokenProvider({ tenantId, clientId: env.PROVISION_CLIENT_ID!.trim(), clientSecret: env.PROVISION_CLIENT_SECRET!.trim(), authorityHost: env.ENTRA_AUTHORITY_HOST?.trim() || undefined }),
      source: 'PROVISION_CLIENT_ID (client credentials)',
    };
  }
  if (env.MicrosoftAppManagedIdentityClientId?.trim()) {
    return {
      tokens: new ManagedIdentityTokenProvider({ clientId: env.MicrosoftAppManagedIdentityClientId.trim(), endpoint: env.IDENTITY_ENDPOINT ?? null, header: env.IDENTITY_HEADER ?? null }),
      source: 'managed identity',
    };
  }
  throw new ProvisionError(
    'No Graph credential: set GRAPH_TOKEN, or PROVISION_CLIENT_ID + PROVISION_CLIENT_SECRET (+ MicrosoftAppTenantId), or run it inside the App Service where MicrosoftAppManagedIdentityClientId is set. For a dry run against the local server: npm run provision:m365 -- --local',
  );
}

const HELP = `Usage: npm run provision:m365 -- [--local [--reset]] [--site <site>] [--isam <object id>]

Creates the LIS lists, columns and indexes on the SharePoint site, idempotently.
  --local        dry run against the local SharePoint-lists server: LOCAL_GRAPH_URL if set,
                 otherwise one started here with its data in <LIS_DATA_DIR>/provision-dry-run/
  --reset        with --local: start that dry-run site afresh
  --site <site>  Graph site id or address (contoso.sharepoint.com:/sites/LIS); default SHAREPOINT_SITE_ID
  --isam <id>    also record this person (Entra object id) as ISAM, the first role holder
Token for the real site (first that is set): GRAPH_TOKEN; PROVISION_CLIENT_ID + PROVISION_CLIENT_SECRET
(+ MicrosoftAppTenantId); MicrosoftAppManagedIdentityClientId (inside App Service). See docs/admin-guide.md.`;

interface Args {
  local: boolean;
  reset: boolean;
  site: string | null;
  isam: string | null;
  help: boolean;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { local: false, reset: false, site: null, isam: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new ProvisionError(`${a} needs a value.`);
      return v;
    };
    if (a === '--local') args.local = true;
    else if (a === '--reset') args.reset = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--site') args.site = value();
    else if (a === '--isam') args.isam = value();
    else throw new ProvisionError(`Unknown option ${a}. Try: npm run provision:m365 -- --help`);
  }
  if (args.reset && !args.local) throw new ProvisionError('--reset only applies to --local (the real site is never reset).');
  return args;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<ProvisionSummary | null> {
  const args = parseArgs(argv);
  if (args.help) {
    out(HELP);
    return null;
  }
  const userAgent = env.GRAPH_USER_AGENT ?? DEFAULT_USER_AGENT;
  if (args.local) {
    // The local server stands in for graph.microsoft.com; everything after this is the real path.
    const { localGraphToken } = await import('../local/local-token');
    const { startLocalGraphServer } = await import('../local/graph-server');
    let graphUrl = env.LOCAL_GRAPH_URL?.trim() || null;
    let close = async () => undefined as void;
    // A running local server accepts only the token of its data folder (or LOCAL_GRAPH_TOKEN).
    let token = graphUrl ? localGraphToken(path.resolve(env.LIS_DATA_DIR ?? '.data'), env).token : '';
    if (!graphUrl) {
      const dir = path.resolve(env.LIS_DATA_DIR ?? '.data', 'provision-dry-run');
      if (args.reset) rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const server = await startLocalGraphServer({ port: 0, dbPath: path.join(dir, 'graph.sqlite') });
      graphUrl = server.url;
      token = server.token;
      close = () => server.close();
    }
    try {
      out('LIS för Teams – provisionering / provisioning (dry run against the local SharePoint-lists server)');
      const summary = await provision({ graphUrl, tokens: new StaticTokenProvider(token), site: args.site ?? 'root', userAgent, isam: args.isam });
      out(formatSummary(summary, `${graphUrl}/v1.0`));
      return summary;
    } finally {
      await close();
    }
  }
  const site = args.site ?? env.SHAREPOINT_SITE_ID?.trim() ?? '';
  if (!site) throw new ProvisionError('Which site? Set SHAREPOINT_SITE_ID or pass --site contoso.sharepoint.com:/sites/LIS.');
  const graphUrl = (env.GRAPH_BASE_URL?.trim() || 'https://graph.microsoft.com').replace(/\/+$/, '');
  const { tokens, source } = tokensFromEnv(env);
  out(`LIS för Teams – provisionering / provisioning (token: ${source})`);
  const summary = await provision({ graphUrl, tokens, site, userAgent, isam: args.isam });
  out(formatSummary(summary, `${graphUrl}/v1.0`));
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`Provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
