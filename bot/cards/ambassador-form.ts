/**
 * ISAM's form for planning or editing a meeting. Shown again with the values kept and the problem
 * named when something is wrong, so nothing typed is lost.
 */
import { t, type Locale } from '../../core/i18n';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/ambassador-meeting-form.json';

export interface MeetingFormValues {
  date: string;
  time: string;
  theme: string;
  description: string;
  materialUrl: string;
  /** One point per line. */
  checklist: string;
}

export interface MeetingFormOptions {
  /** The meeting being edited and the version read, or null for a new one. */
  meeting: { id: string; etag: string } | null;
  /** Identifies this form: a double click on Save plans one meeting. */
  formId: string;
  today: string;
  inviteDays: number;
  values?: Partial<MeetingFormValues>;
  error?: string;
}

export function meetingFormCard(locale: Locale, o: MeetingFormOptions): AdaptiveCard {
  const v = { date: '', time: '13:00', theme: '', description: '', materialUrl: '', checklist: '', ...o.values };
  return renderTemplate(template, {
    t: {
      heading: t(locale, o.meeting ? 'ambassadors.form.editHeading' : 'ambassadors.form.newHeading'),
      intro: t(locale, 'ambassadors.form.intro', { days: o.inviteDays }),
      error: o.error ?? '',
    },
    v: {
      ...v,
      minDate: o.today,
      dateLabel: t(locale, 'ambassadors.form.date'),
      timeLabel: t(locale, 'ambassadors.form.time'),
      themeLabel: t(locale, 'ambassadors.form.theme'),
      themePlaceholder: t(locale, 'ambassadors.form.themePlaceholder'),
      descriptionLabel: t(locale, 'ambassadors.form.description'),
      materialLabel: t(locale, 'ambassadors.form.material'),
      checklistLabel: t(locale, 'ambassadors.form.checklist'),
      required: t(locale, 'ambassadors.form.required'),
      save: t(locale, 'ambassadors.form.save'),
      cancelMeeting: t(locale, 'ambassadors.form.cancelMeeting'),
      meetingId: o.meeting?.id ?? '',
      etag: o.meeting?.etag ?? '',
      formId: o.formId,
    },
  }, { locale });
}
