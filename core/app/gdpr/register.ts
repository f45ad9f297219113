/**
 * The record of processing kept in the tab (issue 14): creating and editing a processing activity
 * with every field of art. 30.1, its links to assets, suppliers and personal-data breaches, the
 * screening of whether it needs an impact assessment (two or more of the EDPB criteria: required),
 * archiving and removal. The DSO and ISAM keep the record; a processing's owner keeps their entry up
 * to date and screens it. Every change is audited with the real actor.
 */
import { ProcessingCreateInput, ProcessingPatchInput, ScreeningInput, type ProcessingRegisterFields } from '../../api';
import { screeningOutcome, stockholmDate, type RecordOf } from '../../domain';
import { canArchiveProcessing, canCreateProcessing, canEditProcessing, canRemoveRecords } from '../../domain/policy';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { holdersOf, type Actor } from '../people';
import { audit, forbidden, wrongState, type Deps } from '../platform';
import {
  archiveRecord,
  changeDetails,
  changedFields,
  checkPeople,
  checkUniqueCode,
  collectRows,
  namesOf,
  nextCode,
  parseWith,
  personRef,
  recordHistory,
  removeRecord,
  retentionInfo,
  ruleIssue,
  type ExportTable,
} from '../registers';
import type { ProcessingRow } from '../../api';
import { getProcessing, listProcessing } from './processing';

const LIST = 'ProcessingActivities';
type ProcessingRecord = RecordOf<typeof LIST>;
type StoredProcessing = StoredOf<typeof LIST>;
const LONG = new Set(['purpose', 'retention', 'securityMeasures', 'legalBasis']);

/** An open (not archived, not completed) impact assessment of a processing, if any. */
export async function openImpactAssessment(deps: Pick<Deps, 'store'>, processingId: string): Promise<StoredOf<'ImpactAssessments'> | null> {
  const page = await deps.store.query('ImpactAssessments', { where: [{ field: 'processingActivityId', op: 'eq', value: processingId }], pageSize: 50 });
  return page.items.find((d) => !d.data.archived && d.data.status !== 'completed') ?? null;
}

export async function processingRegisterFields(deps: Deps, actor: Actor, s: StoredProcessing): Promise<ProcessingRegisterFields> {
  const p = s.data;
  const [incidents, history, names, open] = await Promise.all([
    p.incidentIds.length ? deps.store.getMany('Incidents', p.incidentIds) : Promise.resolve([]),
    recordHistory(deps, LIST, s.id),
    namesOf(deps, [p.screening?.screenedBy ?? null]),
    openImpactAssessment(deps, s.id),
  ]);
  const editable = !p.archived && canEditProcessing(actor, p);
  return {
    etag: s.etag,
    jointController: p.jointController,
    incidents: incidents.map((i) => ({ id: i.id, title: i.data.title, reportedAt: i.data.reportedAt })),
    screening: p.screening ? { criteria: p.screening.criteria, notes: p.screening.notes, screenedBy: personRef(names, p.screening.screenedBy), screenedAt: p.screening.screenedAt, outcome: screeningOutcome(p.screening.criteria) } : null,
    archived: p.archived,
    canEdit: editable,
    canScreen: editable,
    canStartImpactAssessment: editable && p.screening !== null && screeningOutcome(p.screening.criteria) === 'required' && !open,
    canArchive: !p.archived && canArchiveProcessing(actor),
    archive: retentionInfo(deps, LIST, p, canRemoveRecords(actor)),
    history,
  };
}

/** `GET /processing/:id`: issue 5's view with the register's fields. */
export async function getProcessingDetail(deps: Deps, actor: Actor, id: string) {
  const view = await getProcessing(deps, actor, id);
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  return { ...view, ...(await processingRegisterFields(deps, actor, s)) };
}

export async function processingHistory(deps: Deps, _actor: Actor, id: string, cursor?: string) {
  if (!(await deps.store.get(LIST, id))) throw new NotFoundError(LIST, id);
  return recordHistory(deps, LIST, id, cursor);
}

/** Assets, suppliers and incidents a processing names must exist. */
async function checkLinks(deps: Deps, data: Partial<ProcessingRecord>): Promise<void> {
  const issues = [];
  const missing = async (list: 'InformationAssets' | 'Suppliers' | 'Incidents', ids: string[] | undefined) => (ids?.length ? (await deps.store.getMany(list, ids)).length !== new Set(ids).size : false);
  if (await missing('InformationAssets', data.assetIds)) issues.push(ruleIssue('assetIds', 'registers.assetUnknown'));
  if (await missing('Suppliers', data.supplierIds)) issues.push(ruleIssue('supplierIds', 'gdpr.supplierUnknown'));
  if (await missing('Incidents', data.incidentIds)) issues.push(ruleIssue('incidentIds', 'gdpr.incidentUnknown'));
  if (issues.length) throw new RecordValidationError(LIST, issues);
  if (data.ownerId !== undefined) await checkPeople(deps, LIST, { ownerId: data.ownerId });
}

/** How to reach the DSO, as the record of processing states it: the DSO's name and e-mail. */
async function dsoContact(deps: Deps): Promise<string | null> {
  const [dso] = await holdersOf(deps, 'dso');
  const person = dso ? await deps.directory.getPerson(dso) : null;
  return person ? `${person.displayName}, ${person.email}` : null;
}

export async function createProcessing(deps: Deps, actor: Actor, key: string, input: unknown): Promise<StoredProcessing> {
  if (!canCreateProcessing(actor)) throw forbidden('gdpr.onlyDsoOrIsam');
  const sent = parseWith(LIST, ProcessingCreateInput, input);
  const recordKey = `processing:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (s: NonNullable<typeof replay>) =>
    audit(deps, `processing.created:${recordKey}`, {
      actorId: actor.id,
      action: 'processing.created',
      target: `${LIST}/${s.id}`,
      summary: `Behandling ${s.data.code} förd in i registerförteckningen: ${s.data.name}`.slice(0, 500),
      details: { code: s.data.code, ownerId: s.data.ownerId, unit: s.data.unit, specialCategories: s.data.specialCategories },
    });
  if (replay) {
    await recorded(replay);
    return replay;
  }
  await checkLinks(deps, sent);
  const code = sent.code ?? (await nextCode(deps, LIST, 'PA'));
  await checkUniqueCode(deps, LIST, code, { key: recordKey });
  const dpo = sent.dpoContact ?? (await dsoContact(deps));
  if (!dpo) throw new RecordValidationError(LIST, [ruleIssue('dpoContact', 'validation.required')]);
  const data: ProcessingRecord = {
    ...sent,
    code,
    jointController: sent.jointController ?? null,
    dpoContact: dpo,
    recipients: sent.recipients ?? [],
    thirdCountryTransfers: sent.thirdCountryTransfers ?? [],
    assetIds: [...new Set(sent.assetIds ?? [])],
    supplierIds: [...new Set(sent.supplierIds ?? [])],
    incidentIds: [...new Set(sent.incidentIds ?? [])],
    dpiaRequired: false,
    screening: null,
    updatedAt: deps.clock.now().toISOString(),
    archived: false,
    archivedAt: null,
  };
  const s = await deps.store.create(LIST, recordKey, data);
  await recorded(s);
  return s;
}

export async function updateProcessing(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<StoredProcessing> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canEditProcessing(actor, current.data)) throw forbidden('gdpr.onlyDsoIsamOrOwner');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, ProcessingPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const next = { ...current.data, ...(Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) as Partial<ProcessingRecord>) };
  for (const f of ['assetIds', 'supplierIds', 'incidentIds'] as const) next[f] = [...new Set(next[f])];
  const fields = changedFields(current.data, next);
  if (!fields.length) return current;
  if (fields.includes('code')) await checkUniqueCode(deps, LIST, next.code, { id });
  await checkLinks(deps, Object.fromEntries(fields.filter((f) => ['assetIds', 'supplierIds', 'incidentIds', 'ownerId'].includes(f)).map((f) => [f, next[f]])) as Partial<ProcessingRecord>);
  const updated = await deps.store.update(LIST, current, { ...Object.fromEntries(fields.map((f) => [f, next[f]])), updatedAt: deps.clock.now().toISOString() } as Partial<ProcessingRecord>);
  await audit(deps, `processing.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: 'processing.updated',
    target: `${LIST}/${id}`,
    summary: `Behandling ${updated.data.code} ändrad i registerförteckningen`.slice(0, 500),
    details: { changes: changeDetails(current.data, updated.data, fields, LONG) },
  });
  return updated;
}

/** Records the screening; `dpiaRequired` follows it (two or more criteria). */
export async function screenProcessing(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<StoredProcessing> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canEditProcessing(actor, current.data)) throw forbidden('gdpr.onlyDsoIsamOrOwner');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, ScreeningInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const criteria = [...new Set(sent.criteria)];
  const outcome = screeningOutcome(criteria);
  if (outcome === 'consider' && !sent.notes) throw new RecordValidationError(LIST, [ruleIssue('notes', 'gdpr.screening.notesRequired')]);
  const screening = { criteria, notes: sent.notes ?? null, screenedBy: actor.id, screenedAt: stockholmDate(deps.clock.now()) };
  const updated = await deps.store.update(LIST, current, { screening, dpiaRequired: outcome === 'required', updatedAt: deps.clock.now().toISOString() });
  await audit(deps, `processing.screened:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: 'processing.screened',
    target: `${LIST}/${id}`,
    summary: `Behandling ${updated.data.code} screenad: ${criteria.length} av 9 kriterier, konsekvensbedömning ${outcome === 'required' ? 'krävs' : outcome === 'consider' ? 'övervägs' : 'krävs inte'}`,
    details: { criteria, outcome, changes: { dpiaRequired: { from: current.data.dpiaRequired, to: updated.data.dpiaRequired } } },
  });
  return updated;
}

export async function archiveProcessing(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<StoredProcessing> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canArchiveProcessing(actor)) throw forbidden('gdpr.onlyDsoOrIsam');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  return archiveRecord(deps, actor, LIST, current, { verb: 'processing', label: `Behandling ${current.data.code}`, reason: input.reason });
}

/** Its impact assessments go first: an assessment without its processing would be evidence of nothing. */
export async function removeProcessing(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  const assessments = await deps.store.query('ImpactAssessments', { where: [{ field: 'processingActivityId', op: 'eq', value: id }], pageSize: 1 });
  if (assessments.items.length) throw wrongState('gdpr.processingHasAssessments', { code: assessments.items[0]!.data.code });
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'processing', label: (p) => `Behandling ${p.code}`, allowed: () => canRemoveRecords(actor) });
}

/** The record of processing as a table with every art. 30.1 field: the list's pages, each read whole (batched). */
export async function exportProcessing(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows: listed, truncated } = await collectRows(
    (cursor) => listProcessing(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) } as never),
    (p: ProcessingRow) => ({ id: p.id, owner: p.owner.name ?? p.owner.id, dpias: p.dpias.map((d) => `${d.code} (${d.status})`) }),
  );
  const records = new Map<string, StoredProcessing>();
  for (let i = 0; i < listed.length; i += 100) for (const r of await deps.store.getMany(LIST, listed.slice(i, i + 100).map((x) => String(x.id)))) records.set(r.id, r);
  const rows = listed.flatMap((x) => {
    const r = records.get(String(x.id));
    if (!r) return [];
    const p = r.data;
    return [{
      code: p.code,
      name: p.name,
      unit: p.unit,
      owner: String(x.owner),
      controllerName: p.controllerName,
      jointController: p.jointController,
      dpoContact: p.dpoContact,
      purpose: p.purpose,
      legalBasis: p.legalBasis,
      dataSubjectCategories: p.dataSubjectCategories,
      personalDataCategories: p.personalDataCategories,
      specialCategories: p.specialCategories,
      recipients: p.recipients,
      thirdCountryTransfers: p.thirdCountryTransfers.map((t) => `${t.country}: ${t.safeguard}`),
      retention: p.retention,
      securityMeasures: p.securityMeasures,
      dpiaRequired: p.dpiaRequired,
      dpias: (x.dpias as string[]) ?? [],
      updatedAt: p.updatedAt,
      archived: p.archived,
    }];
  });
  return {
    fileName: 'registerforteckning',
    sheet: 'export.sheet.processing',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 10 },
      { key: 'name', header: 'export.col.processing', type: 'text', width: 36 },
      { key: 'unit', header: 'export.col.unit', type: 'text', width: 10 },
      { key: 'owner', header: 'export.col.owner', type: 'text', width: 24 },
      { key: 'controllerName', header: 'export.col.controller', type: 'text', width: 30 },
      { key: 'jointController', header: 'export.col.jointController', type: 'text', width: 24 },
      { key: 'dpoContact', header: 'export.col.dpoContact', type: 'text', width: 30 },
      { key: 'purpose', header: 'export.col.purpose', type: 'longtext', width: 50 },
      { key: 'legalBasis', header: 'export.col.legalBasis', type: 'longtext', width: 40 },
      { key: 'dataSubjectCategories', header: 'export.col.dataSubjects', type: 'list', width: 30 },
      { key: 'personalDataCategories', header: 'export.col.personalDataCategories', type: 'list', width: 30 },
      { key: 'specialCategories', header: 'export.col.specialCategories', type: 'boolean', width: 14 },
      { key: 'recipients', header: 'export.col.recipients', type: 'list', width: 30 },
      { key: 'thirdCountryTransfers', header: 'export.col.thirdCountryTransfers', type: 'list', width: 30 },
      { key: 'retention', header: 'export.col.erasure', type: 'longtext', width: 40 },
      { key: 'securityMeasures', header: 'export.col.securityMeasures', type: 'longtext', width: 50 },
      { key: 'dpiaRequired', header: 'export.col.dpiaRequired', type: 'boolean', width: 14 },
      { key: 'dpias', header: 'export.col.dpias', type: 'list', width: 30 },
      { key: 'updatedAt', header: 'export.col.updatedAt', type: 'datetime', width: 18 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows,
    truncated,
  };
}
