/**
 * Behörigheter for the tab, read-only: access requests, the access register (grants), and the
 * recertification campaigns with their reviews — read straight from the store, independent of the
 * access use cases beside it. Who sees what: core/domain/policy/registers.ts
 * (`canViewAccessRequest`, `canViewAccessGrant`, `canViewAccessReview`).
 *
 * Every list is a merge of bounded sources with a keyset cursor (platform/reads.ts, docs/queries.md):
 *
 * - requests, ISAM and the administrative unit: the whole list sorted on `requestedAt` (no filter:
 *   only the page is read); an open status alone (bounded by the backlog); another status a month of
 *   `requestedAt` at a time;
 * - requests, everyone else: their requester, subject, owner and delegate buckets (open | year);
 * - grants, ISAM and the administrative unit: the whole list sorted on `grantedAt`; the active ones
 *   system by system (`assetKey` `<asset>|active`: the system's users × roles); removed or expired
 *   a month of `grantedAt` at a time;
 * - grants, everyone else: their own (bounded by what one person holds) and their systems' buckets.
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
import { has, OPEN_REQUEST_STATUSES } from '../../domain';
import { canViewAccessGrant, canViewAccessRequest, canViewAccessReview } from '../../domain/policy';
import { issuesFromZod } from '../../i18n/validation';
import { RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { batchPages, historyMonths, historyYears, mergeOf, mergeSources, mergeWith, monthRanges, openAndYears, readSmall, sortedPage, walkSources, type Deps, type Source } from '../platform';

type AssetRef = RecordRef | null;

/** A list's query, or a RecordValidationError with a message per field. */
function parse<S extends z.ZodType>(input: unknown, schema: S): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new RecordValidationError('AccessRequests', issuesFromZod(r.error));
  return r.data;
}

/** Names and asset references; `register` is the asset register when it was read already. */
async function lookups(deps: Deps, personIds: (string | null)[], assetIds: string[], register?: StoredOf<'InformationAssets'>[]) {
  const people = [...new Set(personIds.filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase()))];
  const [persons, assets] = await Promise.all([
    people.length ? deps.directory.getPeople(people) : [],
    register ?? (assetIds.length ? deps.store.getMany('InformationAssets', [...new Set(assetIds)]) : []),
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

const privileged = (actor: Actor) => has(actor, 'isam', 'admin_unit');

/** The asset register: a small list (tens to hundreds of systems), one request. */
const assetRegister = (deps: Deps) => readSmall(deps.store, 'InformationAssets', { orderBy: { field: 'code', direction: 'asc' } }, 4_995);

const isOpenStatus = (s: string | undefined) => s !== undefined && (OPEN_REQUEST_STATUSES as readonly string[]).includes(s);

export async function listAccessRequests(deps: Deps, actor: Actor, query: AccessRequestListQuery): Promise<AccessRequestPage> {
  const q = parse(query, AccessRequestListQuery);
  const now = deps.clock.now();
  const filter: Condition<'AccessRequests'>[] = q.status ? [{ field: 'status', op: 'eq', value: q.status }] : [];
  let sources: Source<'AccessRequests'>[];
  if (privileged(actor)) {
    // An open status is the backlog; another status a month at a time (no status: the whole list
    // sorted, below).
    sources = isOpenStatus(q.status) ? [{ where: filter }] : q.status ? monthRanges('requestedAt', await historyMonths<'AccessRequests'>(deps.store, 'AccessRequests', 'requestedAt', now)) : [];
  } else {
    const years = q.status && isOpenStatus(q.status) ? [] : await historyYears(deps.store, 'AccessRequests', 'requestedAt', now);
    const open = q.status === undefined || isOpenStatus(q.status) ? 'open' : false;
    sources = [
      // About them: the requests about one person, tens to hundreds over a career.
      { where: [{ field: 'subjectId', op: 'eq', value: actor.id }], label: 'subject' },
      // What they asked for others, and what they decide as owner or delegate: open and year by year.
      ...(['requesterKey', 'ownerKey', 'delegateKey'] as const).flatMap((key) => openAndYears<'AccessRequests'>(key, actor.id, years, { open })),
    ];
  }
  let page: { items: StoredOf<'AccessRequests'>[]; cursor: string | null };
  let register: StoredOf<'InformationAssets'>[];
  if (privileged(actor) && !q.status) {
    // Everything, unfiltered: the list sorted on its index (only the page is read, at any size).
    [page, register] = await Promise.all([sortedPage(deps.store, { list: 'AccessRequests', sort: 'requestedAt', direction: 'desc', pageSize: q.pageSize, cursor: q.cursor ?? null }), assetRegister(deps)]);
  } else {
    // The asset register (names of systems) goes in the first $batch with the page's sources.
    const { merged, extra } = await mergeWith(
      deps.store,
      [mergeOf({ list: 'AccessRequests', sort: 'requestedAt', direction: 'desc', sources, filter, keep: (r) => canViewAccessRequest(actor, r.data), pageSize: q.pageSize, cursor: q.cursor ?? null })],
      [{ list: 'InformationAssets', options: { pageSize: 999 } }],
    );
    page = merged[0]! as unknown as { items: StoredOf<'AccessRequests'>[]; cursor: string | null };
    register = extra[0] as StoredOf<'InformationAssets'>[];
  }
  const stored = page.items;
  const l = await lookups(deps, stored.flatMap((r) => [r.data.subjectId, r.data.requesterId, r.data.decidedBy]), [], register);
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
    cursor: page.cursor,
    scope: privileged(actor) ? 'all' : 'entitled',
  };
}

export async function listAccessGrants(deps: Deps, actor: Actor, query: AccessGrantListQuery): Promise<AccessGrantPage> {
  const q = parse(query, AccessGrantListQuery);
  const now = deps.clock.now();
  const filter: Condition<'AccessGrants'>[] = q.status ? [{ field: 'status', op: 'eq', value: q.status }] : [];
  let stored: StoredOf<'AccessGrants'>[];
  let cursor: string | null;
  const assets = await assetRegister(deps);
  if (privileged(actor) && q.status === 'active') {
    // The active register, system by system: each system's active grants are its users × roles.
    const page = await walkSources(deps.store, {
      list: 'AccessGrants',
      sort: 'grantedAt',
      direction: 'desc',
      sources: assets.map((a) => ({ where: [{ field: 'assetKey', op: 'eq', value: `${a.id}|active` }], label: a.data.code })),
      pageSize: q.pageSize,
      cursor: q.cursor ?? null,
      lookahead: 10,
    });
    ({ items: stored, cursor } = page);
  } else if (privileged(actor) && !q.status) {
    // Everything, unfiltered: the list sorted on its index (only the page is read, at any size).
    ({ items: stored, cursor } = await sortedPage(deps.store, { list: 'AccessGrants', sort: 'grantedAt', direction: 'desc', pageSize: q.pageSize, cursor: q.cursor ?? null }));
  } else if (privileged(actor)) {
    const months = await historyMonths(deps.store, 'AccessGrants', 'grantedAt', now);
    const page = await mergeSources(deps.store, {
      list: 'AccessGrants',
      sort: 'grantedAt',
      direction: 'desc',
      sources: monthRanges<'AccessGrants'>('grantedAt', months),
      filter,
      pageSize: q.pageSize,
      cursor: q.cursor ?? null,
    });
    ({ items: stored, cursor } = page);
  } else {
    const mine = assets.filter((a) => a.data.ownerId.toLowerCase() === actor.id.toLowerCase() || a.data.delegateId?.toLowerCase() === actor.id.toLowerCase()).map((a) => a.id);
    const active = q.status === undefined || q.status === 'active' ? 'active' : false;
    const years = q.status === 'active' ? [] : await historyYears(deps.store, 'AccessGrants', 'grantedAt', now);
    const sources: Source<'AccessGrants'>[] = [
      // What one person holds and has held: tens, a few hundred over a career.
      { where: [{ field: 'subjectId', op: 'eq', value: actor.id }], label: 'own' },
      ...mine.flatMap((id) => openAndYears<'AccessGrants'>('assetKey', id, years, { open: active })),
    ];
    const owners = await lookups(deps, [], [], assets);
    const page = await mergeSources(deps.store, {
      list: 'AccessGrants',
      sort: 'grantedAt',
      direction: 'desc',
      sources,
      filter,
      keep: (g) => canViewAccessGrant(actor, g.data, owners.owner(g.data.assetId)),
      pageSize: q.pageSize,
      cursor: q.cursor ?? null,
    });
    ({ items: stored, cursor } = page);
  }
  // The decisions behind this page's grants: read by id, one page at a time (at most pageSize items).
  const requestIds = [...new Set(stored.map((g) => g.data.requestId).filter((id): id is string => Boolean(id)))];
  const requests = new Map((requestIds.length ? await deps.store.getMany('AccessRequests', requestIds) : []).map((r) => [r.id, r]));
  const approvalOf = (g: StoredOf<'AccessGrants'>) => {
    const r = g.data.requestId ? requests.get(g.data.requestId) : undefined;
    // A termination task's decision is a removal, not the approval of the grant.
    return r && r.data.kind !== 'termination' && r.data.decidedBy ? r : null;
  };
  const l = await lookups(deps, stored.flatMap((g) => [g.data.subjectId, approvalOf(g)?.data.decidedBy ?? null, g.data.lastReview?.decidedBy ?? null]), [], assets);
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
  // Two campaigns a year: the newest twenty, then their reviews (one per asset) in one batch.
  const campaigns = (await deps.store.query('AccessCampaigns', { orderBy: { field: 'dueAt', direction: 'desc' }, pageSize: 20 })).items;
  const pages = await batchPages(deps.store, 'AccessReviews', campaigns.map((c) => ({ where: [{ field: 'campaignId', op: 'eq', value: c.id }], pageSize: 999 })));
  const reviews = new Map<string, StoredOf<'AccessReviews'>[]>(campaigns.map((c, i) => [c.id, pages[i]!.items]));
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
