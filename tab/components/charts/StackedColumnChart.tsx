/** Stacked columns (e.g. incidents per month by kind) with axes, totals on the columns and a legend. */
import { VerticalStackedBarChart } from '@fluentui/react-charts';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { useThemeName } from '../../app/theme';
import { integerTicks } from './BarChart';
import { navigateToHref } from './navigateToHref';
import type { StackedColumnChartProps } from './Charts.types';
import { toneColor } from './palette';
import { useChartWidth } from './useChartWidth';
import { useChartStyles } from './useChartStyles.styles';

export function StackedColumnChart({ title, series, columns, valueTitle }: StackedColumnChartProps) {
  const i18n = useI18n();
  const styles = useChartStyles();
  const { ref, width } = useChartWidth();
  const contrast = useThemeName() === 'contrast';
  const data = useMemo(
    () =>
      columns.map((c) => ({
        xAxisPoint: c.short ?? c.label,
        xAxisCalloutData: c.label,
        chartData: series.map((s, i) => ({
          legend: s,
          data: c.values[i] ?? 0,
          color: toneColor(i, i, contrast),
          xAxisCalloutData: c.label,
          yAxisCalloutData: i18n.number(c.values[i] ?? 0),
          callOutAccessibilityData: { ariaLabel: `${c.label}, ${s}: ${i18n.number(c.values[i] ?? 0)}` },
        })),
      })),
    [columns, series, i18n, contrast],
  );
  const max = Math.max(1, ...columns.map((c) => c.values.reduce((a, b) => a + b, 0)));
  const ticks = integerTicks(max);
  const chartHeight = 240;
  return (
    <figure className={styles.figure} aria-label={title} ref={ref}>
      {width !== null && (
        // The chart fits itself to its parent's height: a parent of fixed height keeps it from growing.
        <div style={{ height: chartHeight }}>
        <VerticalStackedBarChart
          className={styles.chart}
          chartTitle={title}
          data={data}
          width={width}
          height={chartHeight}
          barWidth="auto"
          maxBarWidth={36}
          yMaxValue={ticks[ticks.length - 1]}
          yAxisTickValues={ticks}
          hideLabels={false}
          culture={i18n.locale === 'en' ? 'en-GB' : 'sv-SE'}
          hideLegend
          {...(valueTitle ? { yAxisTitle: valueTitle } : {})}
          onBarClick={(_, d) => {
            // A part of a column: its series and its column's href.
            if (!('legend' in d)) return;
            const column = columns.find((c) => (c.short ?? c.label) === d.xAxisCalloutData || c.label === d.xAxisCalloutData);
            const href = column?.hrefs?.[series.indexOf(d.legend)];
            if (href) navigateToHref(href);
          }}
        />
        </div>
      )}
      {/* The series' colours in words (the library's own legend is a row of buttons too tall for a phone). */}
      <ul className={styles.legend}>
        {series.map((s, i) => (
          <li key={s} className={styles.legendItem}>
            <span className={styles.swatch} style={{ backgroundColor: toneColor(i, i, contrast) }} />
            {s}
          </li>
        ))}
      </ul>
    </figure>
  );
}
