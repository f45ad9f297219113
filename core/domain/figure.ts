/**
 * Kept figures (docs/queries.md, "Figures"): counts the overview and the management review show,
 * recomputed from a bounded query of one bucket whenever a write changes it, and healed by a
 * background pass — never counted by reading every item on a page load. One item per figure, scope
 * and period; the values' shape belongs to the figure (core/app/figures).
 *
 * Job state: what a background job must remember between runs (a delta token, the end of the last
 * window it handled). One item per job, updated with If-Match.
 */
import { z } from 'zod';
import { Line, UtcDateTime } from './common';

export const FIGURE_NAMES = ['incidents', 'access-requests', 'access-grants', 'classification', 'training'] as const;
export const FigureName = z.enum(FIGURE_NAMES);
export type FigureName = z.infer<typeof FigureName>;

export const Figure = z.object({
  name: FigureName,
  /** Whose figure: `org`, `unit:IFO`, `asset:12` (core/app/figures/scopes.ts). */
  scope: z.string().trim().min(1).max(100),
  /** `YYYY-MM` for monthly figures, `current` for a state. */
  period: z.string().max(7).regex(/^(\d{4}-(0[1-9]|1[0-2])|current)$/),
  values: z.record(z.string(), z.unknown()),
  computedAt: UtcDateTime,
  /** Items the bounded recount read: shows at a glance that a figure stays small. */
  sourceItems: z.number().int().min(0),
});
export type Figure = z.infer<typeof Figure>;

export const JobState = z.object({
  name: Line(100),
  /** Opaque to everyone but the job: a delta link, a watermark. */
  value: z.string().max(60_000),
  updatedAt: UtcDateTime,
});
export type JobState = z.infer<typeof JobState>;
