/**
 * The dependency rules of ARCHITECTURE.md, checked on the source: core/domain and core/app import
 * nothing but zod and each other (and the ports/i18n they define), tab/ imports no Node-only module.
 * A plain reading of the imports, beside dependency-cruiser's check of these rules and more
 * (`npm run lint:deps`, dependency-check.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const abs = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function resolvesInto(file: string, spec: string, allowed: string[]): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec));
  return allowed.some((dir) => target === dir || target.startsWith(`${dir}${path.sep}`));
}

describe('dependency rules', () => {
  it('finds the sources it checks', () => {
    expect(sources('core/domain').length).toBeGreaterThan(5);
  });

  it('core/domain imports only zod and core/domain', () => {
    for (const file of sources('core/domain')) {
      for (const spec of imports(file)) {
        expect(spec === 'zod' || resolvesInto(file, spec, ['core/domain']), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('core/app imports only zod, csv-parse, the domain, ports, i18n and the API shapes', () => {
    // csv-parse/sync: a parser with no dependencies and no I/O (docs/adr/009-libraries-for-formats.md).
    const libraries = ['zod', 'csv-parse/sync'];
    for (const file of sources('core/app')) {
      for (const spec of imports(file)) {
        expect(libraries.includes(spec) || resolvesInto(file, spec, ['core/domain', 'core/app', 'core/ports', 'core/i18n', 'core/api']), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('core/api imports only zod, the domain and i18n', () => {
    expect(sources('core/api').length).toBeGreaterThan(5);
    for (const file of sources('core/api')) {
      for (const spec of imports(file)) {
        expect(spec === 'zod' || resolvesInto(file, spec, ['core/domain', 'core/i18n', 'core/api']), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('core/ports and core/i18n import no SDK', () => {
    for (const file of [...sources('core/ports'), ...sources('core/i18n')]) {
      for (const spec of imports(file)) {
        expect(spec === 'zod' || resolvesInto(file, spec, ['core/domain', 'core/ports', 'core/i18n']), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('tab/ imports no Node-only module and only core types, i18n and API shapes', () => {
    const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const serverOnly = ['botbuilder', 'better-sqlite3', 'express', '@microsoft/microsoft-graph-client', 'pino'];
    for (const file of sources('tab')) {
      for (const spec of imports(file)) {
        expect(node.has(spec) || serverOnly.some((s) => spec === s || spec.startsWith(`${s}/`)), `${file} imports ${spec}`).toBe(false);
        if (spec.startsWith('.') && !resolvesInto(file, spec, ['tab'])) {
          expect(resolvesInto(file, spec, ['core/domain', 'core/i18n', 'core/api']), `${file} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it('tab/ imports the shapes of core/api as types only (zod stays out of its bundle)', () => {
    let typeImports = 0;
    for (const file of sources('tab')) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        if (!resolvesInto(file, m[2]!, ['core/api']) || /\/core\/api\/choices$/.test(m[2]!)) continue;
        expect(m[1], `${file} imports ${m[2]} with \`import type\``).toBeDefined();
        typeImports++;
      }
    }
    expect(typeImports).toBeGreaterThan(20);
  });
});
