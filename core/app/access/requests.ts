/**
 * Access requests (behörighetsärenden): a person asks for new, changed or ended access for themself
 * or a colleague; the asset's information owner (or delegate) decides; the decision is stored with
 * If-Match, so two deciders at the same moment leave exactly one decision. Identity is always the
 * actor loaded from the activity — never anything in card data — and permission is checked against
 * the asset as stored now.
 */
import { z } from 'zod';
import {
  AadObjectId,
  AccessRequestKind,
  accessDecisionCapacity,
  CalendarDate,
  concernsOwner,
  ItemId,
  mayApproveAsDelegate,
  same,
  type AccessRequest,
  type Decider,
} from '../../domain';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import type { MessageKey } from '../../i18n';
import { ConflictError, RecordValidationError } from '../../ports/errors';
import type { AnyNewRecord, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { today } from './dates';
import { decidersOf, independentFor } from './deciders';
import { ACCESS_CARDS, adminUnit, cardRecord, cardRecords, correlation, person, type NoticePayload, type Outgoing } from './notify';
import { assetRef, requestView, type AssetRef, type PersonRef, type RequestView } from './views';
import { auditRecord, finish, forbidden, invalid, MAX_PAGE, readSmall, readTogether, Refused, type Deps } from '../platform';

/** Requests that still need someone: the owner (pending) or the administrative unit (approved, in progress). */
export const OPEN_STATUSES = ['pending', 'approved', 'in_progress'] as const;

const issue = (field: string, messageKey: MessageKey, params: Record<string, string | number> = {}): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params });

// ── the form ───────────────────────────────────────────────────────────────

/** What the request card sends, as typed (empty inputs are null). Validated here, not in the bot. */
export interface RequestForm {
  kind: string | null;
  subjectId: string | null;
  assetId: string | null;
  role: string | null;
  justification: string | null;
  validUntil: string | null;
  grantId: string | null;
}

const FormSchema = z.object({
  kind: AccessRequestKind,
  subjectId: AadObjectId,
  assetId: ItemId,
  role: z.string().trim().max(200).nullable(),
  justification: z.string().trim().max(2_000).nullable(),
  validUntil: CalendarDate.nullable(),
  grantId: ItemId.nullable(),
});

export interface GrantOption {
  id: string;
  role: string;
  validUntil: string | null;
}

export interface RequestFormOptions {
  self: PersonRef;
  /** The people-picker's static choices (Teams also searches the directory as the person types). */
  people: PersonRef[];
  assets: AssetRef[];
  /** The chosen person's active grants in the chosen system (for a change or termination). */
  grants: GrantOption[];
}

const MAX_STATIC_PEOPLE = 40;
const MAX_STATIC_ASSETS = 150;

/**
 * The choices of the request card: the register's assets, and the person's nearest colleagues as a
 * static fallback for the people picker (the same manager, and their own reports).
 */
export async function requestFormOptions(deps: Deps, actor: Actor, current: Pick<RequestForm, 'subjectId' | 'assetId' | 'kind'> = { subjectId: null, assetId: null, kind: null }): Promise<RequestFormOptions> {
  const me = actor.person;
  const [peers, reports, assets, chosen] = await Promise.all([
    me?.managerAadObjectId ? deps.directory.reportsOf(me.managerAadObjectId) : Promise.resolve([]),
    deps.directory.reportsOf(actor.id),
    deps.store.query('InformationAssets', { orderBy: { field: 'code' }, pageSize: MAX_STATIC_ASSETS }),
    current.subjectId && AadObjectId.safeParse(current.subjectId).success ? deps.directory.getPerson(current.subjectId) : Promise.resolve(null),
  ]);
  const byId = new Map([...peers, ...reports, ...(chosen ? [chosen] : [])].filter((p) => !same(p.aadObjectId, actor.id) && p.accountEnabled).map((p) => [p.aadObjectId.toLowerCase(), p]));
  const others = [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv')).slice(0, MAX_STATIC_PEOPLE);
  let grants: GrantOption[] = [];
  if (current.kind !== 'new' && current.subjectId && current.assetId && AadObjectId.safeParse(current.subjectId).success && ItemId.safeParse(current.assetId).success) {
    grants = (await activeGrantsOf(deps, current.subjectId, current.assetId)).map((g) => ({ id: g.id, role: g.data.role, validUntil: g.data.validUntil }));
  }
  return {
    self: { id: actor.id, name: me?.displayName ?? null, unit: actor.unit },
    people: others.map((p) => ({ id: p.aadObjectId, name: p.displayName, unit: p.unit })),
    assets: assets.items.filter((a) => !a.data.archived).map((a) => assetRef(a)!),
    grants,
  };
}

async function activeGrantsOf(deps: Pick<Deps, 'store'>, subjectId: string, assetId?: string): Promise<StoredOf<'AccessGrants'>[]> {
  const out: StoredOf<'AccessGrants'>[] = [];
  for (const g of await readSmall(deps.store, 'AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: subjectId }] })) {
    if (g.data.status === 'active' && (!assetId || g.data.assetId === assetId)) out.push(g);
  }
  return out.sort((a, b) => a.data.role.localeCompare(b.data.role, 'sv'));
}

/** Typeahead for the people picker (Data.Query `access.people`): name or e-mail, active accounts only. */
export async function searchPeople(deps: Pick<Deps, 'directory'>, query: string, limit: number): Promise<PersonRef[]> {
  const found = await deps.directory.search(query, Math.min(limit + 5, 50));
  return found.filter((p) => p.accountEnabled).slice(0, limit).map((p) => ({ id: p.aadObjectId, name: p.displayName, unit: p.unit }));
}

/** Typeahead for the asset picker (Data.Query `access.assets`): code or name prefix, on indexed columns. */
export async function searchAssets(deps: Pick<Deps, 'store'>, query: string, limit: number): Promise<AssetRef[]> {
  const q = query.trim();
  if (!q) return [];
  const [byCode, byName] = await Promise.all([
    deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'startswith', value: q.toUpperCase() }], pageSize: limit }),
    deps.store.query('InformationAssets', { where: [{ field: 'name', op: 'startswith', value: q }], pageSize: limit }),
  ]);
  const seen = new Set<string>();
  // Access is not requested to an archived (decommissioned) asset.
  return [...byCode.items, ...byName.items].filter((a) => !a.data.archived && !seen.has(a.id) && seen.add(a.id)).slice(0, limit).map((a) => assetRef(a)!);
}

// ── submitting ─────────────────────────────────────────────────────────────

/**
 * Records a request and sends it to the owner and delegate. `formId` names the card instance the
 * person filled in: a double click or a retried invoke submits the same form and creates nothing new.
 * Every problem is reported at once, by field, as a RecordValidationError (the card shows them).
 */
export async function submitAccessRequest(deps: Deps, actor: Actor, form: RequestForm, formId: string): Promise<RequestView> {
  const parsed = FormSchema.safeParse({
    kind: form.kind ?? undefined,
    subjectId: form.subjectId ?? undefined,
    assetId: form.assetId ?? undefined,
    role: form.role,
    justification: form.justification,
    validUntil: form.validUntil,
    grantId: form.grantId,
  });
  const issues: ValidationIssue[] = parsed.success ? [] : issuesFromZod(parsed.error);
  const has = (field: string) => issues.some((i) => i.path[0] === field);
  const input = parsed.success ? parsed.data : null;
  const kind = AccessRequestKind.safeParse(form.kind).data ?? null;
  const todayDate = today(deps.clock.now());

  const subjectId = AadObjectId.safeParse(form.subjectId).success ? form.subjectId! : null;
  const assetId = ItemId.safeParse(form.assetId).success ? form.assetId! : null;
  const key = `access:request:${actor.id.toLowerCase()}:${formId}`;
  // Every read side by side, the person's grants and requests in one `$batch`: one round trip and
  // (with the asset and roles cached) one request before the write (issue 18.1).
  const [subject, asset, [grantsRead, requestsRead]] = await Promise.all([
    subjectId ? deps.directory.getPerson(subjectId) : Promise.resolve(null),
    assetId ? deps.store.get('InformationAssets', assetId) : Promise.resolve(null),
    subjectId ? subjectRecords(deps, subjectId) : Promise.resolve([[], []] as [StoredOf<'AccessGrants'>[], StoredOf<'AccessRequests'>[]]),
  ]);
  const grants = grantsRead.filter((g) => g.data.status === 'active' && g.data.assetId === assetId).sort((a, b) => a.data.role.localeCompare(b.data.role, 'sv'));
  const openRead = requestsRead.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.data.status));
  // This form's earlier submission is among the person's requests (tens over a career); looked up
  // by its key only when they are more than one read holds.
  const earlierRead = requestsRead.find((r) => r.key === key) ?? (requestsRead.length >= MAX_PAGE ? await deps.store.findByKey('AccessRequests', key) : null);
  if (subjectId && !subject) issues.push(issue('subjectId', 'access.form.unknownPerson'));
  if (subject && !subject.accountEnabled) issues.push(issue('subjectId', 'access.form.personDisabled', { name: subject.displayName }));
  if (assetId && !asset) issues.push(issue('assetId', 'access.form.unknownAsset'));

  let role = form.role?.trim() || null;
  const justification = form.justification?.trim() || null;
  const validUntil = CalendarDate.safeParse(form.validUntil).data ?? null;
  if (validUntil && validUntil < todayDate) issues.push(issue('validUntil', 'access.form.validUntilPast', { today: todayDate }));

  let grant: StoredOf<'AccessGrants'> | null = null;
  if (kind && kind !== 'new' && subject && asset) {
    if (grants.length === 0) issues.push(issue('assetId', 'access.form.noGrant', { name: subject.displayName, asset: asset.data.name }));
    else if (form.grantId) {
      grant = grants.find((g) => g.id === form.grantId) ?? null;
      if (!grant) issues.push(issue('grantId', 'access.grantRequired'));
    } else if (grants.length === 1) grant = grants[0]!;
    else issues.push(issue('grantId', 'access.grantRequired'));
    // A change of the end date alone keeps the role.
    if (grant && kind === 'change' && !role) role = grant.data.role;
    if (grant && kind === 'change' && role && role.toLowerCase() === grant.data.role.toLowerCase() && validUntil === grant.data.validUntil) {
      issues.push(issue('role', 'access.form.changeNothing'));
    }
  }
  if (kind && kind !== 'termination') {
    if (!role && !has('role')) issues.push(issue('role', 'validation.required'));
    if (!justification && !has('justification')) issues.push(issue('justification', 'access.justificationRequired'));
  }
  if (kind === 'new' && role && grants.some((g) => g.data.role.toLowerCase() === role.toLowerCase())) {
    issues.push(issue('role', 'access.form.alreadyHas', { name: subject?.displayName ?? '', role }));
  }
  // Who decides, as things are now: the owner and a delegate who may approve — or, for the owner's
  // own access, someone the owner has not appointed (core/app/access/deciders.ts).
  const deciders = asset && subjectId ? await decidersOf(deps, asset.data, subjectId) : [];
  if (asset && subjectId && deciders.length === 0) issues.push(issue('assetId', 'access.form.noDecider', { asset: asset.data.name }));

  if (issues.length === 0) {
    // A double click submits the same form: the first request is the answer, whatever it says now.
    // The same form sent twice at once (a double click): the other submission may have made it a
    // moment ago — found by its key, or among the open requests.
    const earlier = earlierRead ?? openRead.find((r) => r.key === key) ?? null;
    if (earlier) {
      // A double click, or a retry after a crash between the steps below: the first request is the
      // answer, and whatever the crash left undone (audit, the deciders' cards) is done now.
      const view = await requestView(deps, earlier, { asset });
      await requestEffects(deps, actor, earlier, view, asset!, await decidersOf(deps, { ownerId: earlier.data.ownerId, delegateId: earlier.data.delegateId }, earlier.data.subjectId));
      return view;
    }
    const duplicate = openRead.find(
      (r) => r.data.assetId === assetId && r.data.kind === kind && (kind === 'new' ? r.data.role.toLowerCase() === role!.toLowerCase() : r.data.grantId === grant?.id),
    );
    if (duplicate) issues.push(issue('assetId', 'access.form.duplicate', { date: duplicate.data.requestedAt.slice(0, 10) }));
  }
  if (issues.length > 0) throw new RecordValidationError('AccessRequests', issues);

  const now = deps.clock.now().toISOString();
  const data: AccessRequest = {
    kind: kind!,
    subjectId: subjectId!,
    requesterId: actor.id,
    assetId: assetId!,
    role: kind === 'termination' ? grant!.data.role : role!,
    justification,
    validUntil: input!.validUntil,
    grantId: grant?.id ?? null,
    ownerId: asset!.data.ownerId,
    delegateId: asset!.data.delegateId,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    takenBy: null,
    takenAt: null,
    completedBy: null,
    completedAt: null,
    requestedAt: now,
    origin: 'request',
  };
  const stored = await deps.store.create('AccessRequests', key, data);
  const view = await requestView(deps, stored, { asset, grant, deciders });
  await requestEffects(deps, actor, stored, view, asset!, deciders);
  return view;
}

/**
 * The audit entry and the deciders' cards of a stored request, in one `$batch`. Idempotent by key:
 * run by the first submit and by every retry of it, so a crash between the steps loses nothing.
 */
async function requestEffects(deps: Deps, actor: Actor, stored: StoredOf<'AccessRequests'>, view: RequestView, asset: StoredOf<'InformationAssets'>, deciders: Decider[]): Promise<void> {
  const data = stored.data;
  const op = `access:${stored.id}:requested`;
  await finish(deps, [
    auditRecord(deps, op, {
      actorId: actor.id,
      action: 'access.requested',
      target: `AccessRequests/${stored.id}`,
      summary: `Behörighetsärende (${data.kind}) för ${view.subject.name ?? data.subjectId} i ${asset.data.code}: ${data.role}`,
      details: { kind: data.kind, subjectId: data.subjectId, assetId: data.assetId, role: data.role, grantId: data.grantId, validUntil: data.validUntil, deciders: deciders.map((d) => `${d.as}:${d.id}`) },
      correlationId: `AccessRequests/${stored.id}`,
    }),
    ...cardRecord(deps, op, deciders.map((d) => person(d.id)), ACCESS_CARDS.decision, { request: view }, correlation.decider(stored.id)),
  ]);
}

/**
 * A person's grants and the requests about them (`subjectId` on both: tens over a career), read
 * together in one `$batch`, up to a page each.
 */
async function subjectRecords(deps: Pick<Deps, 'store'>, subjectId: string): Promise<[StoredOf<'AccessGrants'>[], StoredOf<'AccessRequests'>[]]> {
  const where = [{ field: 'subjectId', op: 'eq', value: subjectId }] as const;
  const [grants, requests] = await readTogether(deps.store, [{ list: 'AccessGrants', options: { where: [...where] } }, { list: 'AccessRequests', options: { where: [...where] } }], MAX_PAGE);
  return [grants as StoredOf<'AccessGrants'>[], requests as StoredOf<'AccessRequests'>[]];
}

// ── deciding ───────────────────────────────────────────────────────────────

export type Decision = 'approve' | 'deny';

export interface DecisionResult {
  /** `decided`: this call decided. `already`: it was decided before (a double click shows the same). `lost`: someone else decided first. */
  outcome: 'decided' | 'already' | 'lost';
  view: RequestView;
}

const DECIDE_ATTEMPTS = 3;

/**
 * The owner's or delegate's decision. Permission is checked against the asset as stored now; the
 * decision is written with If-Match on the request as read, so of two simultaneous decisions exactly
 * one is stored and the other person is shown it. A denial needs a comment: the requester is told why.
 */
export async function decideAccessRequest(deps: Deps, actor: Actor, requestId: string, decision: Decision, comment: string | null): Promise<DecisionResult> {
  // Who gets the task on an approval (the administrative unit) is looked up beside the request.
  const [first, admin] = await Promise.all([deps.store.get('AccessRequests', requestId), decision === 'approve' ? adminUnit(deps) : undefined]);
  let current = first;
  if (!current) throw new Refused('not_found', 'access.notFound');
  // An owner's or delegate's own asset was read with them this turn (loadActor): not read again.
  const asset = actor.assets?.find((a) => a.id === current!.data.assetId) ?? (await deps.store.get('InformationAssets', current.data.assetId));
  if (!asset) throw invalid('access.assetGone');
  // Separation of duties, against the records as they are now: the asset, the Roles list, the directory.
  const independent = await independentFor(deps, asset.data, current.data.subjectId);
  const capacity = accessDecisionCapacity(actor, asset.data, current.data.subjectId, independent);
  if (!capacity) throw await notDecider(deps, actor, asset, current.data.subjectId, independent);
  const text = comment?.trim() || null;
  for (let attempt = 0; attempt < DECIDE_ATTEMPTS; attempt++) {
    if (current.data.status !== 'pending') {
      const view = await requestView(deps, current, { asset });
      if (current.data.decidedBy && same(current.data.decidedBy, actor.id)) {
        // Our own earlier decision (a double click, a retried invoke): make sure all its effects exist
        // (the audit entry alone says nothing about the cards: a crash may fall between any two).
        const { completed } = await decisionEffects(deps, actor, current, view);
        return { outcome: completed ? 'decided' : 'already', view };
      }
      return { outcome: attempt === 0 ? 'already' : 'lost', view };
    }
    if (decision === 'deny' && !text) throw new RecordValidationError('AccessRequests', [issue('decisionComment', 'access.decide.commentRequired')]);
    if (text && text.length > 2_000) throw new RecordValidationError('AccessRequests', [issue('decisionComment', 'validation.tooLong', { maximum: 2_000 })]);
    try {
      const patch = {
        status: decision === 'approve' ? ('approved' as const) : ('denied' as const),
        decidedBy: actor.id,
        decidedAt: deps.clock.now().toISOString(),
        decidedAs: capacity,
        decisionComment: text,
      };
      // The decision as it will be stored, shown in its cards; the If-Match update, the audit entry
      // and the cards go in one $batch (nothing of them is written when the update is refused).
      const next: StoredOf<'AccessRequests'> = { ...current, data: { ...current.data, ...patch } };
      const view = await requestView(deps, next, { asset });
      await deps.store.updateThenCreateAll('AccessRequests', current, patch, await decisionRecords(deps, actor, next, view, admin));
      return { outcome: 'decided', view };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const reread = await deps.store.get('AccessRequests', requestId);
      if (!reread) throw new Refused('not_found', 'access.notFound');
      current = reread;
    }
  }
  return { outcome: 'lost', view: await requestView(deps, current, { asset }) };
}

/** Why `actor` may not decide, as a refusal that names who does. */
async function notDecider(deps: Deps, actor: Actor, asset: StoredOf<'InformationAssets'>, subjectId: string, independent: Decider[]): Promise<Refused> {
  const a = asset.data;
  const names = async (ids: string[]) => (await deps.directory.getPeople(ids)).map((p) => p.displayName).join(' / ') || ids.join(' / ');
  const params = { asset: a.name, owner: await names([a.ownerId]) };
  if (same(actor.id, subjectId)) {
    const deciders = (await decidersOf(deps, a, subjectId)).map((d) => d.id);
    return forbidden('access.decide.ownAccess', { ...params, deciders: deciders.length ? await names(deciders) : params.owner });
  }
  if (concernsOwner(a, subjectId)) return forbidden('access.decide.ownersAccess', { ...params, approver: independent.length ? await names(independent.map((d) => d.id)) : '–' });
  if (same(actor.id, a.delegateId) && !mayApproveAsDelegate(actor.roles)) return forbidden('access.decide.delegateNoRole', params);
  return forbidden('access.decide.notDecider', params);
}

/** Audit, every decider's card, the requester's message and — when approved — the administrative task. Idempotent by key. */
async function decisionEffects(deps: Deps, actor: Actor, stored: StoredOf<'AccessRequests'>, view: RequestView): Promise<{ completed: boolean }> {
  return finish(deps, await decisionRecords(deps, actor, stored, view));
}

/** The audit entry and the cards of a decision, keyed by it (written once, however often asked). */
async function decisionRecords(deps: Deps, actor: Actor, stored: StoredOf<'AccessRequests'>, view: RequestView, admin?: Awaited<ReturnType<typeof adminUnit>>): Promise<AnyNewRecord[]> {
  const r = stored.data;
  const op = `access:${stored.id}:decided`;
  // Everyone who got the decision card (as the request recorded the asset), and whoever decided; the
  // administrative unit, when approved (unless the caller looked it up already).
  const [decidedBy, adminUnitTo] = await Promise.all([
    decidersOf(deps, { ownerId: r.ownerId, delegateId: r.delegateId }, r.subjectId),
    r.status === 'approved' ? (admin ?? adminUnit(deps)) : [],
  ]);
  const deciders = [...decidedBy.map((d) => d.id), ...(r.decidedBy ? [r.decidedBy] : [])].filter((id) => !same(id, r.subjectId));
  const event = r.status === 'denied' ? 'denied' : 'approved';
  // Every decider's copy, the requester's message and the administrative unit's task, with the audit
  // entry: one $batch. Idempotent by key, and run again by a retry (see decideAccessRequest).
  const items: Outgoing[] = [
    { to: deciders.map(person), card: ACCESS_CARDS.decision, payload: { request: view }, correlationKey: correlation.decider(stored.id) },
    { to: [person(r.requesterId)], card: ACCESS_CARDS.notice, payload: { event, request: view } satisfies NoticePayload, correlationKey: correlation.notice(stored.id, event) },
  ];
  if (r.status === 'approved') items.push({ to: adminUnitTo, card: ACCESS_CARDS.task, payload: { request: view }, correlationKey: correlation.task(stored.id) });
  return [
    auditRecord(deps, op, {
      actorId: actor.id,
      action: r.status === 'denied' ? 'access.denied' : 'access.approved',
      target: `AccessRequests/${stored.id}`,
      summary: `${r.status === 'denied' ? 'Avslag' : 'Beviljat'}: ${r.kind} ${r.role} för ${view.subject.name ?? r.subjectId} i ${view.asset?.code ?? r.assetId}`,
      details: { status: r.status, comment: r.decisionComment, decidedAs: r.decidedAs ?? null, ownerId: r.ownerId, delegateId: r.delegateId },
      correlationId: `AccessRequests/${stored.id}`,
    }),
    ...cardRecords(deps, op, items),
  ];
}

/** A request, for whoever may see it (the deciders' and requester's cards re-read it on every click). */
export async function getRequestView(deps: Deps, requestId: string): Promise<{ stored: StoredOf<'AccessRequests'>; view: RequestView }> {
  const stored = await deps.store.get('AccessRequests', requestId);
  if (!stored) throw new Refused('not_found', 'access.notFound');
  return { stored, view: await requestView(deps, stored) };
}

