/**
 * Begär behörighet: the access request form in the tab — the same use case as the bot's request
 * card (submitAccessRequest): new, changed or ended access, for oneself or a colleague, in one
 * system; the system's information owner decides. Errors show beside their fields and go when the
 * field is changed; one filled-in form makes one request however often it is sent.
 */
import { Button, Field, Input, Link, MessageBar, MessageBarActions, MessageBarBody, Radio, RadioGroup, Select, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { RecordRef } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href } from '../../app/router';
import { useCommonApi, useSession } from '../../app/session';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { PeoplePicker } from '../../components/PeoplePicker';
import { ViewHeading } from '../../components/ViewHeading';
import { AssetPicker } from './AssetPicker';
import { searchApi } from '../search/api';
import { TOUCH } from './useHomeStyles.styles';
import { useRequestAccess, type FieldName, type Kind } from './useRequestAccess';
import { useMemo } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '44rem', minWidth: 0 },
  lead: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  radios: { display: 'flex', flexDirection: 'column' },
  radio: { minHeight: TOUCH, alignItems: 'center' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  submit: { minHeight: TOUCH },
  full: { minWidth: 0 },
});

export default function RequestAccessView(_props: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const common = useCommonApi();
  const { api } = useSession();
  const search = useMemo(() => searchApi(api), [api]);
  const form = useRequestAccess({ required: t('tab.request.required') });
  const { draft, change, errors } = form;
  const ids = { kind: useId(), subjectId: useId(), assetId: useId(), grantId: useId(), role: useId(), justification: useId(), validUntil: useId() } satisfies Record<FieldName, string>;

  const focusField = (field: FieldName | null) => {
    if (!field) return;
    const el = document.getElementById(ids[field]) ?? document.querySelector<HTMLElement>(`[data-field="${field}"] input, [data-field="${field}"] textarea, [data-field="${field}"] select`);
    el?.focus();
  };

  if (form.sent) {
    const owner = form.sent.deciders[0]?.name ?? t('tab.home.someoneElse');
    return (
      <div className={styles.root}>
        <ViewHeading>{t('tab.request.title')}</ViewHeading>
        <MessageBar intent="success" role="status">
          <MessageBarBody>{t('tab.request.sent', { owner, role: form.sent.role, asset: form.sent.asset ? `${form.sent.asset.code} ${form.sent.asset.name}` : '–' })}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={form.reset}>{t('tab.request.another')}</Button>
          </MessageBarActions>
        </MessageBar>
        <Link href={href('/home')}>{t('tab.request.toHome')}</Link>
      </div>
    );
  }

  const err = (f: FieldName) => errors[f];
  const grantOptions = form.grants;

  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.request.title')}</ViewHeading>
        <p className={styles.lead}>{t('tab.request.intro')}</p>
      </div>
      {form.loadError !== undefined && <ErrorMessage error={form.loadError} />}
      {(Object.keys(errors).length > 0 || form.failure !== undefined) && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{form.failure !== undefined ? errorText(form.failure, t) : (errors._ ?? t('tab.request.fixErrors'))}</MessageBarBody>
        </MessageBar>
      )}
      <form
        className={styles.form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit().then(focusField);
        }}
      >
        <Field label={t('tab.request.kind')} required validationMessage={err('kind')} validationState={err('kind') ? 'error' : 'none'}>
          <RadioGroup id={ids.kind} value={draft.kind} onChange={(_, d) => change('kind', d.value as Kind)} className={styles.radios}>
            {(['new', 'change', 'termination'] as const).map((k) => (
              <Radio key={k} value={k} label={t(`tab.request.kind.${k}`)} className={styles.radio} />
            ))}
          </RadioGroup>
        </Field>

        <Field label={t('tab.request.for')} required>
          <RadioGroup value={draft.forSelf ? 'self' : 'other'} onChange={(_, d) => change('forSelf', d.value === 'self')} className={styles.radios}>
            <Radio value="self" label={`${t('tab.request.forSelf')}${form.options ? ` (${form.options.self.name ?? ''})` : ''}`} className={styles.radio} />
            <Radio value="other" label={t('tab.request.forOther')} className={styles.radio} />
          </RadioGroup>
        </Field>
        {!draft.forSelf && (
          <div data-field="subjectId">
            <PeoplePicker
              id={ids.subjectId}
              label={t('tab.request.person')}
              hint={t('tab.request.personHint')}
              required
              value={draft.colleague}
              onChange={(p) => change('colleague', p)}
              search={common.searchPeople}
              {...(err('subjectId') ? { validationMessage: err('subjectId')! } : {})}
            />
          </div>
        )}

        <div data-field="assetId">
          <AssetPicker
            id={ids.assetId}
            label={t('tab.request.asset')}
            hint={t('tab.request.assetHint')}
            noneText={t('tab.request.assetNone')}
            required
            value={draft.asset}
            onChange={(a: RecordRef | null) => change('asset', a)}
            assets={form.options?.assets ?? []}
            search={search.assets}
            {...(err('assetId') ? { validationMessage: err('assetId')! } : {})}
          />
        </div>

        {draft.kind !== 'new' && draft.asset && (
          <Field label={t('tab.request.grant')} required validationMessage={err('grantId') ?? (grantOptions.length === 0 ? t('tab.request.grantNone') : undefined)} validationState={err('grantId') ? 'error' : grantOptions.length === 0 ? 'warning' : 'none'}>
            <Select id={ids.grantId} value={draft.grantId || (grantOptions.length === 1 ? grantOptions[0]!.id : '')} onChange={(_, d) => change('grantId', d.value)} disabled={grantOptions.length === 0}>
              {grantOptions.length !== 1 && <option value="">–</option>}
              {grantOptions.map((g) => (
                <option key={g.id} value={g.id}>
                  {t('tab.request.grantOption', { role: g.role, until: g.validUntil ? i18n.date(g.validUntil) : t('tab.home.decision.untilFurther') })}
                </option>
              ))}
            </Select>
          </Field>
        )}

        {draft.kind !== 'termination' && (
          <>
            <Field label={t('tab.request.role')} hint={t('tab.request.roleHint')} required={draft.kind === 'new'} validationMessage={err('role')} validationState={err('role') ? 'error' : 'none'}>
              <Input id={ids.role} value={draft.role} onChange={(_, d) => change('role', d.value)} maxLength={200} />
            </Field>
            <Field label={t('tab.request.justification')} hint={t('tab.request.justificationHint')} required validationMessage={err('justification')} validationState={err('justification') ? 'error' : 'none'}>
              <Textarea id={ids.justification} value={draft.justification} onChange={(_, d) => change('justification', d.value)} resize="vertical" maxLength={2000} />
            </Field>
            <Field label={t('tab.request.validUntil')} hint={t('tab.request.validUntilHint')} validationMessage={err('validUntil')} validationState={err('validUntil') ? 'error' : 'none'}>
              <Input id={ids.validUntil} type="date" value={draft.validUntil} onChange={(_, d) => change('validUntil', d.value)} />
            </Field>
          </>
        )}

        <div className={styles.actions}>
          <Button type="submit" appearance="primary" className={styles.submit} disabled={form.busy}>
            {t('tab.request.submit')}
          </Button>
          {form.busy && <Spinner size="tiny" label={t('tab.request.sending')} />}
        </div>
      </form>
    </div>
  );
}
