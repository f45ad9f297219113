/**
 * A time of day in a form: Fluent's TimePicker, 24 hours, every quarter of an hour to choose from,
 * or typed as 08:15 (also 8.15, 815). The value is `HH:mm` Stockholm wall time or '' (empty). A
 * typed text that is not a time says so next to the field until it is corrected.
 */
import { Field } from '@fluentui/react-components';
import { TimePicker } from '@fluentui/react-timepicker-compat';
import { useEffect, useState } from 'react';
import { useI18n } from '../app/i18n';
import { TIME_ANCHOR, dateOfTime, parseTime, timeOf } from './dates';

export interface TimeFieldProps {
  label: string;
  /** `HH:mm`, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  hint?: string;
  validationMessage?: string;
  id?: string;
  className?: string;
}

export function TimeField(props: TimeFieldProps) {
  const { t } = useI18n();
  const [text, setText] = useState(props.value);
  const [typed, setTyped] = useState<string | null>(null);
  // A new value from outside (a reset, a loaded record) shows as written.
  useEffect(() => setText(props.value), [props.value]);
  const message = props.validationMessage || typed || undefined;
  return (
    <Field className={props.className} label={props.label} required={props.required} hint={props.hint ?? t('tab.time.hint')} validationMessage={message} validationState={message ? 'error' : 'none'}>
      <TimePicker
        id={props.id}
        freeform
        hourCycle="h23"
        increment={15}
        dateAnchor={TIME_ANCHOR}
        disabled={props.disabled}
        placeholder={t('tab.time.placeholder')}
        value={text}
        selectedTime={dateOfTime(props.value)}
        onChange={(e) => setText((e.target as HTMLInputElement).value)}
        formatDateToTimeString={timeOf}
        parseTimeStringToDate={(s) => {
          if (!s?.trim()) return { date: null };
          const time = parseTime(s);
          return time ? { date: dateOfTime(time) } : { date: null, errorType: 'invalid-input' };
        }}
        onTimeChange={(_, d) => {
          if (d.errorType === 'invalid-input') {
            setTyped(t('tab.time.invalid'));
            return;
          }
          setTyped(null);
          const value = d.selectedTime ? timeOf(d.selectedTime) : '';
          setText(value);
          props.onChange(value);
        }}
      />
    </Field>
  );
}
