/**
 * Reports to the authorities in chat (issue 13): the reports and deadlines card, recording a
 * report sent at the time it actually went (with the authority's reference and, when an IMY
 * notification is late, the reasons), correcting that, deciding a report is not needed, the
 * authority's request for an intermediate report, the awareness time, and a report's draft as
 * copyable text. Handlers parse, call one use case, render; a bad input comes back in the form.
 */
import { z } from 'zod';
import {
  correctAwareness,
  correctReportSent,
  decideReportNotRequired,
  getReportDraft,
  incidentObligations,
  recordReportSent,
  reportKey,
  requestIntermediateReport,
} from '../../core/app/incidents';
import { forbidden, Refused } from '../../core/app/platform';
import { canHandleReport, canTriageIncident, formatStockholm, has, stockholmInputToUtc } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';
import { formatIssues } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';
import { draftCard, formCard, reportsCard, whenInput, type FormInput, type FormSpec } from '../cards/incident-reports';
import { clockLine, reportLabel } from '../cards/incidents';
import type { ActionResult, BotFeature, Turn } from '../teams/turn';

/** A report kind or key as a card carries it (made once, ADR 023). */
const ReportKindOfCard = z.string().max(40).catch('');

const IdOfCard = z.string().regex(/^\d{1,10}$/).catch('');
const idOf = (data: Record<string, unknown>) => IdOfCard.parse(data.id);
const keyOf = (data: Record<string, unknown>) => ReportKindOfCard.parse(data.key);
const text = (data: Record<string, unknown>, k: string, max = 4_000) => (typeof data[k] === 'string' ? String(data[k]).slice(0, max) : '');
const opKey = (turn: Turn) => `${turn.actorId}:${turn.activityKey}`;

/** A date and time typed in a card (Stockholm time) as UTC; null when either is missing or malformed. */
function whenOf(data: Record<string, unknown>, id: string): string | null {
  const date = text(data, `${id}Date`, 10);
  const time = text(data, `${id}Time`, 5);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = stockholmInputToUtc(date, time);
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** Runs a write; a bad input re-renders the form with the reasons, anything else is the host's refusal card. */
async function orForm(turn: Turn, write: () => Promise<unknown>, form: (errors: string[]) => Promise<ActionResult>, done: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    await write();
  } catch (error) {
    if (error instanceof RecordValidationError) return form(formatIssues(turn.locale, error.issues));
    if (error instanceof Refused && error.reason === 'invalid') return form([t(turn.locale, error.messageKey, error.params)]);
    throw error;
  }
  return done();
}

async function reports(turn: Turn, id: string): Promise<ActionResult> {
  const actor = await turn.actor();
  if (!canTriageIncident(actor) && !has(actor, 'dso')) throw forbidden('incident.error.mayNotTriage');
  const o = await incidentObligations(turn.deps, actor, id);
  return { card: reportsCard(turn.locale, o, turn.deps.clock.now(), turn.links) };
}

async function obligation(turn: Turn, id: string, rawKey: string) {
  const { key, kind } = reportKey(rawKey);
  const actor = await turn.actor();
  if (!canHandleReport(actor, kind)) throw forbidden(kind === 'imy_notification' || kind === 'data_subjects' || kind === 'breach_documentation' ? 'incident.error.mayNotReportGdpr' : 'incident.error.mayNotTriage');
  const o = await incidentObligations(turn.deps, actor, id);
  return { key, kind, o, clock: o.clocks.find((c) => c.key === key) ?? null };
}

function dueFacts(l: Locale, key: string, clock: { dueAt: string } | null, line: string): { title: string; value: string }[] {
  return clock ? [{ title: reportLabel(l, key), value: line }] : [];
}

async function recordForm(turn: Turn, id: string, rawKey: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const l = turn.locale;
  const now = turn.deps.clock.now();
  const { key, kind, o, clock } = await obligation(turn, id, rawKey);
  const sentLabel = kind === 'data_subjects' ? 'incident.reports.informedDate' : kind === 'breach_documentation' ? 'incident.reports.documentedDate' : 'incident.reports.sentDate';
  const inputs: FormInput[] = [whenInput('sent', t(l, sentLabel), l, data, now.toISOString())];
  if (kind !== 'breach_documentation') inputs.push({ type: 'line', id: 'reference', label: t(l, kind === 'data_subjects' ? 'incident.reports.howInformed' : 'incident.reports.reference'), value: text(data, 'reference', 200) });
  if (kind === 'imy_notification' || (clock && Date.parse(clock.dueAt) < now.getTime())) inputs.push({ type: 'long', id: 'lateReason', label: t(l, 'incident.reports.lateReason'), value: text(data, 'lateReason') });
  const spec: FormSpec = {
    id,
    key,
    title: t(l, 'incident.reports.recordTitle', { report: reportLabel(l, key), number: o.view.caseNumber }),
    intro: t(l, 'incident.reports.recordIntro'),
    facts: dueFacts(l, key, clock, clock ? clockLine(l, clock, now) : ''),
    errors,
    inputs,
    verb: 'incident.report.record',
    submit: t(l, 'incident.reports.save'),
  };
  return { card: formCard(l, spec, turn.links) };
}

async function waiveForm(turn: Turn, id: string, rawKey: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const l = turn.locale;
  const { key, o, clock } = await obligation(turn, id, rawKey);
  return {
    card: formCard(
      l,
      {
        id,
        key,
        title: t(l, 'incident.reports.waiveTitle', { report: reportLabel(l, key), number: o.view.caseNumber }),
        intro: t(l, 'incident.reports.waiveIntro'),
        facts: dueFacts(l, key, clock, clock ? clockLine(l, clock, turn.deps.clock.now()) : ''),
        errors,
        inputs: [{ type: 'long', id: 'rationale', label: t(l, 'incident.reports.waiveRationale'), value: text(data, 'rationale') }],
        verb: 'incident.report.waive',
        submit: t(l, 'incident.reports.waiveSave'),
      },
      turn.links,
    ),
  };
}

async function correctForm(turn: Turn, id: string, rawKey: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const l = turn.locale;
  const { key, kind, o, clock } = await obligation(turn, id, rawKey);
  const inputs: FormInput[] = [whenInput('sent', t(l, 'incident.reports.sentDate'), l, data, clock?.completedAt ?? null)];
  if (kind !== 'breach_documentation') inputs.push({ type: 'line', id: 'reference', label: t(l, kind === 'data_subjects' ? 'incident.reports.howInformed' : 'incident.reports.reference'), value: typeof data.reference === 'string' ? text(data, 'reference', 200) : (clock?.reference ?? '') });
  inputs.push({ type: 'long', id: 'lateReason', label: t(l, 'incident.reports.lateReason'), value: typeof data.lateReason === 'string' ? text(data, 'lateReason') : (clock?.lateReason ?? '') });
  inputs.push({ type: 'long', id: 'reason', label: t(l, 'incident.reports.correctReason'), value: text(data, 'reason', 2_000) });
  return {
    card: formCard(
      l,
      {
        id,
        key,
        title: t(l, 'incident.reports.correctTitle', { report: reportLabel(l, key), number: o.view.caseNumber }),
        intro: '',
        facts: dueFacts(l, key, clock, clock ? clockLine(l, clock, turn.deps.clock.now()) : ''),
        errors,
        inputs,
        verb: 'incident.report.correct',
        submit: t(l, 'incident.reports.save'),
      },
      turn.links,
    ),
  };
}

async function intermediateForm(turn: Turn, id: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const l = turn.locale;
  const actor = await turn.actor();
  if (!canHandleReport(actor, 'cs_intermediate_report')) throw forbidden('incident.error.mayNotTriage');
  const o = await incidentObligations(turn.deps, actor, id);
  const now = turn.deps.clock.now().toISOString();
  return {
    card: formCard(
      l,
      {
        id,
        key: '',
        title: t(l, 'incident.reports.requestTitle', { number: o.view.caseNumber }),
        intro: '',
        facts: [],
        errors,
        inputs: [
          whenInput('requested', t(l, 'incident.reports.requestedDate'), l, data, now),
          whenInput('due', t(l, 'incident.reports.dueDate'), l, data, null),
          { type: 'line', id: 'reference', label: t(l, 'incident.reports.requestReference'), value: text(data, 'reference', 200) },
        ],
        verb: 'incident.intermediate.request',
        submit: t(l, 'incident.reports.save'),
      },
      turn.links,
    ),
  };
}

async function awarenessForm(turn: Turn, id: string, data: Record<string, unknown>, errors: string[] = []): Promise<ActionResult> {
  const l = turn.locale;
  const actor = await turn.actor();
  if (!has(actor, 'isam')) throw forbidden('incident.error.mayNotCorrectAwareness');
  const o = await incidentObligations(turn.deps, actor, id);
  const aware = o.view.awareAt ?? o.view.reportedAt;
  return {
    card: formCard(
      l,
      {
        id,
        key: '',
        title: t(l, 'incident.reports.awarenessTitle', { number: o.view.caseNumber }),
        intro: t(l, 'incident.reports.awarenessIntro', { current: formatStockholm(aware, l), discovered: o.view.discoveredAt ? formatStockholm(o.view.discoveredAt, l) : '–' }),
        facts: [],
        errors,
        inputs: [whenInput('aware', t(l, 'incident.reports.awareDate'), l, data, aware), { type: 'long', id: 'reason', label: t(l, 'incident.reports.awareReason'), value: text(data, 'reason', 2_000) }],
        verb: 'incident.awareness.correct',
        submit: t(l, 'incident.reports.save'),
      },
      turn.links,
    ),
  };
}

const invalidTime = (turn: Turn) => [t(turn.locale, 'incident.reports.invalidTime')];

export const incidentReportsFeature: BotFeature = {
  actions: [
    { verb: 'incident.reports.open', run: (turn, data) => reports(turn, idOf(data)) },
    { verb: 'incident.report.form', run: (turn, data) => recordForm(turn, idOf(data), keyOf(data), {}) },
    {
      verb: 'incident.report.record',
      run: async (turn, data) => {
        const id = idOf(data);
        const key = keyOf(data);
        const sentAt = whenOf(data, 'sent');
        if (!sentAt) return recordForm(turn, id, key, data, invalidTime(turn));
        return orForm(
          turn,
          async () => recordReportSent(turn.deps, await turn.actor(), id, key, { sentAt, reference: text(data, 'reference', 200) || null, lateReason: text(data, 'lateReason') || null }, opKey(turn)),
          (errors) => recordForm(turn, id, key, data, errors),
          () => reports(turn, id),
        );
      },
    },
    { verb: 'incident.report.waive.form', run: (turn, data) => waiveForm(turn, idOf(data), keyOf(data), {}) },
    {
      verb: 'incident.report.waive',
      run: async (turn, data) => {
        const id = idOf(data);
        const key = keyOf(data);
        return orForm(
          turn,
          async () => decideReportNotRequired(turn.deps, await turn.actor(), id, key, { rationale: text(data, 'rationale') }, opKey(turn)),
          (errors) => waiveForm(turn, id, key, data, errors),
          () => reports(turn, id),
        );
      },
    },
    { verb: 'incident.report.correct.form', run: (turn, data) => correctForm(turn, idOf(data), keyOf(data), {}) },
    {
      verb: 'incident.report.correct',
      run: async (turn, data) => {
        const id = idOf(data);
        const key = keyOf(data);
        const sentAt = whenOf(data, 'sent');
        if (!sentAt) return correctForm(turn, id, key, data, invalidTime(turn));
        return orForm(
          turn,
          async () =>
            correctReportSent(turn.deps, await turn.actor(), id, key, { sentAt, reference: text(data, 'reference', 200) || null, lateReason: text(data, 'lateReason') || null, reason: text(data, 'reason', 2_000) }, opKey(turn)),
          (errors) => correctForm(turn, id, key, data, errors),
          () => reports(turn, id),
        );
      },
    },
    { verb: 'incident.intermediate.form', run: (turn, data) => intermediateForm(turn, idOf(data), {}) },
    {
      verb: 'incident.intermediate.request',
      run: async (turn, data) => {
        const id = idOf(data);
        const requestedAt = whenOf(data, 'requested');
        const dueAt = whenOf(data, 'due');
        if (!requestedAt || !dueAt) return intermediateForm(turn, id, data, invalidTime(turn));
        return orForm(
          turn,
          async () => requestIntermediateReport(turn.deps, await turn.actor(), id, { requestedAt, dueAt, reference: text(data, 'reference', 200) || null }, opKey(turn)),
          (errors) => intermediateForm(turn, id, data, errors),
          () => reports(turn, id),
        );
      },
    },
    { verb: 'incident.awareness.form', run: (turn, data) => awarenessForm(turn, idOf(data), {}) },
    {
      verb: 'incident.awareness.correct',
      run: async (turn, data) => {
        const id = idOf(data);
        const awareAt = whenOf(data, 'aware');
        if (!awareAt) return awarenessForm(turn, id, data, invalidTime(turn));
        return orForm(
          turn,
          async () => correctAwareness(turn.deps, await turn.actor(), id, { awareAt, reason: text(data, 'reason', 2_000) }, opKey(turn)),
          (errors) => awarenessForm(turn, id, data, errors),
          () => reports(turn, id),
        );
      },
    },
    {
      verb: 'incident.draft.open',
      run: async (turn, data) => {
        const id = idOf(data);
        const { key, o } = await obligation(turn, id, keyOf(data));
        const draft = await getReportDraft(turn.deps, await turn.actor(), id, key);
        return { card: draftCard(turn.locale, draft, o.reportable.includes(key), turn.links) };
      },
    },
    {
      // Cards sent before issue 13 recorded a report at the time of the click, with a reference input per kind.
      verb: 'incident.report.sent',
      run: async (turn, data) => {
        const id = idOf(data);
        const key = ReportKindOfCard.parse(data.kind);
        const reference = typeof data[`ref_${key}`] === 'string' ? (data[`ref_${key}`] as string).slice(0, 200) : null;
        return orForm(
          turn,
          async () => recordReportSent(turn.deps, await turn.actor(), id, key, { sentAt: turn.deps.clock.now().toISOString(), reference: reference || null, lateReason: null }, opKey(turn)),
          (errors) => recordForm(turn, id, key, data, errors),
          () => reports(turn, id),
        );
      },
    },
  ],
};
