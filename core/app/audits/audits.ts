/**
 * Internrevision: the audit programme (ISO 27001 9.2). ISAM plans audits and names the auditor —
 * who may not audit their own unit (impartiality, 9.2) — the auditor records findings and the
 * conclusion, and every nonconformity's corrective action becomes an improvement action through the
 * improvements capability, linked both ways (`findings[].improvementActionId` and the action's
 * `sourceRef` `Audits/<id>#F<n>`).
 *
 * Linking is resumable: after each write the audit's nonconformities that have a complete corrective
 * action but no improvement action get one, with a key derived from the audit and the finding, so a
 * retry after a crash between the two writes creates the action once and links it.
 */
import { AuditCreateInput, AuditListQuery, AuditPatchInput, type AuditPage, type AuditRow, type AuditView, type FindingInput } from '../../api/audits';
import { findingRef, needsImprovementAction, type AuditFinding, type RecordOf } from '../../domain';
import { auditorIsImpartial, canManageAudits, canReadAllAudits, canReadAudit, canRecordAudit, canRemoveRecords, entryRefusal } from '../../domain/policy';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import { createLinkedImprovement } from '../improvements';
import type { Actor } from '../people';
import { audit, forbidden, type Deps } from '../platform';
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
  queueDueReminders,
  recordHistory,
  removeRecord,
  retentionInfo,
  ruleIssue,
  type ExportTable,
  type Names,
} from '../registers';

const LIST = 'Audits';
type AuditRecord = RecordOf<typeof LIST>;
type StoredAudit = StoredOf<typeof LIST>;
const CODE_LIKE = /^[a-zåäö]{2,6}-\d*$/i;
/** Fields the auditor records; the rest is the plan, ISAM's. */
const AUDITOR_FIELDS = new Set(['findings', 'conclusion', 'performedAt', 'status', 'reportUrl']);
const LONG = new Set(['scope', 'conclusion', 'findings']);

function summary(findings: AuditFinding[], actions: Map<string, StoredOf<'ImprovementActions'>>) {
  const open = findings.filter((f) => f.improvementActionId && ['open', 'in_progress'].includes(actions.get(f.improvementActionId)?.data.status ?? 'open')).length;
  return {
    nonconformities: findings.filter((f) => f.kind === 'nonconformity').length,
    observations: findings.filter((f) => f.kind === 'observation').length,
    opportunities: findings.filter((f) => f.kind === 'opportunity').length,
    openActions: open,
  };
}

function toRow(actor: Actor, names: Names, actions: Map<string, StoredOf<'ImprovementActions'>>, s: StoredAudit): AuditRow {
  const a = s.data;
  return {
    id: s.id,
    etag: s.etag,
    code: a.code,
    title: a.title,
    status: a.status,
    auditor: personRef(names, a.auditorId),
    externalAuditor: a.externalAuditor,
    units: a.units,
    plannedAt: a.plannedAt,
    performedAt: a.performedAt,
    findings: summary(a.findings, actions),
    archived: a.archived,
    canEdit: !a.archived && canRecordAudit(actor, a),
  };
}

async function actionsOf(deps: Deps, audits: StoredAudit[]) {
  const ids = audits.flatMap((s) => s.data.findings.map((f) => f.improvementActionId).filter((x): x is string => Boolean(x)));
  const found = ids.length ? await deps.store.getMany('ImprovementActions', ids) : [];
  return new Map(found.map((a) => [a.id, a]));
}

async function toView(deps: Deps, actor: Actor, s: StoredAudit): Promise<AuditView> {
  const a = s.data;
  const [actions, history] = await Promise.all([actionsOf(deps, [s]), recordHistory(deps, LIST, s.id)]);
  const names = await namesOf(deps, [a.auditorId, a.createdBy, ...a.findings.map((f) => f.actionOwnerId)]);
  const { findings: _counts, ...row } = toRow(actor, names, actions, s);
  return {
    ...row,
    scope: a.scope,
    clauses: a.clauses,
    conclusion: a.conclusion,
    reportUrl: a.reportUrl,
    findings: a.findings.map((f) => {
      const act = f.improvementActionId ? actions.get(f.improvementActionId) : undefined;
      return {
        id: f.id,
        kind: f.kind,
        requirement: f.requirement,
        text: f.text,
        correctiveAction: f.correctiveAction,
        actionOwner: personRef(names, f.actionOwnerId),
        actionDueAt: f.actionDueAt,
        improvementAction: act ? { id: act.id, title: act.data.title, status: act.data.status, dueAt: act.data.dueAt } : null,
      };
    }),
    summary: summary(a.findings, actions),
    createdBy: personRef(names, a.createdBy),
    updatedAt: a.updatedAt,
    canPlan: !a.archived && canManageAudits(actor),
    canArchive: !a.archived && canManageAudits(actor),
    archive: retentionInfo(deps, LIST, a, canRemoveRecords(actor)),
    history,
  };
}

export async function listAudits(deps: Deps, actor: Actor, query: unknown): Promise<AuditPage> {
  const q = parseWith(LIST, AuditListQuery, query);
  const all = canReadAllAudits(actor);
  const where: Condition<typeof LIST>[] = [];
  if (!all) where.push({ field: 'auditorId', op: 'eq', value: actor.id });
  else if (q.auditorId) where.push({ field: 'auditorId', op: 'eq', value: q.auditorId });
  if (q.year) where.push({ field: 'plannedAt', op: 'ge', value: `${q.year}-01-01` }, { field: 'plannedAt', op: 'lt', value: `${q.year + 1}-01-01` });
  if (q.search) where.push(CODE_LIKE.test(q.search) ? { field: 'code', op: 'startswith', value: q.search.toUpperCase() } : { field: 'title', op: 'startswith', value: q.search });
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query(LIST, { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const [names, actions] = await Promise.all([namesOf(deps, page.items.map((s) => s.data.auditorId)), actionsOf(deps, page.items)]);
  return { items: page.items.map((s) => toRow(actor, names, actions, s)), cursor: page.cursor, canCreate: canManageAudits(actor), scope: all ? 'all' : 'own' };
}

async function readable(deps: Deps, actor: Actor, id: string): Promise<StoredAudit> {
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  if (!canReadAudit(actor, s.data)) throw forbidden('tab.error.forbidden');
  return s;
}

export async function getAudit(deps: Deps, actor: Actor, id: string): Promise<AuditView> {
  return toView(deps, actor, await readable(deps, actor, id));
}

export async function auditHistory(deps: Deps, actor: Actor, id: string, cursor?: string) {
  await readable(deps, actor, id);
  return recordHistory(deps, LIST, id, cursor);
}

// ── writing ─────────────────────────────────────────────────────────────────

/** The findings a form sent, with the stored ones' ids and improvement actions kept; new ones numbered on. */
function mergeFindings(stored: AuditFinding[], sent: FindingInput[]): AuditFinding[] {
  const byId = new Map(stored.map((f) => [f.id, f]));
  let next = Math.max(0, ...stored.map((f) => Number(f.id.slice(1))), ...sent.map((f) => (f.id ? Number(f.id.slice(1)) : 0))) + 1;
  const issues = [];
  const out = sent.map((f, i) => {
    const before = f.id ? byId.get(f.id) : undefined;
    if (f.id && !before) issues.push(ruleIssue('findings', 'audit.findingUnknown', { id: f.id }));
    const linked = before?.improvementActionId ?? null;
    if (linked && f.kind !== 'nonconformity') issues.push({ ...ruleIssue('findings', 'audit.findingHasAction', { id: f.id! }), path: ['findings', i, 'kind'] });
    return {
      id: f.id ?? `F${next++}`,
      kind: f.kind,
      requirement: f.requirement ?? null,
      text: f.text,
      correctiveAction: f.correctiveAction ?? null,
      actionOwnerId: f.actionOwnerId ?? null,
      actionDueAt: f.actionDueAt ?? null,
      improvementActionId: linked,
    };
  });
  // A finding whose corrective action is under way stays: it is evidence, and the action points at it.
  for (const f of stored) if (f.improvementActionId && !out.some((o) => o.id === f.id)) issues.push(ruleIssue('findings', 'audit.findingHasAction', { id: f.id }));
  if (issues.length) throw new RecordValidationError(LIST, issues);
  return out;
}

async function checkAudit(deps: Deps, a: Pick<AuditRecord, 'auditorId' | 'units' | 'findings' | 'status'>): Promise<void> {
  await checkPeople(deps, LIST, { auditorId: a.auditorId });
  const owners = [...new Set(a.findings.map((f) => f.actionOwnerId).filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase()))];
  if (owners.length) {
    const known = new Map((await deps.directory.getPeople(owners)).map((p) => [p.aadObjectId.toLowerCase(), p]));
    const issues = a.findings.flatMap((f, i) => {
      if (!f.actionOwnerId) return [];
      const refusal = entryRefusal(known.get(f.actionOwnerId.toLowerCase()) ?? null);
      return refusal ? [{ ...ruleIssue('actionOwnerId', ({ unknown: 'registers.personUnknown', disabled: 'registers.personDisabled', guest: 'registers.personGuest' } as const)[refusal]), path: ['findings', i, 'actionOwnerId'] }] : [];
    });
    if (issues.length) throw new RecordValidationError(LIST, issues);
  }
  const auditor = await deps.directory.getPerson(a.auditorId);
  if (!auditorIsImpartial(auditor?.unit ?? null, a.units)) throw new RecordValidationError(LIST, [ruleIssue('auditorId', 'audit.auditorNotImpartial', { unit: auditor?.unit ?? '' })]);
  if (a.status === 'completed') {
    const missing = a.findings.findIndex((f) => f.kind === 'nonconformity' && !f.correctiveAction);
    if (missing >= 0) throw new RecordValidationError(LIST, [{ ...ruleIssue('correctiveAction', 'audit.nonconformityNeedsAction', { id: a.findings[missing]!.id }), path: ['findings', missing, 'correctiveAction'] }]);
  }
}

/**
 * Creates the improvement action of every nonconformity that has a complete corrective action and
 * none yet, and links it. Safe to run again: the action's key is the audit's and the finding's.
 */
async function linkCorrectiveActions(deps: Deps, actor: Actor, s: StoredAudit): Promise<StoredAudit> {
  let current = s;
  for (let attempt = 0; attempt < 3; attempt++) {
    const pending = current.data.findings.filter(needsImprovementAction);
    if (!pending.length) return current;
    const linked = new Map<string, string>();
    for (const f of pending) {
      const action = await createLinkedImprovement(deps, actor.id, `audit:${current.id}:${f.id}`, {
        title: `${current.data.code} ${f.id}: ${f.correctiveAction!}`.slice(0, 255),
        description: `Avvikelse vid internrevision ${current.data.code} (${current.data.title}): ${f.text}`.slice(0, 4_000),
        ownerId: f.actionOwnerId!,
        dueAt: f.actionDueAt!,
        source: 'audit',
        sourceRef: findingRef(current.id, f.id),
      });
      linked.set(f.id, action.id);
    }
    try {
      return await deps.store.update(LIST, current, { findings: current.data.findings.map((f) => (linked.has(f.id) ? { ...f, improvementActionId: linked.get(f.id)! } : f)) });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const again = await deps.store.get(LIST, current.id);
      if (!again) throw new NotFoundError(LIST, current.id);
      current = again;
    }
  }
  return current;
}

export async function createAudit(deps: Deps, actor: Actor, key: string, input: unknown): Promise<AuditView> {
  if (!canManageAudits(actor)) throw forbidden('audit.onlyIsamPlans');
  const sent = parseWith(LIST, AuditCreateInput, input);
  const recordKey = `audit:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (stored: NonNullable<typeof replay>) =>
    audit(deps, `internal_audit.created:${recordKey}`, {
      actorId: actor.id,
      action: 'internal_audit.created',
      target: `${LIST}/${stored.id}`,
      summary: `Internrevision ${stored.data.code} planerad ${stored.data.plannedAt}: ${stored.data.title}`.slice(0, 500),
      details: { code: stored.data.code, auditorId: stored.data.auditorId, plannedAt: stored.data.plannedAt, units: stored.data.units },
    });
  if (replay) {
    await recorded(replay);
    return toView(deps, actor, await linkCorrectiveActions(deps, actor, replay));
  }
  const findings = mergeFindings([], sent.findings ?? []);
  const code = sent.code ?? (await nextCode(deps, LIST, 'REV'));
  await checkUniqueCode(deps, LIST, code, { key: recordKey });
  const data: AuditRecord = {
    code,
    title: sent.title,
    scope: sent.scope,
    clauses: sent.clauses ?? [],
    units: sent.units ?? [],
    auditorId: sent.auditorId,
    externalAuditor: sent.externalAuditor ?? null,
    plannedAt: sent.plannedAt,
    performedAt: sent.performedAt ?? null,
    status: sent.status ?? 'planned',
    conclusion: sent.conclusion ?? null,
    reportUrl: sent.reportUrl ?? null,
    findings,
    createdBy: actor.id,
    updatedAt: deps.clock.now().toISOString(),
    lastReminderAt: null,
    archived: false,
    archivedAt: null,
  };
  await checkAudit(deps, data);
  const stored = await deps.store.create(LIST, recordKey, data);
  await recorded(stored);
  return toView(deps, actor, await linkCorrectiveActions(deps, actor, stored));
}

export async function updateAudit(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<AuditView> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canRecordAudit(actor, current.data)) throw forbidden('tab.error.forbidden');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, AuditPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const { findings: sentFindings, ...rest } = sent;
  const next: AuditRecord = { ...current.data, ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<AuditRecord>) };
  if (sentFindings) next.findings = mergeFindings(current.data.findings, sentFindings);
  const fields = changedFields(current.data, next);
  if (!fields.length) return toView(deps, actor, await linkCorrectiveActions(deps, actor, current));
  if (fields.some((f) => !AUDITOR_FIELDS.has(f)) && !canManageAudits(actor)) throw forbidden('audit.onlyIsamPlans');
  if (fields.includes('code')) await checkUniqueCode(deps, LIST, next.code, { id });
  await checkAudit(deps, next);
  const now = deps.clock.now();
  const patch = { ...Object.fromEntries(fields.map((f) => [f, next[f]])), updatedAt: now.toISOString() } as Partial<AuditRecord>;
  const updated = await deps.store.update(LIST, current, patch);
  const completed = fields.includes('status') && updated.data.status === 'completed';
  await audit(deps, `internal_audit.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: completed ? 'internal_audit.completed' : 'internal_audit.updated',
    target: `${LIST}/${id}`,
    summary: `Internrevision ${updated.data.code} ${completed ? `genomförd ${updated.data.performedAt}` : 'ändrad'} (${updated.data.findings.filter((f) => f.kind === 'nonconformity').length} avvikelser)`.slice(0, 500),
    details: { changes: changeDetails(current.data, updated.data, fields, LONG) },
  });
  return toView(deps, actor, await linkCorrectiveActions(deps, actor, updated));
}

export async function archiveAudit(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<AuditView> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canManageAudits(actor)) throw forbidden('tab.error.forbidden');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  return toView(deps, actor, await archiveRecord(deps, actor, LIST, current, { verb: 'internal_audit', label: `Internrevision ${current.data.code}`, reason: input.reason }));
}

export async function removeAudit(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'internal_audit', label: (a) => `Internrevision ${a.code}`, allowed: () => canRemoveRecords(actor) });
}

export async function exportAudits(deps: Deps, actor: Actor, query: unknown): Promise<ExportTable> {
  const base = (query ?? {}) as Record<string, unknown>;
  const { rows, truncated } = await collectRows(
    (cursor) => listAudits(deps, actor, { ...base, pageSize: 100, ...(cursor ? { cursor } : {}) }),
    (a: AuditRow) => ({
      code: a.code,
      title: a.title,
      status: a.status,
      auditor: a.auditor.name ?? a.auditor.id,
      externalAuditor: a.externalAuditor,
      units: a.units,
      plannedAt: a.plannedAt,
      performedAt: a.performedAt,
      nonconformities: a.findings.nonconformities,
      observations: a.findings.observations,
      openActions: a.findings.openActions,
      archived: a.archived,
    }),
  );
  return {
    fileName: 'internrevisioner',
    sheet: 'export.sheet.audits',
    columns: [
      { key: 'code', header: 'export.col.code', type: 'text', width: 12 },
      { key: 'title', header: 'export.col.title', type: 'text', width: 40 },
      { key: 'status', header: 'export.col.status', type: 'text', width: 14, labels: (v) => `audit.status.${v}` as never },
      { key: 'auditor', header: 'export.col.auditor', type: 'text', width: 24 },
      { key: 'externalAuditor', header: 'export.col.externalAuditor', type: 'text', width: 24 },
      { key: 'units', header: 'export.col.units', type: 'list', width: 16 },
      { key: 'plannedAt', header: 'export.col.plannedAt', type: 'date', width: 14 },
      { key: 'performedAt', header: 'export.col.performedAt', type: 'date', width: 14 },
      { key: 'nonconformities', header: 'export.col.nonconformities', type: 'number', width: 12 },
      { key: 'observations', header: 'export.col.observations', type: 'number', width: 12 },
      { key: 'openActions', header: 'export.col.openActions', type: 'number', width: 12 },
      { key: 'archived', header: 'export.col.archived', type: 'boolean', width: 10 },
    ],
    rows,
    truncated,
  };
}

/** The auditor is reminded before a planned audit (once per planned date). */
export function queueAuditReminders(deps: Deps, now: Date): Promise<string[]> {
  return queueDueReminders(deps, now, {
    kind: 'audit_planned',
    list: LIST,
    field: 'plannedAt',
    where: [{ field: 'archived', op: 'eq', value: false }],
    due: (s) => s.data.status === 'planned',
    to: (s) => ({ type: 'person', id: s.data.auditorId }),
    payload: (s) => ({ register: 'audits', id: s.id, code: s.data.code, title: s.data.title, detail: s.data.units.length ? s.data.units.join(', ') : null }),
    marks: true,
  });
}
