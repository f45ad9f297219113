/**
 * What the incident page's sections share: the props every action form gets, an action runner
 * (one Idempotency-Key per submission, the page's etag as If-Match, the server's field messages
 * back at their fields), a date-and-time field in Stockholm time, and a report's name.
 */
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { stockholmInputToUtc, utcToStockholmInput } from '../../../core/domain/time';
import type { MessageKey } from '../../../core/i18n';
import { isMessageKey } from '../../app/messages';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { IncidentPageView } from '../../../core/api';
import { useI18n } from '../../app/i18n';

export interface SectionProps {
  page: IncidentPageView;
  /** After a write: the page it answered, and what to tell the person. */
  onDone: (result: IncidentPageView, text: string) => void;
  onError: (error: unknown) => void;
}

/** Runs one submission of a form: busy state, a fresh Idempotency-Key, field messages from a 400. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const run = async (send: (key: string) => Promise<void>, onError: (error: unknown) => void) => {
    setBusy(true);
    setErrors({});
    try {
      await send(newIdempotencyKey());
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setErrors(error.body.issues ? error.fieldErrors() : { _: [error.body.message] });
      else onError(error);
    } finally {
      setBusy(false);
    }
  };
  const err = (field: string) => errors[field]?.join(' ');
  return { busy, errors, setErrors, run, err };
}

/** A date and time typed in Stockholm time; `toUtc` is null until both are valid. */
export interface When {
  date: string;
  time: string;
}

export const whenOf = (iso: string | null): When => (iso ? utcToStockholmInput(iso) : { date: '', time: '' });
export const toUtc = (w: When): string | null => (/^\d{4}-\d{2}-\d{2}$/.test(w.date) && /^\d{2}:\d{2}$/.test(w.time) ? stockholmInputToUtc(w.date, w.time) : null);

const useWhenStyles = makeStyles({ row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM } });

export function WhenField({ label, value, onChange, error, required }: { label: string; value: When; onChange: (w: When) => void; error?: string | undefined; required?: boolean }) {
  const { t } = useI18n();
  const styles = useWhenStyles();
  return (
    <div className={styles.row}>
      <Field label={`${label} – ${t('tab.reportForm.date')}`} required={required ?? false} validationMessage={error}>
        <Input type="date" value={value.date} onChange={(_, d) => onChange({ ...value, date: d.value })} />
      </Field>
      <Field label={`${label} – ${t('tab.reportForm.time')}`} required={required ?? false}>
        <Input type="time" value={value.time} onChange={(_, d) => onChange({ ...value, time: d.value })} />
      </Field>
    </div>
  );
}

/** A report's name for any key (`cs_situation_report:2` too). */
export function reportName(t: (key: MessageKey) => string, key: string): string {
  const k = `incident.clock.${key.split(':')[0]}`;
  return isMessageKey(k) ? t(k) : key;
}
