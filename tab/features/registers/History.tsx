/** A record's history: who did what and when, newest first, with the next page on request. */
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { HistoryEntry, HistoryPage } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { errorText } from '../../components/ErrorMessage';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalM, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  fields: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function History({ first, more }: { first: HistoryPage; more: (cursor: string) => Promise<HistoryPage> }) {
  const styles = useStyles();
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<HistoryEntry[]>(first.items);
  const [cursor, setCursor] = useState(first.cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (items.length === 0) return <p>{t('tab.reg.noHistory')}</p>;
  return (
    <>
      <ol className={styles.list}>
        {items.map((h, i) => (
          <li key={`${h.at}-${i}`} className={styles.item}>
            <div>{h.summary}</div>
            <div className={styles.meta}>
              {dateTime(h.at)} · {h.actor ? (h.actor.name ?? t('tab.reg.unknownPerson')) : t('tab.reg.system')}
            </div>
            {h.fields.length > 0 && <div className={styles.fields}>{t('tab.reg.changedFields', { fields: h.fields.join(', ') })}</div>}
          </li>
        ))}
      </ol>
      {error && <p role="alert">{error}</p>}
      {cursor && (
        <div>
          <Button
            disabled={loading}
            onClick={() => {
              setLoading(true);
              setError(null);
              more(cursor).then(
                (page) => {
                  setItems((x) => [...x, ...page.items]);
                  setCursor(page.cursor);
                  setLoading(false);
                },
                (e: unknown) => {
                  setError(errorText(e, t));
                  setLoading(false);
                },
              );
            }}
          >
            {t('tab.reg.moreHistory')}
          </Button>
        </div>
      )}
    </>
  );
}
