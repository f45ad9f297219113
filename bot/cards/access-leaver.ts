/**
 * Leavers: the form a manager or the administrative unit fills in (who, last day), and the
 * administrative unit's card for one leaver — before the day, what will happen; from the day, every
 * grant as a task with Done, and "all done".
 */
import type { LeaverForm, LeaverFormOptions, LeaverView } from '../../core/app/access';
import { t, type Locale } from '../../core/i18n';
import { type ValidationIssue, formatIssue } from '../../core/i18n/validation';
import { assetLabel, dateTime, personName } from './access-format';
import { NO_LINKS, type RecordLinks } from './links';
import { renderTemplate, type AdaptiveCard } from './render';
import formTemplate from './templates/access-leaver-form.json';
import template from './templates/access-leaver.json';

/** Rows shown on the card; the rest are counted (all are completed by "all done"). */
const MAX_ROWS = 40;

export function accessLeaverFormCard(locale: Locale, options: LeaverFormOptions, values: LeaverForm, issues: ValidationIssue[] = []): AdaptiveCard {
  const errors: Record<string, string> = { personId: '', lastDay: '' };
  const general: string[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (field in errors) errors[field] = formatIssue(locale, issue);
    else general.push(formatIssue(locale, issue));
  }
  return renderTemplate(formTemplate, {
    t: {
      title: t(locale, 'access.leaver.form.title'),
      intro: t(locale, options.anyone ? 'access.leaver.form.introAdmin' : 'access.leaver.form.introManager'),
      summary: issues.length ? [t(locale, 'access.form.fix', { count: issues.length }), ...general].join(' ') : '',
      errors,
      hint: t(locale, 'access.leaver.form.hint'),
    },
    v: {
      personLabel: t(locale, 'access.leaver.form.person'),
      personPlaceholder: t(locale, 'access.form.subjectPlaceholder'),
      personRequired: t(locale, 'access.form.required.subject'),
      lastDayLabel: t(locale, 'access.leaver.form.lastDay'),
      lastDayRequired: t(locale, 'access.leaver.form.lastDayRequired'),
      people: options.people.map((p) => ({ title: personName(locale, p), value: p.id })),
      values: { personId: values.personId ?? '', lastDay: values.lastDay ?? '' },
      submit: t(locale, 'access.leaver.form.submit'),
    },
  }, { locale });
}

export function accessLeaverCard(locale: Locale, mode: 'registered' | 'tasks', l: LeaverView, links: RecordLinks = NO_LINKS): AdaptiveCard {
  const open = l.tasks.filter((r) => r.status === 'approved' || r.status === 'in_progress');
  const tasks = mode === 'tasks';
  const name = personName(locale, l.person);
  const text = !l.processedAt
    ? t(locale, 'access.leaver.card.upcoming', { name, date: l.lastDay, count: l.activeGrants })
    : !tasks
      ? t(locale, 'access.leaver.card.processed', { name, date: l.lastDay, count: l.tasks.length, at: dateTime(l.processedAt) })
      : !l.tasks.length
        ? t(locale, 'access.leaver.card.none', { name, date: l.lastDay })
        : open.length
          ? t(locale, 'access.leaver.card.toDo', { name, date: l.lastDay, count: open.length })
          : t(locale, 'access.leaver.card.allDone', { name, count: l.tasks.length });
  const shown = tasks ? l.tasks.slice(0, MAX_ROWS) : [];
  return renderTemplate(template, {
    t: {
      title: t(locale, tasks ? 'access.leaver.card.tasksTitle' : 'access.leaver.card.title', { name }),
      text,
      progress: tasks && l.tasks.length ? t(locale, 'access.leaver.card.progress', { done: l.tasks.length - open.length, total: l.tasks.length }) : '',
      facts: [
        { title: t(locale, 'access.fact.person'), value: l.person.unit ? `${name} (${l.person.unit})` : name },
        { title: t(locale, 'access.leaver.card.lastDay'), value: l.lastDay },
        { title: t(locale, 'access.leaver.card.recordedBy'), value: l.recordedBy ? `${personName(locale, l.recordedBy)}, ${dateTime(l.recordedAt)}` : t(locale, 'access.leaver.card.detected') },
      ],
      rows: shown.map((r) => ({
        what: `${assetLabel(locale, r.asset)}: ${r.role}`,
        state: r.status === 'done' ? t(locale, 'access.leaver.card.rowDone', { name: personName(locale, r.completedBy), at: dateTime(r.completedAt) }) : r.status === 'cancelled' ? t(locale, 'access.state.cancelled') : t(locale, 'access.leaver.card.rowOpen'),
      })),
      more: l.tasks.length > shown.length && tasks ? t(locale, 'access.leaver.card.more', { count: l.tasks.length - shown.length }) : '',
    },
    v: {
      style: !l.processedAt ? 'emphasis' : open.length && tasks ? 'warning' : 'good',
      rows: shown.map((r) => ({ requestId: r.requestId, open: r.status === 'approved' || r.status === 'in_progress' })),
      doneOne: t(locale, 'access.leaver.card.doneOne'),
      doneAll: t(locale, 'access.leaver.card.doneAll', { count: open.length }),
      canCompleteAll: tasks && open.length > 0,
      leaverId: l.id,
    },
  }, { locale, record: { url: links.to('/access') } });
}
