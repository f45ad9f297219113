/**
 * Incidents in chat (issue 3): the guided report (incident-report.ts; also from any message,
 * "Rapportera som incident"), the shared incident card, triage, reports to authorities, the
 * manager's investigation, closing, reopening, "Mina ärenden", and deadline reminders. Handlers
 * parse, call one use case, render.
 */
import { z } from 'zod';
import type { IncidentView } from '../../core/api';
import {
  closeIncident,
  incidentView,
  myCases,
  recordInvestigation,
  reopenIncident,
  sendIncidentReminders,
  triageHints,
  triageIncident,
  viewIncident,
} from '../../core/app/incidents';
import type { Actor } from '../../core/app/people';
import { forbidden, Refused } from '../../core/app/platform';
import { formatStockholm, has, IncidentCause, Tristate, utcToStockholmInput, type Incident, type SignificanceHint } from '../../core/domain';
import { canInvestigateIncident, canTriageIncident } from '../../core/domain/policy';
import { t, type Locale, type MessageKey } from '../../core/i18n';
import { formatIssues } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';
import {
  investigationCard,
  myCasesCard,
  noticeCard,
  noticeSummary,
  NO_CAUSE,
  reminderCard,
  reminderText,
  reopenCard,
  triageCard,
  type NoticeAudience,
  type ReminderPayload,
  type TriageValues,
} from '../cards/incidents';
import type { AdaptiveCard } from '../cards/render';
import type { ActionResult, BotFeature, Turn } from '../teams/turn';
import { newDraft, reportStep, wizard } from './incident-report';

/** The verb a dialog's Action.Submit carries in its data (made once, ADR 023). */
const DialogVerb = z.enum(['incident.report.step', 'incident.report.submit', 'incident.report.cancel']).catch('incident.report.cancel');

const k = (key: string) => key as MessageKey;
const IdOfCard = z.string().regex(/^\d{1,10}$/).catch('');
const idOf = (data: Record<string, unknown>) => IdOfCard.parse(data.id);

function audienceOf(actor: Actor, view: IncidentView): NoticeAudience {
  if (has(actor, 'isam', 'itsec')) return 'isam';
  if (view.managerId === actor.id) return 'person';
  if (has(actor, 'dso')) return 'dso';
  return 'person';
}

async function openIncident(turn: Turn, id: string): Promise<ActionResult> {
  const actor = await turn.actor();
  const { view } = await viewIncident(turn.deps, actor, id);
  return { card: noticeCard(turn.locale, view, audienceOf(actor, view), turn.deps.clock.now(), turn.links) };
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
      return t(l, 'incident.triage.hint.sameCause', { count: h.count, months: h.months, cases: h.cases.join(', ') });
    case 'causeUnknown':
      return t(l, 'incident.triage.hint.causeUnknown', { months: h.months });
  }
}

const hours = (v: unknown) => (typeof v === 'string' && /^\d{1,5}(\.\d+)?$/.test(v.trim()) ? Number(v) : null);

function triageValues(view: IncidentView, data: Record<string, unknown>, stored?: Incident): TriageValues {
  const s = (key: string, fallback: string) => (typeof data[key] === 'string' ? String(data[key]).slice(0, 4_000) : fallback);
  const f = stored?.facts;
  return {
    severity: s('severity', stored?.severity ?? 'medium'),
    personalDataBreach: s('personalDataBreach', stored?.personalDataBreach === null || stored?.personalDataBreach === undefined ? (view.personalData?.involved === 'yes' ? 'true' : 'false') : String(stored.personalDataBreach)),
    significant: s('significant', stored?.significant ?? 'undecided'),
    rationale: s('rationale', stored?.significanceRationale ?? ''),
    imyNotRequiredRationale: s('imyNotRequiredRationale', stored?.assessments.at(-1)?.imyNotRequiredRationale ?? ''),
    restrictedHours: s('restrictedHours', f?.restrictedHours !== null && f?.restrictedHours !== undefined ? String(f.restrictedHours) : ''),
    manualHours: s('manualHours', f?.manualWorkaroundHours !== null && f?.manualWorkaroundHours !== undefined ? String(f.manualWorkaroundHours) : ''),
    reason: s('reason', ''),
    cause: s('cause', f?.cause ?? NO_CAUSE),
    suspectedMalicious: s('suspectedMalicious', f?.suspectedMalicious ?? 'unknown'),
    crossBorder: s('crossBorder', f?.crossBorder ?? 'unknown'),
  };
}

async function triageForm(turn: Turn, id: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const actor = await turn.actor();
  if (!canTriageIncident(actor)) throw forbidden('incident.error.mayNotTriage');
  const { stored, view } = await viewIncident(turn.deps, actor, id);
  const values = triageValues(view, data, stored.data);
  const hints = await triageHints(turn.deps, stored, { restrictedHours: hours(values.restrictedHours), manualWorkaroundHours: hours(values.manualHours) });
  const l = turn.locale;
  const assessments = stored.data.assessments;
  const names = assessments.length ? await turn.deps.directory.getPeople([...new Set(assessments.map((a) => a.by))]) : [];
  const history = assessments.map((a) =>
    t(l, 'incident.triage.historyLine', {
      at: formatStockholm(a.at, l),
      by: names.find((p) => p.aadObjectId === a.by)?.displayName ?? a.by,
      summary: `${t(l, k(`incident.severity.${a.severity}`))}, ${t(l, 'incident.notice.significant').toLowerCase()}: ${t(l, k(`incident.significant.${a.significant}`)).toLowerCase()}, ${t(l, 'incident.notice.breach').toLowerCase()}: ${t(l, a.personalDataBreach ? 'incident.yes' : 'incident.no').toLowerCase()}${a.reason ? ` – ${a.reason}` : ''}`,
    }),
  );
  return { card: triageCard(l, view, values, hints.map((h) => hintText(l, h)), errors, turn.links, { history, reassess: assessments.length > 0 }) };
}

async function casesCard(turn: Turn): Promise<AdaptiveCard> {
  const l = turn.locale;
  // A person's own cases need who they are (from the activity), not their roles: no actor to load.
  const cases = await myCases(turn.deps, { id: turn.actorId });
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
        const cause = IncidentCause.safeParse(v.cause);
        try {
          await triageIncident(
            turn.deps,
            await turn.actor(),
            id,
            {
              severity: v.severity,
              personalDataBreach: v.personalDataBreach === 'true',
              significant: v.significant,
              rationale: v.rationale.trim() || null,
              imyNotRequiredRationale: v.imyNotRequiredRationale.trim() || null,
              reason: v.reason.trim() || null,
              // Only what the card asked for changes: a field the card did not send stays as it is.
              ...(typeof data.cause === 'string' ? { cause: cause.success ? cause.data : null } : {}),
              ...(typeof data.suspectedMalicious === 'string' ? { suspectedMalicious: Tristate.catch('unknown').parse(v.suspectedMalicious) } : {}),
              ...(typeof data.crossBorder === 'string' ? { crossBorder: Tristate.catch('unknown').parse(v.crossBorder) } : {}),
              ...(typeof data.restrictedHours === 'string' ? { restrictedHours: hours(v.restrictedHours) } : {}),
              ...(typeof data.manualHours === 'string' ? { manualWorkaroundHours: hours(v.manualHours) } : {}),
            },
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
      verb: 'incident.investigation.open',
      run: async (turn, data) => {
        const actor = await turn.actor();
        const { stored, view } = await viewIncident(turn.deps, actor, idOf(data));
        if (!canInvestigateIncident(actor, stored.data)) throw forbidden('incident.error.mayNotInvestigate');
        const values = { findings: stored.data.investigation?.findings ?? '', actions: stored.data.investigation?.actions ?? '' };
        return { card: investigationCard(turn.locale, view, values, [], turn.deps.clock.now(), turn.links) };
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
          return { card: investigationCard(turn.locale, await incidentView(turn.deps, updated, { detailed: true }), values, [], turn.deps.clock.now(), turn.links) };
        } catch (error) {
          if (!(error instanceof RecordValidationError)) throw error;
          const { view } = await viewIncident(turn.deps, actor, id);
          return { card: investigationCard(turn.locale, view, values, formatIssues(turn.locale, error.issues), turn.deps.clock.now(), turn.links) };
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
      submit: (turn, data) => reportStep(turn, DialogVerb.parse(data.verb), data, 'submit'),
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
    'incident.notice': {
      card: (payload, locale, { links }) => noticeCard(locale, payload.view as IncidentView, payload.audience === 'isam' ? 'isam' : payload.audience === 'dso' ? 'dso' : 'person', new Date(String(payload.at ?? new Date().toISOString())), links),
      summary: (payload, locale) => noticeSummary(locale, payload.view as IncidentView),
    },
    'incident.reminder': {
      card: (payload, locale, { links }) => reminderCard(locale, payload as unknown as ReminderPayload, links),
      summary: (payload, locale) => reminderText(locale, payload as unknown as ReminderPayload),
    },
  },
  jobs: [{ name: 'incident-reminders', everyMs: 5 * 60_000, run: async (deps, now) => void (await sendIncidentReminders(deps, now)) }],
};
