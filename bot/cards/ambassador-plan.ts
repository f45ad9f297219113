/**
 * The årshjul in chat (`årshjul`): the year's meetings with where each stands. ISAM gets a button to
 * edit each coming meeting and to plan a new one (in personal chat only: a channel card is seen by
 * everyone, and the buttons would only refuse them).
 */
import type { MeetingView } from '../../core/app/ambassadors';
import { t, type Locale } from '../../core/i18n';
import { formatDay, formatMeetingTime } from './ambassador-format';
import { peopleCount } from './ambassador-meeting';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/ambassador-plan.json';

/** Cards stay small: a year has 6–10 meetings; more than this are left out (the tab shows all). */
const MAX_MEETINGS = 24;

export interface PlanCardOptions {
  year: number;
  inviteDays: number;
  canPlan: boolean;
  /** A confirmation shown above the plan (after saving), or ''. */
  notice?: string;
}

function stateText(locale: Locale, m: MeetingView): string {
  const people = peopleCount(locale, m.attendance.total);
  switch (m.phase) {
    case 'planned':
      return t(locale, 'ambassadors.plan.state.planned', { date: formatDay(m.invitationDate, locale) });
    case 'invited':
      return t(locale, 'ambassadors.plan.state.invited', { people });
    case 'held':
    case 'closed':
      if (m.attendance.total === 0) return t(locale, 'ambassadors.plan.state.heldNone');
      return t(locale, m.phase === 'held' ? 'ambassadors.plan.state.held' : 'ambassadors.plan.state.closed', { people, units: m.attendance.units.length });
    case 'cancelled':
      return t(locale, 'ambassadors.plan.state.cancelled');
  }
}

export function ambassadorPlanCard(locale: Locale, meetings: MeetingView[], options: PlanCardOptions): AdaptiveCard {
  const shown = meetings.slice(0, MAX_MEETINGS);
  return renderTemplate(template, {
    t: {
      notice: options.notice ?? '',
      heading: t(locale, 'ambassadors.plan.heading'),
      intro: t(locale, 'ambassadors.plan.intro', { year: options.year, days: options.inviteDays }),
      empty: meetings.length ? '' : t(locale, 'ambassadors.plan.empty'),
      meetings: shown.map((m) => ({ when: formatMeetingTime(m.startsAt, locale), theme: m.theme, state: stateText(locale, m) })),
    },
    v: {
      edit: t(locale, 'ambassadors.plan.edit'),
      meetings: shown.map((m) => ({ id: m.id, canEdit: m.canEdit })),
      canPlan: options.canPlan,
      plan: t(locale, 'ambassadors.plan.new'),
    },
  }, { locale });
}
