/**
 * The inputs of a register form, one per kind of field (spec.ts): text, a choice, a Swedish date
 * picker, a person, a unit, records of other registers, lines, and rows of a sub-list (an audit's
 * findings, a supplier's follow-ups). Each input stands in a labelled Fluent Field with the server's
 * message for it; a row's fields carry their path (`findings.0.text`) so that their messages land
 * beside them.
 */
import { Button, Checkbox, Field, Input, Select, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { PersonRef, RecordRef } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { useCommonApi } from '../../app/session';
import { DateField } from '../../components/DateField';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useAsync } from '../../components/useAsync';
import { fieldDomId } from './form-values';
import { RecordPicker } from './RecordPicker';
import type { FieldSpec, FormRow, FormValue, FormValues } from './spec';

export const useFieldStyles = makeStyles({
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: 0,
    minWidth: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(16rem, 100%), 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'start',
    backgroundColor: tokens.colorNeutralBackground1,
    '& > *': { minWidth: 0 },
  },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  full: { gridColumn: '1 / -1' },
  help: { gridColumn: '1 / -1', margin: 0, color: tokens.colorNeutralForeground2 },
  checkbox: { alignSelf: 'center' },
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0 } },
  rows: { gridColumn: '1 / -1', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    minWidth: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  rowsLabel: { fontWeight: tokens.fontWeightSemibold },
  rowLegend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  rowActions: { gridColumn: '1 / -1', display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  fixed: { gridColumn: '1 / -1', margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface FieldInputProps {
  field: FieldSpec;
  /** The value's path in the body: `title`, `findings.0.text`. */
  path: string;
  value: FormValue;
  values: FormValues;
  onChange: (value: FormValue) => void;
  disabled: boolean;
  error: (path: string) => string | undefined;
  /** The legend of the fieldset it stands in: a sub-list whose label says the same shows none of its own. */
  legend?: string;
}

export function FieldInput({ field, path, value, values, onChange, disabled, error, legend }: FieldInputProps) {
  const { t } = useI18n();
  const styles = useFieldStyles();
  const common = useCommonApi();
  const id = fieldDomId(path);
  const label = t(field.label);
  const hint = field.hint ? t(field.hint) : undefined;
  const message = error(path);
  const str = typeof value === 'string' ? value : '';
  const cls = field.full || field.kind === 'textarea' || field.kind === 'lines' || field.kind === 'records' ? styles.full : undefined;
  const common_ = { label, required: field.required, validationMessage: message, className: cls, ...(hint ? { hint } : {}) };

  switch (field.kind) {
    case 'textarea':
    case 'lines':
      return (
        <Field {...common_}>
          <Textarea id={id} disabled={disabled} value={str} resize="vertical" rows={field.kind === 'lines' ? 4 : 3} onChange={(_, d) => onChange(d.value)} />
        </Field>
      );
    case 'select':
      return (
        <Field {...common_}>
          <Select className={styles.select} id={id} disabled={disabled} value={str} onChange={(_, d) => onChange(d.value)}>
            {(!field.required || str === '') && <option value="">{t(field.empty ?? 'tab.reg.choose')}</option>}
            {(field.options ?? []).map((o) => (
              <option key={String(o)} value={String(o)}>
                {field.optionLabel ? field.optionLabel(String(o), t) : String(o)}
              </option>
            ))}
          </Select>
        </Field>
      );
    case 'date':
      return <DateField id={id} label={label} required={field.required} disabled={disabled} value={str} onChange={onChange} {...(message ? { validationMessage: message } : {})} {...(hint ? { hint } : {})} />;
    case 'person':
      return (
        <PeoplePicker
          id={id}
          label={label}
          required={field.required}
          disabled={disabled}
          value={(value as PersonRef | null) ?? null}
          search={common.searchPeople}
          onChange={onChange}
          {...(message ? { validationMessage: message } : {})}
          {...(hint ? { hint } : {})}
        />
      );
    case 'unit':
      return <UnitSelect id={id} {...common_} disabled={disabled} value={str} onChange={onChange} />;
    case 'checkbox':
      return (
        <Field validationMessage={message} className={styles.checkbox}>
          <Checkbox id={id} disabled={disabled} checked={value === true} onChange={(_, d) => onChange(d.checked === true)} label={label} />
        </Field>
      );
    case 'record':
    case 'records':
      return (
        <div className={cls}>
          <RecordPicker
            id={id}
            label={label}
            source={field.source ?? 'assets'}
            required={field.required}
            disabled={disabled}
            value={field.kind === 'records' ? ((value as RecordRef[] | null) ?? []) : ((value as RecordRef | null) ?? null)}
            onChange={onChange}
            validationMessage={message}
            {...(hint ? { hint } : {})}
          />
        </div>
      );
    case 'rows':
      return <RowsField field={field} path={path} value={(value as FormRow[] | null) ?? []} values={values} onChange={onChange} disabled={disabled} error={error} {...(legend ? { legend } : {})} />;
    default:
      return (
        <Field {...common_}>
          <Input id={id} type={field.kind === 'url' ? 'url' : 'text'} disabled={disabled} value={str} onChange={(_, d) => onChange(d.value)} />
        </Field>
      );
  }
}

function UnitSelect(props: { id: string; label: string; required?: boolean | undefined; hint?: string; validationMessage?: string | undefined; className?: string | undefined; disabled: boolean; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const styles = useFieldStyles();
  const common = useCommonApi();
  const units = useAsync(() => common.units(), [common]);
  const options = useMemo(() => [...new Set([...(units.data ?? []), ...(props.value ? [props.value] : [])])], [units.data, props.value]);
  return (
    <Field label={props.label} required={props.required} validationMessage={props.validationMessage} className={props.className} {...(props.hint ? { hint: props.hint } : {})}>
      <Select className={styles.select} id={props.id} disabled={props.disabled} value={props.value} onChange={(_, d) => props.onChange(d.value)}>
        <option value="">{t('tab.reg.chooseUnit')}</option>
        {options.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A sub-list edited in place: each row a small fieldset with its own fields, removable; rows with an id keep it. */
function RowsField({ field, path, value, values, onChange, disabled, error, legend }: Omit<FieldInputProps, 'value'> & { value: FormRow[] }) {
  const { t } = useI18n();
  const styles = useFieldStyles();
  const fields = field.fields ?? [];
  const set = (i: number, name: string, v: FormValue) => onChange(value.map((r, j) => (j === i ? { ...r, [name]: v } : r)));
  const label = t(field.label);
  return (
    <div className={styles.rows} id={fieldDomId(path)} role="group" aria-label={label}>
      {label !== legend && <span className={styles.rowsLabel}>{label}</span>}
      {value.length === 0 && <p className={styles.fixed}>{t('tab.reg.noRows')}</p>}
      {value.map((row, i) => {
        const rowName = t(field.rowLabel ?? 'tab.reg.row', { n: i + 1, id: typeof row.id === 'string' && row.id ? row.id : '' });
        return (
          <fieldset key={typeof row.id === 'string' && row.id ? row.id : `new-${i}`} className={styles.row} disabled={disabled}>
            <legend className={styles.rowLegend}>{rowName}</legend>
            {fields
              .filter((f) => !f.when || f.when({ ...values, ...row }))
              .map((f) => (
                <FieldInput key={f.name} field={f} path={`${path}.${i}.${f.name}`} value={row[f.name] ?? null} values={values} onChange={(v) => set(i, f.name, v)} disabled={disabled} error={error} />
              ))}
            {!disabled && (
              <div className={styles.rowActions}>
                <Button size="small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                  {t('tab.reg.removeRow', { name: rowName })}
                </Button>
              </div>
            )}
          </fieldset>
        );
      })}
      {!disabled && (
        <div>
          <Button onClick={() => onChange([...value, field.newRow ? field.newRow() : {}])}>{t(field.addLabel ?? 'tab.reg.addRow')}</Button>
        </div>
      )}
      {error(path) && <p className={mergeClasses(styles.fixed)} role="alert">{error(path)}</p>}
    </div>
  );
}
