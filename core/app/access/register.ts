/**
 * Behörigheter for the tab, read-only: access requests, the access register (grants), and the
 * recertification campaigns with their reviews — read straight from the store, independent of the
 * access use cases beside it. Who sees what: core/domain/policy/registers.ts
 * (`canViewAccessRequest`, `canViewAccessGrant`, `canViewAccessReview`).
 *
 * ISAM and the administrative unit see everything: their lists are the store's queries (indexed
 * `status` filter, the store's cursor). Everyone else sees a small set read with indexed queries
 * (their own, their systems'), merged and paged by offset.
 */
import type { z } from 'zod';
import {
  AccessGrantListQuery,
  AccessRequestListQuery,
  type AccessCampaignRow,
  type AccessGrantPage,
  type AccessRequestPage,
  type PersonRef as Ref,
  type RecordRef,
} from '../../api';
import { has } from '../../domain';
import { canViewAccessGrant, canViewAccessRequest, canViewAccessReview } from '../../domain/policy';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import type { Deps } from '../platform';

async function lookups(deps: Deps, personIds: (string | null)[], assetIds: string[]) {
  const people = [...new Set(personIds.filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase()))];
  const [persons, assets] = await Promise.all([
    people.length ? deps.directory.getPeople(people) : [],
    assetIds.length ? deps.store.getMany('InformationAssets', [...new Set(assetIds)]) : [],
  ]);
  const names = new Map(persons.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
  const byId = new Map(assets.map((a) => [a.id, a]));
  return {
    person: (id: string | null): Ref | null => (id ? { id, name: names.get(id.toLowerCase()) ?? null } : null),
    asset: (id: string): AssetRef => {
      const a = byId.get(id);
      return a ? { id: a.id, code: a.data.code, name: a.data.name } : null;
    },
    owner: (id: string) => {
      const a = byId.get(id);
      return a ? { ownerId: a.data.ownerId, delegateId: a.data.delegateId } : null;
    },
  };
}

type AssetRef = RecordRef | null;

/** A list's query, or a RecordValidationError with a message per field. */
function parse<S extends z.ZodType>(input: unknown, schema: S): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new RecordValidationError('AccessRequests', issuesFromZod(r.error));
  return r.data;
}

const privileged = (actor: Actor) => has(actor, 'isam', 'admin_unit');

/** Assets the actor owns or is delegate for (indexed queries). */
async function ownedAssets(deps: Deps, actor: Actor): Promise<string[]> {
  const ids = new Set<string>();
  for (const field of ['ownerId', 'delegateId'] as const) for await (const a of deps.store.queryAll('InformationAssets', { where: [{ field, op: 'eq', value: actor.id }] })) ids.add(a.id);
  return [...ids];
}

function offsetPage<T>(all: T[], cursor: string | undefined, pageSize: number): { items: T[]; cursor: string | null } {
  const offset = cursor && /^o:\d{1,6}$/.test(cursor) ? Number(cursor.slice(2)) : 0;
  return { items: all.slice(offset, offset + pageSize), cursor: offset + pageSize < all.length ? `o:${offset + pageSize}` : null };
}

export async function listAccessRequests(deps: Deps, actor: Actor, query: AccessRequestListQuery): Promise<AccessRequestPage> {
  const q = parse(query, AccessRequestListQuery);
  const where: Condition<'AccessRequests'>[] = q.status ? [{ field: 'status', op: 'eq', value: q.status }] : [];
  let stored: StoredOf<'AccessRequests'>[];
  let cursor: string | null;
  if (privileged(actor)) {
    const page = await deps.store.query('AccessRequests', { where, orderBy: { field: 'requestedAt', direction: 'desc' }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
    stored = page.items;
    cursor = page.cursor;
  } else {
    const found = new Map<string, StoredOf<'AccessRequests'>>();
    for (const field of ['requesterId', 'subjectId', 'ownerId', 'delegateId'] as const) {
      for await (const r of deps.store.queryAll('AccessRequests', { where: [...where, { field, op: 'eq', value: actor.id }] })) found.set(r.id, r);
    }
    const visible = [...found.values()].filter((r) => canViewAccessRequest(actor, r.data)).sort((a, b) => b.data.requestedAt.localeCompare(a.data.requestedAt));
    ({ items: stored, cursor } = offsetPage(visible, q.cursor, q.pageSize));
  }
  const l = await lookups(deps, stored.flatMap((r) => [r.data.subjectId, r.data.requesterId, r.data.decidedBy]), stored.map((r) => r.data.assetId));
  return {
    items: stored.map((r) => ({
      id: r.id,
      kind: r.data.kind,
      status: r.data.status,
      subject: l.person(r.data.subjectId)!,
      requester: l.person(r.data.requesterId)!,
      asset: l.asset(r.data.assetId),
      role: r.data.role,
      validUntil: r.data.validUntil,
      requestedAt: r.data.requestedAt,
      decidedBy: l.person(r.data.decidedBy),
      decidedAs: r.data.decidedAs ?? null,
      decidedAt: r.data.decidedAt,
      completedAt: r.data.completedAt,
    })),
    cursor,
    scope: privileged(actor) ? 'all' : 'entitled',
  };
}

export async function listAccessGrants(deps: Deps, actor: Actor, query: AccessGrantListQuery): Promise<AccessGrantPage> {
  const q = parse(query, AccessGrantListQuery);
  const where: Condition<'AccessGrants'>[] = q.status ? [{ field: 'status', op: 'eq', value: q.status }] : [];
  let stored: StoredOf<'AccessGrants'>[];
  let cursor: string | null;
  if (privileged(actor)) {
    const page = await deps.store.query('AccessGrants', { where, orderBy: { field: 'assetId', direction: 'asc' }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
    stored = page.items;
    cursor = page.cursor;
  } else {
    const found = new Map<string, StoredOf<'AccessGrants'>>();
    for await (const g of deps.store.queryAll('AccessGrants', { where: [...where, { field: 'subjectId', op: 'eq', value: actor.id }] })) found.set(g.id, g);
    for (const assetId of await ownedAssets(deps, actor)) {
      for await (const g of deps.store.queryAll('AccessGrants', { where: [...where, { field: 'assetId', op: 'eq', value: assetId }] })) found.set(g.id, g);
    }
    const all = [...found.values()];
    const owners = await lookups(deps, [], all.map((g) => g.data.assetId));
    const visible = all.filter((g) => canViewAccessGrant(actor, g.data, owners.owner(g.data.assetId))).sort((a, b) => Number(a.data.assetId) - Number(b.data.assetId) || Number(a.id) - Number(b.id));
    ({ items: stored, cursor } = offsetPage(visible, q.cursor, q.pageSize));
  }
  // The decisions behind this page's grants: read by id, one page at a time (at most pageSize items).
  const requestIds = [...new Set(stored.map((g) => g.data.requestId).filter((id): id is string => Boolean(id)))];
  const requests = new Map((requestIds.length ? await deps.store.getMany('AccessRequests', requestIds) : []).map((r) => [r.id, r]));
  const approvalOf = (g: StoredOf<'AccessGrants'>) => {
    const r = g.data.requestId ? requests.get(g.data.requestId) : undefined;
    // A termination task's decision is a removal, not the approval of the grant.
    return r && r.data.kind !== 'termination' && r.data.decidedBy ? r : null;
  };
  const l = await lookups(
    deps,
    stored.flatMap((g) => [g.data.subjectId, approvalOf(g)?.data.decidedBy ?? null, g.data.lastReview?.decidedBy ?? null]),
    stored.map((g) => g.data.assetId),
  );
  return {
    items: stored.map((g) => ({
      id: g.id,
      subject: l.person(g.data.subjectId)!,
      asset: l.asset(g.data.assetId),
      role: g.data.role,
      status: g.data.status,
      grantedAt: g.data.grantedAt,
      validUntil: g.data.validUntil,
      approval: (() => {
        const r = approvalOf(g);
        return r ? { requestId: r.id, by: l.person(r.data.decidedBy), as: r.data.decidedAs ?? null, at: r.data.decidedAt } : null;
      })(),
      lastReview: g.data.lastReview
        ? { decision: g.data.lastReview.decision, decidedAt: g.data.lastReview.decidedAt, decidedBy: l.person(g.data.lastReview.decidedBy)!, decidedAs: g.data.lastReview.decidedAs ?? null }
        : null,
    })),
    cursor,
    scope: privileged(actor) ? 'all' : 'entitled',
  };
}

/** The campaigns, newest first, with the reviews the actor may see (ISAM / admin unit: all; owners: theirs). */
export async function listAccessCampaigns(deps: Deps, actor: Actor): Promise<AccessCampaignRow[]> {
  const campaigns: StoredOf<'AccessCampaigns'>[] = [];
  for await (const c of deps.store.queryAll('AccessCampaigns', { orderBy: { field: 'dueAt', direction: 'desc' } })) {
    campaigns.push(c);
    if (campaigns.length >= 20) break;
  }
  const reviews = new Map<string, StoredOf<'AccessReviews'>[]>();
  await Promise.all(
    campaigns.map(async (c) => {
      const list: StoredOf<'AccessReviews'>[] = [];
      for await (const r of deps.store.queryAll('AccessReviews', { where: [{ field: 'campaignId', op: 'eq', value: c.id }] })) list.push(r);
      reviews.set(c.id, list);
    }),
  );
  const all = [...reviews.values()].flat();
  const l = await lookups(deps, all.map((r) => r.data.ownerId), all.map((r) => r.data.assetId));
  return campaigns.map((c) => {
    const list = reviews.get(c.id) ?? [];
    const visible = list.filter((r) => canViewAccessReview(actor, r.data));
    return {
      id: c.id,
      name: c.data.name,
      period: c.data.period,
      status: c.data.status,
      startedAt: c.data.startedAt,
      dueAt: c.data.dueAt,
      completedAt: c.data.completedAt,
      reviews: visible
        .map((r) => ({ id: r.id, asset: l.asset(r.data.assetId), owner: l.person(r.data.ownerId)!, status: r.data.status, dueAt: r.data.dueAt, total: r.data.total, kept: r.data.kept, removed: r.data.removed, completedAt: r.data.completedAt }))
        .sort((a, b) => (a.asset?.code ?? '').localeCompare(b.asset?.code ?? '')),
      hiddenReviews: list.length - visible.length,
    };
  });
}
