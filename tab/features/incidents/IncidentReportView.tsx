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
import { errorText } from '../../components/ErrorMessage';
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
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'start',
    backgroundColor: tokens.colorNeutralBackground1,
    '& > *': { minWidth: 0 },
  },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  full: { gridColumn: '1 / -1' },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
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
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const update = (patch: Partial<Draft>) => {
    setD((x) => ({ ...x, ...patch }));
    key.current = null; // a changed form is a new submission
    // A corrected field loses its message; the rest stay until the next submit.
    const fields = Object.keys(patch).map((k) => ERROR_FIELD[k] ?? k);
    setErrors((e) => (fields.some((f) => f in e) ? Object.fromEntries(Object.entries(e).filter(([f]) => !fields.includes(f))) : e));
  };
  const err = (f: string) => errors[f]?.join(' ');

  const focusFirst = (fields: string[]) => {
    const first = fields[0];
    if (first) setTimeout(() => (document.querySelector(`[data-field="${first}"] input, [data-field="${first}"] textarea, [data-field="${first}"] select`) as HTMLElement | null)?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = draftErrors(d, t);
    setErrors(found);
    if (Object.keys(found).length) {
      setAlert(t('tab.error.validation'));
      focusFirst(Object.keys(found));
      return;
    }
    setAlert(null);
    setBusy(true);
    key.current ??= newIdempotencyKey();
    try {
      const created = await incidents.report(toReportInput(d), key.current);
      setFlash(t(created.created ? 'tab.reportForm.created' : 'tab.reportForm.repeat', { number: created.caseNumber }));
      navigate(`/incidents/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.body.issues) {
        const byField: Record<string, string[]> = {};
        for (const i of error.body.issues) (byField[FIELD_OF[i.field] ?? i.field] ??= []).push(i.message);
        setErrors(byField);
        focusFirst(Object.keys(byField));
      }
      setAlert(errorText(error, t));
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
      {alert && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{alert}</MessageBarBody>
        </MessageBar>
      )}
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.what')}</legend>
          <Field data-field="category" label={t('incident.wizard.category')} required validationMessage={err('category')}>
            <Select value={d.category} onChange={(_, x) => update({ category: x.value })}>
              <option value="">{t('tab.incident.choose')}</option>
              {INCIDENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`incident.category.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field data-field="title" label={t('incident.wizard.title.label')} validationMessage={err('title')}>
            <Input value={d.title} maxLength={255} placeholder={t('incident.wizard.title.placeholder')} onChange={(_, x) => update({ title: x.value })} />
          </Field>
          <Field data-field="description" className={styles.full} label={t('incident.wizard.description')} required validationMessage={err('description')}>
            <Textarea value={d.description} maxLength={10000} rows={5} placeholder={t('incident.wizard.description.placeholder')} onChange={(_, x) => update({ description: x.value })} />
          </Field>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.when')}</legend>
          <Field data-field="discoveredAt" label={`${t('incident.wizard.discovered')} – ${t('tab.reportForm.date')}`} required validationMessage={err('discoveredAt')}>
            <Input type="date" value={d.discoveredDate} onChange={(_, x) => update({ discoveredDate: x.value })} />
          </Field>
          <Field label={`${t('incident.wizard.discovered')} – ${t('tab.reportForm.time')}`} required>
            <Input type="time" value={d.discoveredTime} onChange={(_, x) => update({ discoveredTime: x.value })} />
          </Field>
          <Checkbox className={styles.full} checked={d.occurredUnknown} label={t('incident.wizard.occurredUnknown')} onChange={(_, x) => update({ occurredUnknown: Boolean(x.checked) })} />
          {!d.occurredUnknown && (
            <>
              <Field data-field="occurredAt" label={`${t('incident.wizard.occurred')} – ${t('tab.reportForm.date')}`} validationMessage={err('occurredAt')}>
                <Input type="date" value={d.occurredDate} onChange={(_, x) => update({ occurredDate: x.value })} />
              </Field>
              <Field label={`${t('incident.wizard.occurred')} – ${t('tab.reportForm.time')}`}>
                <Input type="time" value={d.occurredTime} onChange={(_, x) => update({ occurredTime: x.value })} />
              </Field>
            </>
          )}
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('tab.reportForm.where')}</legend>
          <Field data-field="assetId" label={t('incident.wizard.asset')} validationMessage={err('assetId')}>
            <Select value={d.assetId} onChange={(_, x) => update({ assetId: x.value })}>
              <option value="">{t('incident.wizard.asset.unknown')}</option>
              {(options.data?.assets ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code} {a.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field data-field="supplierId" label={t('incident.wizard.supplier')} validationMessage={err('supplierId')}>
            <Select value={d.supplierId} onChange={(_, x) => update({ supplierId: x.value })}>
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
          <Field data-field="involved" className={styles.full} label={t('incident.wizard.involved')} required validationMessage={err('involved')}>
            <RadioGroup layout="horizontal" value={d.involved} onChange={(_, x) => update({ involved: x.value as Draft['involved'] })}>
              <Radio value="yes" label={t('tab.incident.yes')} />
              <Radio value="no" label={t('tab.incident.no')} />
              <Radio value="unknown" label={t('tab.incident.unknown')} />
            </RadioGroup>
          </Field>
          {d.involved !== 'no' && d.involved !== '' && (
            <>
              <Field data-field="approxSubjects" label={t('incident.wizard.subjects')} validationMessage={err('approxSubjects')}>
                <Input inputMode="numeric" value={d.approxSubjects} onChange={(_, x) => update({ approxSubjects: x.value })} />
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
