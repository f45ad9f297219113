/**
 * Konsekvensbedömningar (art. 35) kept in the tab. An assessment is started from a processing whose
 * screening requires one (two or more criteria), one open at a time. Its owner, the DSO and ISAM
 * work on it; the DSO alone writes the written opinion (art. 35.2) — asked for when it goes to
 * review, through the DSO's channel; the processing's owner (or ISAM) decides, which completes it
 * once the opinion, the residual risk and the conclusion are there. A residual high risk flags prior
 * consultation of IMY (art. 36) until its date is recorded. The content is read by the DSO, ISAM and
 * the processing's owner; everyone else sees that it exists and its status.
 */
import {
  ImpactAssessmentCreateInput,
  ImpactAssessmentListQuery,
  ImpactAssessmentPatchInput,
  type ImpactAssessmentPage,
  type ImpactAssessmentRow,
  type ImpactAssessmentView,
} from '../../api';
import { addMonthsToDate, priorConsultationRequired, screeningOutcome, stockholmDate, type RecordOf } from '../../domain';
import {
  canArchiveImpactAssessment,
  canDecideImpactAssessment,
  canGiveDsoOpinion,
  canReadImpactAssessment,
  canRemoveRecords,
  canWorkOnImpactAssessment,
} from '../../domain/policy';
import { ConflictError, NotFoundError } from '../../ports/errors';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, notify, wrongState, type Deps } from '../platform';
import {
  archiveRecord,
  changeDetails,
  changedFields,
  checkUniqueCode,
  namesOf,
  nextCode,
  parseWith,
  personRef,
  queueDueReminders,
  recordHistory,
  REGISTER_REMINDER_CARD,
  removeRecord,
  retentionInfo,
  type Names,
} from '../registers';
import { openImpactAssessment } from './register';

const LIST = 'ImpactAssessments';
type Dpia = RecordOf<typeof LIST>;
type StoredDpia = StoredOf<typeof LIST>;
type Processing = StoredOf<'ProcessingActivities'>;
/** Fields only the DSO writes. */
const DSO_FIELDS = new Set(['dsoOpinion', 'dsoConsultedAt']);
/** Fields that stay open once an assessment is decided: follow-up, not content. */
const AFTER_DECISION = new Set(['nextReviewAt', 'priorConsultationAt', 'priorConsultationRef', 'status']);
const LONG = new Set(['description', 'necessity', 'risks', 'measures', 'dsoOpinion', 'conclusion']);
/** Months to the next review of a decided assessment, unless the decision says otherwise. */
const REVIEW_MONTHS = 12;

async function processingsById(deps: Deps, ids: string[]): Promise<Map<string, Processing>> {
  const found = ids.length ? await deps.store.getMany('ProcessingActivities', [...new Set(ids)]) : [];
  return new Map(found.map((p) => [p.id, p]));
}

function toRow(actor: Actor, p: Processing | undefined, s: StoredDpia): ImpactAssessmentRow {
  const d = s.data;
  const canRead = canReadImpactAssessment(actor, p?.data ?? null);
  return {
    id: s.id,
    etag: s.etag,
    code: d.code,
    processing: { id: d.processingActivityId, code: p?.data.code ?? '', name: p?.data.name ?? '' },
    status: d.status,
    title: canRead ? d.title : null,
    residualRisk: canRead ? d.residualRisk : null,
    priorConsultationRequired: priorConsultationRequired(d),
    priorConsultationAt: d.priorConsultationAt,
    dsoConsultedAt: d.dsoConsultedAt,
    nextReviewAt: d.nextReviewAt,
    archived: d.archived,
    canRead,
    canEdit: !d.archived && Boolean(p) && (canWorkOnImpactAssessment(actor, p!.data) || canGiveDsoOpinion(actor)),
  };
}

async function toView(deps: Deps, actor: Actor, s: StoredDpia, p: Processing): Promise<ImpactAssessmentView> {
  const d = s.data;
  const [names, history]: [Names, Awaited<ReturnType<typeof recordHistory>>] = await Promise.all([namesOf(deps, [d.dsoOpinionBy, d.decidedBy]), recordHistory(deps, LIST, s.id)]);
  return {
    ...toRow(actor, p, s),
    title: d.title,
    residualRisk: d.residualRisk,
    criteria: d.criteria,
    description: d.description,
    necessity: d.necessity,
    risks: d.risks,
    measures: d.measures,
    riskLevel: d.riskLevel,
    dsoOpinion: d.dsoOpinion,
    dsoOpinionBy: personRef(names, d.dsoOpinionBy),
    conclusion: d.conclusion,
    priorConsultationRef: d.priorConsultationRef,
    decidedBy: personRef(names, d.decidedBy),
    decidedAt: d.decidedAt,
    canGiveOpinion: !d.archived && canGiveDsoOpinion(actor),
    canDecide: !d.archived && d.status !== 'completed' && canDecideImpactAssessment(actor, p.data),
    canArchive: !d.archived && canArchiveImpactAssessment(actor),
    archive: retentionInfo(deps, LIST, d, canRemoveRecords(actor)),
    history,
  };
}

/** Everyone sees that an assessment exists and its status; the title and risk only those who may read it. */
export async function listImpactAssessments(deps: Deps, actor: Actor, query: unknown): Promise<ImpactAssessmentPage> {
  const q = parseWith(LIST, ImpactAssessmentListQuery, query);
  const where: Condition<typeof LIST>[] = [];
  if (q.processingActivityId) where.push({ field: 'processingActivityId', op: 'eq', value: q.processingActivityId });
  if (q.status) where.push({ field: 'status', op: 'eq', value: q.status });
  if (q.archived !== 'all') where.push({ field: 'archived', op: 'eq', value: q.archived === 'archived' });
  const page = await deps.store.query(LIST, { where, orderBy: { field: q.sort, direction: q.direction }, pageSize: q.pageSize, ...(q.cursor ? { cursor: q.cursor } : {}) });
  const processing = await processingsById(deps, page.items.map((s) => s.data.processingActivityId));
  return { items: page.items.map((s) => toRow(actor, processing.get(s.data.processingActivityId), s)), cursor: page.cursor };
}

async function withProcessing(deps: Deps, id: string): Promise<{ s: StoredDpia; p: Processing }> {
  const s = await deps.store.get(LIST, id);
  if (!s) throw new NotFoundError(LIST, id);
  const p = await deps.store.get('ProcessingActivities', s.data.processingActivityId);
  if (!p) throw new NotFoundError('ProcessingActivities', s.data.processingActivityId);
  return { s, p };
}

export async function getImpactAssessment(deps: Deps, actor: Actor, id: string): Promise<ImpactAssessmentView> {
  const { s, p } = await withProcessing(deps, id);
  if (!canReadImpactAssessment(actor, p.data)) throw forbidden('gdpr.dpia.restricted');
  return toView(deps, actor, s, p);
}

export async function impactAssessmentHistory(deps: Deps, actor: Actor, id: string, cursor?: string) {
  const { p } = await withProcessing(deps, id);
  if (!canReadImpactAssessment(actor, p.data)) throw forbidden('gdpr.dpia.restricted');
  return recordHistory(deps, LIST, id, cursor);
}

/** Starts an assessment from a processing whose screening requires one; one open at a time. */
export async function startImpactAssessment(deps: Deps, actor: Actor, key: string, input: unknown): Promise<ImpactAssessmentView> {
  const sent = parseWith(LIST, ImpactAssessmentCreateInput, input);
  const p = await deps.store.get('ProcessingActivities', sent.processingActivityId);
  if (!p) throw new NotFoundError('ProcessingActivities', sent.processingActivityId);
  if (!canWorkOnImpactAssessment(actor, p.data)) throw forbidden('gdpr.onlyDsoIsamOrOwner');
  const recordKey = `dpia:${actor.id}:${key}`;
  const replay = await deps.store.findByKey(LIST, recordKey);
  // A retry after a crash between the create and its audit entry writes the entry then (idempotent by key).
  const recorded = (s: NonNullable<typeof replay>) =>
    audit(deps, `dpia.started:${recordKey}`, {
      actorId: actor.id,
      action: 'dpia.started',
      target: `${LIST}/${s.id}`,
      summary: `Konsekvensbedömning ${s.data.code} påbörjad för ${p.data.code} (${s.data.criteria.length} kriterier)`,
      details: { processingActivityId: p.id, criteria: s.data.criteria },
    });
  if (replay) {
    await recorded(replay);
    return toView(deps, actor, replay, p);
  }
  if (p.data.archived) throw forbidden('registers.archivedReadOnly');
  if (!p.data.screening) throw wrongState('gdpr.dpia.screeningMissing');
  const outcome = screeningOutcome(p.data.screening.criteria);
  if (outcome !== 'required') throw wrongState('gdpr.dpia.screeningNotRequired', { count: p.data.screening.criteria.length });
  const open = await openImpactAssessment(deps, p.id);
  if (open) throw wrongState('gdpr.dpia.alreadyOpen', { code: open.data.code });
  const code = sent.code ?? (await nextCode(deps, LIST, 'DPIA'));
  await checkUniqueCode(deps, LIST, code, { key: recordKey });
  const data: Dpia = {
    code,
    processingActivityId: p.id,
    title: sent.title ?? `Konsekvensbedömning av ${p.data.name}`.slice(0, 255),
    status: 'draft',
    criteria: p.data.screening.criteria,
    description: null,
    necessity: null,
    risks: null,
    measures: null,
    riskLevel: null,
    residualRisk: null,
    dsoConsultedAt: null,
    dsoOpinion: null,
    dsoOpinionBy: null,
    conclusion: null,
    priorConsultationAt: null,
    priorConsultationRef: null,
    decidedBy: null,
    decidedAt: null,
    nextReviewAt: null,
    lastReminderAt: null,
    archived: false,
    archivedAt: null,
  };
  const s = await deps.store.create(LIST, recordKey, data);
  await recorded(s);
  return toView(deps, actor, s, p);
}

export async function updateImpactAssessment(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<ImpactAssessmentView> {
  const { s: current, p } = await withProcessing(deps, id);
  const worker = canWorkOnImpactAssessment(actor, p.data);
  const dso = canGiveDsoOpinion(actor);
  if (!worker && !dso) throw forbidden('gdpr.onlyDsoIsamOrOwner');
  if (current.data.archived) throw forbidden('registers.archivedReadOnly');
  const sent = parseWith(LIST, ImpactAssessmentPatchInput, input);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const next: Dpia = { ...current.data, ...(Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) as Partial<Dpia>) };
  const fields = changedFields(current.data, next);
  if (!fields.length) return toView(deps, actor, current, p);
  // Who may change what: the opinion is the DSO's own; the rest is the workers'; the decision the owner's.
  if (fields.some((f) => DSO_FIELDS.has(f)) && !dso) throw forbidden('gdpr.dpia.onlyDsoOpinion');
  if (fields.some((f) => !DSO_FIELDS.has(f)) && !worker) throw forbidden('gdpr.onlyDsoIsamOrOwner');
  if (current.data.status === 'completed' && fields.some((f) => !AFTER_DECISION.has(f))) throw wrongState('gdpr.dpia.decided');
  const today = stockholmDate(deps.clock.now());
  if (fields.includes('dsoOpinion')) {
    next.dsoOpinionBy = next.dsoOpinion ? actor.id : null;
    if (next.dsoOpinion && !next.dsoConsultedAt) next.dsoConsultedAt = today;
  }
  const deciding = fields.includes('status') && next.status === 'completed';
  if (deciding) {
    if (!canDecideImpactAssessment(actor, p.data)) throw forbidden('gdpr.dpia.onlyOwnerDecides');
    next.decidedBy = actor.id;
    next.decidedAt = today;
    if (!fields.includes('nextReviewAt') || !next.nextReviewAt) next.nextReviewAt = addMonthsToDate(today, REVIEW_MONTHS);
  }
  if (fields.includes('status') && current.data.status === 'completed' && next.status !== 'completed') {
    // Reopened for a new round: the earlier decision no longer stands.
    next.decidedBy = null;
    next.decidedAt = null;
  }
  if (fields.includes('code')) await checkUniqueCode(deps, LIST, next.code, { id });
  const patchFields = (Object.keys(next) as (keyof Dpia)[]).filter((f) => JSON.stringify(next[f]) !== JSON.stringify(current.data[f]));
  const updated = await deps.store.update(LIST, current, Object.fromEntries(patchFields.map((f) => [f, next[f]])) as Partial<Dpia>);
  const action = deciding ? 'dpia.decided' : fields.includes('dsoOpinion') ? 'dpia.dso_opinion' : fields.includes('status') && next.status === 'in_review' ? 'dpia.sent_for_opinion' : 'dpia.updated';
  const operation = `dpia.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`;
  await audit(deps, operation, {
    actorId: actor.id,
    action,
    target: `${LIST}/${id}`,
    summary: `Konsekvensbedömning ${updated.data.code} ${{ 'dpia.decided': 'beslutad', 'dpia.dso_opinion': 'fick dataskyddsombudets yttrande', 'dpia.sent_for_opinion': 'skickad till dataskyddsombudet för yttrande', 'dpia.updated': 'ändrad' }[action]}${deciding && priorConsultationRequired(updated.data) ? ' – förhandssamråd med IMY krävs' : ''}`.slice(0, 500),
    details: { changes: changeDetails(current.data, updated.data, patchFields, LONG) },
  });
  if (action === 'dpia.sent_for_opinion') {
    // The DSO is asked for the written opinion in their channel (art. 35.2).
    await notify(deps, operation, {
      to: { type: 'channel', role: 'dso' },
      card: REGISTER_REMINDER_CARD,
      payload: { kind: 'dpia_opinion', register: 'impact-assessments', id, code: updated.data.code, title: updated.data.title, dueAt: today, overdue: false, detail: p.data.name },
      correlationKey: `dpia_opinion:${id}`,
    });
  }
  return toView(deps, actor, updated, p);
}

export async function archiveImpactAssessment(deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }): Promise<ImpactAssessmentView> {
  const { s: current, p } = await withProcessing(deps, id);
  if (!canArchiveImpactAssessment(actor)) throw forbidden('gdpr.onlyDsoOrIsam');
  if (current.etag !== etag && !current.data.archived) throw new ConflictError(LIST, id);
  return toView(deps, actor, await archiveRecord(deps, actor, LIST, current, { verb: 'dpia', label: `Konsekvensbedömning ${current.data.code}`, reason: input.reason }), p);
}

export async function removeImpactAssessment(deps: Deps, actor: Actor, id: string, etag: string): Promise<void> {
  await removeRecord(deps, actor, LIST, id, etag, { verb: 'dpia', label: (d) => `Konsekvensbedömning ${d.code}`, allowed: () => canRemoveRecords(actor) });
}

/** The processing's owner is reminded before a decided assessment's review date. */
export function queueImpactAssessmentReminders(deps: Deps, now: Date): Promise<string[]> {
  const owners = new Map<string, string | null>();
  return queueDueReminders(deps, now, {
    kind: 'dpia_review',
    list: LIST,
    field: 'nextReviewAt',
    where: [{ field: 'archived', op: 'eq', value: false }],
    due: (s) => s.data.status === 'completed',
    to: async (s) => {
      if (!owners.has(s.data.processingActivityId)) owners.set(s.data.processingActivityId, (await deps.store.get('ProcessingActivities', s.data.processingActivityId))?.data.ownerId ?? null);
      const owner = owners.get(s.data.processingActivityId);
      return owner ? { type: 'person', id: owner } : { type: 'channel', role: 'dso' };
    },
    payload: (s) => ({ register: 'impact-assessments', id: s.id, code: s.data.code, title: s.data.title, detail: null }),
    marks: true,
  });
}
