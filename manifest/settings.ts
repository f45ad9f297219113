/**
 * The package's settings: the values of the `${{NAME}}` placeholders, from the same environment
 * variables the server reads (bot/config.ts), and filling them into the templates. The placeholder
 * syntax is the Agents Toolkit's, so the template reads the same in both places.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

export class PackageError extends Error {
  override readonly name = 'PackageError';
  constructor(readonly problems: string[], heading = 'The app package cannot be built') {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface PackageValues {
  TEAMS_APP_ID: string;
  BOT_ID: string;
  TAB_CLIENT_ID: string;
  PUBLIC_HOST: string;
  TAB_APP_ID_URI: string;
  TAB_API_SCOPE: string;
  APP_VERSION: string;
  DEVELOPER_NAME: string;
  DEVELOPER_WEBSITE_URL: string;
  PRIVACY_URL: string;
  TERMS_OF_USE_URL: string;
}

const first = (...values: (string | undefined)[]) => values.map((v) => v?.trim()).find((v) => v) ?? '';

/**
 * The placeholder values, from the same variables the server reads (bot/config.ts), so that the
 * package and the running app agree on ids and the token audience.
 */
export function valuesFromEnv(env: NodeJS.ProcessEnv, version: string): PackageValues {
  const problems: string[] = [];
  const botId = first(env.BOT_ID, env.APP_ID, env.MicrosoftAppManagedIdentityClientId, env.MicrosoftAppId);
  if (!botId) problems.push("BOT_ID (or APP_ID / MicrosoftAppId) is missing: the bot's Microsoft App ID — with a managed identity, the identity's client id.");
  else if (!GUID.test(botId)) problems.push(`BOT_ID must be a GUID, not "${botId}".`);

  let host = '';
  const publicUrl = first(env.PUBLIC_URL);
  if (!publicUrl) problems.push('PUBLIC_URL is missing: the https:// address of the app (App Service), e.g. https://lis-prod.azurewebsites.net.');
  else {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'https:') problems.push(`PUBLIC_URL must be https://, not "${publicUrl}" (Teams loads tabs over https only).`);
      else if (url.port) problems.push(`PUBLIC_URL must not carry a port ("${publicUrl}"): Teams reaches the app on 443.`);
      else if (url.pathname !== '/' || url.search || url.hash) problems.push(`PUBLIC_URL must be the bare origin, not "${publicUrl}": the tab is served at /.`);
      else host = url.hostname.toLowerCase();
    } catch {
      problems.push(`PUBLIC_URL is not a URL: "${publicUrl}".`);
    }
  }

  // As bot/config.ts: TAB_CLIENT_ID, defaulting to MicrosoftAppId — which a managed identity cannot serve.
  let tabClientId = first(env.TAB_CLIENT_ID);
  if (!tabClientId && first(env.MicrosoftAppManagedIdentityClientId)) {
    problems.push('TAB_CLIENT_ID is missing: with a managed identity for the bot, the tab needs its own Entra app registration (docs/admin-guide.md).');
  }
  tabClientId ||= first(env.MicrosoftAppId, env.APP_ID, botId);
  if (tabClientId && !GUID.test(tabClientId)) problems.push(`TAB_CLIENT_ID must be a GUID, not "${tabClientId}".`);

  const teamsAppId = first(env.TEAMS_APP_ID, botId);
  if (teamsAppId && !GUID.test(teamsAppId)) problems.push(`TEAMS_APP_ID must be a GUID, not "${teamsAppId}".`);
  const appVersion = first(env.APP_VERSION, version);
  if (!SEMVER.test(appVersion)) problems.push(`APP_VERSION must be like 1.2.3, not "${appVersion}".`);
  const scope = first(env.TAB_API_SCOPE, 'access_as_user');
  if (!/^[A-Za-z0-9_.-]+$/.test(scope)) problems.push(`TAB_API_SCOPE must be a scope name, not "${scope}".`);
  const developerName = first(env.DEVELOPER_NAME, 'Stockholms stad');
  if (developerName.length > 32) problems.push('DEVELOPER_NAME must be at most 32 characters.');

  const site = host ? `https://${host}/` : '';
  const urls = { DEVELOPER_WEBSITE_URL: first(env.DEVELOPER_WEBSITE_URL, site), PRIVACY_URL: first(env.PRIVACY_URL, site), TERMS_OF_USE_URL: first(env.TERMS_OF_USE_URL, site) };
  for (const [k, v] of Object.entries(urls)) if (v && !/^https:\/\/\S+$/.test(v)) problems.push(`${k} must be an https:// address, not "${v}".`);

  if (problems.length) throw new PackageError(problems, 'The app package needs settings from the environment');
  return {
    TEAMS_APP_ID: teamsAppId.toLowerCase(),
    BOT_ID: botId.toLowerCase(),
    TAB_CLIENT_ID: tabClientId.toLowerCase(),
    PUBLIC_HOST: host,
    TAB_APP_ID_URI: first(env.TAB_APP_ID_URI, `api://${host}/${tabClientId.toLowerCase()}`),
    TAB_API_SCOPE: scope,
    APP_VERSION: appVersion,
    DEVELOPER_NAME: developerName,
    ...urls,
  };
}

/** Replaces `${{NAME}}` with JSON-escaped values; an unknown name is an error, not an empty string. */
export function fillTemplate(text: string, values: PackageValues): string {
  const unknown = new Set<string>();
  const filled = text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    if (!(name in values)) {
      unknown.add(name);
      return '';
    }
    return JSON.stringify(values[name as keyof PackageValues]).slice(1, -1);
  });
  if (unknown.size) throw new PackageError([...unknown].map((n) => `the template names \${{${n}}}, which the packager does not know`));
  return filled;
}
