/**
 * KLASSA rules: level names, the level-4 (säkerhetsskydd) flag, the overall level, and when a
 * classification is due for review (yearly, and on new or changed systems).
 */
import type { InformationAsset, KlassaLevel } from './asset';
import { CLASSIFICATION_ASPECTS } from './choices';

export type ClassificationState = 'unclassified' | 'classified' | 'review_due';

export interface ClassificationSummary {
  state: ClassificationState;
  /** The highest level over the four aspects; null when unclassified. */
  maxLevel: KlassaLevel | null;
  /** Level 4 on any aspect: national security, separate analysis, no action plan in the LIS. */
  securityProtectionFlag: boolean;
}

type Classifiable = Pick<InformationAsset, 'confidentiality' | 'integrity' | 'availability' | 'traceability' | 'nextReviewAt'>;

/** `today` is a Europe/Stockholm calendar date (YYYY-MM-DD). */
export function summariseClassification(asset: Classifiable, today: string): ClassificationSummary {
  const levels = CLASSIFICATION_ASPECTS.map((a) => asset[a]);
  if (levels.some((l) => l === null)) {
    return { state: 'unclassified', maxLevel: null, securityProtectionFlag: false };
  }
  const maxLevel = Math.max(...(levels as number[])) as KlassaLevel;
  const due = asset.nextReviewAt !== null && asset.nextReviewAt <= today;
  return { state: due ? 'review_due' : 'classified', maxLevel, securityProtectionFlag: maxLevel === 4 };
}

/** Next yearly review: the same calendar day a year later (29 Feb → 28 Feb). */
export function nextYearlyReview(classifiedOn: string): string {
  const [y, m, d] = classifiedOn.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
