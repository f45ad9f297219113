/**
 * The text of each report, drafted from the incident: the fields each authority's form asks for
 * (DOMAIN.md "Report content", NIS2 art. 23(4), IMY's breach form, GDPR art. 34(2) and 33(5)).
 * Pure: the context is read by drafts.ts. What the incident does not tell yet is written as a
 * visible placeholder and listed in `missing`, so that nobody sends a gap unknowingly.
 */
import {
  currentAssessment,
  isOpen,
  dateTimeFormat,
  stockholmDate,
  stockholmWallTime,
  type Incident,
  type LegalClock,
  type LegalKind,
  type ReportLanguage,
  type ReportSection,
  type Tristate,
} from '../../domain';
import { isMessageKey, t, type MessageKey, type Params } from '../../i18n';

export interface PersonRef {
  name: string;
  email: string | null;
}

export interface DraftContext {
  id: string;
  caseNumber: string;
  incident: Incident;
  key: string;
  kind: LegalKind;
  organisation: { name: string | null; orgNumber: string | null };
  /** The city's central function, when reports of this kind go through it. */
  central: { name: string; email: string | null } | null;
  /** The contact person the report names (ISAM, or the DSO for GDPR reports). */
  contact: PersonRef | null;
  dso: PersonRef | null;
  asset: { code: string; name: string } | null;
  supplier: { name: string } | null;
  /** Names of the people who assessed the incident, by id. */
  names: ReadonlyMap<string, string>;
  /** When the draft is written (from the Clock port). */
  now: string;
}

export interface GeneratedDraft {
  title: string;
  recipient: string;
  sections: ReportSection[];
  /** Labels of the facts that are missing (placeholders in the text), in the draft's language. */
  missing: string[];
}

const MCF_KINDS: readonly LegalKind[] = ['cs_early_warning', 'cs_notification', 'cs_intermediate_report', 'cs_final_report', 'cs_situation_report'];

export function regimeOf(kind: LegalKind): 'mcf' | 'imy' | 'subjects' | 'internal' {
  if (MCF_KINDS.includes(kind)) return 'mcf';
  if (kind === 'imy_notification') return 'imy';
  return kind === 'data_subjects' ? 'subjects' : 'internal';
}

/** Number formats of the draft languages, made once (ADR 023). */
const numberFormats = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };

/** A time as reports write it: "2026-09-09 kl. 08:40" (Stockholm time). */
export function reportTime(iso: string, l: ReportLanguage): string {
  const w = stockholmWallTime(new Date(iso));
  return t(l, 'report.v.at', { date: stockholmDate(new Date(iso)), time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}` });
}

/** Writes one report. */
export function generateDraft(ctx: DraftContext, language: ReportLanguage): GeneratedDraft {
  return new Writer(ctx, language).draft();
}

class Writer {
  private readonly missing = new Set<string>();
  private readonly i: Incident;

  constructor(
    private readonly ctx: DraftContext,
    private readonly l: ReportLanguage,
  ) {
    this.i = ctx.incident;
  }

  private t(key: MessageKey, params: Params = {}): string {
    return t(this.l, key, params);
  }

  /** A value, or the visible placeholder (and the field noted as missing). */
  private v(value: string | number | null | undefined, label: MessageKey): string {
    if (value === null || value === undefined || value === '') {
      this.missing.add(this.t(label));
      return this.t('report.v.missing');
    }
    return String(value);
  }

  private when(iso: string): string {
    return reportTime(iso, this.l);
  }

  private num(n: number): string {
    return numberFormats[this.l === 'sv' ? 'sv' : 'en'].format(n);
  }

  /** "9 september 2026" in the draft's language (Stockholm calendar). */
  private longDate(iso: string): string {
    return dateTimeFormat(this.l === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
  }

  private tri(v: Tristate): string {
    return this.t(v === 'yes' ? 'report.v.yes' : v === 'no' ? 'report.v.no' : 'report.v.unknown');
  }

  private lines(rows: [MessageKey, string][]): string {
    return rows.map(([label, value]) => `${this.t(label)}: ${value}`).join('\n');
  }

  private clock(key: string): LegalClock | undefined {
    return this.i.clocks.find((c) => c.key === key);
  }

  private ref(c: LegalClock | undefined): string {
    return c?.reference ? this.t('report.p.reference', { reference: c.reference }) : '';
  }

  private label(prefix: string, value: string): string {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? this.t(key) : value;
  }

  private section(key: string, heading: MessageKey, text: string): ReportSection {
    return { key, heading: this.t(heading), text: text.trim() };
  }

  draft(): GeneratedDraft {
    const kind = this.ctx.kind;
    const sections: ReportSection[] = [];
    const routing = this.routing();
    if (routing) sections.push(routing);
    switch (kind) {
      case 'cs_early_warning':
        sections.push(...this.earlyWarning());
        break;
      case 'cs_notification':
        sections.push(...this.notification());
        break;
      case 'cs_intermediate_report':
        sections.push(...this.intermediate());
        break;
      case 'cs_final_report':
        sections.push(...this.final());
        break;
      case 'cs_situation_report':
        sections.push(...this.situation());
        break;
      case 'imy_notification':
        sections.push(...this.imy());
        break;
      case 'data_subjects':
        sections.push(...this.dataSubjects());
        break;
      case 'breach_documentation':
        sections.push(...this.documentation());
        break;
    }
    return { title: this.t(`report.title.${kind}` as MessageKey), recipient: this.recipient(), sections, missing: [...this.missing] };
  }

  // ── shared parts ──────────────────────────────────────────────────────

  private recipient(): string {
    const regime = regimeOf(this.ctx.kind);
    if (regime === 'subjects') return this.t('report.recipient.dataSubjects');
    if (regime === 'internal') return this.t('report.recipient.internal');
    const authority = this.t(regime === 'mcf' ? 'report.recipient.mcf' : 'report.recipient.imy');
    return this.ctx.central ? this.t('report.recipient.central', { central: this.ctx.central.name, authority }) : authority;
  }

  private routing(): ReportSection | null {
    const regime = regimeOf(this.ctx.kind);
    if (!this.ctx.central || (regime !== 'mcf' && regime !== 'imy')) return null;
    const email = this.ctx.central.email ? ` (${this.ctx.central.email})` : '';
    return this.section('routing', 'report.h.routing', this.t('report.p.routing', { central: this.ctx.central.name, email, authority: this.t(regime === 'mcf' ? 'report.authority.mcf' : 'report.authority.imy') }));
  }

  private org(): string {
    return this.v(this.ctx.organisation.name, 'report.f.organisation');
  }

  private operator(heading: MessageKey = 'report.h.operator'): ReportSection {
    const c = this.ctx.contact;
    return this.section(
      'operator',
      heading,
      this.lines([
        ['report.f.organisation', this.org()],
        ['report.f.orgNumber', this.v(this.ctx.organisation.orgNumber, 'report.f.orgNumber')],
        ['report.f.contact', this.v(c?.name, 'report.f.contact')],
        ['report.f.email', this.v(c?.email, 'report.f.email')],
        ['report.f.caseNumber', this.ctx.caseNumber],
      ]),
    );
  }

  private whatHappened(heading: MessageKey = 'report.h.whatHappened', key = 'whatHappened'): ReportSection {
    const rows: [MessageKey, string][] = [
      ['report.f.title', this.i.title],
      ['report.f.category', this.label('incident.category', this.i.category)],
    ];
    return this.section(key, heading, `${this.lines(rows)}\n\n${this.i.description}`);
  }

  private times(): ReportSection {
    return this.section(
      'times',
      'report.h.times',
      this.lines([
        ['report.f.occurredAt', this.i.occurredAt ? this.when(this.i.occurredAt) : this.t('report.v.notKnown')],
        ['report.f.discoveredAt', this.when(this.i.discoveredAt)],
        ['report.f.awareAt', this.when(this.i.awareAt)],
      ]),
    );
  }

  private affected(): [MessageKey, string][] {
    const rows: [MessageKey, string][] = [['report.f.asset', this.ctx.asset ? `${this.ctx.asset.code} ${this.ctx.asset.name}` : this.t('report.v.notKnown')]];
    if (this.ctx.supplier) rows.push(['report.f.supplier', this.ctx.supplier.name]);
    return rows;
  }

  private severityRows(): [MessageKey, string][] {
    const f = this.i.facts;
    const pd = this.i.personalData;
    const rows: [MessageKey, string][] = [
      ['report.f.severity', this.i.severity ? this.label('incident.severity', this.i.severity) : this.v(null, 'report.f.severity')],
      ['report.f.impact', this.v(f.impact, 'report.f.impact')],
    ];
    if (f.restrictedHours !== null) rows.push(['report.f.restricted', this.t('report.v.hours', { n: f.restrictedHours })]);
    if (f.manualWorkaroundHours !== null) rows.push(['report.f.manual', this.t('report.v.hours', { n: f.manualWorkaroundHours })]);
    if (pd.approxSubjects !== null) rows.push(['report.f.people', this.t('report.v.approx', { n: this.num(pd.approxSubjects) })]);
    if (pd.protectedIdentity) rows.push(['report.f.protected', this.t('report.v.yes')]);
    return rows;
  }

  private maliciousRows(): [MessageKey, string][] {
    return [
      ['report.f.malicious', this.tri(this.i.facts.suspectedMalicious)],
      ['report.f.crossBorder', this.tri(this.i.facts.crossBorder)],
    ];
  }

  private measures(heading: MessageKey = 'report.h.measures', withInvestigation = false): ReportSection {
    const parts = [this.v(this.i.facts.mitigation, 'report.h.measures')];
    if (withInvestigation && this.i.investigation) parts.push(this.t('report.p.investigationActions', { actions: this.i.investigation.actions }));
    return this.section('measures', heading, parts.join('\n\n'));
  }

  private cause(withFindings: boolean): ReportSection {
    const f = this.i.facts;
    const parts = [this.lines([['report.f.cause', f.cause ? this.label('incident.cause', f.cause) : this.v(null, 'report.f.cause')]])];
    if (f.causeDescription) parts.push(f.causeDescription);
    if (withFindings && this.i.investigation) parts.push(this.t('report.p.findings', { findings: this.i.investigation.findings }));
    return this.section('cause', 'report.h.cause', parts.join('\n\n'));
  }

  private personalDataParagraph(): string {
    const a = currentAssessment(this.i);
    if (!a || this.i.personalDataBreach === null) return this.t('report.p.pd.undecided');
    if (!a.personalDataBreach) return this.t('report.p.pd.none');
    const imy = this.clock('imy_notification');
    if (imy?.outcome === 'sent' && imy.completedAt) return this.t('report.p.pd.reported', { at: this.when(imy.completedAt), reference: this.ref(imy) });
    if (imy?.outcome === 'not_required') return this.t('report.p.pd.notRequired', { rationale: imy.rationale ?? '' });
    return this.t('report.p.pd.due', { due: this.when(imy?.dueAt ?? this.i.awareAt) });
  }

  private notificationClock(): LegalClock | undefined {
    return this.clock('cs_notification');
  }

  private sentOrDue(c: LegalClock): string {
    if (c.outcome === 'sent' && c.completedAt) return c.reference ? this.t('report.v.withReference', { text: this.t('report.v.sent', { at: this.when(c.completedAt) }), reference: c.reference }) : this.t('report.v.sent', { at: this.when(c.completedAt) });
    if (c.outcome === 'not_required') return this.t('report.v.notRequired', { rationale: c.rationale ?? '' });
    return this.t('report.v.due', { due: this.when(c.dueAt) });
  }

  private timeline(): ReportSection {
    const rows: string[] = [];
    const add = (at: string | null, label: MessageKey, extra = '') => at && rows.push(`- ${this.when(at)}: ${this.t(label)}${extra}`);
    add(this.i.occurredAt, 'report.f.occurredAt');
    add(this.i.discoveredAt, 'report.f.discoveredAt');
    if (this.i.awareAt !== this.i.discoveredAt) add(this.i.awareAt, 'report.f.awareAt');
    const sent = (key: string, label: MessageKey) => {
      const c = this.clock(key);
      if (c?.outcome === 'sent') add(c.completedAt, label, c.reference ? ` (${c.reference})` : '');
    };
    sent('cs_early_warning', 'report.f.earlyWarning');
    sent('cs_notification', 'report.f.notification');
    for (const c of this.i.clocks.filter((x) => x.kind === 'cs_situation_report')) sent(c.key, 'report.f.situation');
    sent('imy_notification', 'report.f.imy');
    if (this.i.status === 'closed') add(this.i.closedAt, 'report.f.handledAt');
    return this.section('timeline', 'report.h.timeline', rows.sort().join('\n'));
  }

  // ── MCF ───────────────────────────────────────────────────────────────

  private earlyWarning(): ReportSection[] {
    const notification = this.notificationClock();
    return [
      this.section('summary', 'report.h.summary', this.t('report.p.ew.intro', { org: this.org() })),
      this.operator(),
      this.whatHappened(),
      this.times(),
      this.section('initialAssessment', 'report.h.initialAssessment', this.lines([...this.maliciousRows(), ...this.affected()])),
      this.section('nextSteps', 'report.h.nextSteps', this.t('report.p.ew.next', { due: this.when(notification?.dueAt ?? this.i.awareAt) })),
    ];
  }

  private notification(): ReportSection[] {
    const ew = this.clock('cs_early_warning');
    const intro = [this.t('report.p.n.intro', { org: this.org() })];
    intro.push(ew?.outcome === 'sent' && ew.completedAt ? this.t('report.p.n.ewSent', { at: this.when(ew.completedAt), reference: this.ref(ew) }) : this.t('report.p.n.ewNotSent'));
    return [
      this.section('summary', 'report.h.summary', intro.join(' ')),
      this.operator(),
      this.whatHappened(),
      this.times(),
      this.section('severity', 'report.h.severity', this.lines([...this.severityRows(), ...this.maliciousRows(), ...this.affected()])),
      this.section('indicators', 'report.h.indicators', this.v(this.i.facts.indicators, 'report.h.indicators')),
      this.measures(),
      this.section('personalData', 'report.h.personalData', this.personalDataParagraph()),
      this.section('nextSteps', 'report.h.nextSteps', this.t('report.p.n.next')),
    ];
  }

  private statusParagraph(): string {
    return this.i.status === 'closed' && this.i.closedAt ? this.t('report.p.status.handled', { at: this.when(this.i.closedAt) }) : this.t('report.p.status.ongoing');
  }

  private intermediate(): ReportSection[] {
    const c = this.clock(this.ctx.key);
    const request: [MessageKey, string][] = [
      ['report.f.requestedAt', c ? this.when(c.startedAt) : this.v(null, 'report.f.requestedAt')],
      ['report.f.requestReference', this.v(c?.requestReference, 'report.f.requestReference')],
      ['report.f.requestDue', c ? this.when(c.dueAt) : this.v(null, 'report.f.requestDue')],
    ];
    return [
      this.section('summary', 'report.h.summary', this.t('report.p.i.intro', { org: this.org() })),
      this.section('request', 'report.h.request', this.lines(request)),
      this.operator(),
      this.section('status', 'report.h.status', `${this.statusParagraph()}\n\n${this.i.description}`),
      this.section('severity', 'report.h.severity', this.lines([...this.severityRows(), ...this.affected()])),
      this.cause(true),
      this.measures('report.h.measuresOngoing', true),
    ];
  }

  private final(): ReportSection[] {
    const n = this.notificationClock();
    return [
      this.section('summary', 'report.h.summary', this.t('report.p.f.intro', { org: this.org(), at: n?.completedAt ? this.when(n.completedAt) : this.v(null, 'report.f.notification'), reference: this.ref(n) })),
      this.operator(),
      this.whatHappened('report.h.whatHappened', 'description'),
      this.section('severity', 'report.h.severity', this.lines([...this.severityRows(), ...this.affected()])),
      this.cause(true),
      this.measures('report.h.measuresOngoing', true),
      this.section('crossBorder', 'report.h.crossBorder', this.lines([this.maliciousRows()[1]!])),
      this.timeline(),
    ];
  }

  private situation(): ReportSection[] {
    const n = this.notificationClock();
    return [
      this.section('summary', 'report.h.summary', this.t('report.p.s.intro', { org: this.org(), at: n?.completedAt ? this.when(n.completedAt) : this.v(null, 'report.f.notification'), reference: this.ref(n) })),
      this.operator(),
      this.section('status', 'report.h.status', `${this.statusParagraph()}\n\n${this.i.description}`),
      this.section('severity', 'report.h.severity', this.lines([...this.severityRows(), ...this.affected()])),
      this.cause(true),
      this.measures('report.h.measuresOngoing', true),
      this.section('nextSteps', 'report.h.nextSteps', this.t('report.p.s.next')),
    ];
  }

  // ── GDPR ──────────────────────────────────────────────────────────────

  private dataCategories(): string[] {
    return this.i.personalData.categories.map((c) => this.label('incident.dataCategory', c));
  }

  /**
   * Special categories (art. 9) or offences (art. 10): yes when a category says so; no when every
   * category is one of the report form's own; otherwise (categories written in words) left to check.
   */
  private sensitive(): string {
    const cats = this.i.personalData.categories;
    if (cats.some((c) => c === 'health' || c === 'offences' || /häls|sjuk|vård|lagöverträd|brott|etnisk|religi|facklig|sexu|biometri|genetisk|health|offen|crim/i.test(c))) return this.t('report.v.yes');
    const own = ['identity', 'contact', 'social', 'economy', 'children', 'staff'];
    return cats.length && cats.every((c) => own.includes(c)) ? this.t('report.v.no') : this.v(null, 'report.f.sensitive');
  }

  private subjectsSection(): ReportSection {
    const pd = this.i.personalData;
    const f = this.i.facts;
    const cats = this.dataCategories();
    const rows: [MessageKey, string][] = [
      ['report.f.dataCategories', cats.length ? cats.join(', ') : this.v(null, 'report.f.dataCategories')],
      ['report.f.sensitive', this.sensitive()],
      ['report.f.subjectsCount', pd.approxSubjects !== null ? this.t('report.v.approx', { n: this.num(pd.approxSubjects) }) : this.v(null, 'report.f.subjectsCount')],
      ['report.f.recordsCount', f.approxRecords !== null ? this.t('report.v.approx', { n: this.num(f.approxRecords) }) : this.v(null, 'report.f.recordsCount')],
      ['report.f.protected', this.t(pd.protectedIdentity ? 'report.v.yes' : 'report.v.no')],
    ];
    return this.section('subjects', 'report.h.subjects', this.lines(rows));
  }

  private natureSection(): ReportSection {
    const natures = this.i.facts.breachNature;
    const text = natures.length ? natures.map((n) => `- ${this.t(`report.nature.${n}` as MessageKey)}`).join('\n') : this.v(null, 'report.h.breachType');
    return this.section('breachType', 'report.h.breachType', text);
  }

  private informedParagraph(): string {
    const c = this.clock('data_subjects');
    if (c?.outcome === 'sent' && c.completedAt) return this.t('report.p.ds.informed', { at: this.when(c.completedAt), reference: c.reference ? ` (${c.reference})` : '' });
    if (c?.outcome === 'not_required') return this.t('report.p.ds.notInformed', { rationale: c.rationale ?? '' });
    return this.t('report.p.ds.pending');
  }

  private dsoRows(): [MessageKey, string][] {
    return [
      ['report.f.name', this.v(this.ctx.dso?.name, 'report.f.dso')],
      ['report.f.email', this.v(this.ctx.dso?.email, 'report.f.email')],
    ];
  }

  private imy(): ReportSection[] {
    const imy = this.clock('imy_notification');
    const sections = [
      this.section('summary', 'report.h.summary', this.t('report.p.imy.intro', { org: this.org() })),
      this.operator('report.h.controller'),
      this.section('dpo', 'report.h.dpo', this.lines(this.dsoRows())),
      this.whatHappened(),
      this.times(),
    ];
    // Art. 33(1): a notification after 72 hours carries the reasons for the delay.
    const late = imy && Date.parse(imy.completedAt ?? this.ctx.now) > Date.parse(imy.dueAt);
    if (late) sections.push(this.section('lateReason', 'report.h.lateReason', this.v(imy.lateReason, 'report.h.lateReason')));
    const mcf = ['cs_notification', 'cs_early_warning'].map((k) => this.clock(k)).find((c) => c?.outcome === 'sent');
    sections.push(
      this.natureSection(),
      this.subjectsSection(),
      this.section('consequences', 'report.h.consequences', this.v(this.i.facts.consequences, 'report.h.consequences')),
      this.measures(),
      this.section('informed', 'report.h.informed', this.informedParagraph()),
      this.section('crossBorder', 'report.h.crossBorder', this.lines([this.maliciousRows()[1]!])),
      this.section('otherAuthorities', 'report.h.otherAuthorities', mcf?.completedAt ? this.t('report.p.imy.alsoMcf', { at: this.when(mcf.completedAt), reference: this.ref(mcf) }) : this.t('report.p.imy.noOther')),
    );
    sections.push(this.section('completeness', 'report.h.completeness', this.t(this.missing.size ? 'report.p.imy.partial' : 'report.p.imy.complete')));
    return sections;
  }

  /**
   * What happened, for the people concerned: said plainly from the facts, never the internal
   * description (which may name others, and is written for colleagues).
   */
  private plainWhat(): string {
    const opening = this.t('report.p.dsm.what', { date: this.longDate(this.i.awareAt), what: this.t(`report.dsm.category.${this.i.category}` as MessageKey) });
    const natures = this.i.facts.breachNature.map((n) => this.t(`report.dsm.nature.${n}` as MessageKey));
    return [opening, ...natures].join(' ');
  }

  private dataSubjects(): ReportSection[] {
    const cats = this.dataCategories();
    const advice = [this.t('report.p.dsm.advice')];
    if (this.i.personalData.categories.some((c) => c === 'identity' || /personnummer|identity/i.test(c))) advice.push(this.t('report.p.dsm.adviceIdentity'));
    if (this.i.personalData.protectedIdentity) advice.push(this.t('report.p.dsm.adviceProtected'));
    const email = this.ctx.dso?.email ? `, ${this.ctx.dso.email}` : '';
    return [
      this.section('intro', 'report.h.summary', this.t('report.p.dsm.intro', { org: this.org() })),
      this.section('what', 'report.h.ds.what', this.plainWhat()),
      this.section('data', 'report.h.ds.data', `${this.t('report.p.dsm.data')}\n${cats.length ? cats.map((c) => `- ${c}`).join('\n') : this.v(null, 'report.f.dataCategories')}`),
      this.section('consequences', 'report.h.ds.consequences', this.v(this.i.facts.consequences, 'report.h.consequences')),
      this.section('done', 'report.h.ds.done', this.v(this.i.facts.mitigation, 'report.h.measures')),
      this.section('advice', 'report.h.ds.advice', advice.join('\n\n')),
      this.section('contact', 'report.h.ds.contact', `${this.t('report.p.dsm.contact', { dso: this.v(this.ctx.dso?.name, 'report.f.dso'), email, case: this.ctx.caseNumber })}\n\n${this.t('report.p.dsm.sign', { org: this.org() })}`),
      this.section('rights', 'report.h.ds.rights', this.t('report.p.dsm.rights')),
    ];
  }

  private documentation(): ReportSection[] {
    const a = currentAssessment(this.i);
    const imy = this.clock('imy_notification');
    const ds = this.clock('data_subjects');
    const decisions: [MessageKey, string][] = [
      ['report.f.assessedAt', a ? this.when(a.at) : this.v(null, 'report.f.assessedAt')],
      ['report.f.assessedBy', a ? (this.ctx.names.get(a.by) ?? a.by) : this.v(null, 'report.f.assessedBy')],
      ['report.f.breach', this.t(this.i.personalDataBreach ? 'report.v.yes' : 'report.v.no')],
      ['report.f.imyDecision', imy ? this.sentOrDue(imy) : this.t('report.v.no')],
      ['report.f.dsDecision', ds ? (isOpen(ds) ? this.t('report.p.ds.pending') : this.informedParagraph()) : this.t('report.p.ds.pending')],
    ];
    return [
      this.section('intro', 'report.h.summary', this.t('report.p.doc.intro')),
      this.section('circumstances', 'report.h.doc.circumstances', `${this.lines([['report.f.caseNumber', this.ctx.caseNumber], ...this.affected()])}\n\n${this.i.description}`),
      this.times(),
      this.natureSection(),
      this.subjectsSection(),
      this.section('effects', 'report.h.doc.effects', this.v(this.i.facts.consequences, 'report.h.consequences')),
      this.measures('report.h.doc.remedial', true),
      this.section('decisions', 'report.h.doc.decisions', [this.lines(decisions), a?.imyNotRequiredRationale ?? ''].filter(Boolean).join('\n\n')),
    ];
  }
}
