/**
 * Choose a person from the directory (`/api/v1/people?query=`). A Fluent Combobox: type two letters,
 * pick with arrows and Enter; clearing the text clears the choice.
 */
import { Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { PersonRef, PersonSummary } from '../../core/api';
import { useI18n } from '../app/i18n';

export interface PeoplePickerProps {
  label: string;
  value: PersonRef | null;
  onChange: (person: PersonRef | null) => void;
  search: (query: string) => Promise<PersonSummary[]>;
  required?: boolean;
  disabled?: boolean;
  hint?: string;
  validationMessage?: string;
  /** Id for the input, so that a form can move focus to it. */
  id?: string;
}

const useStyles = makeStyles({
  unit: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalXS },
});

export function PeoplePicker(props: PeoplePickerProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [text, setText] = useState(props.value?.name ?? '');
  const [options, setOptions] = useState<PersonSummary[]>([]);
  const [searched, setSearched] = useState(false);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(0);

  // A new value from outside (a reset form, a reloaded record) shows its name.
  useEffect(() => {
    setText(props.value?.name ?? props.value?.id ?? '');
  }, [props.value?.id, props.value?.name]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || q === props.value?.name) {
      setOptions([]);
      setSearched(false);
      return;
    }
    const id = ++latest.current;
    const timer = setTimeout(() => {
      props.search(q).then(
        (people) => {
          if (latest.current !== id) return;
          setOptions(people);
          setSearched(true);
          // Results for what was typed (or pasted) open the list while the field has focus.
          if (document.activeElement === input.current) setOpen(true);
        },
        () => undefined,
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <Field
      label={props.label}
      required={props.required}
      hint={props.hint}
      validationMessage={props.validationMessage}
      validationState={props.validationMessage ? 'error' : 'none'}
    >
      <Combobox
        id={props.id}
        freeform
        ref={input}
        open={open}
        onOpenChange={(_, data) => setOpen(data.open)}
        disabled={props.disabled}
        placeholder={t('tab.people.search')}
        value={text}
        selectedOptions={props.value ? [props.value.id] : []}
        onChange={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          if (v.trim() === '' && props.value) props.onChange(null);
        }}
        onOptionSelect={(_, data) => {
          const person = options.find((p) => p.id === data.optionValue);
          if (!person) return;
          props.onChange({ id: person.id, name: person.name });
          setText(person.name);
        }}
        onBlur={() => {
          if (props.value && text !== props.value.name) setText(props.value.name ?? '');
        }}
      >
        {options.map((p) => (
          <Option key={p.id} value={p.id} text={p.name}>
            {p.name}
            {p.unit && <span className={styles.unit}>{p.unit}</span>}
          </Option>
        ))}
        {searched && options.length === 0 && (
          <Option key="none" value="" text="" disabled>
            {t('tab.people.none')}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
