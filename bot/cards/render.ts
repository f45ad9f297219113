/**
 * Expands an Adaptive Card template (one JSON file per card in bot/cards/templates) on the server.
 *
 * Card data has two parts, so that escaping is explicit:
 *   - `t`: text Teams renders as markdown — TextBlock text, FactSet titles and values. Every string
 *     is markdown-escaped here, and shortened with "…" past MAX_TEXT_CHARS;
 *   - `v`: everything Teams shows as plain text or does not show — button titles, input labels,
 *     placeholders and values, choice titles, Action.Execute data. Never escaped (it would show
 *     the backslashes) nor shortened (an input keeps what the person typed).
 * Both are made well-formed Unicode without control characters or bidirectional overrides.
 * Templates refer to `${t.title}` or `${v.title}` and nothing else.
 *
 * Cards are built to fit (issue 17.2): a card whose JSON is over MAX_CARD_BYTES is replaced by a
 * short version that says what it is (its heading) and links to the record, so that nothing a
 * person typed can make a notification undeliverable or a form fail.
 */
import * as ACData from 'adaptivecards-templating';
import { t as tr, type Locale } from '../../core/i18n';
import { escapeAll, plainText } from './escape';
import shortTemplate from './templates/card-short.json';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export interface CardData {
  t: Record<string, unknown>;
  v?: Record<string, unknown>;
}

/**
 * The most a card's JSON may weigh, in UTF-8 bytes. Microsoft documents about 28 KB for a Teams
 * message ("Limits and specifications for Microsoft Teams", learn.microsoft.com/microsoftteams/
 * limits-specifications-teams: "28 KB is an approximate limit because it includes the message
 * itself (text, image links, etc.), @-mentions, …"), while the bot documentation allows 100 KB
 * counted in UTF-16 and recommends staying within 80 KB ("Format your bot messages",
 * learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages; over the limit
 * the bot gets 413 MessageSizeTooBig). 28 000 UTF-8 bytes are at most 56 000 UTF-16 bytes, so a
 * card under this limit is under both.
 */
export const MAX_CARD_BYTES = 28_000;

/** A markdown text longer than this (in characters) is shortened with "…". */
export const MAX_TEXT_CHARS = 1_000;

export class CardTooLargeError extends Error {
  override readonly name = 'CardTooLargeError';
  constructor(readonly bytes: number) {
    super(`Card is ${bytes} bytes; cards must stay under ${MAX_CARD_BYTES}`);
  }
}

/** Where the whole record can be seen: a link (the tab's deep link) and/or a card action that opens it. */
export interface RecordRef {
  url?: string | null;
  /** An Action.Execute that shows the record's card (e.g. `incident.open` with its id). */
  open?: { verb: string; id: string };
}

export interface RenderOptions {
  /** The language of the added link and of the short version (default Swedish). */
  locale?: Locale;
  /** The record the card shows: linked when text was shortened, and from the short version. */
  record?: RecordRef;
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card));
}

/** Shortens `text` to `max` characters with "…", never splitting a surrogate pair. */
export function shorten(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return { text: `${text.slice(0, end).trimEnd()}…`, cut: true };
}

function prepare(value: unknown, markdown: boolean, onCut: () => void): unknown {
  if (typeof value === 'string') {
    const clean = plainText(value);
    if (!markdown) return clean;
    const s = shorten(clean, MAX_TEXT_CHARS);
    if (s.cut) onCut();
    return s.text;
  }
  if (Array.isArray(value)) return value.map((v) => prepare(v, markdown, onCut));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prepare(v, markdown, onCut)]));
  return value;
}

/**
 * Compiled templates, one per template object (ADR 023). `new ACData.Template(json)` parses every
 * `${…}` with the adaptive-expressions parser — most of a render's CPU — while `expand` only
 * evaluates the parsed expressions and builds a new card: it neither mutates the compiled template
 * nor keeps anything of the data it was given, so one compiled template serves every render. The
 * template JSON is frozen when compiled, so that a change to it after its first render (which the
 * cache would not see) throws instead of going unnoticed.
 */
const compiled = new WeakMap<object, ACData.Template>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The compiled form of a template (parsed once, then kept for as long as the template object lives). */
export function compiledTemplate(template: object): ACData.Template {
  let c = compiled.get(template);
  if (!c) {
    c = new ACData.Template(deepFreeze(template));
    compiled.set(template, c);
  }
  return c;
}

export function renderTemplate(template: object, data: CardData, options: RenderOptions = {}): AdaptiveCard {
  let cut = false;
  const t = escapeAll(prepare(data.t, true, () => (cut = true)) as Record<string, unknown>);
  const v = prepare(data.v ?? {}, false, () => undefined);
  const card = compiledTemplate(template).expand({ $root: { t, v } }) as AdaptiveCard;
  fillEmptyChoiceTitles(card);
  const locale = options.locale ?? 'sv';
  const url = safeUrl(options.record?.url);
  if (cut && url) {
    const actions = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
    card.actions = [...actions, { type: 'Action.OpenUrl', title: tr(locale, 'card.openRecord'), url }];
  }
  const bytes = cardBytes(card);
  if (bytes <= MAX_CARD_BYTES) return card;
  const short = shortCard(locale, headingOf(card), options.record);
  if (cardBytes(short) <= MAX_CARD_BYTES) return short;
  throw new CardTooLargeError(bytes);
}

/**
 * The short version of a card that would not fit: its heading (already escaped, shortened), a
 * sentence saying the content is too large for a card, and the way to the record.
 */
export function shortCard(locale: Locale, heading: string, record?: RecordRef): AdaptiveCard {
  const title = shorten(heading || tr(locale, 'app.name'), 200).text;
  const card = compiledTemplate(shortTemplate).expand({
    $root: {
      t: { title, text: escapeAll(tr(locale, 'card.tooLarge.text')) },
      v: { url: safeUrl(record?.url) ?? '', verb: record?.open?.verb ?? '', id: record?.open?.id ?? '', openLabel: tr(locale, 'card.openRecord') },
    },
  }) as AdaptiveCard;
  return card;
}

/**
 * A choice whose title came out empty (a name of nothing but control characters, say) would make the
 * whole card invalid: it shows its value instead, or a dash.
 */
function fillEmptyChoiceTitles(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(fillEmptyChoiceTitles);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'Input.ChoiceSet' && Array.isArray(o.choices)) {
    for (const c of o.choices as { title?: unknown; value?: unknown }[]) {
      if (typeof c.title !== 'string' || !c.title.trim()) c.title = typeof c.value === 'string' && c.value.trim() ? c.value : '–';
    }
  }
  Object.values(o).forEach(fillEmptyChoiceTitles);
}

/** True for the short version of a card that did not fit. */
export function isShortCard(card: AdaptiveCard): boolean {
  return (card.body as { id?: string }[] | undefined)?.[0]?.id === 'lis-card-short';
}

/** The text of the card's first TextBlock (its heading), as sent (markdown-escaped). */
export function headingOf(card: unknown): string {
  let found = '';
  const walk = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text.trim()) {
      found = o.text;
      return;
    }
    for (const key of ['body', 'items', 'columns']) if (key in o) walk(o[key]);
  };
  walk((card as { body?: unknown }).body);
  return found;
}

/** Plain text of a card's heading (markdown escapes and link breakers removed), for summaries. */
export function plainHeading(card: unknown): string {
  return headingOf(card)
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u200B/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Only https links (and http on loopback, local mode) go into cards. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))) return u.toString();
  } catch {
    return null;
  }
  return null;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export function cardAttachment(card: AdaptiveCard) {
  return { contentType: ADAPTIVE_CARD, content: card };
}
