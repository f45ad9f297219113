/**
 * Server configuration from the environment, and the switch between the two modes
 * (ARCHITECTURE.md "Two modes, one code path"):
 *
 * - local (default): no Microsoft 365 account; Graph is the local SharePoint-lists server, the bot
 *   accepts activities without a token, and the server binds to loopback only.
 * - m365: real Graph and Bot Framework authentication. Refuses to start unless the app id, tenant
 *   id and SharePoint site id are all set.
 */
export type Mode = 'local' | 'm365';

export interface LocalSettings {
  graphPort: number;
  /** Base URL of an already running local Graph server; when set, start.ts does not start one. */
  graphUrl: string | null;
  dataDir: string;
}

export interface M365Settings {
  appId: string;
  /** The app's credential comes from the environment (Key Vault / App Service settings), never the repo. */
  appPassword: string | null;
  /** Managed identity client id, when the bot authenticates with a user-assigned identity. */
  managedIdentityClientId: string | null;
  siteId: string;
  graphBaseUrl: string;
  /** The tab's Entra app (Nested App Auth / Teams SSO): `/api/v1` accepts only its access tokens. */
  tab: TabAuthSettings;
  /**
   * OpenID metadata of the Bot Framework channel (`BOT_OPENID_METADATA_URL`); null = Microsoft's
   * public cloud default. Tests point it at a loopback server with a locally generated key.
   */
  botOpenIdMetadataUrl: string | null;
  /**
   * How long a directory answer (account enabled, guest or member, manager) is reused, in seconds
   * (`DIRECTORY_CACHE_SECONDS`, default 60, 0–600): the longest a change in Entra ID waits to count.
   */
  directoryCacheSeconds: number;
}

export interface TabAuthSettings {
  /** Client id of the tab's app registration (`TAB_CLIENT_ID`, default MicrosoftAppId). */
  clientId: string;
  /** Application ID URI (`TAB_APP_ID_URI`, default `api://<PUBLIC_URL host>/<clientId>`): the token audience. */
  appIdUri: string;
  /** Delegated scope the API requires (`TAB_API_SCOPE`, default `access_as_user`). */
  scope: string;
  /** Entra authority host (`ENTRA_AUTHORITY_HOST`, default https://login.microsoftonline.com). */
  authorityHost: string;
  /**
   * The app role a token must carry (`TAB_APP_ROLE`, default `LIS.User`): only people the tenant
   * has assigned to the tab's enterprise app, directly or through a group, use the API — a second
   * lock behind the enterprise app's "Assignment required" (docs/admin-guide.md). `none` turns it off.
   */
  appRole: string | null;
}

export interface Config {
  mode: Mode;
  /**
   * How long reads of roles, assets, suppliers and channel links are reused (`READ_CACHE_SECONDS`,
   * default 30, 0–300; 0 = off): a change made through this instance counts at once, a change made
   * through another instance within this time (ADR 018).
   */
  readCacheSeconds: number;
  /** The process's Graph budget (GRAPH_CONCURRENCY, GRAPH_BACKGROUND_CONCURRENCY; ADR 021). */
  graphBudget: { concurrency: number; backgroundConcurrency: number };
  host: string;
  port: number;
  tenantId: string;
  /** Public base URL of the app (tab and bot endpoint), as Teams reaches it. */
  publicUrl: string;
  /** The Teams app id (`TEAMS_APP_ID`, the manifest's id): cards then link to records with Teams deep links. */
  teamsAppId: string | null;
  userAgent: string;
  /** Days an incident investigation may take (DOMAIN.md: a setting, default 30). */
  investigationDays: number;
  /** Months in which recertification campaigns are proposed (default March and September). */
  recertificationMonths: number[];
  /** Years to keep compliance evidence after a record is archived (default 5). */
  retentionYears: number;
  /** Years to keep suppliers' and procurements' records after archiving (default 10: preskriptionslagen 2 §). */
  agreementRetentionYears: number;
  /** Months between classification reviews (default 12: yearly, DOMAIN.md). */
  classificationReviewMonths: number;
  /** Days before an ambassador meeting its invitation is posted in the network's channel (default 7). */
  ambassadorInviteDays: number;
  /**
   * Rate limits of `/api/messages` (`BOT_RATE_USER`, `BOT_RATE_TENANT` as `burst/perSecond`;
   * defaults in bot/api/rate-limit.ts BOT_RATE).
   */
  botRate: { user: { burst: number; perSecond: number }; tenant: { burst: number; perSecond: number } };
  /** The reporting organisation as the authority reports name it (`ORGANISATION_NAME`, `ORGANISATION_NUMBER`). */
  organisation: { name: string | null; orgNumber: string | null };
  /**
   * Where the city requires reports to go through a central function (`CENTRAL_REPORTING_NAME`,
   * `CENTRAL_REPORTING_EMAIL`, `CENTRAL_REPORTING_FOR` = mcf, imy or both): drafts are addressed there.
   */
  centralReporting: { name: string; email: string | null; regimes: ('mcf' | 'imy')[] } | null;
  /** Hours between reminders while an incident's significance is undecided (`ESCALATION_HOURS`, default 4). */
  escalationHours: number;
  local: LocalSettings | null;
  m365: M365Settings | null;
}

export const LOCAL_TENANT_ID = '00000000-0000-4000-8000-000000000001';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return n;
}

function rate(env: NodeJS.ProcessEnv, name: string, fallback: { burst: number; perSecond: number }) {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const m = /^(\d{1,9})\/(\d{1,9}(?:\.\d+)?)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new ConfigError(`${name} must be "burst/perSecond", e.g. "60/2", not "${raw}".`);
  return { burst: Number(m[1]), perSecond: Number(m[2]) };
}

const text = (env: NodeJS.ProcessEnv, name: string, max: number): string | null => {
  const v = env[name]?.trim();
  if (!v) return null;
  if (v.length > max) throw new ConfigError(`${name} may be at most ${max} characters.`);
  return v;
};

function centralReporting(env: NodeJS.ProcessEnv): Config['centralReporting'] {
  const name = text(env, 'CENTRAL_REPORTING_NAME', 200);
  if (!name) return null;
  const email = text(env, 'CENTRAL_REPORTING_EMAIL', 200);
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new ConfigError(`CENTRAL_REPORTING_EMAIL must be an e-mail address, not "${email}".`);
  const raw = (env.CENTRAL_REPORTING_FOR ?? 'mcf').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (!raw.length || raw.some((r) => r !== 'mcf' && r !== 'imy')) throw new ConfigError(`CENTRAL_REPORTING_FOR must be "mcf", "imy" or "mcf,imy", not "${env.CENTRAL_REPORTING_FOR}".`);
  return { name, email, regimes: [...new Set(raw)] as ('mcf' | 'imy')[] };
}

/** Graph requests on the wire at once, and the background lane's share of them (ADR 021). */
function graphBudget(env: NodeJS.ProcessEnv): { concurrency: number; backgroundConcurrency: number } {
  const concurrency = int(env, 'GRAPH_CONCURRENCY', 32, 2, 256);
  const backgroundConcurrency = int(env, 'GRAPH_BACKGROUND_CONCURRENCY', 8, 1, 255);
  if (backgroundConcurrency >= concurrency) {
    throw new ConfigError(`GRAPH_BACKGROUND_CONCURRENCY (${backgroundConcurrency}) must be below GRAPH_CONCURRENCY (${concurrency}): people's requests always keep a share.`);
  }
  return { concurrency, backgroundConcurrency };
}

function months(raw: string | undefined): number[] {
  if (!raw) return [3, 9];
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) {
    throw new ConfigError(`RECERTIFICATION_MONTHS must be month numbers 1–12 separated by commas, not "${raw}".`);
  }
  return [...new Set(list)].sort((a, b) => a - b);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const modeRaw = (env.LIS_MODE ?? 'local').trim().toLowerCase();
  if (modeRaw !== 'local' && modeRaw !== 'm365') throw new ConfigError(`LIS_MODE must be "local" or "m365", not "${env.LIS_MODE}".`);
  const mode: Mode = modeRaw;
  const port = int(env, 'PORT', 3978, 0, 65_535);
  const common = {
    port,
    userAgent: env.GRAPH_USER_AGENT ?? 'NONISV|StockholmStad|LISforTeams/0.1.0',
    investigationDays: int(env, 'INVESTIGATION_DAYS', 30, 1, 365),
    readCacheSeconds: int(env, 'READ_CACHE_SECONDS', 30, 0, 300),
    graphBudget: graphBudget(env),
    recertificationMonths: months(env.RECERTIFICATION_MONTHS),
    retentionYears: int(env, 'RETENTION_YEARS', 5, 1, 50),
    agreementRetentionYears: int(env, 'RETENTION_YEARS_AGREEMENTS', 10, 1, 50),
    classificationReviewMonths: int(env, 'CLASSIFICATION_REVIEW_MONTHS', 12, 1, 60),
    ambassadorInviteDays: int(env, 'AMBASSADOR_INVITE_DAYS', 7, 1, 60),
    organisation: {
      name: text(env, 'ORGANISATION_NAME', 200) ?? (modeRaw === 'local' ? 'Stadsdelsförvaltning Söderbyn' : null),
      orgNumber: text(env, 'ORGANISATION_NUMBER', 20),
    },
    centralReporting: centralReporting(env),
    escalationHours: int(env, 'ESCALATION_HOURS', 4, 1, 24),
    teamsAppId: env.TEAMS_APP_ID && GUID.test(env.TEAMS_APP_ID.trim()) ? env.TEAMS_APP_ID.trim() : null,
    botRate: { user: rate(env, 'BOT_RATE_USER', { burst: 60, perSecond: 2 }), tenant: rate(env, 'BOT_RATE_TENANT', { burst: 600, perSecond: 20 }) },
  };

  if (mode === 'local') {
    const host = env.HOST ?? '127.0.0.1';
    // Local mode accepts unauthenticated activities: never expose it beyond this machine.
    if (!LOOPBACK.has(host)) throw new ConfigError(`Local mode listens on loopback only (HOST=${host} refused). Use LIS_MODE=m365 to serve others.`);
    const tenantId = env.LOCAL_TENANT_ID ?? LOCAL_TENANT_ID;
    if (!GUID.test(tenantId)) throw new ConfigError(`LOCAL_TENANT_ID must be a GUID, not "${tenantId}".`);
    const graphPort = int(env, 'LOCAL_GRAPH_PORT', 4010, 0, 65_535);
    return {
      mode,
      host,
      tenantId,
      publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
      ...common,
      local: { graphPort, graphUrl: env.LOCAL_GRAPH_URL ?? null, dataDir: env.LIS_DATA_DIR ?? '.data' },
      m365: null,
    };
  }

  const missing = [
    ['MicrosoftAppId', env.MicrosoftAppId],
    ['MicrosoftAppTenantId', env.MicrosoftAppTenantId],
    ['SHAREPOINT_SITE_ID', env.SHAREPOINT_SITE_ID],
    ['PUBLIC_URL', env.PUBLIC_URL],
  ]
    .filter(([, v]) => !v?.trim())
    .map(([k]) => k);
  if (missing.length) {
    throw new ConfigError(
      `Microsoft 365 mode (LIS_MODE=m365) needs ${missing.join(', ')}. ` +
        'Set them in the App Service configuration (see docs/admin-guide.md); the server will not start without them.',
    );
  }
  if (!GUID.test(env.MicrosoftAppId!)) throw new ConfigError('MicrosoftAppId must be the Entra app (client) id, a GUID.');
  if (!GUID.test(env.MicrosoftAppTenantId!)) throw new ConfigError('MicrosoftAppTenantId must be the tenant id, a GUID.');
  if (!env.MicrosoftAppPassword && !env.MicrosoftAppManagedIdentityClientId) {
    throw new ConfigError('Microsoft 365 mode needs a credential: MicrosoftAppPassword (from Key Vault) or MicrosoftAppManagedIdentityClientId.');
  }
  if (!/^https:\/\//.test(env.PUBLIC_URL!)) throw new ConfigError('PUBLIC_URL must be the https:// address Teams reaches the app at.');
  return {
    mode,
    host: env.HOST ?? '0.0.0.0',
    tenantId: env.MicrosoftAppTenantId!,
    publicUrl: env.PUBLIC_URL!.replace(/\/+$/, ''),
    ...common,
    local: null,
    m365: {
      appId: env.MicrosoftAppId!,
      appPassword: env.MicrosoftAppPassword ?? null,
      managedIdentityClientId: env.MicrosoftAppManagedIdentityClientId ?? null,
      siteId: env.SHAREPOINT_SITE_ID!,
      graphBaseUrl: env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com',
      tab: tabAuth(env),
      botOpenIdMetadataUrl: botMetadataUrl(env.BOT_OPENID_METADATA_URL),
      directoryCacheSeconds: int(env, 'DIRECTORY_CACHE_SECONDS', 60, 0, 600),
    },
  };
}

/** https anywhere; plain http only on this machine (tests). */
function botMetadataUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`BOT_OPENID_METADATA_URL must be a URL, not "${value}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname.replace(/^\[|\]$/g, '')))) {
    throw new ConfigError('BOT_OPENID_METADATA_URL must be https:// (plain http only on loopback).');
  }
  return value;
}

function tabAuth(env: NodeJS.ProcessEnv): TabAuthSettings {
  // With a password the bot's own app registration can serve the tab; a managed identity cannot
  // (it has no SPA redirect or API scope), so the tab's app registration must then be named.
  if (!env.TAB_CLIENT_ID?.trim() && !env.MicrosoftAppPassword) {
    throw new ConfigError('TAB_CLIENT_ID is needed when the bot runs on a managed identity: the tab signs in with its own Entra app registration (docs/admin-guide.md).');
  }
  const clientId = env.TAB_CLIENT_ID?.trim() || env.MicrosoftAppId!;
  if (!GUID.test(clientId)) throw new ConfigError('TAB_CLIENT_ID must be the tab\'s Entra app (client) id, a GUID.');
  const authorityHost = (env.ENTRA_AUTHORITY_HOST?.trim() || 'https://login.microsoftonline.com').replace(/\/+$/, '');
  // Token signing keys come from here: https only (plain http only to a loopback test identity provider).
  if (!/^https:\/\//.test(authorityHost) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(authorityHost)) {
    throw new ConfigError('ENTRA_AUTHORITY_HOST must be an https:// address.');
  }
  return {
    clientId,
    appIdUri: env.TAB_APP_ID_URI?.trim() || `api://${new URL(env.PUBLIC_URL!).host}/${clientId}`,
    scope: env.TAB_API_SCOPE?.trim() || 'access_as_user',
    authorityHost,
    appRole: appRole(env.TAB_APP_ROLE),
  };
}

/** The app role value the tab's API requires; `LIS.User` unless set, null for `none`. */
function appRole(value: string | undefined): string | null {
  const role = value?.trim() || DEFAULT_TAB_APP_ROLE;
  if (role.toLowerCase() === 'none') return null;
  if (!/^[A-Za-z0-9._-]{1,120}$/.test(role)) throw new ConfigError('TAB_APP_ROLE must be an app role value (letters, digits, dots), or none.');
  return role;
}

/** The app role of aad.manifest.json (`appRoles[].value`) that assigned people and groups hold. */
export const DEFAULT_TAB_APP_ROLE = 'LIS.User';
