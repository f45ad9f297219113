/**
 * The ambassador channel's cards for a meeting: the invitation and the follow-up with the "take
 * home to your unit" checklist. Both show the attendance per unit and are replaced in place as
 * ambassadors mark attendance, so the card everyone sees tells the true state by itself.
 */
import { MeetingCardPayload, type AttendanceSummary } from '../../core/app/ambassadors';
import { t, type Locale } from '../../core/i18n';
import { formatMeetingDay, formatMeetingTime } from './ambassador-format';
import { renderTemplate, type AdaptiveCard } from './render';
import followUpTemplate from './templates/ambassador-follow-up.json';
import invitationTemplate from './templates/ambassador-meeting.json';

/** "3 ambassadörer" / "1 ambassadör". */
export function peopleCount(locale: Locale, count: number): string {
  return count === 1 ? t(locale, 'ambassadors.card.people.one') : t(locale, 'ambassadors.card.people.other', { count });
}

/** The attendance section's texts (escaped by the renderer as card text). */
export function attendanceTexts(locale: Locale, a: AttendanceSummary) {
  const people = peopleCount(locale, a.total);
  const all = new Set([...a.units.map((u) => u.unit), ...a.missingUnits]).size;
  return {
    attendanceHeading:
      a.total === 0 ? t(locale, 'ambassadors.card.attendanceTitle') : all > 0 ? t(locale, 'ambassadors.card.attendance', { people, units: a.units.length, all }) : t(locale, 'ambassadors.card.attendanceNoNetwork', { people }),
    units: a.units.map((u) => ({ title: u.unit, value: u.names.join(', ') })),
    nobody: a.total === 0 ? t(locale, 'ambassadors.card.nobodyYet') : '',
    missing: a.missingUnits.length ? t(locale, 'ambassadors.card.missingUnits', { units: a.missingUnits.join(', ') }) : '',
  };
}

const STATE_STYLE = { open: 'default', held: 'emphasis', closed: 'emphasis', cancelled: 'attention' } as const;

/**
 * The person who clicked gets the card back at once with a line about their attendance (and no
 * button: they are marked). The copy everyone sees comes through the outbox, without either.
 */
export interface Viewer {
  note: string;
}

/** A cancelled meeting's card shows no attendance (registrations for a meeting that will not be held). */
const NO_ATTENDANCE = { attendanceHeading: '', units: [], nobody: '', missing: '' };

function common(p: MeetingCardPayload, locale: Locale, viewer: Viewer | undefined) {
  return {
    t: { kicker: t(locale, 'ambassadors.card.kicker'), ...(p.state === 'cancelled' ? NO_ATTENDANCE : attendanceTexts(locale, p.attendance)), note: viewer?.note ?? '' },
    v: { meetingId: p.meetingId, canAttend: p.state === 'open' && !viewer, materialUrl: p.state === 'cancelled' ? '' : (p.materialUrl ?? ''), material: t(locale, 'ambassadors.card.material'), stateStyle: STATE_STYLE[p.state] },
  };
}

/** The invitation, posted `ambassadorInviteDays` before the meeting. */
export function meetingInvitationCard(payload: Record<string, unknown>, locale: Locale, viewer?: Viewer): AdaptiveCard {
  const p = MeetingCardPayload.parse(payload);
  const base = common(p, locale, viewer);
  const state = p.state === 'held' ? 'ambassadors.card.held' : p.state === 'closed' ? 'ambassadors.card.closed' : p.state === 'cancelled' ? 'ambassadors.card.cancelled' : null;
  return renderTemplate(invitationTemplate, {
    t: {
      ...base.t,
      heading: t(locale, 'ambassadors.card.invitation'),
      state: state ? t(locale, state) : '',
      whenLabel: t(locale, 'ambassadors.card.when'),
      when: formatMeetingTime(p.startsAt, locale),
      themeLabel: t(locale, 'ambassadors.card.theme'),
      theme: p.theme,
      description: p.state === 'cancelled' ? '' : (p.description ?? ''),
      hint: p.state === 'open' && !viewer ? t(locale, 'ambassadors.card.attendHint', { date: formatMeetingDay(p.closesAt, locale) }) : '',
    },
    v: { ...base.v, attend: t(locale, 'ambassadors.card.attend') },
  }, { locale });
}

/** The follow-up, posted the day after the meeting. */
export function meetingFollowUpCard(payload: Record<string, unknown>, locale: Locale, viewer?: Viewer): AdaptiveCard {
  const p = MeetingCardPayload.parse(payload);
  const base = common(p, locale, viewer);
  const state = p.state === 'closed' ? 'ambassadors.card.closed' : p.state === 'cancelled' ? 'ambassadors.card.cancelled' : null;
  return renderTemplate(followUpTemplate, {
    t: {
      ...base.t,
      heading: t(locale, 'ambassadors.followUp.heading'),
      about: t(locale, 'ambassadors.followUp.about', { date: formatMeetingDay(p.startsAt, locale), theme: p.theme }),
      state: state ? t(locale, state) : '',
      intro: p.checklist.length ? t(locale, 'ambassadors.followUp.intro') : t(locale, 'ambassadors.followUp.noChecklist'),
      checklist: p.checklist,
      hint: p.state === 'open' && !viewer ? t(locale, 'ambassadors.followUp.missed') : '',
    },
    v: { ...base.v, attend: t(locale, 'ambassadors.card.attended') },
  }, { locale });
}
