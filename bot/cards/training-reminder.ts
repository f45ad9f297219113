/**
 * A manager's training card: the monthly reminder (outbox) and the same view asked for in chat
 * (`utbildning`). Staff lacking a mandatory course first; management's course in the cyber security
 * law in its own section (the director sees the unit heads who lack it; every manager their own).
 */
import { TeamTrainingReport, type CourseRef, type MyTraining } from '../../core/app/training';
import { t, type Locale } from '../../core/i18n';
import { formatMonth } from './ambassador-format';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/training-reminder.json';

const names = (courses: CourseRef[]) => courses.map((c) => c.name).join(', ');
const who = (p: { name: string; unit: string | null }) => (p.unit ? `${p.name} (${p.unit})` : p.name);

function reportTexts(locale: Locale, r: TeamTrainingReport) {
  const staffIntro =
    r.staffCount === 0 ? t(locale, 'training.reminder.noStaff') : r.staffMissing ? t(locale, 'training.reminder.staffIntro', { missing: r.staffMissing, total: r.staffCount }) : t(locale, 'training.reminder.staffAllDone', { total: r.staffCount });
  return {
    heading: r.month ? t(locale, 'training.reminder.heading', { month: formatMonth(r.month, locale) }) : t(locale, 'training.reminder.headingNow'),
    staffIntro,
    staff: r.staff.map((p) => ({ title: who(p), value: names(p.missing) })),
    more: r.staffMissing > r.staff.length ? t(locale, 'training.reminder.more', { count: r.staffMissing - r.staff.length }) : '',
    managementHeading: t(locale, 'training.reminder.management'),
    managementIntro: t(locale, 'training.reminder.managementIntro'),
    managementMissing: t(locale, 'training.reminder.managementMissing'),
    management: r.management.map((p) => ({ title: who(p), value: names(p.missing) })),
    ownManagement: r.own.management.length ? t(locale, 'training.reminder.ownManagementMissing', { courses: names(r.own.management) }) : t(locale, 'training.reminder.ownManagementDone'),
    own: r.own.all.length ? t(locale, 'training.reminder.ownMissing', { courses: names(r.own.all) }) : '',
    footer: t(locale, 'training.reminder.footer'),
  };
}

/** The monthly reminder, from an outbox payload. */
export function trainingReminderCard(payload: Record<string, unknown>, locale: Locale): AdaptiveCard {
  return renderTemplate(template, { t: reportTexts(locale, TeamTrainingReport.parse(payload)) }, { locale });
}

/** `utbildning`: a manager's team and own status, or anyone else's own status. */
export function myTrainingCard(locale: Locale, mine: MyTraining): AdaptiveCard {
  if (mine.team) return renderTemplate(template, { t: reportTexts(locale, mine.team) }, { locale });
  const missing = [...mine.own.all, ...mine.own.management];
  return renderTemplate(template, {
    t: {
      heading: t(locale, 'training.mine.heading'),
      staffIntro: missing.length ? t(locale, 'training.mine.missing', { courses: names(missing) }) : t(locale, 'training.mine.allDone'),
      staff: [],
      more: '',
      managementHeading: '',
      managementIntro: '',
      managementMissing: '',
      management: [],
      ownManagement: '',
      own: '',
      footer: t(locale, 'training.reminder.footer'),
    },
  }, { locale });
}
