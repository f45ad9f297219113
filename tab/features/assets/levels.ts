/** KLASSA in the tab: the aspects in order, the level names, and a proposed next review. */
import type { MessageKey } from '../../../core/i18n';
import type { AssetLevels } from '../../../core/api';

export const ASPECTS = ['confidentiality', 'integrity', 'availability', 'traceability'] as const satisfies readonly (keyof AssetLevels)[];
export type Aspect = (typeof ASPECTS)[number];
export const LEVELS = [0, 1, 2, 3, 4] as const;

export const levelName = (level: number): MessageKey => `tab.level.${level as 0 | 1 | 2 | 3 | 4}`;

/** The yearly review rule lives once, in core/domain. */
export { nextYearlyReview } from '../../../core/domain/classification';

/** Today's date in Stockholm (YYYY-MM-DD). */
export function stockholmToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
