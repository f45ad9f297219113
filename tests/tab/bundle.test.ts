/**
 * The production build of the tab carries no zod and none of core/api's schemas: the tab imports
 * the API shapes as types, its choices from zod-free files (core/domain/choices.ts,
 * core/api/choices.ts), and loads the schemas only in development (tab/api/dev-check.ts), in a
 * branch the production build drops. Built here into a temporary folder, as `npm run build:tab`
 * builds it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = mkdtempSync(path.join(os.tmpdir(), 'lis-tab-bundle-'));
let chunks: { name: string; text: string }[] = [];
let indexHtml = '';

beforeAll(() => {
  const run = spawnSync('npx', ['vite', 'build', '--config', 'tab/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  indexHtml = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const dir = path.join(outDir, 'assets');
  chunks = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}, 300_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the production bundle of the tab', () => {
  it('is built', () => {
    expect(chunks.length).toBeGreaterThan(10);
  });

  it('contains no zod', () => {
    // zod's own identifiers, which survive minification as strings.
    const withZod = chunks.filter((c) => /ZodError|\$ZodType|_zod/.test(c.text)).map((c) => c.name);
    expect(withZod).toEqual([]);
  });

  it('contains neither the schemas of core/api nor the check of answers made in development', () => {
    const found = chunks.filter((c) => /differs from its shape in core\/api|not a message key of core\/i18n|Unrecognized key/.test(c.text)).map((c) => c.name);
    expect(found).toEqual([]);
  });

  it('carries the messages of each language in a chunk of its own, loaded on demand, and none elsewhere', () => {
    const withSv = chunks.filter((c) => c.text.includes('Informationstillgångar')).map((c) => c.name);
    const withEn = chunks.filter((c) => c.text.includes('Information assets')).map((c) => c.name);
    expect(withSv).toHaveLength(1);
    expect(withSv[0]).toMatch(/^_lis-messages_sv-/);
    expect(withEn).toHaveLength(1);
    expect(withEn[0]).toMatch(/^_lis-messages_en-/);
    // Not preloaded by index.html: main.tsx imports the one the person needs.
    expect(indexHtml).not.toContain('_lis-messages_');
  });
});
