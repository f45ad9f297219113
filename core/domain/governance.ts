/** Governing documents (styrdokument): the local instructions, their owners and review dates. */
import { z } from 'zod';
import { AadObjectId, CalendarDate, Line, OptionalText, UtcDateTime, WebUrl } from './common';

export const GoverningDocument = z.object({
  title: Line(255),
  description: OptionalText(2_000),
  url: WebUrl,
  ownerId: AadObjectId,
  decidedAt: CalendarDate,
  /** When the owner must review it next. */
  reviewAt: CalendarDate,
  status: z.enum(['in_force', 'under_review', 'repealed']),
  lastReminderAt: UtcDateTime.nullable(),
});
export type GoverningDocument = z.infer<typeof GoverningDocument>;
