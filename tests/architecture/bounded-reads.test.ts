/**
 * No request reads a whole list (docs/queries.md). The RecordStore port has no "read everything"
 * (`queryAll`); the SharePoint adapter keeps one for tests and maintenance scripts, and nothing the
 * app runs — use cases, the bot, the tab API, the scheduler — may call it. Reads go through
 * `query`/`queryMany` with bounded first conditions (core/app/platform/reads.ts), and the must-show
 * test (tests/scale/threshold-site.test.ts) runs every view and job against a low threshold.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

describe('bounded reads', () => {
  it('the RecordStore port offers no unbounded read', () => {
    const port = readFileSync(path.join(root, 'core/ports/record-store.ts'), 'utf8');
    expect(port).not.toMatch(/\bqueryAll\b|\bscan\w*\(|AsyncIterable/);
  });

  it('nothing the app runs calls the adapter’s queryAll', () => {
    const offenders = [...sources('core'), ...sources('bot'), ...sources('teams-app')]
      .filter((f) => f !== path.join('core', 'adapters', 'sharepoint', 'store.ts'))
      .filter((f) => /\.queryAll\s*\(|\bqueryAll\s*</.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the use cases reach the store only through the port', () => {
    const offenders = [...sources('core/app'), ...sources('bot')].filter((f) => /from ['"][./]*core\/adapters\/sharepoint/.test(readFileSync(path.join(root, f), 'utf8')) || (f.startsWith('core') && /from ['"]\.\.\/\.\.\/adapters/.test(readFileSync(path.join(root, f), 'utf8'))));
    // bot/main.ts builds the adapter for Microsoft 365 mode; nothing else may.
    expect(offenders.filter((f) => f !== path.join('bot', 'main.ts'))).toEqual([]);
  });
});
