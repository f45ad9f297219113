/**
 * Choose a record of another register (an information asset, a supplier, a processing) by the start
 * of its name or id: a Fluent Combobox searching the register's own list (`?search=`, one short
 * page). With `multiple`, the chosen records stand as removable tags above the field.
 */
import { Combobox, Field, Option, Tag, TagGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { RecordRef } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import type { RecordSource } from './spec';

const useStyles = makeStyles({
  code: { color: tokens.colorNeutralForeground2, marginRight: tokens.spacingHorizontalXS },
  // A chosen record is removed with a tap: a full-size target on a phone.
  tag: {
    maxWidth: '100%',
    height: 'auto',
    minHeight: '32px',
    // A long name wraps inside its tag instead of pushing the page wider than a phone.
    '& .fui-Tag__primaryText': { whiteSpace: 'normal', overflowWrap: 'anywhere' },
    '@media (max-width: 47.99em), (pointer: coarse)': { minHeight: '44px' },
  },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalXS, maxWidth: '100%', minWidth: 0 },
});

interface Props {
  id: string;
  label: string;
  source: RecordSource;
  value: RecordRef | RecordRef[] | null;
  onChange: (value: RecordRef | RecordRef[] | null) => void;
  required?: boolean;
  disabled?: boolean;
  hint?: string;
  validationMessage?: string | undefined;
}

type Found = { id: string; code: string; name: string };

export function RecordPicker(props: Props) {
  const { t } = useI18n();
  const { api } = useSession();
  const styles = useStyles();
  const multiple = Array.isArray(props.value);
  const chosen: RecordRef[] = Array.isArray(props.value) ? props.value : props.value ? [props.value] : [];
  const single = !multiple && chosen[0] ? `${chosen[0].code} ${chosen[0].name}` : '';
  const [text, setText] = useState(single);
  const [options, setOptions] = useState<Found[]>([]);
  const [open, setOpen] = useState(false);
  const latest = useRef(0);
  useEffect(() => setText(single), [single]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 1 || q === single) {
      setOptions([]);
      return;
    }
    const id = ++latest.current;
    const timer = setTimeout(() => {
      api.get<{ items?: Found[]; roots?: Found[] }>(`/${props.source}`, { search: q, ...(props.source === 'suppliers' ? {} : { pageSize: 10 }) }).then(
        (res) => {
          if (latest.current !== id) return;
          setOptions((res.items ?? res.roots ?? []).slice(0, 10).map((r) => ({ id: r.id, code: r.code, name: r.name })));
          setOpen(true);
        },
        () => undefined,
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  const pick = (r: Found) => {
    const ref = { id: r.id, code: r.code, name: r.name };
    if (multiple) {
      if (!chosen.some((c) => c.id === r.id)) props.onChange([...chosen, ref]);
      setText('');
    } else {
      props.onChange(ref);
      setText(`${r.code} ${r.name}`);
    }
  };

  return (
    <Field label={props.label} required={props.required} hint={props.hint ?? t('tab.reg.pickHint')} validationMessage={props.validationMessage} validationState={props.validationMessage ? 'error' : 'none'}>
      <>
        {multiple && chosen.length > 0 && (
          <TagGroup
            className={styles.tags}
            aria-label={props.label}
            onDismiss={(_, d) => props.onChange(chosen.filter((c) => c.id !== d.value))}
          >
            {chosen.map((c) => (
              <Tag key={c.id} className={styles.tag} value={c.id} dismissible={!props.disabled} dismissIcon={{ 'aria-label': t('tab.reg.removeChoice', { name: `${c.code} ${c.name}` }) }} >
                {c.code} {c.name}
              </Tag>
            ))}
          </TagGroup>
        )}
        <Combobox
          id={props.id}
          freeform
          open={open && options.length > 0}
          onOpenChange={(_, d) => setOpen(d.open)}
          disabled={props.disabled}
          placeholder={t('tab.reg.pickPlaceholder')}
          value={text}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setText(v);
            if (!multiple && v.trim() === '' && chosen.length) props.onChange(null);
          }}
          onOptionSelect={(_, d) => {
            const r = options.find((o) => o.id === d.optionValue);
            if (r) pick(r);
          }}
          onBlur={() => {
            if (!multiple && text !== single) setText(single);
          }}
        >
          {options.map((o) => (
            <Option key={o.id} value={o.id} text={`${o.code} ${o.name}`}>
              <span className={styles.code}>{o.code}</span>
              {o.name}
            </Option>
          ))}
        </Combobox>
      </>
    </Field>
  );
}
