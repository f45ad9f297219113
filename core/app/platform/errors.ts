/**
 * A use case's "no": not allowed, not possible in this state, or not valid. Both doors show it in
 * the person's language — the bot as a card, the tab API as 403/409/400 — and nothing was written.
 */
import type { MessageKey } from '../../i18n';

export type RefusalReason = 'forbidden' | 'state' | 'invalid' | 'not_found';

export class Refused extends Error {
  override readonly name = 'Refused';
  constructor(
    readonly reason: RefusalReason,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${reason}: ${messageKey}`);
  }
}

export const forbidden = (key: MessageKey, params?: Record<string, string | number>) => new Refused('forbidden', key, params);
export const wrongState = (key: MessageKey, params?: Record<string, string | number>) => new Refused('state', key, params);
export const invalid = (key: MessageKey, params?: Record<string, string | number>) => new Refused('invalid', key, params);
