/**
 * What cards (and the tab) show of access records. Names are resolved once, when the view is built,
 * so a notification card can be rendered from its outbox payload alone, in the recipient's language.
 */
import type { AccessGrant, AccessRequest, Decider, DeciderCapacity } from '../../domain';
import type { Person } from '../../ports/directory';
import type { StoredOf } from '../../ports/record-store';
import type { Deps } from '../platform';
import { decidersOf } from './deciders';

export interface PersonRef {
  id: string;
  /** Null when the directory does not know the id (the card says "unknown person"). */
  name: string | null;
  unit: string | null;
}

export interface AssetRef {
  id: string;
  code: string;
  name: string;
}

export interface RequestView {
  id: string;
  kind: AccessRequest['kind'];
  status: AccessRequest['status'];
  origin: NonNullable<AccessRequest['origin']>;
  subject: PersonRef;
  requester: PersonRef;
  asset: AssetRef | null;
  role: string;
  /** For a change or termination: the grant as it is in the register. */
  grant: { id: string; role: string; validUntil: string | null; status: AccessGrant['status'] } | null;
  justification: string | null;
  validUntil: string | null;
  /**
   * Who may decide while the request waits, and in what capacity: the owner and a delegate who may
   * approve, or — for the owner's own access — the owner's line manager (else ISAM).
   */
  deciders: (PersonRef & { as: DeciderCapacity })[];
  decidedBy: PersonRef | null;
  /** The capacity the decision was made in (null for tasks a date started, and older decisions). */
  decidedAs: DeciderCapacity | null;
  decidedAt: string | null;
  comment: string | null;
  takenBy: PersonRef | null;
  takenAt: string | null;
  completedBy: PersonRef | null;
  completedAt: string | null;
  requestedAt: string;
}

export const personRef = (id: string, people: Map<string, Person>): PersonRef => {
  const p = people.get(id.toLowerCase());
  return { id, name: p?.displayName ?? null, unit: p?.unit ?? null };
};

/** Looks people up once; ids are compared case-insensitively. */
export async function peopleById(deps: Pick<Deps, 'directory'>, ids: (string | null | undefined)[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id) && id !== 'system').map((id) => id.toLowerCase()))];
  const found = unique.length ? await deps.directory.getPeople(unique) : [];
  return new Map(found.map((p) => [p.aadObjectId.toLowerCase(), p]));
}

export const assetRef = (asset: StoredOf<'InformationAssets'> | null): AssetRef | null => (asset ? { id: asset.id, code: asset.data.code, name: asset.data.name } : null);

/** Builds the view of one request, reading the asset and the grant unless they are given. */
export async function requestView(
  deps: Pick<Deps, 'store' | 'directory' | 'clock'>,
  stored: StoredOf<'AccessRequests'>,
  known: { asset?: StoredOf<'InformationAssets'> | null; grant?: StoredOf<'AccessGrants'> | null; people?: Map<string, Person>; deciders?: Decider[] } = {},
): Promise<RequestView> {
  const r = stored.data;
  // Who decides matters only while it waits (and is then resolved as at submission: the recorded owner and delegate).
  const deciders: Decider[] =
    known.deciders ??
    (r.status === 'pending'
      ? await decidersOf(deps, { ownerId: r.ownerId, delegateId: r.delegateId }, r.subjectId)
      : [{ id: r.ownerId, as: 'owner' as const }, ...(r.delegateId ? [{ id: r.delegateId, as: 'delegate' as const }] : [])]);
  const [asset, grant, people] = await Promise.all([
    known.asset !== undefined ? known.asset : deps.store.get('InformationAssets', r.assetId),
    known.grant !== undefined ? known.grant : r.grantId ? deps.store.get('AccessGrants', r.grantId) : null,
    known.people && deciders.every((d) => known.people!.has(d.id.toLowerCase()))
      ? known.people
      : peopleById(deps, [r.subjectId, r.requesterId, r.ownerId, r.delegateId, r.decidedBy, r.takenBy, r.completedBy, ...deciders.map((d) => d.id)]),
  ]);
  const ref = (id: string | null) => (id ? personRef(id, people) : null);
  return {
    id: stored.id,
    kind: r.kind,
    status: r.status,
    origin: r.origin ?? 'request',
    subject: personRef(r.subjectId, people),
    requester: personRef(r.requesterId, people),
    asset: assetRef(asset),
    role: r.role,
    grant: grant ? { id: grant.id, role: grant.data.role, validUntil: grant.data.validUntil, status: grant.data.status } : null,
    justification: r.justification,
    validUntil: r.validUntil,
    deciders: deciders.map((d) => ({ ...personRef(d.id, people), as: d.as })),
    decidedBy: ref(r.decidedBy),
    decidedAs: r.decidedAs ?? null,
    decidedAt: r.decidedAt,
    comment: r.decisionComment,
    takenBy: ref(r.takenBy),
    takenAt: r.takenAt,
    completedBy: ref(r.completedBy),
    completedAt: r.completedAt,
    requestedAt: r.requestedAt,
  };
}
