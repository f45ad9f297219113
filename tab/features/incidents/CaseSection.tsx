/**
 * Two sections of the incident page: the facts the authority reports are drafted from (ISAM, the IT
 * security officer, the DSO), and the investigation with closing and reopening (the line manager
 * or ISAM; reopening ISAM, with a reason). Closing hides no legal obligation: the page says what is
 * still open afterwards.
 */
import { Button, Checkbox, Field, Input, Textarea } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { BreachNature } from '../../../core/domain';
import { BREACH_NATURES } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { incidentsApi } from './api';
import { reportName, useSubmit, type SectionProps } from './shared';
import { useIncidentViewStyles } from './useIncidentViewStyles.styles';

export function FactsSection({ page, onDone, onError }: SectionProps) {
  const styles = useIncidentViewStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const f = page.incident.facts;
  const [causeDescription, setCauseDescription] = useState(f?.causeDescription ?? '');
  const [impact, setImpact] = useState(f?.impact ?? '');
  const [indicators, setIndicators] = useState(f?.indicators ?? '');
  const [mitigation, setMitigation] = useState(f?.mitigation ?? '');
  const [consequences, setConsequences] = useState(f?.consequences ?? '');
  const [records, setRecords] = useState(f?.approxRecords?.toString() ?? '');
  const [natures, setNatures] = useState<BreachNature[]>(f?.breachNature ?? []);
  const { busy, run, err } = useSubmit();
  const breach = page.incident.personalDataBreach !== false && page.incident.personalData?.involved !== 'no';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async (key) => {
      const result = await incidents.facts(
        page.incident.id,
        page.etag,
        {
          causeDescription: causeDescription.trim() || null,
          impact: impact.trim() || null,
          indicators: indicators.trim() || null,
          mitigation: mitigation.trim() || null,
          ...(breach ? { consequences: consequences.trim() || null, approxRecords: records.trim() === '' ? null : Number(records), breachNature: natures } : {}),
        },
        key,
      );
      onDone(result, t(result.etag === page.etag ? 'tab.incident.noChange' : 'tab.incident.done.facts'));
    }, onError);
  };
  const area = (label: Parameters<typeof t>[0], field: string, value: string, set: (v: string) => void) => (
    <Field className={styles.full} label={t(label)} validationMessage={err(field)}>
      <Textarea value={value} maxLength={4000} onChange={(_, d) => set(d.value)} />
    </Field>
  );
  return (
    <section className={styles.section} aria-labelledby="incident-report-facts">
      <h2 id="incident-report-facts" className={styles.h2}>
        {t('tab.incident.factsTitle')}
      </h2>
      <p style={{ margin: 0 }}>{t('tab.incident.factsIntro')}</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        {area('field.impact', 'impact', impact, setImpact)}
        {area('field.causeDescription', 'causeDescription', causeDescription, setCauseDescription)}
        {area('field.indicators', 'indicators', indicators, setIndicators)}
        {area('field.mitigation', 'mitigation', mitigation, setMitigation)}
        {breach && (
          <>
            {area('field.consequences', 'consequences', consequences, setConsequences)}
            <Field label={t('field.approxRecords')} validationMessage={err('approxRecords')}>
              <Input type="number" min={0} value={records} onChange={(_, d) => setRecords(d.value)} />
            </Field>
            <fieldset className={styles.fieldset}>
              <legend>{t('tab.incident.breachNature')}</legend>
              {BREACH_NATURES.map((n) => (
                <Checkbox
                  key={n}
                  label={t(`incident.nature.${n}`)}
                  checked={natures.includes(n)}
                  onChange={(_, d) => setNatures((cur) => (d.checked ? [...cur, n] : cur.filter((x) => x !== n)))}
                />
              ))}
            </fieldset>
          </>
        )}
        {err('_') && (
          <p role="alert" className={styles.full}>
            {err('_')}
          </p>
        )}
        <div>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t('tab.incident.factsSave')}
          </Button>
        </div>
      </form>
    </section>
  );
}

export function CaseSection({ page, onDone, onError }: SectionProps) {
  const styles = useIncidentViewStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const v = page.incident;
  const [findings, setFindings] = useState(v.investigation?.findings ?? '');
  const [actions, setActions] = useState(v.investigation?.actions ?? '');
  const [reason, setReason] = useState('');
  const { busy, run, err } = useSubmit();
  const { permissions } = page;
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async (key) => onDone(await incidents.investigation(v.id, page.etag, { findings, actions }, key), t('tab.incident.done.investigation')), onError);
  };
  const close = () =>
    void run(async (key) => {
      const result = await incidents.close(v.id, page.etag, key);
      const open = result.openObligations.map((k) => reportName(t, k)).join(', ');
      onDone(result, open ? t('incident.notice.openAfterClose', { list: open }) : t('tab.incident.done.closed'));
    }, onError);
  const reopen = (e: FormEvent) => {
    e.preventDefault();
    void run(async (key) => onDone(await incidents.reopen(v.id, page.etag, reason, key), t('tab.incident.done.reopened')), onError);
  };
  if (!permissions.investigate && !permissions.close && !permissions.reopen) return null;
  return (
    <section className={styles.section} aria-labelledby="incident-case">
      <h2 id="incident-case" className={styles.h2}>
        {t('tab.incident.case')}
      </h2>
      {permissions.investigate && (
        <form className={styles.form} onSubmit={save} noValidate>
          <Field className={styles.full} label={t('incident.investigation.findings')} required validationMessage={err('findings')}>
            <Textarea value={findings} maxLength={10000} onChange={(_, d) => setFindings(d.value)} />
          </Field>
          <Field className={styles.full} label={t('incident.investigation.actions')} required validationMessage={err('actions')}>
            <Textarea value={actions} maxLength={10000} onChange={(_, d) => setActions(d.value)} />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" disabled={busy}>
              {t('incident.investigation.save')}
            </Button>
            {permissions.close && (
              <Button appearance="primary" disabled={busy} onClick={close}>
                {t('tab.incident.close')}
              </Button>
            )}
          </div>
        </form>
      )}
      {permissions.reopen && (
        <form className={styles.form} onSubmit={reopen} noValidate>
          <Field className={styles.full} label={t('incident.reopen.reason')} required validationMessage={err('_') ?? err('reason')}>
            <Textarea value={reason} maxLength={1000} onChange={(_, d) => setReason(d.value)} />
          </Field>
          <div>
            <Button type="submit" disabled={busy}>
              {t('tab.incident.reopen')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
