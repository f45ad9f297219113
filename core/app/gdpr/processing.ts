/**
 * Dataskydd for the tab: the record of processing (GDPR art. 30, every field of
 * ProcessingActivity) and the impact assessments (art. 35) linked to each processing. Read-only in
 * the tab. Who sees what: core/domain/policy/registers.ts — everyone reads the record of
 * processing; the DSO and ISAM read every impact assessment, a processing's owner those of their
 * processing, others only that one exists and its status.
 */
import { ProcessingListQuery, type DpiaSummary, type ProcessingPage, type ProcessingRow, type ProcessingView } from '../../api';
import type { RecordOf } from '../../domain';
import { canReadImpactAssessment } from '../../domain/policy';
import { issuesFromZod } from '../../i18n/validation';
import { NotFoundError, RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { readEach, type Deps } from '../platform';
import { compareValues, matchingIds, pageOfFound } from '../search';

async function names(deps: Deps, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const people = unique.length ? await deps.directory.getPeople(unique) : [];
  return new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
}

/** The impact assessments of each processing activity (a few each), twenty activities to a `$batch`. */
async function dpiasFor(deps: Deps, ids: string[]): Promise<Map<string, StoredOf<'ImpactAssessments'>[]>> {
  const found = await readEach(deps.store, 'ImpactAssessments', ids.map((id) => [{ field: 'processingActivityId' as const, op: 'eq' as const, value: id }]), 200);
  return new Map(ids.map((id, i) => [id, found[i]!.sort((a, b) => a.data.code.localeCompare(b.data.code))]));
}

function summarise(actor: Actor, p: RecordOf<'ProcessingActivities'>, d: StoredOf<'ImpactAssessments'>, people: Map<string, string>): DpiaSummary {
  const a = d.data;
  return {
    id: d.id,
    code: a.code,
    status: a.status,
    detail: canReadImpactAssessment(actor, p)
      ? {
          title: a.title,
          riskLevel: a.riskLevel,
          dsoConsultedAt: a.dsoConsultedAt,
          dsoOpinion: a.dsoOpinion,
          conclusion: a.conclusion,
          decidedBy: a.decidedBy ? { id: a.decidedBy, name: people.get(a.decidedBy.toLowerCase()) ?? null } : null,
          decidedAt: a.decidedAt,
          nextReviewAt: a.nextReviewAt,
        }
      : null,
  };
}

function toRow(actor: Actor, s: StoredOf<'ProcessingActivities'>, dpias: StoredOf<'ImpactAssessments'>[], people: Map<string, string>): ProcessingRow {
  const p = s.data;
  return {
    id: s.id,
    code: p.code,
    name: p.name,
    unit: p.unit,
    owner: { id: p.ownerId, name: people.get(p.ownerId.toLowerCase()) ?? null },
    legalBasis: p.legalBasis,
    specialCategories: p.specialCategories,
    thirdCountry: p.thirdCountryTransfers.length > 0,
    dpiaRequired: p.dpiaRequired,
    dpias: dpias.map((d) => summarise(actor, p, d, people)),
  };
}

/** One page of the record of processing: indexed filters and sort, the store's cursor. */
export async function listProcessing(deps: Deps, actor: Actor, query: ProcessingListQuery): Promise<ProcessingPage> {
  const r = ProcessingListQuery.safeParse(query);
  if (!r.success) throw new RecordValidationError('ProcessingActivities', issuesFromZod(r.error));
  const q = r.data;
  // A search finds its words anywhere in the id, name or purpose, also inside words (ADR 016).
  const found = q.search ? await matchingIds(deps.store, 'processing', q.search) : null;
  if (found) {
    const records = (await deps.store.getMany('ProcessingActivities', [...found])).filter((s) => (!q.unit || s.data.unit === q.unit) && (q.archived === 'all' || s.data.archived === (q.archived === 'archived')));
    const page = pageOfFound(records, { cursor: q.cursor, pageSize: q.pageSize, compare: (a, b) => compareValues(a.data[q.sort], b.data[q.sort], q.direction) || a.data.code.localeCompare(b.data.code) });
    const dpias = await dpiasFor(deps, page.items.map((s) => s.id));
    const people = await names(deps, [...page.items.map((s) => s.data.ownerId), ...[...dpias.values()].flat().map((d) => d.data.decidedBy)]);
    return { items: page.items.map((s) => toRow(actor, s, dpias.get(s.id) ?? [], people)), cursor: page.cursor, sort: q.sort, direction: q.direction };
  }
  const where: Condition<'ProcessingActivities'>[] = [];
  if (q.search) where.push(/^[a-zåäö]{2,6}-\d*$/i.test(q.search) ? { field: 'code', op: 'startswith', value: q.search.toUpperCase() } : { field: 'name', op: 'startswith', value: q.search });
  if (q.unit) where.push({ field: 'unit', op: 'eq', value: q.unit });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query('ProcessingActivities', { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const dpias = await dpiasFor(deps, page.items.map((s) => s.id));
  const people = await names(deps, [...page.items.map((s) => s.data.ownerId), ...[...dpias.values()].flat().map((d) => d.data.decidedBy)]);
  return { items: page.items.map((s) => toRow(actor, s, dpias.get(s.id) ?? [], people)), cursor: page.cursor, sort: q.sort, direction: q.direction };
}

/** One processing activity with every art. 30 field and its impact assessments. */
export async function getProcessing(deps: Deps, actor: Actor, id: string): Promise<ProcessingView> {
  const s = await deps.store.get('ProcessingActivities', id);
  if (!s) throw new NotFoundError('ProcessingActivities', id);
  const p = s.data;
  const [dpias, assets, suppliers] = await Promise.all([
    dpiasFor(deps, [s.id]),
    p.assetIds.length ? deps.store.getMany('InformationAssets', p.assetIds) : [],
    p.supplierIds.length ? deps.store.getMany('Suppliers', p.supplierIds) : [],
  ]);
  const list = dpias.get(s.id) ?? [];
  const people = await names(deps, [p.ownerId, ...list.map((d) => d.data.decidedBy)]);
  return {
    ...toRow(actor, s, list, people),
    purpose: p.purpose,
    controllerName: p.controllerName,
    dpoContact: p.dpoContact,
    dataSubjectCategories: p.dataSubjectCategories,
    personalDataCategories: p.personalDataCategories,
    recipients: p.recipients,
    thirdCountryTransfers: p.thirdCountryTransfers,
    retention: p.retention,
    securityMeasures: p.securityMeasures,
    assets: assets.map((a) => ({ id: a.id, code: a.data.code, name: a.data.name })),
    suppliers: suppliers.map((x) => ({ id: x.id, code: x.data.code, name: x.data.name })),
    updatedAt: p.updatedAt,
  };
}
