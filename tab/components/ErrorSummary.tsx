/**
 * The message above a form while any field has a problem: how many, and each one as a link that
 * moves to its field. It goes away when the last problem is corrected (useFormErrors).
 */
import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../app/i18n';
import type { FieldErrors } from './useFormErrors';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  body: { overflowWrap: 'anywhere' },
});

export interface ErrorSummaryProps {
  errors: FieldErrors;
  /** The field's label, for the link's text. */
  labelOf: (field: string) => string | undefined;
  /** The element id of a field, to move focus to it. */
  idOf: (field: string) => string;
  /** A message not tied to a field (the server's, a network error). */
  message?: string | null;
}

export function ErrorSummary({ errors, labelOf, idOf, message }: ErrorSummaryProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const fields = Object.keys(errors);
  if (fields.length === 0 && !message) return null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody className={styles.body}>
        {fields.length > 0 && <MessageBarTitle>{t('tab.form.problems', { count: fields.length })}</MessageBarTitle>}
        {fields.length === 0 && message}
        {fields.length > 0 && (
          <ul className={styles.list}>
            {fields.map((f) => {
              const label = labelOf(f);
              const text = errors[f]!.join(' ');
              return (
                <li key={f}>
                  <Link
                    href={`#${idOf(f)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const el = document.getElementById(idOf(f));
                      (el?.matches('input, textarea, select, button') ? el : el?.querySelector<HTMLElement>('input, textarea, select, button'))?.focus();
                    }}
                  >
                    {label && !text.startsWith(label) ? `${label}: ${text}` : text}
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
