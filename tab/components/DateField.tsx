/**
 * A day in a form: Fluent's DatePicker in the person's language, weeks from Monday with ISO week
 * numbers (as Swedish calendars show them), typed as 2026-12-06 or picked from the calendar. The
 * value is `YYYY-MM-DD` or '' (empty). A typed text that is not a day says so next to the field
 * until it is corrected; the form's own message (`validationMessage`) takes precedence.
 */
import { Field } from '@fluentui/react-components';
import { DatePicker } from '@fluentui/react-datepicker-compat';
import { useMemo, useState } from 'react';
import { useI18n } from '../app/i18n';
import { calendarFormatter, calendarStrings, dateOfDay, dayOf, parseDay } from './dates';

export interface DateFieldProps {
  label: string;
  /** `YYYY-MM-DD`, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  hint?: string;
  validationMessage?: string;
  /** Id of the input, so that a form can move focus to it. */
  id?: string;
  min?: string;
  max?: string;
  className?: string;
}

export function DateField(props: DateFieldProps) {
  const { t, locale } = useI18n();
  const strings = useMemo(() => calendarStrings(locale, t), [locale, t]);
  const formatter = useMemo(() => calendarFormatter(locale), [locale]);
  const [typed, setTyped] = useState<string | null>(null);
  const message = props.validationMessage || typed || undefined;
  const min = props.min ? dateOfDay(props.min) : null;
  const max = props.max ? dateOfDay(props.max) : null;
  return (
    <Field className={props.className} label={props.label} required={props.required} hint={props.hint ?? t('tab.date.hint')} validationMessage={message} validationState={message ? 'error' : 'none'}>
      <DatePicker
        id={props.id}
        value={dateOfDay(props.value)}
        disabled={props.disabled}
        allowTextInput
        openOnClick={false}
        disableAutoFocus
        formatDate={(d) => (d ? dayOf(d) : '')}
        parseDateFromString={parseDay}
        onSelectDate={(d) => {
          setTyped(null);
          props.onChange(d ? dayOf(d) : '');
        }}
        onValidationResult={(r) => setTyped(r.error === 'invalid-input' ? t('tab.date.invalid') : r.error === 'out-of-bounds' ? t('tab.date.outOfBounds') : null)}
        firstDayOfWeek={1}
        firstWeekOfYear={2}
        showWeekNumbers
        showGoToToday
        strings={strings}
        dateTimeFormatter={formatter}
        placeholder={t('tab.date.placeholder')}
        {...(min ? { minDate: min } : {})}
        {...(max ? { maxDate: max } : {})}
      />
    </Field>
  );
}
