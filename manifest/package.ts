/**
 * `npm run package`: the Teams app package, `dist/appPackage/lis-for-teams.zip`.
 *
 *   1. fills the placeholders `${{NAME}}` in manifest.template.json and en-US.template.json from
 *      the environment (settings.ts), refusing with a list of what is missing or malformed;
 *   2. renders the icons from color.svg and outline.svg (icons.ts), unless a designer's color.png /
 *      outline.png is placed in this folder;
 *   3. validates offline against the Teams schemas bundled in @microsoft/app-manifest, plus the
 *      rules Teams applies on upload that a schema cannot express (validate.ts);
 *   4. writes the files and the zip (fflate; fixed timestamps, so the same input gives the same bytes).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { colorIcon, outlineIcon } from './icons';
import { fillTemplate, PackageError, valuesFromEnv, type PackageValues } from './settings';
import { validatePackage, type Json } from './validate';

export const MANIFEST_DIR = import.meta.dirname;
export const ROOT = path.resolve(MANIFEST_DIR, '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'appPackage');
export const PACKAGE_NAME = 'lis-for-teams.zip';

/**
 * Every entry's timestamp: 2026-01-01 00:00. fflate writes the MS-DOS date from a Date's local
 * fields, so the Date is made from local fields too — the same bytes in every time zone.
 */
const ZIP_TIME = new Date(2026, 0, 1, 0, 0, 0);

/** The zip Teams reads: the files at its root, deflated, in the given order. */
export function zipPackage(entries: [name: string, data: Uint8Array][]): Buffer {
  const files: Record<string, [Uint8Array, { level: 9; mtime: Date }]> = {};
  for (const [name, data] of entries) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`zip: "${name}" is not a plain file name`);
    if (name in files) throw new Error(`zip: "${name}" twice`);
    files[name] = [data, { level: 9, mtime: ZIP_TIME }];
  }
  return Buffer.from(zipSync(files));
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
  // A designer's PNGs win over the rendered SVGs when they are placed next to the template.
  files['color.png'] = existsSync(path.join(dir, 'color.png')) ? readFileSync(path.join(dir, 'color.png')) : colorIcon(existsSync(path.join(dir, 'color.svg')) ? dir : undefined);
  files['outline.png'] = existsSync(path.join(dir, 'outline.png')) ? readFileSync(path.join(dir, 'outline.png')) : outlineIcon(existsSync(path.join(dir, 'outline.svg')) ? dir : undefined);
  files['manifest.json'] = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);

  const problems = await validatePackage(manifest, files);
  if (problems.length) throw new PackageError(problems, `The manifest does not validate against schema v${manifest.manifestVersion}`);

  mkdirSync(outDir, { recursive: true });
  const order = ['manifest.json', ...Object.keys(files).filter((f) => f !== 'manifest.json').sort()];
  for (const name of order) writeFileSync(path.join(outDir, name), files[name]!);
  const zipPath = path.join(outDir, PACKAGE_NAME);
  writeFileSync(zipPath, zipPackage(order.map((name) => [name, files[name]!])));
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
