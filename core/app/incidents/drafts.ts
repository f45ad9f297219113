/**
 * Report drafts: drafted from the incident (draft-text.ts), edited by ISAM or the DSO, offered as
 * copyable text and as a document (the neutral model of core/ports/document.ts; the bot renders
 * it as .docx), and — once the report is recorded as sent — kept unchanged with the incident as
 * the text that was sent. The drafts live in the `IncidentReports` list, read per incident on the
 * indexed `incidentId` column (a handful per incident).
 */
import type { ReportDraftView, ReportSlot } from '../../api';
import {
  canHandleReport,
  caseNumber,
  isLegalKind,
  recordableKeys,
  stockholmDate,
  type IncidentReport,
  type LegalClock,
  type LegalKind,
  type ReportLanguage,
  type ReportSection,
} from '../../domain';
import { t, type Locale } from '../../i18n';
import type { Block, DocumentModel } from '../../ports/document';
import { ConflictError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import { holdersOf, type Actor } from '../people';
import { audit, forbidden, Refused, wrongState, type Deps } from '../platform';
import { generateDraft, regimeOf, reportTime, type DraftContext, type PersonRef } from './draft-text';
import { DraftInput, parse } from './inputs';
import { reportKey } from './keys';
import { load } from './view';

type StoredReport = StoredOf<'IncidentReports'>;

/** The reports an incident has, oldest first (bounded: one page of the indexed `incidentId`). */
export async function reportsOf(deps: Deps, incidentId: string): Promise<StoredReport[]> {
  const page = await deps.store.query('IncidentReports', { where: [{ field: 'incidentId', op: 'eq', value: incidentId }], pageSize: 500 });
  return page.items.sort((a, b) => a.data.updatedAt.localeCompare(b.data.updatedAt) || Number(a.id) - Number(b.id));
}

/** The draft being written for a report, if any (the newest, should two have been started at once). */
export async function currentDraft(deps: Deps, incidentId: string, key: string): Promise<StoredReport | null> {
  const drafts = (await reportsOf(deps, incidentId)).filter((r) => r.data.status === 'draft' && r.data.clockKey === key);
  return drafts.at(-1) ?? null;
}

/** Keeps a draft as the text that was sent: status sent, with when it went and the authority's reference. */
export async function freezeDraft(deps: Deps, reportId: string, sent: { sentAt: string; sentBy: string; reference: string | null }): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const report = await deps.store.get('IncidentReports', reportId);
    if (!report) return;
    const d = report.data;
    if (d.status === 'sent' && d.sentAt === sent.sentAt && d.reference === sent.reference) return;
    try {
      await deps.store.update('IncidentReports', report, { status: 'sent', sentAt: sent.sentAt, sentBy: d.sentBy ?? sent.sentBy, reference: sent.reference });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

export interface DraftOptions {
  language?: ReportLanguage;
  /** Draft anew from the incident's current facts, ignoring the saved draft (saving then replaces it). */
  fresh?: boolean;
}

async function person(deps: Deps, id: string | null): Promise<PersonRef | null> {
  if (!id) return null;
  const p = await deps.directory.getPerson(id);
  return p ? { name: p.displayName, email: p.email || null } : null;
}

async function contextFor(deps: Deps, actor: Actor, stored: StoredOf<'Incidents'>, key: string, kind: LegalKind): Promise<DraftContext> {
  const i = stored.data;
  const regime = regimeOf(kind);
  const central = deps.settings.centralReporting && (regime === 'mcf' || regime === 'imy') && deps.settings.centralReporting.regimes.includes(regime) ? deps.settings.centralReporting : null;
  const gdpr = regime !== 'mcf';
  const [asset, supplier, isams, dsos] = await Promise.all([
    i.assetId ? deps.store.get('InformationAssets', i.assetId) : null,
    i.supplierId ? deps.store.get('Suppliers', i.supplierId) : null,
    actor.roles.has('isam') ? Promise.resolve([actor.id]) : holdersOf(deps, 'isam'),
    holdersOf(deps, 'dso'),
  ]);
  // The contact person: whoever prepares it when they hold the role; otherwise the coordinator.
  const contactId = (gdpr && actor.roles.has('dso')) || actor.roles.has('isam') ? actor.id : (isams[0] ?? null);
  const assessors = [...new Set(i.assessments.map((a) => a.by))];
  const people = assessors.length ? await deps.directory.getPeople(assessors) : [];
  return {
    id: stored.id,
    caseNumber: caseNumber(stored.id, i.reportedAt),
    incident: i,
    key,
    kind,
    organisation: deps.settings.organisation,
    central: central ? { name: central.name, email: central.email } : null,
    contact: await person(deps, contactId),
    dso: await person(deps, dsos.includes(actor.id) ? actor.id : (dsos[0] ?? null)),
    asset: asset ? { code: asset.data.code, name: asset.data.name } : null,
    supplier: supplier ? { name: supplier.data.name } : null,
    names: new Map(people.map((p) => [p.aadObjectId, p.displayName])),
    now: deps.clock.now().toISOString(),
  };
}

/** The clock a report answers, or the next situation report while one may be sent; refused otherwise. */
function clockFor(i: StoredOf<'Incidents'>['data'], key: string): LegalClock | null {
  const c = i.clocks.find((x) => x.key === key);
  if (c && isLegalKind(c.kind)) return c;
  if (recordableKeys(i).includes(key)) return null;
  throw new Refused('not_found', 'incident.error.noSuchReport');
}

function plainText(title: string, recipient: string, sections: ReportSection[], l: ReportLanguage): string {
  const head = `${title}\n${t(l, 'report.meta.recipient')}: ${recipient}`;
  return [head, ...sections.map((s) => `${s.heading}\n${s.text}`)].join('\n\n');
}

async function loadFor(deps: Deps, actor: Actor, id: string, rawKey: string) {
  const { key, kind } = reportKey(rawKey);
  if (!canHandleReport(actor, kind)) throw forbidden(regimeOf(kind) === 'mcf' ? 'incident.error.mayNotTriage' : 'incident.error.mayNotReportGdpr');
  const stored = await load(deps, id);
  const clock = clockFor(stored.data, key);
  return { key, kind, stored, clock };
}

/** One report of an incident: the text that was sent, the saved draft, or a fresh draft. */
export async function getReportDraft(deps: Deps, actor: Actor, id: string, rawKey: string, options: DraftOptions = {}): Promise<ReportDraftView> {
  const { key, kind, stored, clock } = await loadFor(deps, actor, id, rawKey);
  const ctx = await contextFor(deps, actor, stored, key, kind);
  const base = { incidentId: stored.id, caseNumber: ctx.caseNumber, key, kind, routedVia: ctx.central?.name ?? null, clock: clock ? { dueAt: clock.dueAt, basis: clock.basis, completedAt: clock.completedAt, outcome: clock.outcome } : null };
  const names = async (ids: (string | null)[]) => {
    const people = await deps.directory.getPeople(ids.filter((x): x is string => Boolean(x)));
    return (pid: string | null) => people.find((p) => p.aadObjectId === pid)?.displayName ?? null;
  };

  if (clock?.evidenceId) {
    const sent = await deps.store.get('IncidentReports', clock.evidenceId);
    if (sent) {
      const name = await names([sent.data.updatedBy]);
      return { ...base, ...stored_(sent), state: 'sent', editable: false, missing: [], updatedByName: name(sent.data.updatedBy), text: plainText(sent.data.title, sent.data.recipient, sent.data.sections, sent.data.language) };
    }
  }
  const saved = await currentDraft(deps, stored.id, key);
  const sentAlready = clock?.outcome === 'sent';
  if (saved && !options.fresh) {
    const generated = generateDraft(ctx, saved.data.language);
    const name = await names([saved.data.updatedBy]);
    return { ...base, ...stored_(saved), state: 'draft', editable: !sentAlready, missing: generated.missing, updatedByName: name(saved.data.updatedBy), text: plainText(saved.data.title, saved.data.recipient, saved.data.sections, saved.data.language) };
  }
  const language = options.language ?? saved?.data.language ?? 'sv';
  const g = generateDraft(ctx, language);
  return {
    ...base,
    state: 'generated',
    id: saved?.id ?? null,
    etag: saved?.etag ?? null,
    language,
    title: g.title,
    recipient: g.recipient,
    sections: g.sections,
    generatedAt: ctx.now,
    updatedAt: null,
    updatedByName: null,
    sentAt: null,
    reference: null,
    missing: g.missing,
    text: plainText(g.title, g.recipient, g.sections, language),
    editable: !sentAlready,
  };
}

function stored_(r: StoredReport) {
  return {
    id: r.id,
    etag: r.etag,
    language: r.data.language,
    title: r.data.title,
    recipient: r.data.recipient,
    sections: r.data.sections,
    generatedAt: r.data.generatedAt,
    updatedAt: r.data.updatedAt,
    sentAt: r.data.sentAt,
    reference: r.data.reference,
  };
}

/**
 * Saves an edited draft: the first save creates it (keyed by the operation: a double click makes
 * one), later saves need the etag the editor read (someone else's save in between is a conflict).
 * The text of a report already sent is never edited.
 */
export async function saveReportDraft(deps: Deps, actor: Actor, id: string, rawKey: string, raw: unknown, etag: string | null, operationKey: string): Promise<ReportDraftView> {
  const { key, kind, stored, clock } = await loadFor(deps, actor, id, rawKey);
  const input = parse(DraftInput, 'IncidentReports', raw);
  if (clock?.outcome === 'sent') throw wrongState('incident.error.reportAlreadySent');
  const now = deps.clock.now().toISOString();
  const saved = await currentDraft(deps, stored.id, key);
  let report: StoredReport;
  if (saved) {
    if (etag !== saved.etag) {
      // Our own save whose answer was lost holds exactly this text: that is success, not a conflict.
      if (JSON.stringify(saved.data.sections) === JSON.stringify(input.sections) && saved.data.updatedBy === actor.id) report = saved;
      else throw new ConflictError('IncidentReports', saved.id);
    } else {
      report = await deps.store.update('IncidentReports', saved, { sections: input.sections, language: input.language, updatedAt: now, updatedBy: actor.id });
    }
  } else {
    const g = generateDraft(await contextFor(deps, actor, stored, key, kind), input.language);
    const data: IncidentReport = {
      incidentId: stored.id,
      kind,
      clockKey: key,
      status: 'draft',
      language: input.language,
      title: g.title,
      recipient: g.recipient,
      sections: input.sections,
      generatedAt: now,
      updatedAt: now,
      updatedBy: actor.id,
      sentAt: null,
      sentBy: null,
      reference: null,
    };
    report = await deps.store.create('IncidentReports', `report:${stored.id}:${key}:${operationKey}`.slice(0, 255), data);
  }
  await audit(deps, `incident:${stored.id}:draft:${report.id}:${operationKey}`, {
    actorId: actor.id,
    action: 'incident.draft_saved',
    target: `Incidents/${stored.id}`,
    summary: `Utkast till ${key} sparat`,
    details: { key, kind, reportId: report.id, language: input.language },
  });
  return getReportDraft(deps, actor, id, key);
}

/** The document of a report (the text sent, the saved draft, or a fresh draft), for the .docx. */
export async function reportDocument(deps: Deps, actor: Actor, id: string, rawKey: string, options: DraftOptions & { locale?: Locale } = {}): Promise<{ document: DocumentModel; fileName: string }> {
  const view = await getReportDraft(deps, actor, id, rawKey, options);
  return { document: draftDocument(view, deps.settings.organisation.name), fileName: `${view.caseNumber}-${view.key.replace(/[:_]/g, '-')}.docx` };
}

/** Lays a report out as a document: title, a table of particulars, then each section. */
export function draftDocument(view: ReportDraftView, organisation: string | null): DocumentModel {
  const l = view.language;
  const at = (iso: string) => reportTime(iso, l);
  const meta: string[][] = [
    [t(l, 'report.meta.recipient'), view.recipient],
    [t(l, 'report.meta.case'), view.caseNumber],
    [t(l, 'report.meta.date'), stockholmDate(new Date(view.sentAt ?? view.updatedAt ?? view.generatedAt))],
  ];
  if (view.clock && view.kind !== 'breach_documentation') meta.push([t(l, 'report.meta.deadline'), at(view.clock.dueAt)]);
  if (view.updatedByName) meta.push([t(l, 'report.meta.preparedBy'), view.updatedByName]);
  if (view.reference) meta.push([t(l, 'report.meta.reference'), view.reference]);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: view.title },
    { type: 'table', style: 'fields', rows: meta, widths: [30, 70] },
  ];
  for (const s of view.sections) {
    blocks.push({ type: 'heading', level: 2, text: s.heading });
    blocks.push(...textBlocks(s.text));
  }
  return {
    title: view.title,
    subject: view.caseNumber,
    ...(organisation ? { author: organisation } : {}),
    language: l === 'sv' ? 'sv-SE' : 'en-GB',
    header: { left: organisation ?? '', right: view.state === 'sent' && view.sentAt ? t(l, 'report.header.sent', { at: at(view.sentAt) }) : t(l, 'report.header.draft') },
    footer: { text: `${view.caseNumber} · ${view.title}`, pageLabel: { page: t(l, 'report.page'), of: t(l, 'report.of') } },
    blocks,
  };
}

const FIELD_LINE = /^([^:\n]{1,90}): (.*)$/;

/**
 * A section's plain text as blocks: paragraphs split on blank lines; a paragraph of "Label: value"
 * lines becomes a two-column table, one of "- " lines a list, anything else paragraphs line by line.
 */
export function textBlocks(text: string): Block[] {
  const out: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((x) => x.trimEnd()).filter((x) => x.trim() !== '');
    if (!lines.length) continue;
    if (lines.every((x) => /^[-•] /.test(x))) out.push({ type: 'list', ordered: false, items: lines.map((x) => [x.slice(2)]) });
    else if (lines.length > 1 && lines.every((x) => FIELD_LINE.test(x))) out.push({ type: 'table', style: 'fields', rows: lines.map((x) => { const m = FIELD_LINE.exec(x)!; return [m[1]!, m[2]!]; }), widths: [40, 60] });
    else for (const line of lines) out.push({ type: 'paragraph', runs: [line] });
  }
  return out;
}

/** Every report an incident has or may have now, for the incident's page and the reports card. */
export async function reportSlots(deps: Deps, actor: Actor, stored: StoredOf<'Incidents'>): Promise<ReportSlot[]> {
  const keys = [...new Set([...stored.data.clocks.filter((c) => isLegalKind(c.kind) && c.outcome !== 'not_required').map((c) => c.key), ...recordableKeys(stored.data)])];
  const visible = keys.map((k) => reportKey(k)).filter((k) => canHandleReport(actor, k.kind));
  if (!visible.length) return [];
  const reports = await reportsOf(deps, stored.id);
  return visible.map(({ key, kind }) => {
    const mine = reports.filter((r) => r.data.clockKey === key);
    const evidence = stored.data.clocks.find((c) => c.key === key)?.evidenceId;
    const r = (evidence ? mine.find((x) => x.id === evidence) : null) ?? mine.filter((x) => x.data.status === 'draft').at(-1) ?? null;
    return { key, kind: kind as LegalKind, draft: r ? { id: r.id, updatedAt: r.data.updatedAt, status: r.data.status } : null };
  });
}
