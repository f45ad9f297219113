/**
 * The report form (`#/incidents/new`): the same fields and checks as the bot's guided report
 * (bot/features/incidents.ts), sent to the same use case (`reportIncident`). Times are typed in
 * Stockholm time and sent in UTC. One Idempotency-Key per submission: a double click makes one
 * report. The server's messages appear at their fields.
 */
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { stockholmDate, stockholmInputToUtc } from '../../../core/domain/time';
import type { MessageKey } from '../../../core/i18n';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { IncidentReportInput } from '../../../core/api';
import { INCIDENT_CATEGORIES, PERSONAL_DATA_CATEGORIES } from '../../../core/domain/choices';
import { setFlash } from '../../app/flash';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorText } from '../../components/ErrorMessage';
import { TimeField } from '../../components/TimeField';
import { focusFirstError, useFormErrors } from '../../components/useFormErrors';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { incidentsApi } from './api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '60rem' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: 0,
    // A fieldset is as wide as its widest content unless told otherwise (a long system name in a list).
    minWidth: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'start',
    backgroundColor: tokens.colorNeutralBackground1,
    '& > *': { minWidth: 0 },
  },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  full: { gridColumn: '1 / -1' },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

interface Draft {
  category: string;
  title: string;
  description: string;
  occurredDate: string;
  occurredTime: string;
  occurredUnknown: boolean;
  discoveredDate: string;
  discoveredTime: string;
  assetId: string;
  supplierId: string;
  involved: '' | 'yes' | 'no' | 'unknown';
  approxSubjects: string;
  dataCategories: string[];
  protectedIdentity: boolean;
}

/** The bot's per-step checks (bot/features/incidents.ts `stepErrors`), per field. */
export function draftErrors(d: Draft, t: (k: MessageKey, p?: Record<string, string | number>) => string, now = new Date()): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (f: string, m: string) => (out[f] ??= []).push(m);
  const soon = now.getTime() + 5 * 60_000;
  if (!d.category) add('category', t('validation.required', { field: t('incident.wizard.category') }));
  if (!d.description.trim()) add('description', t('validation.required', { field: t('field.description') }));
  if (!d.discoveredDate || !d.discoveredTime) add('discoveredAt', t('incident.error.dateWithoutTime'));
  else if (Date.parse(stockholmInputToUtc(d.discoveredDate, d.discoveredTime)) > soon) add('discoveredAt', t('incident.error.futureTime'));
  if (!d.occurredUnknown && (d.occurredDate || d.occurredTime)) {
    if (!d.occurredDate || !d.occurredTime) add('occurredAt', t('incident.error.dateWithoutTime'));
    else if (d.discoveredDate && d.discoveredTime && stockholmInputToUtc(d.occurredDate, d.occurredTime) > stockholmInputToUtc(d.discoveredDate, d.discoveredTime))
      add('occurredAt', t('incident.occurredAfterDiscovered'));
  }
  if (!d.involved) add('involved', t('validation.required', { field: t('incident.wizard.involved') }));
  if (d.approxSubjects && !/^\d{1,9}$/.test(d.approxSubjects.trim())) add('approxSubjects', t('validation.notInteger', { field: t('incident.wizard.subjects') }));
  return out;
}

/** The bot's `toInput`. */
export function toReportInput(d: Draft): IncidentReportInput {
  const involved = d.involved as IncidentReportInput['personalData']['involved'];
  return {
    category: d.category as IncidentReportInput['category'],
    title: d.title.trim() || null,
    description: d.description,
    occurredAt: d.occurredUnknown || !d.occurredDate || !d.occurredTime ? null : stockholmInputToUtc(d.occurredDate, d.occurredTime),
    discoveredAt: stockholmInputToUtc(d.discoveredDate, d.discoveredTime),
    assetId: d.assetId || null,
    supplierId: d.supplierId || null,
    personalData:
      involved === 'no'
        ? { involved, approxSubjects: null, categories: [], protectedIdentity: false }
        : { involved, approxSubjects: d.approxSubjects ? Number(d.approxSubjects) : null, categories: d.dataCategories, protectedIdentity: d.protectedIdentity },
  };
}

/** Draft fields → the field their message belongs to. */
const ERROR_FIELD: Record<string, string> = { discoveredDate: 'discoveredAt', discoveredTime: 'discoveredAt', occurredDate: 'occurredAt', occurredTime: 'occurredAt', occurredUnknown: 'occurredAt' };

/** The form's fields in the order they are shown (for focus), their labels and element ids. */
const FIELD_ORDER = ['category', 'title', 'description', 'discoveredAt', 'discoveredTime', 'occurredAt', 'occurredTime', 'assetId', 'supplierId', 'involved', 'approxSubjects'];
const LABEL_OF: Record<string, MessageKey> = {
  category: 'incident.wizard.category',
  description: 'incident.wizard.description',
  discoveredAt: 'incident.wizard.discovered',
  occurredAt: 'incident.wizard.occurred',
  involved: 'incident.wizard.involved',
  approxSubjects: 'incident.wizard.subjects',
  assetId: 'incident.wizard.asset',
  supplierId: 'incident.wizard.supplier',
};
const fieldId = (field: string) => `report-${field}`;

/** Server field paths → the form's fields. */
const FIELD_OF: Record<string, string> = { personalData: 'involved' };

export default function IncidentReportView(_props: ViewProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const options = useAsync(() => incidents.formOptions(), [incidents]);
  const [d, setD] = useState<Draft>(() => ({
    category: '',
    title: '',
    description: '',
    occurredDate: '',
    occurredTime: '',
    occurredUnknown: false,
    discoveredDate: stockholmDate(new Date()),
    discoveredTime: '',
    assetId: '',
    supplierId: '',
    involved: '',
    approxSubjects: '',
    dataCategories: [],
    protectedIdentity: false,
  }));
  const errors = useFormErrors();
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const update = (patch: Partial<Draft>) => {
    setD((x) => ({ ...x, ...patch }));
    key.current = null; // a changed form is a new submission
    // A corrected field loses its message; the rest stay until the next submit.
    errors.clear(...Object.keys(patch).map((k) => ERROR_FIELD[k] ?? k));
  };
  const err = errors.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = draftErrors(d, t);
    errors.set(found);
    setAlert(null);
    if (Object.keys(found).length) {
      focusFirstError(found, FIELD_ORDER, fieldId);
      return;
    }
    setBusy(true);
    key.current ??= newIdempotencyKey();
    try {
      const created = await incidents.report(toReportInput(d), key.current);
      setFlash(t(created.created ? 'tab.reportForm.created' : 'tab.reportForm.repeat', { number: created.caseNumber }));
      navigate(`/incidents/${created.id}`);
    } catch (error) {
      if (errors.fromApi(error, (f) => FIELD_OF[f] ?? f) && error instanceof ApiError) {
        const byField: Record<string, string[]> = {};
        for (const i of error.body.issues ?? []) (byField[FIELD_OF[i.field] ?? i.field] ??= []).push(i.message);
        focusFirstError(byField, FIELD_ORDER, fieldId);
      } else setAlert(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <ViewHeading>{t('tab.reportForm.title')}</ViewHeading>
      <p className={styles.intro}>{t('tab.reportForm.intro')}</p>
      <MessageBar intent="info">
        <MessageBarBody>{t('incident.wizard.safe')}</MessageBarBody>
      </MessageBar>
      <ErrorSummary errors={errors.errors} labelOf={(f) => (LABEL_OF[f] ? t(LABEL_OF[f]) : undefined)} idOf={fieldId} message={alert} />
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.what')}</legend>
          <Field label={t('incident.wizard.category')} required validationMessage={err('category')}>
            <Select id={fieldId('category')} value={d.category} onChange={(_, x) => update({ category: x.value })}>
              <option value="">{t('tab.incident.choose')}</option>
              {INCIDENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`incident.category.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.wizard.title.label')} validationMessage={err('title')}>
            <Input id={fieldId('title')} value={d.title} maxLength={255} placeholder={t('incident.wizard.title.placeholder')} onChange={(_, x) => update({ title: x.value })} />
          </Field>
          <Field className={styles.full} label={t('incident.wizard.description')} required validationMessage={err('description')}>
            <Textarea id={fieldId('description')} value={d.description} maxLength={10000} rows={5} placeholder={t('incident.wizard.description.placeholder')} onChange={(_, x) => update({ description: x.value })} />
          </Field>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.when')}</legend>
          <DateField id={fieldId('discoveredAt')} label={`${t('incident.wizard.discovered')} – ${t('tab.reportForm.date')}`} required value={d.discoveredDate} max={stockholmDate(new Date())} onChange={(v) => update({ discoveredDate: v })} validationMessage={err('discoveredAt')} />
          <TimeField id={fieldId('discoveredTime')} label={`${t('incident.wizard.discovered')} – ${t('tab.reportForm.time')}`} required value={d.discoveredTime} onChange={(v) => update({ discoveredTime: v })} />
          <Checkbox className={styles.full} checked={d.occurredUnknown} label={t('incident.wizard.occurredUnknown')} onChange={(_, x) => update({ occurredUnknown: Boolean(x.checked) })} />
          {!d.occurredUnknown && (
            <>
              <DateField id={fieldId('occurredAt')} label={`${t('incident.wizard.occurred')} – ${t('tab.reportForm.date')}`} value={d.occurredDate} max={stockholmDate(new Date())} onChange={(v) => update({ occurredDate: v })} validationMessage={err('occurredAt')} />
              <TimeField id={fieldId('occurredTime')} label={`${t('incident.wizard.occurred')} – ${t('tab.reportForm.time')}`} value={d.occurredTime} onChange={(v) => update({ occurredTime: v })} />
            </>
          )}
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.where')}</legend>
          <Field label={t('incident.wizard.asset')} validationMessage={err('assetId')}>
            <Select id={fieldId('assetId')} value={d.assetId} onChange={(_, x) => update({ assetId: x.value })}>
              <option value="">{t('incident.wizard.asset.unknown')}</option>
              {(options.data?.assets ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code} {a.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('incident.wizard.supplier')} validationMessage={err('supplierId')}>
            <Select id={fieldId('supplierId')} value={d.supplierId} onChange={(_, x) => update({ supplierId: x.value })}>
              <option value="">{t('incident.wizard.supplier.none')}</option>
              {(options.data?.suppliers ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.personal')}</legend>
          <Field id={fieldId('involved')} className={styles.full} label={t('incident.wizard.involved')} required validationMessage={err('involved')}>
            <RadioGroup layout="horizontal" value={d.involved} onChange={(_, x) => update({ involved: x.value as Draft['involved'] })}>
              <Radio value="yes" label={t('tab.incident.yes')} />
              <Radio value="no" label={t('tab.incident.no')} />
              <Radio value="unknown" label={t('tab.incident.unknown')} />
            </RadioGroup>
          </Field>
          {d.involved !== 'no' && d.involved !== '' && (
            <>
              <Field label={t('incident.wizard.subjects')} validationMessage={err('approxSubjects')}>
                <Input id={fieldId('approxSubjects')} inputMode="numeric" value={d.approxSubjects} onChange={(_, x) => update({ approxSubjects: x.value })} />
              </Field>
              <fieldset className={`${styles.full} ${styles.checks}`} style={{ border: 0, padding: 0, margin: 0 }}>
                <legend>{t('incident.wizard.dataCategories')}</legend>
                {PERSONAL_DATA_CATEGORIES.map((c) => (
                  <Checkbox
                    key={c}
                    label={t(`incident.dataCategory.${c}`)}
                    checked={d.dataCategories.includes(c)}
                    onChange={(_, x) => update({ dataCategories: x.checked ? [...d.dataCategories, c] : d.dataCategories.filter((y) => y !== c) })}
                  />
                ))}
              </fieldset>
              <Checkbox className={styles.full} label={t('incident.wizard.protected')} checked={d.protectedIdentity} onChange={(_, x) => update({ protectedIdentity: Boolean(x.checked) })} />
            </>
          )}
        </fieldset>

        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t('tab.reportForm.submit')}
          </Button>
          <Button as="a" href="#/incidents">
            {t('incident.wizard.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
