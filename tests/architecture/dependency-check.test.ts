/**
 * The dependency check CI runs: `npm run lint:deps` (dependency-cruiser with .dependency-cruiser.cjs,
 * run by `npm test` before the suite). It passes on the real tree, and on a copy of the tree with a
 * planted import cycle, or with imports across the layers of ARCHITECTURE.md, it fails and names the
 * rule and the modules. The copy lives in a temporary folder, so tests running beside this one never
 * see the planted files.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
/** The folders ARCHITECTURE.md names: the check covers all of them. */
const FOLDERS = ['core', 'bot', 'tab', 'teams-app', 'manifest', 'tests'];
const copies: string[] = [];

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  output: string;
}

/** `npm run lint:deps` exactly as `npm test` runs it, in `cwd`. */
function lintDeps(cwd: string): Run {
  const run = spawnSync('npm', ['run', '--silent', 'lint:deps'], { cwd, env: process.env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A copy of the tree (sources, config, package.json; node_modules linked) with files added or extended. */
function plantedCopy(files: { write?: Record<string, string>; append?: Record<string, string> }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lis-depcheck-'));
  copies.push(dir);
  for (const folder of FOLDERS) {
    cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true, filter: (src) => !/[/\\](node_modules|dist|screenshots)$/.test(src) });
  }
  for (const file of ['package.json', 'tsconfig.json', '.dependency-cruiser.cjs']) cpSync(path.join(root, file), path.join(dir, file));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(files.write ?? {})) {
    expect(existsSync(path.join(dir, file)), `${file} is new`).toBe(false);
    writeFileSync(path.join(dir, file), text);
  }
  for (const [file, text] of Object.entries(files.append ?? {})) {
    expect(existsSync(path.join(dir, file)), `${file} exists`).toBe(true);
    appendFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The violations in the check's output: `error <rule>: <from> → <to> [→ …]` (a cycle spans lines). */
function violations(output: string): { rule: string; path: string[] }[] {
  const found: { rule: string; path: string[] }[] = [];
  for (const block of output.split(/\n(?=\s*error )/)) {
    const m = /^\s*error ([\w-]+): ([\s\S]*)$/.exec(block);
    if (!m) continue;
    const modules = m[2]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.endsWith('→') || /^\S+( → \S+)?$/.test(l))
      .flatMap((l) => l.split('→').map((s) => s.trim()).filter(Boolean));
    found.push({ rule: m[1]!, path: modules });
  }
  return found;
}

describe('the dependency check (npm run lint:deps)', () => {
  it('covers every top-level folder and runs before the suite in npm test', () => {
    const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const args = scripts['lint:deps']!.split(/\s+/);
    expect(args[0]).toBe('depcruise');
    for (const folder of FOLDERS) expect(args, `lint:deps checks ${folder}/`).toContain(folder);
    expect(scripts.test).toMatch(/npm run lint:deps.*&& vitest run$/);
  });

  it('passes on the real tree', () => {
    const run = lintDeps(root);
    expect(run.output).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  }, 180_000);

  it('core/app holds one folder per capability, each with an index.ts, and no module of its own', () => {
    const entries = readdirSync(path.join(root, 'core/app'));
    expect(entries.length).toBeGreaterThan(8);
    for (const name of entries) {
      expect(statSync(path.join(root, 'core/app', name)).isDirectory(), `core/app/${name} is a folder`).toBe(true);
      expect(existsSync(path.join(root, 'core/app', name, 'index.ts')), `core/app/${name}/index.ts`).toBe(true);
    }
  });

  it('fails on a planted import cycle and names the modules in it', () => {
    // access/tasks.ts and access/leavers.ts once imported each other; put such a cycle back.
    const dir = plantedCopy({ append: { 'core/app/access/leaver-card.ts': "\nimport { takeAccessTask } from './tasks';\nexport const planted = takeAccessTask;\n" } });
    const run = lintDeps(dir);
    expect(run.status).not.toBe(0);
    const cycles = violations(run.output).filter((v) => v.rule === 'no-circular');
    expect(cycles.length, run.output).toBeGreaterThan(0);
    expect(cycles[0]!.path).toEqual(expect.arrayContaining(['core/app/access/leaver-card.ts', 'core/app/access/tasks.ts']));
    expect(run.output).toMatch(/error no-circular: core\/app\/access\/(leaver-card|tasks)\.ts →/);
  }, 180_000);

  it('fails on imports across the layers, naming the rule, the importer and what it imports', () => {
    const dir = plantedCopy({
      append: { 'core/domain/choices.ts': "\nimport { z } from 'zod';\nexport const planted = z.string();\n" },
      write: {
        'core/domain/planted.ts': "import type { Deps } from '../app/platform';\nexport type Planted = Deps;\n",
        'core/ports/planted.ts': "import { SYSTEM_ACTOR } from '../domain';\nexport const planted = SYSTEM_ACTOR;\n",
        'core/app/incidents/planted.ts':
          "import { readFileSync } from 'node:fs';\nimport { TurnContext } from 'botbuilder';\nimport { takeAccessTask } from '../access/tasks';\nexport const planted = [readFileSync, TurnContext, takeAccessTask];\n",
        'core/app/index.ts': "export * from './access';\n",
        'core/api/planted.ts': "import type { Deps } from '../app/platform';\nexport type Planted = Deps;\n",
        'tab/features/planted-shapes.ts': "import { AssetRow } from '../../core/api';\nexport const planted = AssetRow;\n",
        'tab/features/planted.ts': "import path from 'node:path';\nimport express from 'express';\nimport { loadActor } from '../../core/app/people';\nexport const planted = [path, express, loadActor];\n",
        'bot/planted.ts':
          "import { leaverView } from '../core/app/access/leaver-card';\nimport { startBotHarness } from '../tests/support/bot-harness';\nimport { App } from '../tab/app/App';\nimport { takeAccessTask } from '../core/app';\nexport const planted = [leaverView, startBotHarness, App, takeAccessTask];\n",
      },
    });
    const run = lintDeps(dir);
    expect(run.status).not.toBe(0);
    const found = violations(run.output);
    const expected: [rule: string, from: string, to: RegExp][] = [
      ['domain-imports-only-domain', 'core/domain/planted.ts', /^core\/app\/platform\/index\.ts$/],
      ['ports-import-domain-types-only', 'core/ports/planted.ts', /^core\/domain\/index\.ts$/],
      ['app-imports-only-core', 'core/app/incidents/planted.ts', /^(node:)?fs$/],
      ['app-imports-only-core', 'core/app/incidents/planted.ts', /node_modules\/botbuilder\//],
      ['app-capability-through-index', 'core/app/incidents/planted.ts', /^core\/app\/access\/tasks\.ts$/],
      ['tab-no-node', 'tab/features/planted.ts', /^(node:)?path$/],
      ['tab-no-server-packages', 'tab/features/planted.ts', /node_modules\/express\//],
      ['tab-only-core-types-and-i18n', 'tab/features/planted.ts', /^core\/app\/people\/index\.ts$/],
      ['outside-app-through-index', 'bot/planted.ts', /^core\/app\/access\/leaver-card\.ts$/],
      ['no-tests-from-product', 'bot/planted.ts', /^tests\/support\/bot-harness\.ts$/],
      ['bot-not-to-tab', 'bot/planted.ts', /^tab\/app\/App\.tsx$/],
      ['app-no-root-modules', 'bot/planted.ts', /^core\/app\/index\.ts$/],
      ['api-imports-only-domain-and-i18n', 'core/api/planted.ts', /^core\/app\/platform\/index\.ts$/],
      ['tab-api-as-types', 'tab/features/planted-shapes.ts', /^core\/api\/index\.ts$/],
      ['choices-import-nothing', 'core/domain/choices.ts', /node_modules\/zod\//],
    ];
    for (const [rule, from, to] of expected) {
      const hit = found.find((v) => v.rule === rule && v.path[0] === from && to.test(v.path[1] ?? ''));
      expect(hit, `${rule}: ${from} → ${to}\n${run.output}`).toBeDefined();
    }
    // Each violation is explained in words, not only by the rule's name.
    expect(run.output).toContain('tab/ runs in the browser');
  }, 180_000);
});
