/** The form for recording a completed course by hand (ISAM, the administrative unit). */
import type { TrainingCourse } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/training-record-form.json';

export interface TrainingFormOptions {
  courses: TrainingCourse[];
  today: string;
  values?: { email?: string; courseCode?: string; completedAt?: string };
  error?: string;
}

export function trainingFormCard(locale: Locale, o: TrainingFormOptions): AdaptiveCard {
  const mandatoryFirst = [...o.courses].sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || a.name.localeCompare(b.name, 'sv'));
  return renderTemplate(template, {
    t: { heading: t(locale, 'training.record.heading'), intro: t(locale, 'training.record.intro'), error: o.error ?? '' },
    v: {
      emailLabel: t(locale, 'training.record.email'),
      courseLabel: t(locale, 'training.record.course'),
      dateLabel: t(locale, 'training.record.completedAt'),
      save: t(locale, 'training.record.save'),
      courses: mandatoryFirst.map((c) => ({ title: `${c.name} (${c.code})`, value: c.code })),
      email: o.values?.email ?? '',
      courseCode: o.values?.courseCode ?? '',
      completedAt: o.values?.completedAt ?? o.today,
      today: o.today,
    },
  }, { locale });
}
