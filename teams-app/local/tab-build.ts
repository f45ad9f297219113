/**
 * `npm start` builds the tab only when its sources changed: a SHA-256 over the files the bundle is
 * made from (tab/, core/api, core/domain, core/i18n, the build configuration and the lockfile) is
 * kept beside the build in `dist/tab.sources`; the same hash and a built index.html mean the build
 * in place is this build. `npm run build:tab` always builds (and writes the hash too).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['tab', 'core/api', 'core/domain', 'core/i18n'];
const CONFIG = ['tab/vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function files(root: string, dir: string, out: string[]): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return out;
  for (const name of readdirSync(abs).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) files(root, rel, out);
    else out.push(rel);
  }
  return out;
}

/** The hash of everything the tab is built from, in a stable order. */
export function tabSourcesHash(root: string): string {
  const hash = createHash('sha256');
  for (const rel of [...SOURCES.flatMap((d) => files(root, d, [])), ...CONFIG]) {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) continue;
    hash.update(rel.split(path.sep).join('/')).update('\0').update(readFileSync(abs)).update('\0');
  }
  return hash.digest('hex');
}

export const hashFile = (root: string) => path.join(root, 'dist', 'tab.sources');

/** Builds the tab unless the build in place was made from the same sources. */
export async function ensureTabBuilt(root: string, options: { force?: boolean } = {}): Promise<{ rebuilt: boolean; ms: number }> {
  const started = performance.now();
  const hash = tabSourcesHash(root);
  const kept = existsSync(hashFile(root)) ? readFileSync(hashFile(root), 'utf8').trim() : null;
  if (!options.force && kept === hash && existsSync(path.join(root, 'dist', 'tab', 'index.html'))) return { rebuilt: false, ms: performance.now() - started };
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'tab', 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(hashFile(root), `${hash}\n`);
  return { rebuilt: true, ms: performance.now() - started };
}
