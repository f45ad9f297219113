/**
 * The assessment: every earlier one with who, when and why, the threshold hints (they suggest,
 * never decide), and — for ISAM and the IT security officer — the triage form, which asks why when
 * it changes an earlier assessment. The server checks everything again.
 */
import { Button, Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { IncidentCause, Severity, Significance, SignificanceHint, Tristate } from '../../../core/domain';
import type { MessageKey } from '../../../core/i18n';
import { INCIDENT_CAUSES, SEVERITIES, SIGNIFICANCE } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { incidentsApi } from './api';
import { useSubmit, type SectionProps } from './shared';
import { useIncidentViewStyles } from './useIncidentViewStyles.styles';

export function hintText(t: ReturnType<typeof useI18n>['t'], h: SignificanceHint): string {
  switch (h.key) {
    case 'restricted':
      return t('incident.triage.hint.restricted', { hours: h.hours, threshold: h.threshold });
    case 'manual':
      return t('incident.triage.hint.manual', { hours: h.hours, threshold: h.threshold });
    case 'protectedPeople':
      return t('incident.triage.hint.protectedPeople', { people: h.people, threshold: h.threshold });
    case 'sameCause':
      return t('incident.triage.hint.sameCause', { count: h.count, months: h.months, cases: h.cases.join(', ') });
    case 'causeUnknown':
      return t('incident.triage.hint.causeUnknown', { months: h.months });
  }
}

const hoursOf = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

export function AssessmentSection({ page, onDone, onError }: SectionProps) {
  const styles = useIncidentViewStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const v = page.incident;
  const f = v.facts;
  const reassess = page.permissions.reassess;
  const last = page.assessments.at(-1);
  const [severity, setSeverity] = useState<Severity | ''>(v.severity ?? '');
  const [breach, setBreach] = useState<'' | 'yes' | 'no'>(v.personalDataBreach === null ? '' : v.personalDataBreach ? 'yes' : 'no');
  const [significant, setSignificant] = useState<Significance>(v.significant);
  const [rationale, setRationale] = useState(v.significanceRationale ?? '');
  const [imyNotRequired, setImyNotRequired] = useState(last?.imyNotRequiredRationale ?? '');
  const [reason, setReason] = useState('');
  const [cause, setCause] = useState<IncidentCause | ''>(f?.cause ?? '');
  const [malicious, setMalicious] = useState<Tristate>(f?.suspectedMalicious ?? 'unknown');
  const [crossBorder, setCrossBorder] = useState<Tristate>(f?.crossBorder ?? 'unknown');
  const [restricted, setRestricted] = useState(f?.restrictedHours?.toString() ?? '');
  const [manual, setManual] = useState(f?.manualWorkaroundHours?.toString() ?? '');
  const { busy, run, err, setErrors } = useSubmit();
  const mayAssess = page.permissions.triage || page.permissions.reassess;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string[]> = {};
    const required = (label: MessageKey) => [t('validation.required', { field: t(label) })];
    if (!severity) missing.severity = required('incident.triage.severity');
    if (!breach) missing.personalDataBreach = required('incident.triage.breach');
    if (significant === 'no' && !rationale.trim()) missing.rationale = [t('incident.rationaleRequired')];
    setErrors(missing);
    if (Object.keys(missing).length) return;
    void run(async (key) => {
      const result = await incidents.triage(
        v.id,
        page.etag,
        {
          severity: severity as Severity,
          personalDataBreach: breach === 'yes',
          significant,
          rationale: rationale.trim() || null,
          imyNotRequiredRationale: breach === 'yes' ? imyNotRequired.trim() || null : null,
          reason: reason.trim() || null,
          cause: cause || null,
          suspectedMalicious: malicious,
          crossBorder,
          restrictedHours: hoursOf(restricted),
          manualWorkaroundHours: hoursOf(manual),
        },
        key,
      );
      setReason('');
      onDone(result, t(reassess ? 'tab.incident.done.reassessed' : 'tab.incident.triaged'));
    }, onError);
  };

  const yesNo = (b: boolean) => t(b ? 'tab.incident.yes' : 'tab.incident.no').toLowerCase();
  return (
    <section className={styles.section} aria-labelledby="incident-assessment">
      <h2 id="incident-assessment" className={styles.h2}>
        {t('tab.incident.assessment')}
      </h2>
      <h3 className={styles.h3}>{t('tab.incident.history')}</h3>
      {page.assessments.length === 0 ? (
        <p style={{ margin: 0 }}>{t('tab.incident.historyEmpty')}</p>
      ) : (
        <ol className={styles.timeline} aria-label={t('tab.incident.history')}>
          {page.assessments.map((a, n) => (
            <li key={n}>
              <strong>{t('tab.incident.historyEntry', { at: i18n.dateTime(a.at), by: a.byName ?? a.by })}</strong>
              <br />
              {t('tab.incident.historySummary', {
                severity: t(`incident.severity.${a.severity}`).toLowerCase(),
                significant: t(`incident.significant.${a.significant}`).toLowerCase(),
                breach: yesNo(a.personalDataBreach),
              })}
              {a.rationale && <div className={styles.when}>{t('tab.incident.historyRationale', { rationale: a.rationale })}</div>}
              {a.reason && <div className={styles.when}>{t('tab.incident.historyReason', { reason: a.reason })}</div>}
            </li>
          ))}
        </ol>
      )}
      {page.hints.length > 0 || mayAssess ? (
        <div aria-label={t('incident.triage.hints')} role="note">
          <h3 className={styles.h3}>{t('incident.triage.hints')}</h3>
          {page.hints.length ? (
            <ul className={styles.timeline}>
              {page.hints.map((h, n) => (
                <li key={n}>{hintText(t, h)}</li>
              ))}
            </ul>
          ) : (
            <p style={{ margin: 0 }}>{t('incident.triage.noHints')}</p>
          )}
        </div>
      ) : null}
      {mayAssess && (
        <form className={styles.form} onSubmit={submit} noValidate aria-label={t(reassess ? 'tab.incident.reassess' : 'tab.incident.triage')}>
          <h3 className={`${styles.h3} ${styles.full}`}>{t(reassess ? 'tab.incident.reassess' : 'tab.incident.triage')}</h3>
          <Field label={t('incident.triage.severity')} required validationMessage={err('severity')}>
            <Select value={severity} onChange={(_, d) => setSeverity(d.value as Severity | '')}>
              <option value="">{t('tab.incident.choose')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`incident.severity.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.triage.breach')} required validationMessage={err('personalDataBreach')}>
            <Select value={breach} onChange={(_, d) => setBreach(d.value as '' | 'yes' | 'no')}>
              <option value="">{t('tab.incident.choose')}</option>
              <option value="yes">{t('tab.incident.yes')}</option>
              <option value="no">{t('tab.incident.no')}</option>
            </Select>
          </Field>
          <Field label={t('incident.triage.significant')} required validationMessage={err('significant')}>
            <Select value={significant} onChange={(_, d) => setSignificant(d.value as Significance)}>
              {SIGNIFICANCE.map((s) => (
                <option key={s} value={s}>
                  {t(`incident.significant.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.triage.cause')} validationMessage={err('cause')}>
            <Select value={cause} onChange={(_, d) => setCause(d.value as IncidentCause | '')}>
              <option value="">{t('incident.triage.causeNone')}</option>
              {INCIDENT_CAUSES.map((c) => (
                <option key={c} value={c}>
                  {t(`incident.cause.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.triage.malicious')}>
            <Select value={malicious} onChange={(_, d) => setMalicious(d.value as Tristate)}>
              {(['yes', 'no', 'unknown'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`incident.${x}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.triage.crossBorder')}>
            <Select value={crossBorder} onChange={(_, d) => setCrossBorder(d.value as Tristate)}>
              {(['yes', 'no', 'unknown'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`incident.${x}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.triage.restrictedHours')} validationMessage={err('restrictedHours')}>
            <Input type="number" min={0} value={restricted} onChange={(_, d) => setRestricted(d.value)} />
          </Field>
          <Field label={t('incident.triage.manualHours')} validationMessage={err('manualWorkaroundHours')}>
            <Input type="number" min={0} value={manual} onChange={(_, d) => setManual(d.value)} />
          </Field>
          <Field className={styles.full} label={t('incident.triage.rationale')} validationMessage={err('rationale')}>
            <Textarea value={rationale} maxLength={4000} onChange={(_, d) => setRationale(d.value)} />
          </Field>
          {breach === 'yes' && (
            <Field className={styles.full} label={t('incident.triage.imyNotRequired')} validationMessage={err('imyNotRequiredRationale')}>
              <Textarea value={imyNotRequired} maxLength={4000} onChange={(_, d) => setImyNotRequired(d.value)} />
            </Field>
          )}
          {reassess && (
            <Field className={styles.full} label={t('incident.triage.reason')} validationMessage={err('reason') ?? err('_')}>
              <Textarea value={reason} maxLength={2000} onChange={(_, d) => setReason(d.value)} />
            </Field>
          )}
          {!reassess && err('_') && <p role="alert" className={styles.full}>{err('_')}</p>}
          <div>
            <Button type="submit" appearance="primary" disabled={busy}>
              {t(reassess ? 'tab.incident.reassessSave' : 'tab.incident.triageSave')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
