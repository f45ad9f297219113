/**
 * Every record type and the SharePoint list that holds it. List display names are stable
 * identifiers (CONTRACTS.md); the column layout of each list is in core/adapters/sharepoint/lists.ts.
 */
import type { z } from 'zod';
import { AccessCampaign, AccessGrant, AccessRequest, AccessReview, Leaver } from './access';
import { AmbassadorMeeting } from './ambassador';
import { InformationAsset } from './asset';
import { AuditEntry } from './audit';
import { ChannelLink } from './channel';
import { ConversationRef, Lease } from './conversation';
import { Figure, JobState } from './figure';
import { ImpactAssessment, ProcessingActivity } from './gdpr';
import { GoverningDocument } from './governance';
import { ImprovementAction, ManagementReview } from './improvement';
import { Incident } from './incident';
import { InternalAudit } from './internal-audit';
import { IncidentReport } from './incident-report';
import { OutboxEntry } from './outbox';
import { Procurement } from './procurement';
import { Risk } from './risk';
import { RoleAssignment } from './roles';
import { SearchDigest } from './search';
import { Supplier } from './supplier';
import { TrainingCompletion, TrainingCourse } from './training';

export const RECORD_SCHEMAS = {
  Incidents: Incident,
  IncidentReports: IncidentReport,
  AccessRequests: AccessRequest,
  AccessGrants: AccessGrant,
  AccessReviews: AccessReview,
  AccessCampaigns: AccessCampaign,
  Leavers: Leaver,
  InformationAssets: InformationAsset,
  Suppliers: Supplier,
  ProcessingActivities: ProcessingActivity,
  ImpactAssessments: ImpactAssessment,
  TrainingCourses: TrainingCourse,
  Trainings: TrainingCompletion,
  ImprovementActions: ImprovementAction,
  AmbassadorMeetings: AmbassadorMeeting,
  ManagementReviews: ManagementReview,
  GoverningDocuments: GoverningDocument,
  Roles: RoleAssignment,
  Channels: ChannelLink,
  Conversations: ConversationRef,
  Outbox: OutboxEntry,
  Leases: Lease,
  AuditLog: AuditEntry,
  Figures: Figure,
  JobState: JobState,
  Risks: Risk,
  Audits: InternalAudit,
  Procurements: Procurement,
  SearchIndex: SearchDigest,
} as const;

export type RecordSchemas = typeof RECORD_SCHEMAS;
export type ListName = keyof RecordSchemas;
export type RecordOf<L extends ListName> = z.infer<RecordSchemas[L]>;
/**
 * What a writer passes to create a record: fields with a default (added to a schema after records
 * were stored) may be left out; the store fills them in when it validates.
 */
export type RecordInput<L extends ListName> = z.input<RecordSchemas[L]>;
/** Lists the app may update. The audit log is append-only. */
export type MutableListName = Exclude<ListName, 'AuditLog'>;

export const LIST_NAMES = Object.keys(RECORD_SCHEMAS) as ListName[];
export const APPEND_ONLY_LISTS: ReadonlySet<ListName> = new Set<ListName>(['AuditLog']);

export function isListName(name: string): name is ListName {
  return Object.hasOwn(RECORD_SCHEMAS, name);
}
