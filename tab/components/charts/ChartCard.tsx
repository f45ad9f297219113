/**
 * A chart in a card: its heading, a sentence with the figures in words, the chart, and the same
 * figures as a table behind "Visa som tabell" (with links to the records where the chart's bars
 * have them) — for screen readers, keyboards and anyone who prefers numbers.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { useI18n } from '../../app/i18n';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  summary: { margin: 0, color: tokens.colorNeutralForeground2 },
  details: {
    marginTop: 'auto',
    '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink, width: 'fit-content', minHeight: '24px', display: 'flex', alignItems: 'center' },
    '& summary:focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
    '@media (max-width: 47.99em)': { '& summary': { minHeight: '44px' } },
  },
  table: {
    borderCollapse: 'collapse',
    marginTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
    width: '100%',
    '& th, & td': { padding: `2px ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: 'end', fontWeight: tokens.fontWeightRegular },
    '& thead th': { fontWeight: tokens.fontWeightSemibold },
    '& th:first-child, & td:first-child': { textAlign: 'start' },
    '& a': { display: 'inline-flex', alignItems: 'center', minHeight: '24px' },
    '@media (max-width: 47.99em), (pointer: coarse)': { '& a': { minHeight: '44px' } },
  },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

export function ChartCard(props: { title: string; summary?: ReactNode; children?: ReactNode; table?: ReactNode; className?: string }) {
  const styles = useStyles();
  const { t } = useI18n();
  const id = useId();
  return (
    <section className={mergeClasses(styles.card, props.className)} aria-labelledby={id}>
      <h3 id={id} className={styles.title}>
        {props.title}
      </h3>
      {props.summary && <p className={styles.summary}>{props.summary}</p>}
      {props.children}
      {props.table && (
        <details className={styles.details}>
          <summary>{t('tab.chart.showTable')}</summary>
          {props.table}
        </details>
      )}
    </section>
  );
}

export interface DataTableProps {
  caption: string;
  head: string[];
  /** The first cell of a row is its header (a link to the records, where there are any). */
  rows: ReactNode[][];
}

export function DataTable({ caption, head, rows }: DataTableProps) {
  const styles = useStyles();
  return (
    <table className={styles.table}>
      <caption className={styles.hidden}>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, n) => (
          <tr key={n}>
            {r.map((v, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {v}
                </th>
              ) : (
                <td key={i}>{v}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
