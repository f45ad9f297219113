/**
 * Incidents in chat (issue 3): the guided report (also from any message, "Rapportera som incident"),
 * the shared incident card, triage, reports to authorities, the manager's investigation, closing,
 * reopening, "Mina ärenden", and deadline reminders. Handlers parse, call one use case, render.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formatStockholm, has, stockholmInputToUtc, utcToStockholmInput, type SignificanceHint } from '../../core/domain';
import { canInvestigateIncident, canTriageIncident } from '../../core/domain/policy';
import {
  closeIncident,
  incidentView,
  markReportSent,
  myCases,
  recordInvestigation,
  reopenIncident,
  reportIncident,
  sendIncidentReminders,
  triageHints,
  triageIncident,
  viewIncident,
  type IncidentView,
  type ReportInput,
} from '../../core/app/incidents';
import { forbidden, Refused, type Deps } from '../../core/app/platform';
import type { Actor } from '../../core/app/people';
import { t, type Locale, type MessageKey } from '../../core/i18n';
import { formatIssues } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';
import {
  categoryLabel,
  DATA_CATEGORIES,
  investigationCard,
  myCasesCard,
  noticeCard,
  receiptCard,
  reminderCard,
  reopenCard,
  reportsCard,
  triageCard,
  wizardCard,
  WIZARD_STEPS,
  type Draft,
  type NoticeAudience,
  type ReminderPayload,
  type TriageValues,
  type WizardStep,
} from '../cards/incidents';
import { messageCard } from '../cards/message';
import type { AdaptiveCard } from '../cards/render';
import type { ActionResult, BotFeature, Turn } from '../teams/turn';

const str = (max: number) => z.string().max(max).catch('');
const DraftSchema = z.object({
  id: z.uuid(),
  category: str(50),
  title: str(255),
  description: str(10_000),
  discoveredDate: str(10),
  discoveredTime: str(5),
  occurredDate: str(10),
  occurredTime: str(5),
  occurredUnknown: str(5),
  assetId: str(10),
  supplierId: str(10),
  involved: str(10),
  approxSubjects: str(12),
  dataCategories: str(300),
  protectedIdentity: str(5),
});
const DRAFT_FIELDS = Object.keys(DraftSchema.shape).filter((k) => k !== 'id') as (keyof Draft)[];
const k = (key: string) => key as MessageKey;
const idOf = (data: Record<string, unknown>) => z.string().regex(/^\d{1,10}$/).catch('').parse(data.id);

function newDraft(now: Date, prefill: Partial<Draft> = {}): Draft {
  const { date, time } = utcToStockholmInput(now.toISOString());
  return {
    id: randomUUID(), category: '', title: '', description: '', discoveredDate: date, discoveredTime: time, occurredDate: '', occurredTime: '', occurredUnknown: 'false',
    assetId: '', supplierId: '', involved: '', approxSubjects: '', dataCategories: '', protectedIdentity: 'false', ...prefill,
  };
}

/** The draft from the card's data, with the inputs the person just typed laid over it. */
function readDraft(data: Record<string, unknown>): Draft {
  let raw: unknown;
  try {
    raw = typeof data.draft === 'string' && data.draft.length < 40_000 ? JSON.parse(data.draft) : null;
  } catch {
    raw = null;
  }
  const parsed = DraftSchema.safeParse(raw);
  if (!parsed.success) throw new Refused('invalid', 'incident.error.draft');
  const draft = parsed.data as Draft;
  for (const f of DRAFT_FIELDS) {
    const v = data[f];
    if (typeof v === 'string') draft[f] = DraftSchema.shape[f].parse(v) as never;
  }
  return draft;
}

/** Per-step checks in the person's language; the use case validates everything again on submit. */
function stepErrors(l: Locale, step: WizardStep, d: Draft, now: Date): string[] {
  const errors: string[] = [];
  const soon = now.getTime() + 5 * 60_000;
  if (step === 'kind' && !d.category) errors.push(t(l, 'validation.required', { field: t(l, 'incident.wizard.category') }));
  if (step === 'what') {
    if (!d.description.trim()) errors.push(t(l, 'validation.required', { field: t(l, 'field.description') }));
    if (!d.discoveredDate || !d.discoveredTime) errors.push(t(l, 'incident.error.dateWithoutTime'));
    else if (Date.parse(stockholmInputToUtc(d.discoveredDate, d.discoveredTime)) > soon) errors.push(t(l, 'incident.error.futureTime'));
    if (d.occurredUnknown !== 'true' && (d.occurredDate || d.occurredTime)) {
      if (!d.occurredDate || !d.occurredTime) errors.push(t(l, 'incident.error.dateWithoutTime'));
      else if (d.discoveredDate && d.discoveredTime && stockholmInputToUtc(d.occurredDate, d.occurredTime) > stockholmInputToUtc(d.discoveredDate, d.discoveredTime)) errors.push(t(l, 'incident.occurredAfterDiscovered'));
    }
  }
  if (step === 'personal') {
    if (!['yes', 'no', 'unknown'].includes(d.involved)) errors.push(t(l, 'validation.required', { field: t(l, 'incident.wizard.involved') }));
    if (d.approxSubjects && !/^\d{1,9}$/.test(d.approxSubjects.trim())) errors.push(t(l, 'validation.notInteger', { field: t(l, 'incident.wizard.subjects') }));
  }
  return errors;
}

function toInput(d: Draft): ReportInput {
  const involved = d.involved as ReportInput['personalData']['involved'];
  return {
    category: d.category as ReportInput['category'],
    title: d.title.trim() || null,
    description: d.description,
    occurredAt: d.occurredUnknown === 'true' || !d.occurredDate || !d.occurredTime ? null : stockholmInputToUtc(d.occurredDate, d.occurredTime),
    discoveredAt: stockholmInputToUtc(d.discoveredDate, d.discoveredTime),
    assetId: d.assetId || null,
    supplierId: d.supplierId || null,
    personalData:
      involved === 'no'
        ? { involved, approxSubjects: null, categories: [], protectedIdentity: false }
        : {
            involved,
            approxSubjects: d.approxSubjects ? Number(d.approxSubjects) : null,
            categories: d.dataCategories.split(',').filter((c) => (DATA_CATEGORIES as readonly string[]).includes(c)),
            protectedIdentity: d.protectedIdentity === 'true',
          },
  };
}

async function registerChoices(deps: Deps) {
  const assets: { title: string; value: string }[] = [];
  for await (const a of deps.store.queryAll('InformationAssets', { orderBy: { field: 'code', direction: 'asc' } })) {
    if (assets.length >= 100) break; // the rest is found by typing (Data.Query)
    assets.push({ title: `${a.data.code} ${a.data.name}`, value: a.id });
  }
  const suppliers: { title: string; value: string }[] = [];
  for await (const s of deps.store.queryAll('Suppliers', { orderBy: { field: 'name', direction: 'asc' } })) {
    if (suppliers.length >= 100) break;
    suppliers.push({ title: s.data.name, value: s.id });
  }
  return { assets, suppliers };
}

async function reviewFacts(deps: Deps, l: Locale, d: Draft) {
  const [asset, supplier] = await Promise.all([d.assetId ? deps.store.get('InformationAssets', d.assetId) : null, d.supplierId ? deps.store.get('Suppliers', d.supplierId) : null]);
  const yn = (v: string) => t(l, v === 'yes' ? 'incident.yes' : v === 'no' ? 'incident.no' : 'incident.unknown');
  const facts = [
    { title: t(l, 'incident.notice.category'), value: d.category ? categoryLabel(l, d.category) : '' },
    ...(d.title ? [{ title: t(l, 'field.title'), value: d.title }] : []),
    { title: t(l, 'incident.notice.discovered'), value: `${d.discoveredDate} ${d.discoveredTime}` },
    { title: t(l, 'incident.notice.occurred'), value: d.occurredUnknown === 'true' || !d.occurredDate ? t(l, 'incident.unknown') : `${d.occurredDate} ${d.occurredTime}` },
    { title: t(l, 'incident.notice.asset'), value: asset ? `${asset.data.code} ${asset.data.name}` : t(l, 'incident.unknown') },
    { title: t(l, 'incident.notice.supplier'), value: supplier ? supplier.data.name : t(l, 'incident.wizard.supplier.none') },
    { title: t(l, 'incident.notice.personalData'), value: yn(d.involved) },
  ];
  if (d.involved !== 'no') {
    if (d.approxSubjects) facts.push({ title: t(l, 'incident.wizard.subjects'), value: d.approxSubjects });
    const cats = d.dataCategories.split(',').filter(Boolean).map((c) => t(l, k(`incident.dataCategory.${c}`)));
    if (cats.length) facts.push({ title: t(l, 'incident.wizard.dataCategories').replace(/ \(.*\)$/, ''), value: cats.join(', ') });
    if (d.protectedIdentity === 'true') facts.push({ title: t(l, 'incident.wizard.protected'), value: t(l, 'incident.yes') });
  }
  return facts;
}

async function wizard(turn: Turn, step: WizardStep, draft: Draft, errors: string[], mode: 'execute' | 'submit'): Promise<AdaptiveCard> {
  const { assets, suppliers } = step === 'where' ? await registerChoices(turn.deps) : { assets: [], suppliers: [] };
  const review = step === 'review' ? await reviewFacts(turn.deps, turn.locale, draft) : undefined;
  return wizardCard(turn.locale, { step, draft, errors, assets, suppliers, ...(review ? { review } : {}), mode });
}

/** One step of the report flow (chat and dialog alike). Returns the next card, or the receipt. */
async function reportStep(turn: Turn, verb: string, data: Record<string, unknown>, mode: 'execute' | 'submit'): Promise<ActionResult> {
  const l = turn.locale;
  const now = turn.deps.clock.now();
  if (verb === 'incident.report.cancel') return { card: messageCard(l, 'info', t(l, 'incident.wizard.cancelled')) };
  const draft = readDraft(data);
  const at = WIZARD_STEPS.indexOf(z.enum(WIZARD_STEPS).catch('kind').parse(data.step));
  const step = WIZARD_STEPS[at]!;
  if (verb === 'incident.report.step' && data.go === 'back') return { card: await wizard(turn, WIZARD_STEPS[Math.max(0, at - 1)]!, draft, [], mode) };
  if (verb === 'incident.report.step') {
    const errors = stepErrors(l, step, draft, now);
    if (errors.length) return { card: await wizard(turn, step, draft, errors, mode) };
    return { card: await wizard(turn, WIZARD_STEPS[Math.min(WIZARD_STEPS.length - 1, at + 1)]!, draft, [], mode) };
  }
  // Submit: every step again, then the use case (which validates once more, against the register).
  for (const s of WIZARD_STEPS) {
    const errors = stepErrors(l, s, draft, now);
    if (errors.length) return { card: await wizard(turn, s, draft, errors, mode) };
  }
  try {
    // The key joins the person and the draft: a double click or Teams' retry makes one incident.
    const result = await reportIncident(turn.deps, await turn.actor(), toInput(draft), `${turn.actorId}:${draft.id}`);
    return { card: receiptCard(l, result.view, !result.created) };
  } catch (error) {
    if (error instanceof RecordValidationError) return { card: await wizard(turn, 'review', draft, formatIssues(l, error.issues), mode) };
    if (error instanceof Refused && error.reason === 'invalid') return { card: await wizard(turn, 'review', draft, [t(l, error.messageKey, error.params)], mode) };
    throw error;
  }
}

function audienceOf(actor: Actor, view: IncidentView): NoticeAudience {
  if (has(actor, 'isam', 'itsec')) return 'isam';
  if (view.managerId === actor.id) return 'person';
  if (has(actor, 'dso')) return 'dso';
  return 'person';
}

async function openIncident(turn: Turn, id: string): Promise<ActionResult> {
  const actor = await turn.actor();
  const { view } = await viewIncident(turn.deps, actor, id);
  return { card: noticeCard(turn.locale, view, audienceOf(actor, view), turn.deps.clock.now()) };
}

function hintText(l: Locale, h: SignificanceHint): string {
  switch (h.key) {
    case 'restricted':
      return t(l, 'incident.triage.hint.restricted', { hours: h.hours, threshold: h.threshold });
    case 'manual':
      return t(l, 'incident.triage.hint.manual', { hours: h.hours, threshold: h.threshold });
    case 'protectedPeople':
      return t(l, 'incident.triage.hint.protectedPeople', { people: h.people, threshold: h.threshold });
    case 'sameCause':
      return t(l, 'incident.triage.hint.sameCause', { count: h.count, months: h.months });
  }
}

const hours = (v: unknown) => (typeof v === 'string' && /^\d{1,5}(\.\d+)?$/.test(v.trim()) ? Number(v) : null);

function triageValues(view: IncidentView, data: Record<string, unknown>, stored?: { severity: string | null; personalDataBreach: boolean | null; significant: string; significanceRationale: string | null }): TriageValues {
  const s = (key: string, fallback: string) => (typeof data[key] === 'string' ? String(data[key]).slice(0, 4_000) : fallback);
  return {
    severity: s('severity', stored?.severity ?? 'medium'),
    personalDataBreach: s('personalDataBreach', stored?.personalDataBreach === null || stored?.personalDataBreach === undefined ? (view.personalData?.involved === 'yes' ? 'true' : 'false') : String(stored.personalDataBreach)),
    significant: s('significant', stored?.significant ?? 'undecided'),
    rationale: s('rationale', stored?.significanceRationale ?? ''),
    imyNotRequiredRationale: s('imyNotRequiredRationale', ''),
    restrictedHours: s('restrictedHours', ''),
    manualHours: s('manualHours', ''),
  };
}

async function triageForm(turn: Turn, id: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const actor = await turn.actor();
  if (!canTriageIncident(actor)) throw forbidden('incident.error.mayNotTriage');
  const { stored, view } = await viewIncident(turn.deps, actor, id);
  const values = triageValues(view, data, stored.data);
  const hints = await triageHints(turn.deps, stored, { restrictedHours: hours(values.restrictedHours), manualWorkaroundHours: hours(values.manualHours) });
  return { card: triageCard(turn.locale, view, values, hints.map((h) => hintText(turn.locale, h)), errors) };
}

async function casesCard(turn: Turn): Promise<AdaptiveCard> {
  const l = turn.locale;
  const cases = await myCases(turn.deps, await turn.actor());
  const row = (i: (typeof cases.reported)[number]) => ({
    id: i.id,
    title: `INC-${i.data.reportedAt.slice(0, 4)}-${i.id.padStart(4, '0')}`,
    value: `${i.data.title} – ${t(l, k(`incident.status.${i.data.status}`))}`,
    open: true,
  });
  return myCasesCard(l, [
    { heading: t(l, 'cases.reported'), rows: cases.reported.map(row) },
    ...(cases.toInvestigate.length ? [{ heading: t(l, 'cases.toInvestigate'), rows: cases.toInvestigate.map(row) }] : []),
    {
      heading: t(l, 'cases.access'),
      rows: cases.accessRequests.map((r) => ({ id: r.id, title: `${formatStockholm(r.data.requestedAt, l).replace(/ \d{2}:\d{2}$/, '')}`, value: `${r.data.role} – ${t(l, k(`cases.accessStatus.${r.data.status}`))}`, open: false })),
    },
  ]);
}

/** The operation key of a card click: the person and the activity (Teams retries reuse its id). */
const opKey = (turn: Turn) => `${turn.actorId}:${turn.activityKey}`;

export const incidentsFeature: BotFeature = {
  commands: [
    {
      pattern: /^(incident|rapportera incident|rapportera en incident|rapportera|report incident|report an incident)$/,
      in: ['personal'],
      run: async (turn) => turn.reply(await wizard(turn, 'kind', newDraft(turn.deps.clock.now()), [], 'execute')),
    },
    { pattern: /^(mina ärenden|my cases|ärenden)$/, in: ['personal'], run: async (turn) => turn.reply(await casesCard(turn)) },
  ],
  actions: [
    { verb: 'incident.report.start', run: async (turn) => ({ card: await wizard(turn, 'kind', newDraft(turn.deps.clock.now()), [], 'execute') }) },
    { verb: 'incident.report.step', run: (turn, data) => reportStep(turn, 'incident.report.step', data, 'execute') },
    { verb: 'incident.report.submit', run: (turn, data) => reportStep(turn, 'incident.report.submit', data, 'execute') },
    { verb: 'incident.report.cancel', run: (turn, data) => reportStep(turn, 'incident.report.cancel', data, 'execute') },
    { verb: 'incident.open', run: (turn, data) => openIncident(turn, idOf(data)) },
    { verb: 'cases.mine', run: async (turn) => ({ card: await casesCard(turn) }) },
    { verb: 'incident.triage.open', run: (turn, data) => triageForm(turn, idOf(data), {}) },
    { verb: 'incident.triage.hints', run: (turn, data) => triageForm(turn, idOf(data), data) },
    {
      verb: 'incident.triage.save',
      run: async (turn, data) => {
        const id = idOf(data);
        const v = triageValues({} as IncidentView, data);
        try {
          await triageIncident(
            turn.deps,
            await turn.actor(),
            id,
            { severity: v.severity, personalDataBreach: v.personalDataBreach === 'true', significant: v.significant, rationale: v.rationale.trim() || null, imyNotRequiredRationale: v.imyNotRequiredRationale.trim() || null },
            opKey(turn),
          );
        } catch (error) {
          if (error instanceof RecordValidationError) return triageForm(turn, id, data, formatIssues(turn.locale, error.issues));
          if (error instanceof Refused && error.reason === 'invalid') return triageForm(turn, id, data, [t(turn.locale, error.messageKey, error.params)]);
          throw error;
        }
        return openIncident(turn, id);
      },
    },
    {
      verb: 'incident.reports.open',
      run: async (turn, data) => {
        const actor = await turn.actor();
        if (!canTriageIncident(actor)) throw forbidden('incident.error.mayNotTriage');
        const { view } = await viewIncident(turn.deps, actor, idOf(data));
        return { card: reportsCard(turn.locale, view, turn.deps.clock.now()) };
      },
    },
    {
      verb: 'incident.report.sent',
      run: async (turn, data) => {
        const kind = z.string().max(40).catch('').parse(data.kind);
        const reference = typeof data[`ref_${kind}`] === 'string' ? (data[`ref_${kind}`] as string) : null;
        const updated = await markReportSent(turn.deps, await turn.actor(), idOf(data), kind, reference, opKey(turn));
        return { card: reportsCard(turn.locale, await incidentView(turn.deps, updated, { detailed: true }), turn.deps.clock.now()) };
      },
    },
    {
      verb: 'incident.investigation.open',
      run: async (turn, data) => {
        const actor = await turn.actor();
        const { stored, view } = await viewIncident(turn.deps, actor, idOf(data));
        if (!canInvestigateIncident(actor, stored.data)) throw forbidden('incident.error.mayNotInvestigate');
        const values = { findings: stored.data.investigation?.findings ?? '', actions: stored.data.investigation?.actions ?? '' };
        return { card: investigationCard(turn.locale, view, values, [], turn.deps.clock.now()) };
      },
    },
    {
      verb: 'incident.investigation.save',
      run: async (turn, data) => {
        const id = idOf(data);
        const values = { findings: typeof data.findings === 'string' ? data.findings : '', actions: typeof data.actions === 'string' ? data.actions : '' };
        const actor = await turn.actor();
        try {
          const updated = await recordInvestigation(turn.deps, actor, id, values, opKey(turn));
          return { card: investigationCard(turn.locale, await incidentView(turn.deps, updated, { detailed: true }), values, [], turn.deps.clock.now()) };
        } catch (error) {
          if (!(error instanceof RecordValidationError)) throw error;
          const { view } = await viewIncident(turn.deps, actor, id);
          return { card: investigationCard(turn.locale, view, values, formatIssues(turn.locale, error.issues), turn.deps.clock.now()) };
        }
      },
    },
    {
      verb: 'incident.close',
      run: async (turn, data) => {
        await closeIncident(turn.deps, await turn.actor(), idOf(data), opKey(turn));
        return openIncident(turn, idOf(data));
      },
    },
    {
      verb: 'incident.reopen.open',
      run: async (turn, data) => {
        const actor = await turn.actor();
        if (!has(actor, 'isam')) throw forbidden('incident.error.mayNotReopen');
        const { view } = await viewIncident(turn.deps, actor, idOf(data));
        return { card: reopenCard(turn.locale, view) };
      },
    },
    {
      verb: 'incident.reopen',
      run: async (turn, data) => {
        await reopenIncident(turn.deps, await turn.actor(), idOf(data), typeof data.reason === 'string' ? data.reason : '', opKey(turn));
        return openIncident(turn, idOf(data));
      },
    },
  ],
  messageActions: [
    {
      commandId: 'reportIncident',
      open: async (turn, message) => {
        const now = turn.deps.clock.now();
        const seen = message.createdAt && !Number.isNaN(Date.parse(message.createdAt)) ? utcToStockholmInput(new Date(message.createdAt).toISOString()) : null;
        const draft = newDraft(now, { description: message.text.slice(0, 10_000), ...(seen ? { occurredDate: seen.date, occurredTime: seen.time } : {}) });
        return wizard(turn, 'kind', draft, [], 'submit');
      },
      // Dialogs run Action.Submit: the verb travels in the data. The receipt stays in the dialog.
      submit: (turn, data) => reportStep(turn, z.enum(['incident.report.step', 'incident.report.submit', 'incident.report.cancel']).catch('incident.report.cancel').parse(data.verb), data, 'submit'),
    },
  ],
  searches: [
    {
      dataset: 'incident.assets',
      run: async (turn, query, limit) => {
        const q = query.trim();
        if (!q) return [];
        const [byName, byCode] = await Promise.all([
          turn.deps.store.query('InformationAssets', { where: [{ field: 'name', op: 'startswith', value: q }], pageSize: limit }),
          turn.deps.store.query('InformationAssets', { where: [{ field: 'code', op: 'startswith', value: q.toUpperCase() }], pageSize: limit }),
        ]);
        const seen = new Set<string>();
        return [...byCode.items, ...byName.items]
          .filter((a) => !seen.has(a.id) && seen.add(a.id))
          .slice(0, limit)
          .map((a) => ({ title: `${a.data.code} ${a.data.name}`, value: a.id }));
      },
    },
  ],
  notifications: {
    'incident.notice': (payload, locale) => noticeCard(locale, payload.view as IncidentView, payload.audience === 'isam' ? 'isam' : payload.audience === 'dso' ? 'dso' : 'person', new Date(String(payload.at ?? new Date().toISOString()))),
    'incident.reminder': (payload, locale) => reminderCard(locale, payload as unknown as ReminderPayload),
  },
  jobs: [{ name: 'incident-reminders', everyMs: 5 * 60_000, run: async (deps, now) => void (await sendIncidentReminders(deps, now)) }],
};
