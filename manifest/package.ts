/**
 * `npm run package`: the Teams app package, `dist/appPackage/lis-for-teams.zip`.
 *
 *   1. fills the placeholders `${{NAME}}` in manifest.template.json and en-US.template.json from
 *      the environment (the same variables the server reads, see `valuesFromEnv`), refusing with a
 *      list of what is missing or malformed;
 *   2. draws the icons (icons.ts), unless color.png / outline.png are placed in this folder;
 *   3. validates offline against the Teams schemas bundled in @microsoft/app-manifest (the version
 *      the template names), plus the rules Teams applies on upload that a schema cannot express;
 *   4. writes the files and the zip.
 *
 * The placeholder syntax is the Agents Toolkit's, so the template reads the same in both places.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { colorIcon, outlineIcon } from './icons';
import { decodePng } from './png';
import { zip } from './zip';

export const MANIFEST_DIR = import.meta.dirname;
export const ROOT = path.resolve(MANIFEST_DIR, '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'appPackage');
export const PACKAGE_NAME = 'lis-for-teams.zip';

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

const require = createRequire(import.meta.url);

/** Folder of the Teams schemas bundled with @microsoft/app-manifest. */
export function bundledSchemaDir(version: string): string {
  return path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${version}`);
}

/** Manifest versions of the bundle, oldest first (v1.18 is not in it: PLATFORM.md). */
export function bundledSchemaVersions(): string[] {
  const dir = path.dirname(bundledSchemaDir('x'));
  return readdirSafe(dir)
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function loadSchema(version: string, file: string): Record<string, unknown> {
  const at = path.join(bundledSchemaDir(version), file);
  if (!existsSync(at)) throw new PackageError([`manifest version ${version} has no bundled schema (${file}); bundled: ${bundledSchemaVersions().join(', ')}`]);
  // The package's own loader makes the same two substitutions before parsing.
  const schema = JSON.parse(readFileSync(at, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Record<string, unknown>;
  return unicodeSafe(schema) as Record<string, unknown>;
}

/**
 * The bundled Localization schemas (v1.25–v1.30) hold two patterns with a lone `]`
 * (`activities.activityTypes\[\b(…)\b]`), which Ajv's unicode regular expressions reject, so the
 * whole schema would not compile. Escaping that bracket keeps the meaning (outside a character
 * class `]` is a literal) and lets the file be checked.
 */
export function unicodeSafePattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '\\') {
        out += c + (pattern[++i] ?? '');
        continue;
      }
      if (c === '[' && !inClass) inClass = true;
      else if (c === ']' && inClass) inClass = false;
      else if (c === ']') {
        out += `\\${c}`;
        continue;
      }
      out += c;
    }
    return out;
  }
}

function unicodeSafe(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(unicodeSafe);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([k, v]) => {
      if (k === 'patternProperties' && v && typeof v === 'object') {
        return [k, Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, sub]) => [unicodeSafePattern(p), unicodeSafe(sub)]))];
      }
      if (k === 'pattern' && typeof v === 'string') return [k, unicodeSafePattern(v)];
      return [k, unicodeSafe(v)];
    }),
  );
}

type Json = Record<string, any>;

/** The value at a localization key such as `bots[0].commandLists[1].commands[0].title`. */
function atPath(root: unknown, key: string): unknown {
  let node: unknown = root;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Validates a filled manifest with its files, offline. Returns the problems (empty = valid):
 * the bundled JSON schemas, then the rules Teams checks on upload.
 */
export async function validatePackage(manifest: Json, files: Record<string, Buffer>): Promise<string[]> {
  const problems: string[] = [];
  const version = String(manifest.manifestVersion ?? '');
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expectedSchema) problems.push(`manifest.json: $schema should be ${expectedSchema}`);
  const schema = loadSchema(version, 'MicrosoftTeams.schema.json');
  for (const e of await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never)) problems.push(`manifest.json: ${e}`);

  // Localization files: their own schema, and every key must point at a string in the manifest.
  const languages = (manifest.localizationInfo?.additionalLanguages ?? []) as { languageTag: string; file: string }[];
  const locSchema = loadSchema(version, 'MicrosoftTeams.Localization.schema.json');
  for (const lang of languages) {
    const raw = files[lang.file];
    if (!raw) {
      problems.push(`${lang.file}: named by localizationInfo (${lang.languageTag}) but not in the package`);
      continue;
    }
    const loc = JSON.parse(raw.toString('utf8')) as Json;
    for (const e of await AppManifestUtils.validateAgainstSchema(loc as never, locSchema as never)) problems.push(`${lang.file}: ${e}`);
    for (const key of Object.keys(loc)) {
      if (key === '$schema' || key === 'localizationKeys') continue;
      if (/^(name|description)\.(short|full)$/.test(key)) continue;
      if (typeof atPath(manifest, key) !== 'string') problems.push(`${lang.file}: "${key}" names nothing in manifest.json`);
    }
  }

  // Icons: present, the right size, the outline white on transparent.
  for (const [kind, size] of [['color', 192], ['outline', 32]] as const) {
    const name = manifest.icons?.[kind] as string | undefined;
    const png = name ? files[name] : undefined;
    if (!png) {
      problems.push(`icons.${kind}: ${name ?? '(none)'} is not in the package`);
      continue;
    }
    try {
      const image = decodePng(png);
      if (image.width !== size || image.height !== size) problems.push(`${name}: must be ${size}×${size}, is ${image.width}×${image.height}`);
      if (kind === 'outline') {
        let coloured = 0;
        let opaque = 0;
        for (let i = 0; i < image.pixels.length; i += 4) {
          const a = image.pixels[i + 3]!;
          if (a > 0) opaque++;
          if (a > 0 && (image.pixels[i]! !== 255 || image.pixels[i + 1]! !== 255 || image.pixels[i + 2]! !== 255)) coloured++;
        }
        if (coloured) problems.push(`${name}: the outline icon must be white (#FFFFFF) on transparent; ${coloured} pixels are not`);
        if (!opaque) problems.push(`${name}: the outline icon is empty`);
        if (opaque === image.width * image.height) problems.push(`${name}: the outline icon needs a transparent background`);
      } else {
        for (let i = 3; i < image.pixels.length; i += 4) {
          if (image.pixels[i] !== 255) {
            problems.push(`${name}: the colour icon must be fully opaque`);
            break;
          }
        }
      }
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // Domains: every page Teams loads must be on a valid domain.
  const domains = (manifest.validDomains ?? []) as string[];
  for (const d of domains) if (/^[a-z]+:\/\//i.test(d) || d.includes('/')) problems.push(`validDomains: "${d}" must be a host name, without scheme or path`);
  const pages = [
    ...((manifest.staticTabs ?? []) as Json[]).flatMap((t) => [t.contentUrl, t.websiteUrl]),
    ...((manifest.configurableTabs ?? []) as Json[]).map((t) => t.configurationUrl),
  ].filter((u): u is string => typeof u === 'string');
  for (const page of pages) {
    const host = new URL(page).hostname;
    if (!domains.some((d) => d === host || (d.startsWith('*.') && host.endsWith(d.slice(1))))) problems.push(`${page}: its host is not in validDomains`);
  }

  // One bot identity for the bot and the message extension.
  const botId = manifest.bots?.[0]?.botId as string | undefined;
  for (const ext of (manifest.composeExtensions ?? []) as Json[]) {
    if (ext.botId !== botId) problems.push(`composeExtensions: botId ${ext.botId} differs from the bot's ${botId}`);
  }
  for (const list of (manifest.bots?.[0]?.commandLists ?? []) as Json[]) {
    const titles = (list.commands as Json[]).map((c) => String(c.title).toLowerCase());
    if (new Set(titles).size !== titles.length) problems.push(`bots[0].commandLists (${(list.scopes as string[]).join(', ')}): a command title appears twice`);
  }

  // SSO and Nested App Auth: the token audience is on our domain and names the client id.
  const web = manifest.webApplicationInfo as Json | undefined;
  if (web) {
    const m = /^api:\/\/([^/]+)\/(.+)$/.exec(String(web.resource ?? ''));
    if (!m) problems.push(`webApplicationInfo.resource must be api://<domain>/<client id>, not "${web.resource}"`);
    else {
      if (!domains.includes(m[1]!)) problems.push(`webApplicationInfo.resource: ${m[1]} is not in validDomains`);
      if (m[2]!.toLowerCase() !== String(web.id).toLowerCase()) problems.push('webApplicationInfo.resource must end in webApplicationInfo.id');
    }
    for (const naa of (web.nestedAppAuthInfo ?? []) as Json[]) {
      const broker = /^brk-multihub:\/\/([^/]+)$/.exec(String(naa.redirectUri));
      if (!broker || !domains.includes(broker[1]!)) problems.push(`nestedAppAuthInfo.redirectUri must be brk-multihub://<a valid domain>, not "${naa.redirectUri}"`);
    }
  }
  const ids = ((manifest.staticTabs ?? []) as Json[]).map((t) => t.entityId);
  if (new Set(ids).size !== ids.length) problems.push('staticTabs: entityId appears twice');
  return problems;
}

export interface BuiltPackage {
  zipPath: string;
  manifest: Json;
  files: Record<string, Buffer>;
  values: PackageValues;
  schemaVersion: string;
}

export async function buildPackage(options: { env?: NodeJS.ProcessEnv; outDir?: string; manifestDir?: string } = {}): Promise<BuiltPackage> {
  const env = options.env ?? process.env;
  const dir = options.manifestDir ?? MANIFEST_DIR;
  const outDir = options.outDir ?? OUT_DIR;
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const values = valuesFromEnv(env, version);

  const manifestText = fillTemplate(readFileSync(path.join(dir, 'manifest.template.json'), 'utf8'), values);
  const manifest = JSON.parse(manifestText) as Json;
  const files: Record<string, Buffer> = {};
  for (const lang of (manifest.localizationInfo?.additionalLanguages ?? []) as { file: string }[]) {
    const template = path.join(dir, lang.file.replace(/\.json$/, '.template.json'));
    if (existsSync(template)) files[lang.file] = Buffer.from(`${JSON.stringify(JSON.parse(fillTemplate(readFileSync(template, 'utf8'), values)), null, 2)}\n`);
  }
  // Designer-made icons win over the drawn ones when they are placed next to the template.
  files['color.png'] = existsSync(path.join(dir, 'color.png')) ? readFileSync(path.join(dir, 'color.png')) : colorIcon();
  files['outline.png'] = existsSync(path.join(dir, 'outline.png')) ? readFileSync(path.join(dir, 'outline.png')) : outlineIcon();
  files['manifest.json'] = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);

  const problems = await validatePackage(manifest, files);
  if (problems.length) throw new PackageError(problems, `The manifest does not validate against schema v${manifest.manifestVersion}`);

  mkdirSync(outDir, { recursive: true });
  const order = ['manifest.json', ...Object.keys(files).filter((f) => f !== 'manifest.json').sort()];
  for (const name of order) writeFileSync(path.join(outDir, name), files[name]!);
  const zipPath = path.join(outDir, PACKAGE_NAME);
  writeFileSync(zipPath, zip(order.map((name) => ({ name, data: files[name]! }))));
  return { zipPath, manifest, files, values, schemaVersion: String(manifest.manifestVersion) };
}

async function main(argv: string[]): Promise<void> {
  try {
    const at = argv.indexOf('--out');
    if (argv.some((a, i) => a !== '--out' && argv[i - 1] !== '--out') || (at >= 0 && !argv[at + 1])) {
      throw new Error('Usage: npm run package [-- --out <folder>]   (default dist/appPackage; settings from the environment, see docs/admin-guide.md)');
    }
    const built = await buildPackage(at >= 0 ? { outDir: path.resolve(argv[at + 1]!) } : {});
    const rel = path.relative(process.cwd(), built.zipPath) || built.zipPath;
    const { values } = built;
    console.log(
      [
        `Teams app package: ${rel}`,
        `  manifest v${built.schemaVersion}, validated offline against the schema bundled in @microsoft/app-manifest: 0 errors`,
        `  app ${values.TEAMS_APP_ID} version ${values.APP_VERSION}`,
        `  bot ${values.BOT_ID}   tab app ${values.TAB_CLIENT_ID}   host ${values.PUBLIC_HOST}`,
        `  files: ${Object.keys(built.files).sort().join(', ')}`,
        '  Upload it in Teams admin center › Manage apps › Upload new app (docs/admin-guide.md).',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main(process.argv.slice(2));
