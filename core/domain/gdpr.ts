/** GDPR records: the record of processing (art. 30) and impact assessments (art. 35). */
import { z } from 'zod';
import { RecordCode, AadObjectId, CalendarDate, ItemId, ItemIdList, Line, OptionalText, Text, UtcDateTime } from './common';

const Terms = z.array(z.string().trim().min(1).max(200)).max(50);

export const ThirdCountryTransfer = z.object({ country: Line(100), safeguard: Line(500) });

export const ProcessingActivity = z.object({
  code: RecordCode(),
  name: Line(255),
  purpose: Text(4_000),
  legalBasis: Line(500),
  /** Controller and DPO contact as stated in the record (art. 30.1 a). */
  controllerName: Line(255),
  dpoContact: Line(255),
  dataSubjectCategories: Terms,
  personalDataCategories: Terms,
  /** Special categories (art. 9) or data on offences (art. 10). */
  specialCategories: z.boolean(),
  recipients: Terms,
  thirdCountryTransfers: z.array(ThirdCountryTransfer).max(20),
  /** Erasure time limits (gallring). */
  retention: Text(2_000),
  securityMeasures: Text(4_000),
  assetIds: ItemIdList,
  supplierIds: ItemIdList,
  ownerId: AadObjectId,
  unit: Line(50),
  dpiaRequired: z.boolean(),
  updatedAt: UtcDateTime,
});
export type ProcessingActivity = z.infer<typeof ProcessingActivity>;

export const ImpactAssessment = z.object({
  code: RecordCode(),
  processingActivityId: ItemId,
  title: Line(255),
  status: z.enum(['draft', 'in_review', 'completed']),
  riskLevel: z.enum(['low', 'medium', 'high']).nullable(),
  /** The DSO is consulted (art. 35.2). */
  dsoConsultedAt: CalendarDate.nullable(),
  dsoOpinion: OptionalText(4_000),
  conclusion: OptionalText(4_000),
  decidedBy: AadObjectId.nullable(),
  decidedAt: CalendarDate.nullable(),
  nextReviewAt: CalendarDate.nullable(),
});
export type ImpactAssessment = z.infer<typeof ImpactAssessment>;
