/**
 * What cards (and the tab) show of access records. Names are resolved once, when the view is built,
 * so a notification card can be rendered from its outbox payload alone, in the recipient's language.
 */
import type { AccessGrant, AccessRequest } from '../../domain';
import type { Person } from '../../ports/directory';
import type { StoredOf } from '../../ports/record-store';
import type { Deps } from '../platform';

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
  /** Who may decide (owner, delegate), as recorded on the request. */
  deciders: PersonRef[];
  decidedBy: PersonRef | null;
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
  deps: Pick<Deps, 'store' | 'directory'>,
  stored: StoredOf<'AccessRequests'>,
  known: { asset?: StoredOf<'InformationAssets'> | null; grant?: StoredOf<'AccessGrants'> | null; people?: Map<string, Person> } = {},
): Promise<RequestView> {
  const r = stored.data;
  const [asset, grant, people] = await Promise.all([
    known.asset !== undefined ? known.asset : deps.store.get('InformationAssets', r.assetId),
    known.grant !== undefined ? known.grant : r.grantId ? deps.store.get('AccessGrants', r.grantId) : null,
    known.people ?? peopleById(deps, [r.subjectId, r.requesterId, r.ownerId, r.delegateId, r.decidedBy, r.takenBy, r.completedBy]),
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
    deciders: [r.ownerId, r.delegateId].filter((id): id is string => Boolean(id)).map((id) => personRef(id, people)),
    decidedBy: ref(r.decidedBy),
    decidedAt: r.decidedAt,
    comment: r.decisionComment,
    takenBy: ref(r.takenBy),
    takenAt: r.takenAt,
    completedBy: ref(r.completedBy),
    completedAt: r.completedAt,
    requestedAt: r.requestedAt,
  };
}
