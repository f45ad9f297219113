/**
 * Incident cards for the reports to the authorities: the list of obligations with what may be
 * done with each (record sent, draft, not needed, correct), the small forms those open (one
 * template, incident-form.json, filled with the inputs each needs), and a report's draft as
 * copyable text. Texts a person wrote go through `t` (escaped); inputs, values and actions through `v`.
 */
import type { ClockView, ReportDraftView } from '../../core/api';
import type { IncidentObligations } from '../../core/app/incidents';
import { formatStockholm, utcToStockholmInput } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';
import { clockLine, reportLabel } from './incidents';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard, type RenderOptions } from './render';
import draftTemplate from './templates/incident-draft.json';
import formTemplate from './templates/incident-form.json';
import reportsTemplate from './templates/incident-reports.json';

const record = (l: Locale, id: string, links: RecordLinks): RenderOptions => ({ locale: l, record: { url: links.to(`/incidents/${id}`), open: { verb: 'incident.open', id } } });

const STATE_COLOR: Record<ClockView['state'], string> = {
  provisional: 'Warning',
  running: 'Default',
  overdue: 'Attention',
  waiting: 'Default',
  sent: 'Good',
  sent_late: 'Warning',
  not_required: 'Default',
  decided: 'Default',
};

function recordLabel(l: Locale, key: string): string {
  const kind = key.split(':')[0];
  if (kind === 'data_subjects') return t(l, 'incident.reports.recordInformed');
  if (kind === 'breach_documentation') return t(l, 'incident.reports.recordDocumented');
  return t(l, 'incident.reports.record');
}

/**
 * Every legal obligation of the incident with its state, and the buttons the actor may use: the
 * reports and deadlines card. Shown for closed incidents too while anything is open.
 */
export function reportsCard(l: Locale, o: Pick<IncidentObligations, 'view' | 'clocks' | 'reportable' | 'permissions' | 'openObligations'>, now: Date, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const id = o.view.id;
  const rows = o.clocks
    .filter((c) => c.legal)
    .map((c) => {
      const buttons: { title: string; verb: string; id: string; key: string }[] = [];
      const add = (title: string, verb: string) => buttons.push({ title, verb, id, key: c.key });
      if (c.can.record) add(recordLabel(l, c.key), 'incident.report.form');
      if (c.can.draft) add(t(l, c.outcome === 'sent' ? 'incident.reports.sentText' : 'incident.reports.draft'), 'incident.draft.open');
      if (c.can.waive) add(t(l, 'incident.reports.waive'), 'incident.report.waive.form');
      if (c.can.correct) add(t(l, 'incident.reports.correct'), 'incident.report.correct.form');
      return { text: { label: reportLabel(l, c.key), state: clockLine(l, c, now), note: c.lateReason ? `${t(l, 'incident.reports.lateReason').replace(/ \(.*\)$/, '')}: ${c.lateReason}` : '' }, row: { color: STATE_COLOR[c.state], buttons } };
    });
  // The next situation report, while the final report runs and the incident is still being handled.
  for (const key of o.reportable.filter((k) => k.startsWith('cs_situation_report'))) {
    rows.push({
      text: { label: t(l, 'incident.reports.situation'), state: '', note: '' },
      row: {
        color: 'Default',
        buttons: [
          { title: recordLabel(l, key), verb: 'incident.report.form', id, key },
          { title: t(l, 'incident.reports.draft'), verb: 'incident.draft.open', id, key },
        ],
      },
    });
  }
  const general: { title: string; verb: string; id: string }[] = [];
  if (o.permissions.requestIntermediate) general.push({ title: t(l, 'incident.reports.requestIntermediate'), verb: 'incident.intermediate.form', id });
  if (o.permissions.correctAwareness) general.push({ title: t(l, 'incident.reports.correctAwareness'), verb: 'incident.awareness.form', id });
  general.push({ title: t(l, 'incident.action.open'), verb: 'incident.open', id });
  const banner =
    o.view.status === 'closed' && o.openObligations.length
      ? t(l, 'incident.notice.openAfterClose', { list: o.openObligations.map((k) => reportLabel(l, k)).join(', ') })
      : o.view.undecided && o.view.status !== 'closed'
        ? t(l, 'incident.notice.provisional')
        : '';
  return renderTemplate(
    reportsTemplate,
    {
      t: {
        title: t(l, 'incident.reports.title', { number: o.view.caseNumber }),
        aware: o.view.awareAt ? `${t(l, 'incident.notice.aware')}: ${formatStockholm(o.view.awareAt, l)}` : '',
        banner,
        none: t(l, 'incident.reports.none'),
        rows: rows.map((r) => r.text),
      },
      v: { rows: rows.map((r) => r.row), general },
    },
    record(l, id, links),
  );
}

export type FormInput =
  | { type: 'when'; id: string; label: string; timeLabel: string; date: string; time: string }
  | { type: 'line' | 'long'; id: string; label: string; value: string };

export interface FormSpec {
  id: string;
  key: string;
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  errors: string[];
  inputs: FormInput[];
  verb: string;
  submit: string;
}

/** One of the small forms of the reports card (record sent, correct, not needed, request, awareness). */
export function formCard(l: Locale, f: FormSpec, links: RecordLinks = NO_LINKS): AdaptiveCard {
  return renderTemplate(
    formTemplate,
    {
      t: { title: f.title, intro: f.intro, facts: f.facts, errors: f.errors },
      v: { id: f.id, key: f.key, inputs: f.inputs, verb: f.verb, submit: f.submit, back: t(l, 'incident.reports.back') },
    },
    record(l, f.id, links),
  );
}

/** A time input's values: what was typed, else the given instant in Stockholm time. */
export function whenInput(id: string, label: string, l: Locale, data: Record<string, unknown>, fallback: string | null): FormInput {
  const typed = (k: string) => (typeof data[k] === 'string' ? String(data[k]).slice(0, 10) : null);
  const base = fallback ? utcToStockholmInput(fallback) : { date: '', time: '' };
  return { type: 'when', id, label, timeLabel: t(l, 'incident.reports.time'), date: typed(`${id}Date`) ?? base.date, time: typed(`${id}Time`) ?? base.time };
}

/** A report's text in a card: copyable, with the facts still missing and the way to edit it in the tab. */
export function draftCard(l: Locale, d: ReportDraftView, canRecord: boolean, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const facts = [{ title: t(l, 'incident.draft.recipient'), value: d.recipient }];
  if (d.clock) facts.push({ title: reportLabel(l, d.key), value: formatStockholm(d.clock.dueAt, l) });
  if (d.routedVia) facts.push({ title: t(l, 'report.h.routing'), value: t(l, 'incident.draft.routed', { central: d.routedVia }) });
  const url = links.to(`/incidents/${d.incidentId}`) ?? '';
  return renderTemplate(
    draftTemplate,
    {
      t: {
        title: t(l, d.state === 'sent' ? 'incident.draft.sentTitle' : 'incident.draft.title', { report: reportLabel(l, d.key), number: d.caseNumber }),
        facts,
        missing: d.missing.length && d.state !== 'sent' ? t(l, 'incident.draft.missing', { list: d.missing.join(', ') }) : '',
        documentTitle: d.title,
        sections: d.sections.map((s) => ({ heading: s.heading, text: s.text })),
        hint: t(l, 'incident.draft.hint'),
      },
      v: { id: d.incidentId, key: d.key, url, openTab: t(l, 'incident.draft.openTab'), canRecord: canRecord && d.state !== 'sent', record: t(l, 'incident.reports.record'), back: t(l, 'incident.reports.back') },
    },
    record(l, d.incidentId, links),
  );
}
