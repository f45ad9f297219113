/**
 * Message formatting without any catalogue: `{name}` placeholders and ICU-style plurals (see
 * index.ts). Kept apart from the catalogues so that the tab can format with the one language it
 * loaded (tab/app/messages.ts) without carrying both catalogues of every area in its first bundle.
 * No Node imports.
 */
export type Locale = 'sv' | 'en';
export type Params = Record<string, string | number>;

const TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Maps a BCP 47 tag from Teams (`sv-SE`, `en-GB`…) to a supported locale. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `one {…} other {…}` → the branch for `value` (exact `=n` first, then the plural category, then `other`). */
function pluralBranch(locale: Locale, branches: string, value: number): string | null {
  const found = new Map<string, string>();
  let i = 0;
  while (i < branches.length) {
    const m = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(branches.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = closing(branches, open);
    if (close < 0) break;
    found.set(m[1]!, branches.slice(open + 1, close));
    i = close + 1;
  }
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(TAGS[locale])));
  return found.get(`=${value}`) ?? found.get(rules.select(value)) ?? found.get('other') ?? null;
}

/** Fills a message template (see the module comment). Exported for tests and for texts built from parts. */
export function formatMessage(locale: Locale, template: string, params: Params = {}): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = closing(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, close);
    const plural = /^(\w+)\s*,\s*plural\s*,/.exec(inner);
    const name = plural ? plural[1]! : inner;
    if (plural && name in params && Number.isFinite(Number(params[name]))) {
      const value = Number(params[name]);
      const branch = pluralBranch(locale, inner.slice(plural[0].length), value);
      let numbers = numberFormats.get(locale);
      if (!numbers) numberFormats.set(locale, (numbers = new Intl.NumberFormat(TAGS[locale])));
      out += branch === null ? String(value) : formatMessage(locale, branch.replace(/#/g, numbers.format(value)), params);
    } else if (!plural && /^\w+$/.test(name) && name in params) {
      out += String(params[name]);
    } else {
      out += template.slice(open, close + 1);
    }
    i = close + 1;
  }
  return out;
}
