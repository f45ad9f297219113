/**
 * A register's create (`#/<register>/new`) and edit (`#/<register>/:id/edit`) form, driven by the
 * register's description (spec.ts). One Idempotency-Key per submission (kept while the content is
 * the same, so a double click or a retry makes one record); an edit sends the changed fields with
 * `If-Match`, and a 409 shows the record as it is now. The server's messages stand beside their
 * fields (`issues[].path`) and in a summary above the form.
 */
import { Button, Link, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { setFlash } from '../../app/flash';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ViewHeading } from '../../components/ViewHeading';
import { registerApi } from './api';
import { FieldInput, useFieldStyles } from './FormFields';
import { bodyOf, changedBody, createBody, errorsByPath, fieldDomId, fieldsOf, type Mode } from './form-values';
import type { FieldSpec, FormValue, FormValues, RecordBase, RegisterSpec } from './spec';
import { useRegister } from './registry';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '64rem' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

type Notice = { intent: 'success' | 'error' | 'warning'; text: string } | null;

export default function RegisterFormView({ params }: ViewProps) {
  const spec = useRegister();
  return spec ? <RegisterForm key={spec.path} spec={spec} id={params.id ?? null} /> : null;
}

/** The label of every field, nested rows included, for the summary's links. */
function labelsOf(fields: FieldSpec[], t: (k: FieldSpec['label']) => string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) {
    out.set(prefix + f.name, t(f.label));
    if (f.fields) for (const [k, v] of labelsOf(f.fields, t, `${prefix}${f.name}.*.`)) out.set(k, v);
  }
  return out;
}

export function RegisterForm<View extends RecordBase>({ spec, id }: { spec: RegisterSpec<unknown, View>; id: string | null }) {
  const styles = useStyles();
  const fieldStyles = useFieldStyles();
  const { t } = useI18n();
  const { api, me } = useSession();
  const reg = useMemo(() => registerApi<unknown, View>(api, spec.path), [api, spec.path]);
  const mode: Mode = id === null ? 'create' : 'edit';
  const [view, setView] = useState<View | null>(null);
  const [values, setValues] = useState<FormValues>(() => (id === null ? spec.toForm(null, me) : {}));
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef<string | null>(null);
  const inFlight = useRef(false);

  // May this person create one? The list's answer says (`canCreate`…): the form does not guess from roles.
  const [mayCreate, setMayCreate] = useState<boolean | null>(null);
  useEffect(() => {
    if (id !== null) return;
    reg.list(spec.path === 'suppliers' ? {} : { pageSize: 1 }).then(
      (page) => setMayCreate(spec.canCreate(page, me)),
      () => setMayCreate(true), // the server checks again on save and says why not
    );
  }, [reg, id, spec, me]);

  const load = useCallback(() => {
    if (id === null) return;
    setLoadError(undefined);
    reg.get(id).then(
      (v) => {
        setView(v);
        setValues(spec.toForm(v, me));
      },
      (e: unknown) => setLoadError(e),
    );
  }, [reg, id, spec, me]);
  useEffect(load, [load]);

  const labels = useMemo(() => labelsOf(spec.sections.flatMap((s) => s.fields), t), [spec, t]);
  const labelOf = (path: string) => labels.get(path) ?? labels.get(path.replace(/\.\d+\./g, '.*.'));
  const error = (path: string) => errors[path]?.join(' ');

  const set = (name: string, value: FormValue) => {
    key.current = null;
    setValues((v) => ({ ...v, [name]: value }));
    // The person changed the field (or a row of it): its messages go.
    setErrors((e) => (Object.keys(e).some((k) => k === name || k.startsWith(`${name}.`)) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== name && !k.startsWith(`${name}.`))) : e));
  };

  const editable = (f: FieldSpec) => {
    if (mode === 'create') return true;
    if (!view || view.archive.archived) return false;
    if (spec.canEdit && !spec.canEdit(view)) return false;
    if (!spec.canEdit && view.canEdit === false) return false;
    if (spec.fieldEditable && !spec.fieldEditable(view, f.name)) return false;
    return !view.editableFields || view.editableFields.includes(f.name);
  };
  const readOnly =
    mode === 'create' ? mayCreate !== true : !view || view.archive.archived || (spec.canEdit ? !spec.canEdit(view) : view.canEdit === false) || view.editableFields?.length === 0;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setErrors({});
    setNotice(null);
    const adjust = (b: Record<string, unknown>, m: Mode) => (spec.adjustInput ? spec.adjustInput(b, values, m) : b);
    try {
      if (mode === 'create') {
        key.current ??= newIdempotencyKey();
        const created = await reg.create(createBody(adjust(bodyOf(spec.sections, values, 'create'), 'create')), key.current);
        key.current = null;
        setFlash(t('tab.reg.created', { title: spec.heading(created, t) }));
        navigate(`/${spec.path}/${created.id}`);
        return;
      }
      if (!view) return;
      const before = adjust(bodyOf(spec.sections, spec.toForm(view, me), 'edit'), 'edit');
      const after = adjust(bodyOf(spec.sections, values, 'edit'), 'edit');
      const patch = changedBody(before, after);
      // Only the fields the person may change are sent (the others are shown, disabled).
      for (const f of fieldsOf(spec.sections, 'edit')) if (!editable(f)) delete patch[f.name];
      if (Object.keys(patch).length === 0) {
        setNotice({ intent: 'warning', text: t('tab.reg.unchanged') });
        return;
      }
      const saved = await reg.update(view.id, view.etag, patch);
      setFlash(t('tab.reg.saved'));
      navigate(`/${spec.path}/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.body.issues?.length) {
        const byPath = errorsByPath(error.body.issues);
        setErrors(byPath);
        const first = Object.keys(byPath)[0];
        if (first) setTimeout(() => {
          const el = document.getElementById(fieldDomId(first));
          (el?.matches('input, textarea, select, button') ? el : el?.querySelector<HTMLElement>('input, textarea, select, button'))?.focus();
        }, 0);
      } else if (error instanceof ApiError && error.status === 409 && error.body.current) {
        // Someone else saved first: the form shows the record as it is now; the person's change is to be made again.
        const current = error.body.current as View;
        setView(current);
        setValues(spec.toForm(current, me));
        setNotice({ intent: 'error', text: `${error.body.message || t('error.conflict')} ${t('tab.reg.conflictShown')}` });
      } else {
        setNotice({ intent: 'error', text: errorText(error, t) });
      }
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  const back = id === null ? `/${spec.path}` : `/${spec.path}/${id}`;
  if (id !== null && !view) {
    return loadError !== undefined ? (
      <div className={styles.root}>
        <ViewHeading>{t(spec.title)}</ViewHeading>
        <ErrorMessage error={loadError} onRetry={load} />
        <Link href={href(`/${spec.path}`)}>{t('tab.reg.back', { register: t(spec.title) })}</Link>
      </div>
    ) : (
      <Spinner label={t('tab.shell.loading')} />
    );
  }
  const title = view ? t(spec.editTitle, { title: spec.heading(view, t) }) : t(spec.newTitle);

  return (
    <div className={styles.root}>
      <BackLink href={href(back)}>{view ? t('tab.reg.backTo', { title: spec.heading(view, t) }) : t('tab.reg.back', { register: t(spec.title) })}</BackLink>
      <ViewHeading>{title}</ViewHeading>
      {readOnly && (mode === 'edit' || mayCreate === false) && (
        <MessageBar intent="info">
          <MessageBarBody>{view?.archive.archived ? t('tab.reg.archivedReadOnly') : mode === 'create' ? t('tab.reg.mayNotCreate') : t('tab.reg.readOnly')}</MessageBarBody>
        </MessageBar>
      )}
      <ErrorSummary errors={errors} labelOf={labelOf} idOf={fieldDomId} />
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout="multiline">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <p className={fieldStyles.fixed}>{t('tab.reg.requiredNote')}</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate aria-label={title}>
        {spec.sections.map((s) => {
          const shown = s.fields.filter((f) => (!f.only || f.only === mode) && (!f.when || f.when(values)));
          if (shown.length === 0) return null;
          return (
            <fieldset key={s.legend} className={fieldStyles.fieldset}>
              <legend className={fieldStyles.legend}>{t(s.legend)}</legend>
              {s.help && <p className={fieldStyles.help}>{t(s.help)}</p>}
              {shown.map((f) => (
                <FieldInput key={f.name} field={f} path={f.name} value={values[f.name] ?? null} values={values} onChange={(v) => set(f.name, v)} disabled={readOnly || !editable(f)} error={error} legend={t(s.legend)} />
              ))}
            </fieldset>
          );
        })}
        {!readOnly && (
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={saving}>
              {saving ? t('tab.reg.saving') : mode === 'create' ? t('tab.reg.create') : t('tab.reg.save')}
            </Button>
            <Button as="a" href={href(back)}>
              {t('tab.reg.cancel')}
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}
