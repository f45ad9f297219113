/**
 * Choose a system (information asset): a Fluent Combobox that finds text anywhere in the code or
 * the name ("lön" finds "HR- och lönesystem"), among the form's systems and, past them, through the
 * search (`search`, when given), which finds within words across the whole register.
 */
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordRef } from '../../../core/api';
import { foldForSearch } from '../../../core/domain/search-text';

export interface AssetPickerProps {
  id?: string;
  label: string;
  hint?: string;
  noneText: string;
  value: RecordRef | null;
  onChange: (asset: RecordRef | null) => void;
  assets: RecordRef[];
  search?: (query: string) => Promise<RecordRef[]>;
  required?: boolean;
  validationMessage?: string;
}

const label = (a: RecordRef) => `${a.code} ${a.name}`;

export function AssetPicker(props: AssetPickerProps) {
  const [text, setText] = useState(props.value ? label(props.value) : '');
  const [found, setFound] = useState<RecordRef[] | null>(null);
  const [open, setOpen] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    setText(props.value ? label(props.value) : '');
  }, [props.value?.id]);

  const local = useMemo(() => {
    const q = foldForSearch(text);
    if (!q || (props.value && text === label(props.value))) return props.assets;
    const words = q.split(' ');
    return props.assets.filter((a) => {
      const hay = foldForSearch(label(a));
      return words.every((w) => hay.includes(w));
    });
  }, [props.assets, props.value, text]);

  // Past the systems the form knows: ask the search.
  useEffect(() => {
    const q = text.trim();
    if (!props.search || q.length < 2 || (props.value && text === label(props.value))) {
      setFound(null);
      return;
    }
    const id = ++latest.current;
    const timer = setTimeout(() => {
      props.search!(q).then(
        (r) => latest.current === id && setFound(r),
        () => undefined,
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  const choices = useMemo(() => {
    const byId = new Map(local.map((a) => [a.id, a]));
    for (const a of found ?? []) if (!byId.has(a.id)) byId.set(a.id, a);
    return [...byId.values()].slice(0, 50);
  }, [found, local]);

  return (
    <Field label={props.label} hint={props.hint} required={props.required} validationMessage={props.validationMessage} validationState={props.validationMessage ? 'error' : 'none'}>
      <Combobox
        id={props.id}
        freeform
        open={open}
        onOpenChange={(_, d) => setOpen(d.open)}
        value={text}
        selectedOptions={props.value ? [props.value.id] : []}
        onChange={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          setOpen(true);
          if (props.value && v !== label(props.value)) props.onChange(null);
        }}
        onOptionSelect={(_, d) => {
          const a = choices.find((x) => x.id === d.optionValue);
          if (!a) return;
          props.onChange(a);
          setText(label(a));
        }}
        onBlur={() => {
          if (props.value) setText(label(props.value));
        }}
      >
        {choices.map((a) => (
          <Option key={a.id} value={a.id} text={label(a)}>
            {label(a)}
          </Option>
        ))}
        {choices.length === 0 && (
          <Option key="none" value="" text="" disabled>
            {props.noneText}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
