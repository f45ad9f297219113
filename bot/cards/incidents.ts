/**
 * Incident cards. Builders take views from core/app/incidents and return rendered cards; every
 * string a person wrote goes through `t` (markdown-escaped) and is shown only in TextBlocks/FactSets.
 */
import type { IncidentView } from '../../core/api';
import { INCIDENT_CAUSES, INCIDENT_CATEGORIES, PERSONAL_DATA_CATEGORIES, SEVERITIES, TRISTATE, formatStockholm, missingLateReason, openLegalObligations, type LegalClock } from '../../core/domain';
import { isMessageKey, t, type Locale, type MessageKey } from '../../core/i18n';
import { encodeDraft } from './draft-codec';
import { NO_LINKS, type RecordLinks } from './links';
import { MAX_TEXT_CHARS, renderTemplate, shorten, type AdaptiveCard, type RenderOptions } from './render';
import investigationTemplate from './templates/incident-investigation.json';
import myCasesTemplate from './templates/my-cases.json';
import noticeTemplate from './templates/incident-notice.json';
import receiptTemplate from './templates/incident-receipt.json';
import reminderTemplate from './templates/incident-reminder.json';
import triageTemplate from './templates/incident-triage.json';
import wizardTemplate from './templates/incident-wizard.json';

type Fact = { title: string; value: string };

/** The incident as a record to link to: the tab's page of it, and the card that shows it. */
const incidentRecord = (l: Locale, id: string, links: RecordLinks): RenderOptions => ({ locale: l, record: { url: links.to(`/incidents/${id}`), open: { verb: 'incident.open', id } } });
const k = (key: string) => key as MessageKey;

/** The categories of personal data the wizard offers (core/domain/choices.ts). */
export const DATA_CATEGORIES = PERSONAL_DATA_CATEGORIES;

export function categoryLabel(l: Locale, c: string): string {
  const key = `incident.category.${c}`;
  return isMessageKey(key) ? t(l, key) : c;
}

/** The "don't know" and "none" choices of the asset and supplier lists (a choice may not have an empty value). */
export const UNKNOWN_ASSET = 'unknown';
export const NO_SUPPLIER = 'none';

/** The fields each wizard step shows as inputs: they travel in the inputs, not in the draft. */
export const STEP_FIELDS: Record<WizardStep, (keyof Draft)[]> = {
  kind: ['category'],
  what: ['description', 'title', 'discoveredDate', 'discoveredTime', 'occurredDate', 'occurredTime', 'occurredUnknown'],
  where: ['assetId', 'supplierId'],
  personal: ['involved', 'approxSubjects', 'dataCategories', 'protectedIdentity'],
  review: [],
};

export function clockLine(l: Locale, c: LegalClock, now: Date): string {
  const due = formatStockholm(c.dueAt, l);
  const reference = c.reference ? t(l, 'incident.clock.reference', { reference: c.reference }) : '';
  if (c.outcome === 'sent' && c.completedAt) {
    const at = formatStockholm(c.completedAt, l);
    if (c.kind === 'internal_investigation') return t(l, 'incident.clock.done', { at });
    if (c.kind === 'data_subjects') return t(l, 'incident.clock.informed', { at, reference });
    if (c.kind === 'breach_documentation') return t(l, 'incident.clock.documented', { at });
    const line = Date.parse(c.completedAt) > Date.parse(c.dueAt) ? t(l, 'incident.clock.sentLate', { at, reference, due }) : t(l, 'incident.clock.sent', { at, reference });
    return missingLateReason(c) ? `${line} ${t(l, 'incident.clock.missingLateReason')}` : line;
  }
  if (c.outcome === 'not_required') {
    if (c.stoppedBy === 'decision') return t(l, 'incident.clock.decided', { rationale: c.rationale ?? '' });
    return c.rationale ? t(l, 'incident.clock.notRequired', { rationale: c.rationale }) : t(l, 'incident.clock.notRequiredByAssessment');
  }
  const overdue = Date.parse(c.dueAt) < now.getTime();
  if (c.basis === 'provisional') {
    if (c.kind === 'cs_final_report') return t(l, 'incident.clock.waiting', { due });
    return t(l, overdue ? 'incident.clock.provisionalOverdue' : 'incident.clock.provisional', { due });
  }
  return overdue ? t(l, 'incident.clock.overdue', { due }) : t(l, 'incident.clock.due', { due });
}

/** A report's name: `incident.clock.<kind>` for any key (`cs_situation_report:2` too). */
export function reportLabel(l: Locale, key: string): string {
  const name = `incident.clock.${key.split(':')[0]}`;
  return isMessageKey(name) ? t(l, name) : key;
}

// ── report wizard ──────────────────────────────────────────────────────────

export type WizardStep = 'kind' | 'what' | 'where' | 'personal' | 'review';
export const WIZARD_STEPS: WizardStep[] = ['kind', 'what', 'where', 'personal', 'review'];

/** What the reporter has typed so far; carried in the card's action data, never trusted for identity. */
export interface Draft {
  id: string;
  category: string;
  title: string;
  description: string;
  discoveredDate: string;
  discoveredTime: string;
  occurredDate: string;
  occurredTime: string;
  occurredUnknown: string;
  assetId: string;
  supplierId: string;
  involved: string;
  approxSubjects: string;
  dataCategories: string;
  protectedIdentity: string;
}

export interface WizardOptions {
  step: WizardStep;
  draft: Draft;
  errors: string[];
  assets: { title: string; value: string }[];
  suppliers: { title: string; value: string }[];
  /** Review facts, already resolved (asset and supplier names). */
  review?: Fact[];
  /** `Action.Submit` inside a message-extension dialog (task modules do not run Action.Execute). */
  mode?: 'execute' | 'submit';
}

export function wizardCard(l: Locale, o: WizardOptions): AdaptiveCard {
  const n = WIZARD_STEPS.indexOf(o.step) + 1;
  const carried: Partial<Draft> = { ...o.draft };
  for (const f of STEP_FIELDS[o.step]) delete carried[f];
  return renderTemplate(wizardTemplate, {
    t: {
      heading: t(l, 'incident.wizard.title'),
      stepLine: t(l, 'incident.wizard.step', { n, total: WIZARD_STEPS.length, name: t(l, k(`incident.wizard.step.${o.step}`)) }),
      safe: t(l, 'incident.wizard.safe'),
      fixErrors: t(l, 'incident.wizard.fixErrors'),
      errors: o.errors,
      review: o.review ?? [],
      reviewDescriptionLabel: t(l, 'incident.notice.description'),
      reviewDescription: o.draft.description ? shorten(o.draft.description, MAX_TEXT_CHARS).text : t(l, 'incident.wizard.none'),
    },
    v: {
      step: o.step,
      actionType: o.mode === 'submit' ? 'Action.Submit' : 'Action.Execute',
      draft: { ...o.draft, assetId: o.draft.assetId || UNKNOWN_ASSET, supplierId: o.draft.supplierId || NO_SUPPLIER },
      draftJson: encodeDraft(carried),
      categories: INCIDENT_CATEGORIES.map((c) => ({ title: categoryLabel(l, c), value: c })),
      assets: [{ title: t(l, 'incident.wizard.asset.unknown'), value: UNKNOWN_ASSET }, ...o.assets],
      suppliers: [{ title: t(l, 'incident.wizard.supplier.none'), value: NO_SUPPLIER }, ...o.suppliers],
      involvedChoices: [
        { title: t(l, 'incident.yes'), value: 'yes' },
        { title: t(l, 'incident.no'), value: 'no' },
        { title: t(l, 'incident.unknown'), value: 'unknown' },
      ],
      dataCategories: DATA_CATEGORIES.map((c) => ({ title: t(l, k(`incident.dataCategory.${c}`)), value: c })),
      label: {
        category: `${t(l, 'incident.wizard.category')} *`,
        description: `${t(l, 'incident.wizard.description')} *`,
        descriptionPlaceholder: t(l, 'incident.wizard.description.placeholder'),
        title: t(l, 'incident.wizard.title.label'),
        titlePlaceholder: t(l, 'incident.wizard.title.placeholder'),
        discovered: `${t(l, 'incident.wizard.discovered')} *`,
        occurred: t(l, 'incident.wizard.occurred'),
        occurredUnknown: t(l, 'incident.wizard.occurredUnknown'),
        asset: t(l, 'incident.wizard.asset'),
        supplier: t(l, 'incident.wizard.supplier'),
        involved: `${t(l, 'incident.wizard.involved')} *`,
        subjects: t(l, 'incident.wizard.subjects'),
        dataCategories: t(l, 'incident.wizard.dataCategories'),
        protected: t(l, 'incident.wizard.protected'),
        back: t(l, 'incident.wizard.back'),
        next: t(l, 'incident.wizard.next'),
        submit: t(l, 'incident.wizard.submit'),
        cancel: t(l, 'incident.wizard.cancel'),
      },
    },
  });
}

export function receiptCard(l: Locale, view: IncidentView, repeat: boolean, links: RecordLinks = NO_LINKS): AdaptiveCard {
  return renderTemplate(receiptTemplate, {
    t: {
      title: t(l, 'incident.receipt.title'),
      number: t(l, 'incident.receipt.number', { number: view.caseNumber }),
      repeat: repeat ? t(l, 'incident.receipt.repeat') : '',
      facts: [
        { title: t(l, 'incident.notice.category'), value: view.category ? categoryLabel(l, view.category) : '' },
        { title: t(l, 'incident.wizard.title.label').replace(/ \(.*\)$/, ''), value: view.title ?? '' },
        { title: t(l, 'incident.notice.reported'), value: formatStockholm(view.reportedAt, l) },
      ],
      next: t(l, 'incident.receipt.next'),
    },
    v: { mine: t(l, 'bot.menu.mine') },
  }, incidentRecord(l, view.id, links));
}

// ── the shared incident card ──────────────────────────────────────────────

const STATUS_COLOR: Record<IncidentView['status'], string> = { reported: 'Attention', triaged: 'Warning', investigating: 'Accent', closed: 'Good' };

export type NoticeAudience = 'isam' | 'dso' | 'person';

/**
 * The card everyone concerned sees, showing the true state by itself. Buttons open the next step
 * for whoever clicks; the use case decides whether they may (a refusal comes back as a card).
 */
export function noticeCard(l: Locale, view: IncidentView, audience: NoticeAudience, now: Date, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const facts: Fact[] = [{ title: t(l, 'incident.notice.reported'), value: formatStockholm(view.reportedAt, l) }];
  if (view.detailed) {
    facts.unshift({ title: t(l, 'incident.notice.category'), value: view.category ? categoryLabel(l, view.category) : '' });
    if (view.severity) facts.push({ title: t(l, 'incident.notice.severity'), value: t(l, k(`incident.severity.${view.severity}`)) });
    facts.push({ title: t(l, 'incident.notice.significant'), value: t(l, k(`incident.significant.${view.significant}`)) });
    if (view.significant === 'no' && view.significanceRationale) facts.push({ title: t(l, 'incident.notice.rationale'), value: view.significanceRationale });
    if (view.personalData && view.personalData.involved !== 'no') {
      const parts = [t(l, view.personalData.involved === 'yes' ? 'incident.yes' : 'incident.unknown')];
      if (view.personalData.approxSubjects) parts.push(t(l, 'incident.notice.subjects', { n: view.personalData.approxSubjects }));
      if (view.personalData.protectedIdentity) parts.push(t(l, 'incident.notice.protected'));
      facts.push({ title: t(l, 'incident.notice.personalData'), value: parts.join(', ') });
    }
    if (view.personalDataBreach !== null) facts.push({ title: t(l, 'incident.notice.breach'), value: t(l, view.personalDataBreach ? 'incident.yes' : 'incident.no') });
    if (view.reporterName) facts.push({ title: t(l, 'incident.notice.reporter'), value: view.reporterName });
    if (view.unit) facts.push({ title: t(l, 'incident.notice.unit'), value: view.unit });
    if (view.managerName) facts.push({ title: t(l, 'incident.notice.manager'), value: view.managerName });
    if (view.assetName) facts.push({ title: t(l, 'incident.notice.asset'), value: view.assetName });
    if (view.supplierName) facts.push({ title: t(l, 'incident.notice.supplier'), value: view.supplierName });
    if (view.discoveredAt) facts.push({ title: t(l, 'incident.notice.discovered'), value: formatStockholm(view.discoveredAt, l) });
    if (view.awareAt && view.awareAt !== view.discoveredAt) facts.push({ title: t(l, 'incident.notice.aware'), value: formatStockholm(view.awareAt, l) });
    if (view.occurredAt) facts.push({ title: t(l, 'incident.notice.occurred'), value: formatStockholm(view.occurredAt, l) });
  }
  const actions: { title: string; verb: string; id: string }[] = [];
  const add = (key: MessageKey, verb: string) => actions.push({ title: t(l, key), verb, id: view.id });
  const open = openLegalObligations(view.clocks);
  if (view.status === 'closed') {
    if (audience === 'isam') add('incident.action.reopen', 'incident.reopen.open');
  } else if (audience === 'isam') {
    add(view.status === 'reported' ? 'incident.action.triage' : 'incident.action.reassess', 'incident.triage.open');
    if (view.investigation) add('incident.action.close', 'incident.close');
  }
  // Reports and deadlines stay a click away as long as any legal obligation is open — closed or not.
  if ((audience === 'isam' || audience === 'dso') && (view.status !== 'closed' || open.length > 0)) add('incident.action.reports', 'incident.reports.open');
  if (audience === 'person' && view.status !== 'reported' && view.status !== 'closed') add('incident.action.investigate', 'incident.investigation.open');
  add('incident.action.refresh', 'incident.open');
  const banner = !view.detailed
    ? ''
    : view.status === 'closed' && open.length
      ? t(l, 'incident.notice.openAfterClose', { list: open.map((c) => reportLabel(l, c.key)).join(', ') })
      : view.undecided && view.status !== 'closed'
        ? t(l, 'incident.notice.provisional')
        : '';
  return renderTemplate(noticeTemplate, {
    t: {
      title: t(l, 'incident.notice.title', { number: view.caseNumber }),
      status: t(l, k(`incident.status.${view.status}`)),
      headline: view.title ?? '',
      restricted: t(l, 'incident.notice.restricted'),
      banner,
      facts,
      descriptionLabel: t(l, 'incident.notice.description'),
      description: view.description ?? '',
      clocksLabel: t(l, 'incident.notice.clocks'),
      clocks: view.clocks.map((c) => ({ title: reportLabel(l, c.key), value: clockLine(l, c, now) })),
      investigationLabel: t(l, 'incident.notice.investigation'),
      findingsLabel: t(l, 'incident.notice.findings'),
      actionsLabel: t(l, 'incident.notice.actions'),
      findings: view.investigation?.findings ?? '',
      actionsTaken: view.investigation?.actions ?? '',
    },
    v: { statusColor: STATUS_COLOR[view.status], restricted: !view.detailed, actions },
  }, incidentRecord(l, view.id, links));
}

/** The notice's plain-text summary for toasts and the activity feed: number and state, no user text. */
export function noticeSummary(l: Locale, view: Pick<IncidentView, 'caseNumber' | 'status'>): string {
  return t(l, 'incident.summary.notice', { number: view.caseNumber, status: t(l, k(`incident.status.${view.status}`)) });
}

// ── triage, reports, investigation ─────────────────────────────────────────

export interface TriageValues {
  severity: string;
  personalDataBreach: string;
  significant: string;
  rationale: string;
  imyNotRequiredRationale: string;
  restrictedHours: string;
  manualHours: string;
  reason: string;
  cause: string;
  suspectedMalicious: string;
  crossBorder: string;
}

/** The "not yet known" choice of the cause (a choice may not have an empty value). */
export const NO_CAUSE = 'unknown';

export interface TriageCardOptions {
  /** Earlier assessments, as lines ("fre 27 mars 2026 10:00, Henrik Sandberg: …"). */
  history: string[];
  /** A reassessment: asks why. */
  reassess: boolean;
}

export function triageCard(l: Locale, view: IncidentView, values: TriageValues, hints: string[], errors: string[], links: RecordLinks = NO_LINKS, options: TriageCardOptions = { history: [], reassess: false }): AdaptiveCard {
  return renderTemplate(triageTemplate, {
    t: {
      title: t(l, options.reassess ? 'incident.triage.titleReassess' : 'incident.triage.title', { number: view.caseNumber }),
      historyLabel: t(l, 'incident.triage.history'),
      history: options.history,
      facts: [
        { title: t(l, 'incident.notice.category'), value: view.category ? categoryLabel(l, view.category) : '' },
        { title: t(l, 'incident.notice.reported'), value: formatStockholm(view.reportedAt, l) },
        ...(view.discoveredAt ? [{ title: t(l, 'incident.notice.discovered'), value: formatStockholm(view.discoveredAt, l) }] : []),
        ...(view.awareAt && view.awareAt !== view.discoveredAt ? [{ title: t(l, 'incident.notice.aware'), value: formatStockholm(view.awareAt, l) }] : []),
        ...(view.reporterName ? [{ title: t(l, 'incident.notice.reporter'), value: `${view.reporterName}${view.unit ? ` (${view.unit})` : ''}` }] : []),
        ...(view.assetName ? [{ title: t(l, 'incident.notice.asset'), value: view.assetName }] : []),
      ],
      description: view.title ?? '',
      errors,
      hintsLabel: t(l, 'incident.triage.hints'),
      hints,
      noHints: t(l, 'incident.triage.noHints'),
    },
    v: {
      id: view.id,
      values,
      severities: SEVERITIES.map((s) => ({ title: t(l, k(`incident.severity.${s}`)), value: s })),
      yesNo: [
        { title: t(l, 'incident.yes'), value: 'true' },
        { title: t(l, 'incident.no'), value: 'false' },
      ],
      significance: (['undecided', 'yes', 'no'] as const).map((s) => ({ title: t(l, k(`incident.significant.${s}`)), value: s })),
      reassess: options.reassess,
      causes: [{ title: t(l, 'incident.triage.causeNone'), value: NO_CAUSE }, ...INCIDENT_CAUSES.map((c) => ({ title: t(l, k(`incident.cause.${c}`)), value: c }))],
      tristate: TRISTATE.map((v) => ({ title: t(l, k(`incident.${v}`)), value: v })),
      label: {
        reason: t(l, 'incident.triage.reason'),
        cause: t(l, 'incident.triage.cause'),
        malicious: t(l, 'incident.triage.malicious'),
        crossBorder: t(l, 'incident.triage.crossBorder'),
        severity: t(l, 'incident.triage.severity'),
        breach: t(l, 'incident.triage.breach'),
        imyNotRequired: t(l, 'incident.triage.imyNotRequired'),
        significant: t(l, 'incident.triage.significant'),
        rationale: t(l, 'incident.triage.rationale'),
        restrictedHours: t(l, 'incident.triage.restrictedHours'),
        manualHours: t(l, 'incident.triage.manualHours'),
        save: t(l, 'incident.triage.save'),
        updateHints: t(l, 'incident.triage.updateHints'),
      },
    },
  }, incidentRecord(l, view.id, links));
}

export function investigationCard(l: Locale, view: IncidentView, values: { findings: string; actions: string }, errors: string[], now: Date, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const clock = view.clocks.find((c) => c.kind === 'internal_investigation');
  return renderTemplate(investigationTemplate, {
    t: {
      title: t(l, 'incident.investigation.title', { number: view.caseNumber }),
      intro: t(l, 'incident.investigation.intro', { due: clock ? clockLine(l, clock, now) : '–' }),
      facts: [
        { title: t(l, 'incident.notice.category'), value: view.category ? categoryLabel(l, view.category) : '' },
        ...(view.reporterName ? [{ title: t(l, 'incident.notice.reporter'), value: view.reporterName }] : []),
        { title: t(l, 'incident.notice.status'), value: t(l, k(`incident.status.${view.status}`)) },
      ],
      description: view.description ?? '',
      errors,
    },
    v: {
      id: view.id,
      values,
      canClose: Boolean(view.investigation) && view.status !== 'closed',
      label: {
        findings: t(l, 'incident.investigation.findings'),
        actions: t(l, 'incident.investigation.actions'),
        save: t(l, 'incident.investigation.save'),
        close: t(l, 'incident.action.close'),
      },
    },
  }, incidentRecord(l, view.id, links));
}

export interface ReminderPayload {
  id: string;
  caseNumber: string;
  /** A clock kind, or `untriaged` / `escalation` for an incident nobody has decided on. */
  kind: string;
  stage: 'due_soon' | 'overdue' | 'still_overdue' | 'escalation';
  dueAt: string;
  detailed: boolean;
  title: string | null;
  provisional?: boolean;
  closed?: boolean;
  assessed?: boolean;
  /** The due time had passed when the reminder was written. */
  passed?: boolean;
}

export function reminderText(l: Locale, p: ReminderPayload): string {
  const due = formatStockholm(p.dueAt, l);
  const number = p.caseNumber;
  if (p.kind === 'untriaged') return t(l, 'incident.reminder.untriaged', { number });
  if (p.kind === 'escalation') {
    const passed = p.passed === true;
    if (p.assessed) return t(l, passed ? 'incident.reminder.undecidedPassed' : 'incident.reminder.undecided', { number, due });
    return t(l, passed ? 'incident.reminder.escalationPassed' : 'incident.reminder.escalation', { number, due });
  }
  const clock = reportLabel(l, p.kind);
  const text =
    p.kind === 'cs_final_report' && p.stage === 'due_soon' && !p.closed
      ? t(l, 'incident.reminder.finalOrSituation', { clock, number, due })
      : p.stage === 'still_overdue'
        ? t(l, 'incident.reminder.still_overdue', { clock, number, due })
        : t(l, p.stage === 'overdue' ? 'incident.reminder.overdue' : 'incident.reminder.due_soon', { clock, number, due });
  return p.closed ? `${text} ${t(l, 'incident.reminder.closed')}` : text;
}

export function reminderCard(l: Locale, p: ReminderPayload, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const urgent = p.stage === 'overdue' || p.stage === 'still_overdue' || (p.stage === 'escalation' && p.kind !== 'untriaged');
  return renderTemplate(reminderTemplate, {
    t: { text: reminderText(l, p), title: p.detailed ? (p.title ?? '') : '' },
    v: { id: p.id, style: urgent ? 'attention' : 'warning', open: t(l, 'incident.action.open') },
  }, incidentRecord(l, p.id, links));
}

export interface CaseRow {
  id: string;
  title: string;
  value: string;
  open: boolean;
}

export function myCasesCard(l: Locale, sections: { heading: string; rows: CaseRow[] }[]): AdaptiveCard {
  const openable = sections.flatMap((s) => s.rows.filter((r) => r.open)).slice(0, 5);
  return renderTemplate(myCasesTemplate, {
    t: {
      title: t(l, 'cases.title'),
      sections: sections.map((s) => ({ heading: s.heading, empty: t(l, 'cases.none'), rows: s.rows.map((r) => ({ title: r.title, value: r.value })) })),
    },
    v: { open: openable.map((r) => ({ id: r.id, title: `${t(l, 'incident.action.open')}: ${r.title}` })) },
  });
}

import reopenTemplate from './templates/incident-reopen.json';

export function reopenCard(l: Locale, view: IncidentView): AdaptiveCard {
  return renderTemplate(reopenTemplate, {
    t: { title: `${t(l, 'incident.action.reopen')}: ${view.caseNumber}` },
    v: { id: view.id, label: t(l, 'incident.reopen.reason'), button: t(l, 'incident.action.reopen') },
  }, incidentRecord(l, view.id, NO_LINKS));
}
