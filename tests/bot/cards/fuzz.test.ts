/**
 * Issue 17.2: the card builders fuzzed with hostile text — quotes, backslashes, markdown and link
 * syntax, HTML, Teams mentions, right-to-left overrides, zero-width characters, emoji sequences,
 * lone surrogates, control characters, template syntax and 100 kB strings — in every field a person
 * can write (tests/bot/cards/catalogue.ts). Property-style with a fixed seed and a bounded number
 * of cases; every result must be a valid Adaptive Card under Teams' limit with the text escaped.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES } from '../../../bot/cards/render';
import { adaptiveCardProblems, CATALOGUE, type UserText } from './catalogue';

/** mulberry32: a small, fast PRNG with a fixed seed, so every run tests the same cases. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PIECES = [
  '"', '""""""""', '\\', '\\"', "'", '**fet**', '_kursiv_', '~~x~~', '`kod`', '```\nblock\n```', '# Rubrik', '- punkt', '1. ett', '> citat', '| a | b |',
  '[klicka här](https://evil.example/x)', '![bild](https://evil.example/i.png)', '<https://evil.example>', 'https://evil.example/?a=1&b=2', 'www.evil.example', 'javascript:alert(1)',
  '<script>alert(1)</script>', '<b>fet</b>', '<at>Henrik</at>', '&amp;', '&lt;', '&#x27;', '</p>', '<!--',
  '\u202Egnp.exe', '\u202D', '\u2066', '\u2069', '\u200E', '\u200F', '\u200B', '\u200C', '\u200D', '\uFEFF', '\u00AD',
  '👩‍👩‍👧‍👦', '🇸🇪', '👍🏽', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u0000', '\u0007', '\u001B[31m', '\u007F', '\u0085', '\r\n', '\n\n\n', '\t',
  '${t.title}', '${$root.v.draft}', '{{name}}', '%s%n', '{0}', 'ÅÄÖ åäö', 'مرحبا بالعالم', 'שלום', '漢字かなカナ', 'ﷺ', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǵ̰̟o̗͚͑',
];

function hostile(rand: () => number): string {
  if (rand() < 0.04) return PIECES[Math.floor(rand() * PIECES.length)]!.repeat(Math.ceil(100_000 / 8)).slice(0, 100_000); // a 100 kB string
  const n = 1 + Math.floor(rand() * 12);
  return Array.from({ length: n }, () => PIECES[Math.floor(rand() * PIECES.length)]!).join(rand() < 0.5 ? ' ' : '');
}

/** Strings Teams renders as markdown: TextBlock texts and FactSet titles and values. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** Every string in the card, wherever it is. */
function allStrings(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (typeof n === 'string') out.push(n);
    else if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

const SPECIAL = new Set('\\`*_{}[]()#+-.!|<>~&"\''.split(''));

/** The first markdown character that is not backslash-escaped, or a web address Teams would link. */
function unescaped(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++; // the escaped character
      continue;
    }
    if (SPECIAL.has(c)) return `"${c}" at ${i} in ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`;
  }
  // A scheme or `www.` without the zero-width space that stops Teams' automatic links.
  if (/[a-z]:\/\//i.test(text) || /www\\\./i.test(text)) return `a link in ${JSON.stringify(text.slice(0, 80))}`;
  return null;
}

const FORBIDDEN = /[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('card builders fuzzed with hostile text', () => {
  const ROUNDS = 6;
  it(`${CATALOGUE.length} cards × ${ROUNDS} rounds × 2 languages: valid, escaped, under the limit`, { timeout: 120_000 }, () => {
    const rand = prng(20261206);
    const failures: string[] = [];
    let cases = 0;
    let shortened = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const entry of CATALOGUE) {
        for (const locale of ['sv', 'en'] as const) {
          const u: UserText = () => hostile(rand);
          let card: Record<string, unknown>;
          try {
            card = entry.build(locale, u);
          } catch (error) {
            failures.push(`${entry.name} (${locale}, round ${round}): threw ${(error as Error).message.slice(0, 200)}`);
            continue;
          }
          cases++;
          const json = JSON.stringify(card);
          const bytes = Buffer.byteLength(json);
          if (bytes > MAX_CARD_BYTES) failures.push(`${entry.name}: ${bytes} bytes`);
          if (json.includes('"lis-card-short"')) shortened++;
          for (const p of adaptiveCardProblems(card)) failures.push(`${entry.name} (${locale}): ${p}`);
          for (const text of markdownTexts(card)) {
            const bad = unescaped(text);
            if (bad) failures.push(`${entry.name} (${locale}): unescaped ${bad}`);
          }
          for (const s of allStrings(card)) if (FORBIDDEN.test(s)) failures.push(`${entry.name} (${locale}): control, bidi override or lone surrogate in ${JSON.stringify(s.slice(0, 60))}`);
          for (const url of json.match(/"url":"[^"]*"/g) ?? []) if (!/^"url":"https:\/\/lis\.example\.org\//.test(url)) failures.push(`${entry.name}: link ${url.slice(0, 80)}`);
        }
      }
    }
    expect(failures.slice(0, 30)).toEqual([]);
    expect(cases).toBe(CATALOGUE.length * ROUNDS * 2);
    // The 100 kB strings must have pushed some cards to their short version, and not all.
    expect(shortened).toBeGreaterThan(0);
    expect(shortened).toBeLessThan(cases / 2);
  });
});
