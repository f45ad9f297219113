/**
 * Checks the home and search browser tests make on every page: axe (WCAG 2.1 A and AA) and
 * horizontal overflow. axe-core's source is evaluated in the page: the tab's Content Security
 * Policy rightly refuses an injected script tag.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe violation on the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } }).axe;
    // Tabster's focus sentinels (<i tabindex=0 aria-hidden data-tabster-dummy>, from Fluent's drawer
    // and focus traps) pass focus on at once; axe cannot know that (as in support.ts).
    return axe.run({ include: [document], exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  if (result.passes.length === 0) throw new Error('axe checked nothing');
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** How much wider than the screen the page is (0 when it fits). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}
