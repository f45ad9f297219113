/**
 * The forms ISAM and the IT security officer use on an incident's page: triage, and marking a report
 * to an authority as sent. The server checks who may, again; a stale etag shows the current state.
 */
import { Button, Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ClockKind, Severity, Significance } from '../../../core/domain';
import type { MessageKey } from '../../../core/i18n';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { IncidentPageView } from '../../../core/api';
import { SEVERITIES, SIGNIFICANCE } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { incidentsApi } from './api';
import { useIncidentViewStyles } from './useIncidentViewStyles.styles';

interface FormProps {
  page: IncidentPageView;
  onDone: (result: IncidentPageView) => void;
  onError: (error: unknown) => void;
}

export function MarkSentForm({ page, onDone, onError }: FormProps) {
  const styles = useIncidentViewStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const [kind, setKind] = useState<ClockKind>(page.reportable[0]!);
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!page.reportable.includes(kind)) setKind(page.reportable[0]!);
  }, [page.reportable, kind]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await incidents.markSent(page.incident.id, page.etag, kind, reference.trim() || null, newIdempotencyKey()));
      setReference('');
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="mark-sent">
      <h3 id="mark-sent" className={`${styles.h2} ${styles.full}`}>
        {t('tab.incident.markSent')}
      </h3>
      <Field label={t('tab.incident.reportKind')}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as ClockKind)}>
          {page.reportable.map((k) => (
            <option key={k} value={k}>
              {t(`incident.clock.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('tab.incident.reference')}>
        <Input value={reference} maxLength={200} onChange={(_, d) => setReference(d.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {t('tab.incident.markSentButton')}
        </Button>
      </div>
    </form>
  );
}

export function TriageForm({ page, onDone, onError }: FormProps) {
  const styles = useIncidentViewStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const v = page.incident;
  const [severity, setSeverity] = useState<Severity | ''>(v.severity ?? '');
  const [breach, setBreach] = useState<'' | 'yes' | 'no'>(v.personalDataBreach === null ? '' : v.personalDataBreach ? 'yes' : 'no');
  // A real choice: an incident not yet assessed starts with none chosen, never "not assessed" by default.
  const [significant, setSignificant] = useState<Significance | ''>(v.severity === null ? '' : v.significant);
  const [rationale, setRationale] = useState(v.significanceRationale ?? '');
  const [imyNotRequired, setImyNotRequired] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string[]> = {};
    const required = (label: MessageKey) => [t('validation.required', { field: t(label) })];
    if (!severity) missing.severity = required('incident.triage.severity');
    if (!breach) missing.personalDataBreach = required('incident.triage.breach');
    if (!significant) missing.significant = required('incident.triage.significant');
    if (significant === 'no' && !rationale.trim()) missing.rationale = [t('incident.rationaleRequired')];
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      onDone(
        await incidents.triage(
          v.id,
          page.etag,
          { severity: severity as Severity, personalDataBreach: breach === 'yes', significant: significant as Significance, rationale: rationale.trim() || null, imyNotRequiredRationale: imyNotRequired.trim() || null },
          newIdempotencyKey(),
        ),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.body.issues) setErrors(error.fieldErrors());
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  const err = (f: string) => errors[f]?.join(' ');
  /** A changed field loses its message at once; the others stay until the next submit. */
  const change = (field: string, apply: () => void) => {
    apply();
    setErrors((e) => (field in e ? Object.fromEntries(Object.entries(e).filter(([f]) => f !== field)) : e));
  };
  return (
    <section className={styles.section} aria-labelledby="incident-triage">
      <h2 id="incident-triage" className={styles.h2}>
        {t('tab.incident.triage')}
      </h2>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('incident.triage.severity')} required validationMessage={err('severity')}>
          <Select value={severity} onChange={(_, d) => change('severity', () => setSeverity(d.value as Severity | ''))}>
            <option value="">{t('tab.incident.choose')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`incident.severity.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('incident.triage.breach')} required validationMessage={err('personalDataBreach')}>
          <Select value={breach} onChange={(_, d) => change('personalDataBreach', () => setBreach(d.value as '' | 'yes' | 'no'))}>
            <option value="">{t('tab.incident.choose')}</option>
            <option value="yes">{t('tab.incident.yes')}</option>
            <option value="no">{t('tab.incident.no')}</option>
          </Select>
        </Field>
        <Field label={t('incident.triage.significant')} required validationMessage={err('significant')}>
          <Select value={significant} onChange={(_, d) => change('significant', () => setSignificant(d.value as Significance | ''))}>
            <option value="">{t('tab.incident.choose')}</option>
            {SIGNIFICANCE.map((s) => (
              <option key={s} value={s}>
                {s === 'undecided' ? t('tab.incident.significantLater') : t(`incident.significant.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.full} label={t('incident.triage.rationale')} validationMessage={err('rationale')}>
          <Textarea value={rationale} maxLength={4000} onChange={(_, d) => change('rationale', () => setRationale(d.value))} />
        </Field>
        {breach === 'yes' && (
          <Field className={styles.full} label={t('incident.triage.imyNotRequired')} validationMessage={err('imyNotRequiredRationale')}>
            <Textarea value={imyNotRequired} maxLength={4000} onChange={(_, d) => change('imyNotRequiredRationale', () => setImyNotRequired(d.value))} />
          </Field>
        )}
        <div>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t('tab.incident.triageSave')}
          </Button>
        </div>
      </form>
    </section>
  );
}
