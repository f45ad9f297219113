/**
 * Offline validation of the app package: the filled manifest and its localization files against
 * the Teams JSON schemas bundled in @microsoft/app-manifest (the version the manifest names), then
 * the rules Teams checks on upload that a schema cannot express — icons, valid domains, one bot
 * identity, the SSO / Nested App Auth audience and redirect, localization keys that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { iconProblems } from './icons';
import { PackageError } from './settings';

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

export type Json = Record<string, any>;

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

  // Icons: present, the right size, the colour one opaque, the outline white on transparent.
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind] as string | undefined;
    const png = name ? files[name] : undefined;
    if (!png) problems.push(`icons.${kind}: ${name ?? '(none)'} is not in the package`);
    else problems.push(...iconProblems(name!, kind, png));
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
