/**
 * Small charts without a chart library: CSS bars whose figures are written out as text, a pattern
 * as well as a colour per series (high contrast maps every palette colour to one), and the numbers
 * as a table behind "Visa som tabell".
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, type CSSProperties, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';

const SERIES_COLORS = [
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteDarkOrangeBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteBerryBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteCranberryBorderActive,
  tokens.colorPaletteLightGreenBorderActive,
  tokens.colorPaletteSteelBorderActive,
];

/** Colour and pattern of series `i`: distinguishable without colour too. */
export function seriesStyle(i: number): CSSProperties {
  const c = SERIES_COLORS[i % SERIES_COLORS.length]!;
  const patterns = [
    c,
    `repeating-linear-gradient(45deg, ${c} 0 3px, transparent 3px 6px)`,
    `repeating-linear-gradient(90deg, ${c} 0 2px, transparent 2px 5px)`,
    `radial-gradient(${c} 1.5px, transparent 1.7px) 0 0 / 5px 5px`,
    `repeating-linear-gradient(-45deg, ${c} 0 3px, transparent 3px 6px)`,
    `repeating-linear-gradient(0deg, ${c} 0 2px, transparent 2px 5px)`,
    `repeating-linear-gradient(45deg, ${c} 0 1px, transparent 1px 4px), repeating-linear-gradient(-45deg, ${c} 0 1px, transparent 1px 4px)`,
    `repeating-linear-gradient(0deg, ${c} 0 1px, transparent 1px 5px), repeating-linear-gradient(90deg, ${c} 0 1px, transparent 1px 5px)`,
  ];
  return { background: patterns[i % patterns.length], boxShadow: `inset 0 0 0 1px ${c}` };
}

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
    '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink, width: 'fit-content' },
    '& summary:focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  table: {
    borderCollapse: 'collapse',
    marginTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { padding: `2px ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: 'end' },
    '& th:first-child, & td:first-child': { textAlign: 'start' },
  },
  tableWrap: { overflowX: 'auto' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: 'minmax(7rem, 40%) 1fr 5.5rem', alignItems: 'center', gap: tokens.spacingHorizontalS },
  track: { height: '0.9rem', backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall, overflow: 'hidden', boxShadow: `inset 0 0 0 1px ${tokens.colorNeutralStroke2}` },
  bar: { height: '100%' },
  value: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  columns: { display: 'flex', alignItems: 'flex-end', gap: '4px', height: '9rem', paddingTop: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  column: { flex: '1 1 0', display: 'flex', flexDirection: 'column-reverse', minWidth: '0.75rem', height: '100%', justifyContent: 'flex-start' },
  segment: { width: '100%', borderTop: `1px solid ${tokens.colorNeutralBackground1}` },
  axis: { display: 'flex', gap: '4px', fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  axisLabel: { flex: '1 1 0', textAlign: 'center', minWidth: '0.75rem', overflow: 'hidden' },
  legend: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, fontSize: tokens.fontSizeBase200 },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '0.9rem', height: '0.9rem', borderRadius: '2px', flexShrink: 0 },
});

export function ChartCard(props: { title: string; summary?: ReactNode; children: ReactNode; table?: ReactNode; className?: string }) {
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
          <div className={styles.tableWrap}>{props.table}</div>
        </details>
      )}
    </section>
  );
}

export interface DataTableProps {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

export function DataTable({ caption, head, rows }: DataTableProps) {
  const styles = useStyles();
  return (
    <table className={styles.table}>
      <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{caption}</caption>
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
        {rows.map((r) => (
          <tr key={String(r[0])}>
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

export interface BarItem {
  label: string;
  value: number;
  /** What the bar is a share of (percent bars); otherwise bars scale to the largest value. */
  total?: number;
  /** The figure as written next to the bar. */
  text: string;
  series?: number;
}

/** Horizontal bars, one per item, each with its label and figure as text. */
export function BarList({ items, label }: { items: BarItem[]; label: string }) {
  const styles = useStyles();
  const max = Math.max(1, ...items.map((i) => i.total ?? i.value));
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((item, n) => {
        const share = item.total !== undefined ? (item.total > 0 ? item.value / item.total : 0) : item.value / max;
        return (
          <li key={item.label} className={styles.row}>
            <span>{item.label}</span>
            <span className={styles.track} aria-hidden="true">
              <span className={styles.bar} style={{ ...seriesStyle(item.series ?? n), width: `${Math.round(share * 100)}%`, display: 'block' }} />
            </span>
            <span className={styles.value}>{item.text}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Stacked columns (e.g. incidents per month by kind) with a legend; described in words by `label`. */
export function StackedColumns({ columns, series, label }: { columns: { label: string; short: string; values: number[] }[]; series: string[]; label: string }) {
  const styles = useStyles();
  const max = Math.max(1, ...columns.map((c) => c.values.reduce((a, b) => a + b, 0)));
  return (
    <div>
      <div role="img" aria-label={label}>
        <div className={styles.columns}>
          {columns.map((c) => (
            <div key={c.label} className={styles.column} title={`${c.label}: ${c.values.reduce((a, b) => a + b, 0)}`}>
              {c.values.map((v, i) =>
                v > 0 ? <div key={i} className={styles.segment} style={{ ...seriesStyle(i), height: `${(v / max) * 100}%` }} /> : null,
              )}
            </div>
          ))}
        </div>
        <div className={styles.axis} aria-hidden="true">
          {columns.map((c) => (
            <span key={c.label} className={styles.axisLabel}>
              {c.short}
            </span>
          ))}
        </div>
      </div>
      <ul className={styles.legend} aria-hidden="true">
        {series.map((s, i) => (
          <li key={s} className={styles.legendItem}>
            <span className={styles.swatch} style={seriesStyle(i)} />
            {s}
          </li>
        ))}
      </ul>
    </div>
  );
}
