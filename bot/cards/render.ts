/**
 * Expands an Adaptive Card template (one JSON file per card in bot/cards/templates) on the server.
 *
 * Card data has two parts, so that escaping is explicit:
 *   - `t`: text Teams renders as markdown — TextBlock text, FactSet titles and values. Every string
 *     is markdown-escaped here;
 *   - `v`: everything Teams shows as plain text or does not show — button titles, input labels,
 *     placeholders and values, choice titles, Action.Execute data. Never escaped (it would show
 *     the backslashes).
 * Templates refer to `${t.title}` or `${v.title}` and nothing else.
 */
import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

export interface CardData {
  t: Record<string, unknown>;
  v?: Record<string, unknown>;
}

/** Teams' hard limit is about 100 kB; we keep every card under 40 kB (PLATFORM.md). */
export const MAX_CARD_BYTES = 40_000;

import { escapeAll } from './escape';

export function renderTemplate(template: object, data: CardData): AdaptiveCard {
  const card = new ACData.Template(template).expand({ $root: { t: escapeAll(data.t), v: data.v ?? {} } }) as AdaptiveCard;
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > MAX_CARD_BYTES) throw new Error(`Card is ${size} bytes; keep cards under ${MAX_CARD_BYTES}`);
  return card;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export function cardAttachment(card: AdaptiveCard) {
  return { contentType: ADAPTIVE_CARD, content: card };
}
