/** Mandatory training: the course catalogue and completions per person (imported or recorded). */
import { z } from 'zod';
import { AadObjectId, CalendarDate, Line, UtcDateTime } from './common';

export const TrainingCourse = z.object({
  code: z.string().trim().max(30).regex(/^[A-Z0-9-]{2,30}$/),
  name: Line(255),
  mandatory: z.boolean(),
  /** `management`: the cyber security law course for management (Cybersäkerhetslagen 2 kap. 4 §). */
  audience: z.enum(['all', 'management']),
  /** How long a completion counts; null = for good. */
  validityMonths: z.number().int().min(1).max(120).nullable(),
});
export type TrainingCourse = z.infer<typeof TrainingCourse>;

export const TrainingCompletion = z.object({
  personId: AadObjectId,
  courseCode: z.string().trim().max(30).regex(/^[A-Z0-9-]{2,30}$/),
  unit: z.string().trim().max(50).nullable(),
  completedAt: CalendarDate,
  source: z.enum(['import', 'manual', 'seed']),
  recordedBy: AadObjectId.nullable(),
  recordedAt: UtcDateTime,
});
export type TrainingCompletion = z.infer<typeof TrainingCompletion>;
