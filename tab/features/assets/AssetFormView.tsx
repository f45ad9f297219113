/**
 * One information asset: create (`#/assets/new`) or read, edit and classify (`#/assets/:id`).
 * The server decides what may be saved and says why not, per field, in the user's language.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, type FormEvent } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { useI18n } from '../../app/i18n';
import { href } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useCommonApi } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { DateField } from '../../components/DateField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { ASPECTS, LEVELS, levelName } from './levels';
import { useAssetForm } from './useAssetForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '64rem' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: 0,
    minWidth: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(16rem, 100%), 1fr))',
    gap: tokens.spacingVerticalM + ' ' + tokens.spacingHorizontalL,
    alignItems: 'start',
    backgroundColor: tokens.colorNeutralBackground1,
    '& > *': { minWidth: 0 },
  },
  levels: {
    gridColumn: '1 / -1',
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(11rem, 100%), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    // A select is as wide as its longest option unless told otherwise.
    '& > *': { minWidth: 0 },
  },
  levelSelect: { minWidth: 0, width: '100%', '& select': { minWidth: 0 } },
  checkbox: { alignSelf: 'center' },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  full: { gridColumn: '1 / -1' },
  help: { gridColumn: '1 / -1', margin: 0, color: tokens.colorNeutralForeground2 },
  summary: { gridColumn: '1 / -1', margin: 0, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

const fieldId = (field: string) => `asset-${field}`;

/** Labels of the fields the server may name, for the summary above the form. */
const LABEL_OF: Record<string, MessageKey> = {
  code: 'tab.assetForm.code',
  name: 'tab.assetForm.name',
  description: 'tab.assetForm.description',
  information: 'tab.assetForm.information',
  unit: 'tab.assetForm.unit',
  ownerId: 'tab.assetForm.owner',
  delegateId: 'tab.assetForm.delegate',
  contactId: 'tab.assetForm.contact',
  systemOwnerId: 'tab.assetForm.systemOwner',
  priority: 'tab.assetForm.priority',
  confidentiality: 'tab.assetForm.confidentiality',
  integrity: 'tab.assetForm.integrity',
  availability: 'tab.assetForm.availability',
  traceability: 'tab.assetForm.traceability',
  classifiedAt: 'tab.assetForm.classifiedAt',
  nextReviewAt: 'tab.assetForm.nextReviewAt',
  notes: 'tab.assetForm.notes',
};

export default function AssetFormView({ params }: ViewProps) {
  const id = params.id ?? null;
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const common = useCommonApi();
  const units = useAsync(() => common.units(), [common]);
  const f = useAssetForm(id);
  const { form, errors } = f;

  const readOnly = !f.canEdit;
  const governLocked = readOnly || !f.canGovern;
  const err = (field: string) => errors[field]?.join(' ');
  const levels = ASPECTS.map((a) => form.levels[a]);
  const maxLevel = levels.every((l) => l !== '') ? Math.max(...levels.map(Number)) : null;
  const unitOptions = useMemo(() => [...new Set([...(units.data ?? []), ...(form.unit ? [form.unit] : [])])], [units.data, form.unit]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = await f.save();
    const first = ['code', 'name', 'description', 'information', 'unit', 'ownerId', 'delegateId', 'contactId', 'systemOwnerId', 'priority', ...ASPECTS, 'classifiedAt', 'nextReviewAt', 'notes'].find((x) => invalid.includes(x));
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  if (id !== null && f.loading && !f.view) return <Spinner label={t('tab.shell.loading')} />;
  if (id !== null && !f.view) {
    return (
      <div className={styles.root}>
        <ViewHeading>{t('tab.assets.title')}</ViewHeading>
        <ErrorMessage error={f.loadError} onRetry={f.reload} />
        <Link href={href('/assets')}>{t('tab.assetForm.back')}</Link>
      </div>
    );
  }

  const title = f.view ? t('tab.assetForm.editTitle', { code: f.view.code, name: f.view.name }) : t('tab.assetForm.newTitle');

  return (
    <div className={styles.root}>
      <BackLink href={href('/assets')}>{t('tab.assetForm.back')}</BackLink>
      <ViewHeading>{title}</ViewHeading>
      {readOnly && (
        <MessageBar intent="info">
          <MessageBarBody>
            {f.view ? t('tab.assetForm.readOnlyAsk', { owner: f.view.owner.name ?? t('tab.assets.unknownPerson') }) : t('tab.assetForm.readOnlyNew')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ErrorSummary errors={f.errors} labelOf={(field) => (LABEL_OF[field] ? t(LABEL_OF[field]) : undefined)} idOf={fieldId} />
      {f.notice && (
        <MessageBar intent={f.notice.intent} role={f.notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{f.notice.text}</MessageBarBody>
        </MessageBar>
      )}

      <form className={styles.form} onSubmit={onSubmit} noValidate aria-label={title}>
        <fieldset className={styles.fieldset} disabled={readOnly}>
          <legend className={styles.legend}>{t('tab.assetForm.inventory')}</legend>
          <Field label={t('tab.assetForm.code')} hint={t('tab.assetForm.codeHint')} required validationMessage={err('code')}>
            <Input id={fieldId('code')} value={form.code} disabled={governLocked} onChange={(_, d) => f.update({ code: d.value.toUpperCase() })} />
          </Field>
          <Field label={t('tab.assetForm.name')} required validationMessage={err('name')}>
            <Input id={fieldId('name')} disabled={readOnly} value={form.name} onChange={(_, d) => f.update({ name: d.value })} />
          </Field>
          <Field className={styles.full} label={t('tab.assetForm.description')} required validationMessage={err('description')}>
            <Textarea id={fieldId('description')} disabled={readOnly} value={form.description} resize="vertical" onChange={(_, d) => f.update({ description: d.value })} />
          </Field>
          <Field className={styles.full} label={t('tab.assetForm.information')} required validationMessage={err('information')}>
            <Textarea id={fieldId('information')} disabled={readOnly} value={form.information} resize="vertical" onChange={(_, d) => f.update({ information: d.value })} />
          </Field>
          <Field label={t('tab.assetForm.unit')} required validationMessage={err('unit')}>
            <Select id={fieldId('unit')} disabled={readOnly} value={form.unit} onChange={(_, d) => f.update({ unit: d.value })}>
              <option value="">{t('tab.assetForm.chooseUnit')}</option>
              {unitOptions.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('tab.assetForm.priority')} hint={t('tab.assetForm.priorityHint')} validationMessage={err('priority')}>
            <Input id={fieldId('priority')} type="number" min={1} max={9999} inputMode="numeric" value={form.priority} disabled={governLocked} onChange={(_, d) => f.update({ priority: d.value })} />
          </Field>
          <Checkbox className={styles.checkbox} id={fieldId('critical')} disabled={readOnly} checked={form.critical} onChange={(_, d) => f.update({ critical: d.checked === true })} label={t('tab.assetForm.critical')} />
        </fieldset>

        <fieldset className={styles.fieldset} disabled={readOnly}>
          <legend className={styles.legend}>{t('tab.assetForm.people')}</legend>
          <PeoplePicker
            id={fieldId('ownerId')}
            label={t('tab.assetForm.owner')}
            required
            disabled={governLocked}
            value={form.owner}
            search={common.searchPeople}
            onChange={(owner) => f.update({ owner })}
            validationMessage={err('ownerId')}
          />
          <PeoplePicker id={fieldId('delegateId')} label={t('tab.assetForm.delegate')} disabled={readOnly} value={form.delegate} search={common.searchPeople} onChange={(delegate) => f.update({ delegate })} validationMessage={err('delegateId')} />
          <PeoplePicker id={fieldId('contactId')} label={t('tab.assetForm.contact')} disabled={readOnly} value={form.contact} search={common.searchPeople} onChange={(contact) => f.update({ contact })} validationMessage={err('contactId')} />
          <PeoplePicker id={fieldId('systemOwnerId')} label={t('tab.assetForm.systemOwner')} disabled={readOnly} value={form.systemOwner} search={common.searchPeople} onChange={(systemOwner) => f.update({ systemOwner })} validationMessage={err('systemOwnerId')} />
        </fieldset>

        <fieldset className={styles.fieldset} disabled={readOnly}>
          <legend className={styles.legend}>{t('tab.assetForm.classification')}</legend>
          <p className={styles.help}>{t('tab.assetForm.classificationHelp')}</p>
          <div className={styles.levels}>
            {ASPECTS.map((a) => (
              <Field key={a} label={t(`tab.assetForm.${a}`)} validationMessage={err(a)}>
                <Select className={styles.levelSelect} id={fieldId(a)} disabled={readOnly} value={form.levels[a]} onChange={(_, d) => f.setLevel(a, d.value)}>
                  <option value="">{t('tab.level.notAssessed')}</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={String(l)}>
                      {t('tab.level.option', { level: l, name: t(levelName(l)) })}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
          {ASPECTS.filter((a) => form.levels[a] !== '').map((a) => (
            <Field key={`motivation-${a}`} className={styles.full} label={t('tab.assetForm.motivation', { aspect: t(`tab.assetForm.${a}`) })} validationMessage={form.motivations[a].trim() === '' ? err('motivations') : undefined}>
              <Textarea id={fieldId(`motivation-${a}`)} disabled={readOnly} value={form.motivations[a]} resize="vertical" onChange={(_, d) => f.update({ motivations: { ...form.motivations, [a]: d.value } })} />
            </Field>
          ))}
          {maxLevel !== null && (
            <p className={styles.summary} aria-live="polite">
              {t('tab.assetForm.maxLevel', { level: t('tab.level.option', { level: maxLevel, name: t(levelName(maxLevel)) }) })}
            </p>
          )}
          {maxLevel === 4 && (
            <MessageBar intent="warning" className={styles.full}>
              <MessageBarBody>
                <strong>{t('tab.asset.level4Flag')}.</strong> {t('tab.asset.level4Help')}
              </MessageBarBody>
            </MessageBar>
          )}
          <DateField
            id={fieldId('classifiedAt')}
            label={t('tab.assetForm.classifiedAt')}
            disabled={readOnly}
            value={form.classifiedAt}
            onChange={f.setClassifiedAt}
            validationMessage={err('classifiedAt')}
            {...(f.view?.classifiedBy?.name ? { hint: `${t('tab.date.hint')} · ${t('tab.assetForm.classifiedBy', { name: f.view.classifiedBy.name })}` } : {})}
          />
          <DateField id={fieldId('nextReviewAt')} label={t('tab.assetForm.nextReviewAt')} disabled={readOnly} value={form.nextReviewAt} onChange={(v) => f.update({ nextReviewAt: v })} validationMessage={err('nextReviewAt')} />
        </fieldset>

        <fieldset className={styles.fieldset} disabled={readOnly}>
          <legend className={styles.legend}>{t('tab.assetForm.notes')}</legend>
          <Field className={styles.full} label={t('tab.assetForm.notes')} validationMessage={err('notes')}>
            <Textarea id={fieldId('notes')} disabled={readOnly} value={form.notes} resize="vertical" onChange={(_, d) => f.update({ notes: d.value })} />
          </Field>
        </fieldset>

        {!readOnly && (
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={f.saving}>
              {f.saving ? t('tab.assetForm.saving') : t('tab.assetForm.save')}
            </Button>
            <Button as="a" href={href('/assets')}>
              {t('tab.assetForm.cancel')}
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}
