/**
 * Åtgärder for the tab: improvement actions with owner, due date and status. ISAM creates and edits
 * them (Idempotency-Key on create, If-Match on edit); the owner of an action updates its status.
 * Overdue = not done or cancelled and due before today (Stockholm). Filters and the sort on due
 * date are on indexed columns.
 */
import type { z } from 'zod';
import {
  ImprovementCreateInput as CreateInput,
  ImprovementListQuery,
  ImprovementPatchInput as PatchInput,
  type ImprovementInput,
  type ImprovementPage,
  type ImprovementRow,
} from '../../api';
import { stockholmDate, type RecordOf } from '../../domain';
import { canManageImprovements, canUpdateImprovementStatus } from '../../domain/policy';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, type Deps } from '../platform';

const LIST = 'ImprovementActions';
type Action = RecordOf<typeof LIST>;
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new RecordValidationError(LIST, issuesFromZod(r.error));
  return r.data;
}

async function names(deps: Deps, ids: string[]) {
  const unique = [...new Set(ids.map((x) => x.toLowerCase()))];
  const people = unique.length ? await deps.directory.getPeople(unique) : [];
  return new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
}

function toRow(actor: Actor, today: string, people: Map<string, string>, s: StoredOf<typeof LIST>): ImprovementRow {
  const a = s.data;
  return {
    id: s.id,
    etag: s.etag,
    title: a.title,
    description: a.description,
    owner: { id: a.ownerId, name: people.get(a.ownerId.toLowerCase()) ?? null },
    dueAt: a.dueAt,
    status: a.status,
    source: a.source,
    sourceRef: a.sourceRef,
    completedAt: a.completedAt,
    overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueAt < today,
    canEdit: canManageImprovements(actor),
    canUpdateStatus: canUpdateImprovementStatus(actor, a),
  };
}

async function row(deps: Deps, actor: Actor, s: StoredOf<typeof LIST>): Promise<ImprovementRow> {
  return toRow(actor, stockholmDate(deps.clock.now()), await names(deps, [s.data.ownerId]), s);
}

/** Everyone in the administration may read the actions: they name the owner, not data subjects. */
export async function listImprovements(deps: Deps, actor: Actor, query: ImprovementListQuery): Promise<ImprovementPage> {
  const q = parse(ImprovementListQuery, query);
  const where: Condition<typeof LIST>[] = [];
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.ownerId) where.push({ field: 'ownerId', op: 'eq', value: q.ownerId });
  if (q.source) where.push({ field: 'source', op: 'eq', value: q.source });
  const page = await deps.store.query(LIST, { where, orderBy: { field: 'dueAt', direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const people = await names(deps, page.items.map((s) => s.data.ownerId));
  const today = stockholmDate(deps.clock.now());
  return { items: page.items.map((s) => toRow(actor, today, people, s)), cursor: page.cursor, direction: q.direction, canCreate: canManageImprovements(actor) };
}

export async function getImprovement(deps: Deps, actor: Actor, id: string): Promise<ImprovementRow> {
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  return row(deps, actor, s);
}

async function checkOwner(deps: Deps, ownerId: string | undefined) {
  if (!ownerId) return;
  if (!(await deps.directory.getPerson(ownerId))) {
    const issue: ValidationIssue = { path: ['ownerId'], code: 'rule', messageKey: 'tab.asset.personUnknown', params: {} };
    throw new RecordValidationError(LIST, [issue]);
  }
}

export async function createImprovement(deps: Deps, actor: Actor, key: string, input: unknown): Promise<ImprovementRow> {
  if (!canManageImprovements(actor)) throw forbidden('tab.error.forbidden');
  const sent = parse(CreateInput, input);
  await checkOwner(deps, sent.ownerId);
  const now = deps.clock.now().toISOString();
  const status = sent.status ?? 'open';
  const recordKey = `tab:${actor.id}:${key}`;
  const stored = await deps.store.create(LIST, recordKey, {
    title: sent.title,
    description: sent.description ?? null,
    ownerId: sent.ownerId,
    dueAt: sent.dueAt,
    status,
    source: sent.source,
    sourceRef: sent.sourceRef ?? null,
    createdBy: actor.id,
    completedAt: status === 'done' ? now : null,
  });
  await audit(deps, `improvement.created:${recordKey}`, { actorId: actor.id, action: 'improvement.created', target: `${LIST}/${stored.id}`, summary: `Åtgärd skapad: ${stored.data.title}`, details: { ownerId: stored.data.ownerId, dueAt: stored.data.dueAt } });
  return row(deps, actor, stored);
}

/** ISAM changes any field; the owner only the status. */
export async function updateImprovement(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<ImprovementRow> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canUpdateImprovementStatus(actor, current.data)) throw forbidden('tab.error.forbidden');
  const sent = parse(PatchInput, input);
  const changed = (Object.keys(sent) as (keyof ImprovementInput)[]).filter((f) => JSON.stringify(sent[f]) !== JSON.stringify(current.data[f]));
  if (changed.some((f) => f !== 'status') && !canManageImprovements(actor)) throw forbidden('tab.improvement.onlyStatus');
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  if (changed.length === 0) return row(deps, actor, current);
  await checkOwner(deps, changed.includes('ownerId') ? sent.ownerId : undefined);
  const patch = Object.fromEntries(changed.map((f) => [f, sent[f]])) as Partial<Action>;
  if (patch.status) patch.completedAt = patch.status === 'done' ? deps.clock.now().toISOString() : null;
  const updated = await deps.store.update(LIST, current, patch);
  await audit(deps, `improvement.updated:${id}:${current.etag}`, {
    actorId: actor.id,
    action: 'improvement.updated',
    target: `${LIST}/${id}`,
    summary: `Åtgärd ändrad: ${updated.data.title}`,
    details: { changes: Object.fromEntries(changed.map((f) => [f, f === 'description' ? 'ändrad' : { from: current.data[f], to: updated.data[f] }])) },
  });
  return row(deps, actor, updated);
}

export interface LinkedImprovementInput {
  title: string;
  description: string | null;
  ownerId: string;
  dueAt: string;
  source: Action['source'];
  /** What it came from: `Audits/12#F2`, `Risks/7`. */
  sourceRef: string;
}

/**
 * Creates an improvement action on behalf of another register — an audit's corrective action, a
 * risk's treatment — whose use case has already decided that `actorId` may. Idempotent by `key`: the
 * caller derives it from its own record (`audit:12:F2`), so a retry after a crash creates nothing new.
 */
export async function createLinkedImprovement(deps: Deps, actorId: string, key: string, input: LinkedImprovementInput): Promise<StoredOf<typeof LIST>> {
  await checkOwner(deps, input.ownerId);
  const recordKey = `linked:${key}`;
  const stored = await deps.store.create(LIST, recordKey, {
    title: input.title.slice(0, 255),
    description: input.description,
    ownerId: input.ownerId,
    dueAt: input.dueAt,
    status: 'open',
    source: input.source,
    sourceRef: input.sourceRef,
    createdBy: actorId,
    completedAt: null,
  });
  await audit(deps, `improvement.created:${recordKey}`, {
    actorId,
    action: 'improvement.created',
    target: `${LIST}/${stored.id}`,
    summary: `Åtgärd skapad från ${input.sourceRef}: ${stored.data.title}`.slice(0, 500),
    details: { ownerId: stored.data.ownerId, dueAt: stored.data.dueAt, sourceRef: input.sourceRef },
  });
  return stored;
}
