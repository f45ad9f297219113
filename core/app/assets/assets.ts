/**
 * Information assets for the tab: the inventory page by page (search, filter, sort on indexed
 * columns only), one asset, and creating and classifying assets under the KLASSA rules. Every
 * change is checked against the stored record and audited with the real actor.
 */
import type { z } from 'zod';
import { AssetCreateInput, AssetListQuery, AssetPatchInput, type AssetInput, type AssetLevels, type AssetPage, type AssetRow, type AssetView, type PersonRef, type PersonSummary } from '../../api';
import {
  CLASSIFICATION_ASPECTS,
  addMonthsToDate,
  requirementsFor,
  stockholmDate,
  summariseClassification,
  type KlassaLevel,
  type RecordOf,
} from '../../domain';
import { canCreateAsset, canEditAsset, canGovernAssetRegister, delegateRefusal, GOVERNED_ASSET_FIELDS, same } from '../../domain/policy';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import { isAdmitted, rolesOf, summarisePerson, type Actor } from '../people';
import { compareValues, matchingIds, pageOfFound } from '../search';
import { audit, forbidden, type Deps } from '../platform';
import type { HistoryPage, RetentionInfo } from '../../api/registers';
import { canRemoveRecords } from '../../domain/policy';
import { recordHistory, retentionInfo } from '../registers';

type Asset = RecordOf<'InformationAssets'>;
type StoredAsset = StoredOf<'InformationAssets'>;

const NEW_ASSET_DEFAULTS = {
  critical: false,
  delegateId: null,
  contactId: null,
  systemOwnerId: null,
  confidentiality: null,
  integrity: null,
  availability: null,
  traceability: null,
  classifiedAt: null,
  priority: null,
  nextReviewAt: null,
  notes: null,
  motivations: {},
} satisfies Partial<AssetInput>;

const LIST = 'InformationAssets';
const CODE_LIKE = /^[a-zåäö]{2,6}-\d*$/i;
const LONG_TEXT = new Set(['description', 'information', 'notes']);

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new RecordValidationError(LIST, issuesFromZod(result.error));
  return result.data;
}

const issue = (field: string, messageKey: ValidationIssue['messageKey']): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params: {} });

async function peopleById(deps: Pick<Deps, 'directory'>, ids: (string | null)[]): Promise<Map<string, PersonSummary>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()))];
  const people = unique.length ? await deps.directory.getPeople(unique) : [];
  return new Map(people.map((p) => [p.aadObjectId.toLowerCase(), summarisePerson(p)]));
}

function ref(people: Map<string, PersonSummary>, id: string | null): PersonRef | null {
  if (!id) return null;
  return { id, name: people.get(id.toLowerCase())?.name ?? null };
}

function levelsOf(a: Asset): AssetLevels {
  return { confidentiality: a.confidentiality as KlassaLevel | null, integrity: a.integrity as KlassaLevel | null, availability: a.availability as KlassaLevel | null, traceability: a.traceability as KlassaLevel | null };
}

function toRow(deps: Pick<Deps, 'clock'>, actor: Actor, people: Map<string, PersonSummary>, s: StoredAsset): AssetRow {
  const a = s.data;
  return {
    id: s.id,
    etag: s.etag,
    code: a.code,
    name: a.name,
    unit: a.unit,
    critical: a.critical,
    owner: ref(people, a.ownerId)!,
    levels: levelsOf(a),
    summary: summariseClassification(a, stockholmDate(deps.clock.now())),
    priority: a.priority,
    classifiedAt: a.classifiedAt,
    nextReviewAt: a.nextReviewAt,
    archived: a.archived,
    canEdit: !a.archived && canEditAsset(actor, a),
  };
}

async function toView(deps: Deps, actor: Actor, s: StoredAsset): Promise<AssetView> {
  const a = s.data;
  const [people, history] = await Promise.all([peopleById(deps, [a.ownerId, a.delegateId, a.contactId, a.systemOwnerId, a.classifiedBy]), recordHistory(deps, LIST, s.id)]);
  return {
    ...toRow(deps, actor, people, s),
    description: a.description,
    information: a.information,
    delegate: ref(people, a.delegateId),
    contact: ref(people, a.contactId),
    systemOwner: ref(people, a.systemOwnerId),
    classifiedBy: ref(people, a.classifiedBy),
    notes: a.notes,
    supplierIds: a.supplierIds,
    updatedAt: a.updatedAt,
    canGovern: canGovernAssetRegister(actor),
    motivations: a.motivations,
    requirements: requirementsFor(levelsOf(a)).map((r) => ({ id: r.id, aspect: r.aspect, level: r.level, sv: r.sv, en: r.en })),
    lastReminderAt: a.lastReminderAt,
    canArchive: !a.archived && canGovernAssetRegister(actor),
    archive: retentionInfo(deps, LIST, a, canRemoveRecords(actor)),
    history,
  };
}

/**
 * One page of the inventory. Filters are conditions on indexed columns joined by `and`, sorting is
 * on one indexed column, and paging follows the store's cursor: all of it works past 5 000 items.
 */
export async function listAssets(deps: Deps, actor: Actor, query: AssetListQuery): Promise<AssetPage> {
  const q = parse(AssetListQuery, query);
  // A search finds its words anywhere in the id, name or description, also inside words (ADR 016).
  const found = q.search ? await matchingIds(deps.store, 'assets', q.search) : null;
  if (found) {
    const records = (await deps.store.getMany(LIST, [...found])).filter(
      (s) =>
        (!q.unit || s.data.unit === q.unit) &&
        (!q.ownerId || s.data.ownerId.toLowerCase() === q.ownerId.toLowerCase()) &&
        // Archived (decommissioned) systems only when asked for, as in the list without a search.
        (q.archived === 'all' || s.data.archived === (q.archived === 'archived')),
    );
    const page = pageOfFound(records, { cursor: q.cursor, pageSize: q.pageSize, compare: (a, b) => compareValues(a.data[q.sort], b.data[q.sort], q.direction) || a.data.code.localeCompare(b.data.code) });
    const people = await peopleById(deps, page.items.map((s) => s.data.ownerId));
    return { items: page.items.map((s) => toRow(deps, actor, people, s)), cursor: page.cursor, sort: q.sort, direction: q.direction };
  }
  const where: Condition<typeof LIST>[] = [];
  if (q.search) {
    where.push(CODE_LIKE.test(q.search) ? { field: 'code', op: 'startswith', value: q.search.toUpperCase() } : { field: 'name', op: 'startswith', value: q.search });
  }
  if (q.unit) where.push({ field: 'unit', op: 'eq', value: q.unit });
  if (q.ownerId) where.push({ field: 'ownerId', op: 'eq', value: q.ownerId });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query(LIST, {
    where,
    orderBy: { field: q.sort, direction: q.direction },
    pageSize: q.pageSize,
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  const people = await peopleById(deps, page.items.map((s) => s.data.ownerId));
  return { items: page.items.map((s) => toRow(deps, actor, people, s)), cursor: page.cursor, sort: q.sort, direction: q.direction };
}

export async function getAsset(deps: Deps, actor: Actor, id: string): Promise<AssetView> {
  const stored = await deps.store.get(LIST, id);
  if (!stored) throw new NotFoundError(LIST, id);
  return toView(deps, actor, stored);
}

/** Checks that cannot be expressed in the record schema: a unique id and people the directory knows. */
async function checkReferences(deps: Deps, data: Partial<Asset>, ownKey: string | null, ownId: string | null): Promise<void> {
  const issues: ValidationIssue[] = [];
  if (data.code !== undefined) {
    const same = await deps.store.query(LIST, { where: [{ field: 'code', op: 'eq', value: data.code }], pageSize: 5 });
    // A replay of our own create (same key) is not a clash: the store returns that first record.
    if (same.items.some((s) => s.id !== ownId && s.key !== ownKey)) issues.push(issue('code', 'tab.asset.codeTaken'));
  }
  const people = (['ownerId', 'delegateId', 'contactId', 'systemOwnerId'] as const).filter((f) => typeof data[f] === 'string');
  if (people.length) {
    const known = await peopleById(deps, people.map((f) => data[f] as string));
    for (const f of people) if (!known.has((data[f] as string).toLowerCase())) issues.push(issue(f, 'tab.asset.personUnknown'));
  }
  if (issues.length) throw new RecordValidationError(LIST, issues);
}

/**
 * A delegate (ersättare) decides access in the owner's place, so not just anyone may be named
 * (issue 17.3): they must hold a role that may approve — a manager or the director — and not one that
 * carries decisions out (the administrative unit); they must be an enabled member of the organisation
 * and someone else than the owner. Checked when the delegate or the owner changes, against the Roles
 * list and the directory as they are now.
 */
async function checkDelegate(deps: Deps, next: Asset, before: Asset | null): Promise<void> {
  const id = next.delegateId;
  if (!id || (before && same(before.delegateId, id) && same(before.ownerId, next.ownerId))) return;
  const [person, roles] = await Promise.all([deps.directory.getPerson(id), rolesOf(deps, id)]);
  if (!person) return; // checkReferences has said so
  const refusal = delegateRefusal({ id, roles, admitted: isAdmitted(person) }, next);
  if (refusal) {
    throw new RecordValidationError(LIST, [{ path: ['delegateId'], code: 'rule', messageKey: `tab.asset.delegate.${refusal}`, params: { name: person.displayName } }]);
  }
}

/** The audit action of a change: naming a delegate is its own entry (who may decide access changed). */
function updateAction(patch: Partial<Asset>): string {
  if ('delegateId' in patch) return patch.delegateId ? 'asset.delegate_named' : 'asset.delegate_removed';
  return CLASSIFICATION_ASPECTS.some((a) => a in patch) ? 'asset.classified' : 'asset.updated';
}

/**
 * Fills in who classified and when, and the next yearly review, when the levels are set or changed.
 * Clearing all four levels makes the asset unclassified again.
 */
function withClassification(actor: Actor, today: string, months: number, before: Asset | null, next: Asset, sent: Partial<AssetInput>): Asset {
  const levelsSet = CLASSIFICATION_ASPECTS.every((a) => next[a] !== null);
  const levelsCleared = CLASSIFICATION_ASPECTS.every((a) => next[a] === null);
  const changed = !before || CLASSIFICATION_ASPECTS.some((a) => before[a] !== next[a]);
  if (levelsCleared) {
    return { ...next, classifiedAt: null, classifiedBy: null };
  }
  if (levelsSet && changed) {
    const classifiedAt = sent.classifiedAt && sent.classifiedAt !== before?.classifiedAt ? sent.classifiedAt : today;
    const nextReviewAt = sent.nextReviewAt && sent.nextReviewAt !== before?.nextReviewAt ? sent.nextReviewAt : addMonthsToDate(classifiedAt, months);
    return { ...next, classifiedAt, classifiedBy: actor.id, nextReviewAt };
  }
  if (levelsSet && !next.nextReviewAt && next.classifiedAt) return { ...next, nextReviewAt: addMonthsToDate(next.classifiedAt, months) };
  return next;
}

/**
 * A valuation is motivated aspect by aspect (KLASSA): every level set or changed needs its
 * motivation, sent with it or already stored for an unchanged level. Clearing a level clears its
 * motivation.
 */
function checkMotivations(before: Asset | null, next: Asset): Asset {
  // Some levels but not all: the record's own rule (all four or none) says so first.
  if (!CLASSIFICATION_ASPECTS.every((a) => next[a] !== null) && !CLASSIFICATION_ASPECTS.every((a) => next[a] === null)) return next;
  const motivations = { ...next.motivations };
  const issues: ValidationIssue[] = [];
  for (const aspect of CLASSIFICATION_ASPECTS) {
    if (next[aspect] === null) {
      delete motivations[aspect];
      continue;
    }
    const changed = !before || before[aspect] !== next[aspect];
    const text = motivations[aspect]?.trim();
    if (!text) issues.push({ path: ['motivations', aspect], code: 'rule', messageKey: changed ? 'asset.motivationRequired' : 'asset.motivationRequired', params: {} });
  }
  if (issues.length) throw new RecordValidationError(LIST, issues);
  return { ...next, motivations };
}

const levelText = (a: Asset) => (CLASSIFICATION_ASPECTS.every((x) => a[x] !== null) ? `K${a.confidentiality} R${a.integrity} T${a.availability} S${a.traceability}` : 'oklassad');

/**
 * Creates an asset. `key` is the client's idempotency key, namespaced by the actor: a double click
 * or a retried request returns the first record and writes nothing more.
 */
export async function createAsset(deps: Deps, actor: Actor, key: string, input: unknown): Promise<AssetView> {
  if (!canCreateAsset(actor)) throw forbidden('tab.error.forbidden');
  const sent = parse(AssetCreateInput, input);
  const recordKey = `tab:${actor.id}:${key}`;
  const now = deps.clock.now();
  const today = stockholmDate(now);
  await checkReferences(deps, sent, recordKey, null);
  const base: Asset = { ...NEW_ASSET_DEFAULTS, ...sent, classifiedBy: null, supplierIds: [], updatedAt: now.toISOString(), lastReminderAt: null, archived: false, archivedAt: null };
  const data = checkMotivations(null, withClassification(actor, today, deps.settings.classificationReviewMonths, null, base, sent));
  await checkDelegate(deps, data, null);
  const stored = await deps.store.create(LIST, recordKey, data);
  await audit(deps, `asset.created:${recordKey}`, {
    actorId: actor.id,
    action: 'asset.created',
    target: `${LIST}/${stored.id}`,
    summary: `Informationstillgång ${stored.data.code} skapad (${levelText(stored.data)})`,
    details: { code: stored.data.code, ownerId: stored.data.ownerId, delegateId: stored.data.delegateId, unit: stored.data.unit, levels: levelsOf(stored.data) },
  });
  return toView(deps, actor, stored);
}

/**
 * Changes an asset the client read at `etag`. The stored record decides who may do it; a record
 * changed since it was read is a ConflictError (the tab shows the current one).
 */
export async function updateAsset(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<AssetView> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canEditAsset(actor, current.data)) throw forbidden('tab.error.forbidden');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parse(AssetPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);

  const changedFields = (Object.keys(sent) as (keyof AssetInput)[]).filter((f) => JSON.stringify(sent[f]) !== JSON.stringify(current.data[f]));
  if (changedFields.some((f) => GOVERNED_ASSET_FIELDS.includes(f)) && !canGovernAssetRegister(actor)) throw forbidden('tab.error.governedField');
  const changes = Object.fromEntries(changedFields.map((f) => [f, sent[f]])) as Partial<Asset>;
  const classified = withClassification(actor, stockholmDate(deps.clock.now()), deps.settings.classificationReviewMonths, current.data, { ...current.data, ...changes }, sent);
  const levelsTouched = CLASSIFICATION_ASPECTS.some((a) => classified[a] !== current.data[a]) || 'motivations' in changes;
  const next = levelsTouched ? checkMotivations(current.data, classified) : classified;
  const patch = Object.fromEntries(
    (Object.keys(next) as (keyof Asset)[]).filter((f) => JSON.stringify(next[f]) !== JSON.stringify(current.data[f])).map((f) => [f, next[f]]),
  ) as Partial<Asset>;
  if (Object.keys(patch).length === 0) return toView(deps, actor, current);

  await checkReferences(deps, { ...(patch.code !== undefined ? { code: patch.code } : {}), ...pick(patch, ['ownerId', 'delegateId', 'contactId', 'systemOwnerId']) }, null, id);
  await checkDelegate(deps, next, current.data);
  const updated = await deps.store.update(LIST, current, { ...patch, updatedAt: deps.clock.now().toISOString() });
  await audit(deps, `asset.updated:${id}:${current.etag}`, {
    actorId: actor.id,
    action: updateAction(patch),
    target: `${LIST}/${id}`,
    summary: `Informationstillgång ${updated.data.code} ändrad (${levelText(updated.data)})`,
    details: {
      changes: Object.fromEntries(
        Object.keys(patch).map((f) => [f, LONG_TEXT.has(f) ? 'ändrad' : { from: current.data[f as keyof Asset], to: updated.data[f as keyof Asset] }]),
      ),
    },
  });
  return toView(deps, actor, updated);
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]])) as Partial<Pick<T, K>>;
}
