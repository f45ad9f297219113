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
import { ImpactAssessment, ProcessingActivity } from './gdpr';
import { GoverningDocument } from './governance';
import { ImprovementAction, ManagementReview } from './improvement';
import { Incident } from './incident';
import { IncidentReport } from './incident-report';
import { OutboxEntry } from './outbox';
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
  SearchIndex: SearchDigest,
} as const;

export type RecordSchemas = typeof RECORD_SCHEMAS;
export type ListName = keyof RecordSchemas;
export type RecordOf<L extends ListName> = z.infer<RecordSchemas[L]>;
/** Lists the app may update. The audit log is append-only. */
export type MutableListName = Exclude<ListName, 'AuditLog'>;

export const LIST_NAMES = Object.keys(RECORD_SCHEMAS) as ListName[];
export const APPEND_ONLY_LISTS: ReadonlySet<ListName> = new Set<ListName>(['AuditLog']);

export function isListName(name: string): name is ListName {
  return Object.hasOwn(RECORD_SCHEMAS, name);
}
