/** Horizontal bars with an axis: one bar per category with its figure, clickable through to the records. */
import { HorizontalBarChartWithAxis } from '@fluentui/react-charts';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { useThemeName } from '../../app/theme';
import { navigateToHref } from './navigateToHref';
import type { BarChartProps } from './Charts.types';
import { toneColor } from './palette';
import { useChartWidth } from './useChartWidth';
import { useChartStyles } from './useChartStyles.styles';

export function BarChart({ title, data, total, valueTitle }: BarChartProps) {
  const i18n = useI18n();
  const styles = useChartStyles();
  const { ref, width } = useChartWidth();
  const contrast = useThemeName() === 'contrast';
  const points = useMemo(
    () =>
      data.map((d, i) => ({
        x: d.value,
        y: d.label,
        legend: d.label,
        color: toneColor(d.tone, i, contrast),
        barLabel: d.text ?? i18n.number(d.value),
        xAxisCalloutData: d.label,
        yAxisCalloutData: d.text ?? i18n.number(d.value),
        callOutAccessibilityData: { ariaLabel: `${d.label}: ${d.text ?? i18n.number(d.value)}` },
        ...(d.href ? { onClick: () => navigateToHref(d.href!) } : {}),
      })),
    [data, i18n, contrast],
  );
  const max = Math.max(total ?? 0, ...data.map((d) => d.value), 1);
  const ticks = integerTicks(max);
  // Room for the longest label beside the bars, at most 45 % of the width.
  const chartHeight = Math.max(110, 30 * data.length + 64);
  const longest = Math.max(...data.map((d) => d.label.length), 4);
  return (
    <figure className={styles.figure} aria-label={title} ref={ref}>
      {width !== null && (
        // The chart fits itself to its parent's height: a parent of fixed height keeps it from growing.
        <div style={{ height: chartHeight }}>
        <HorizontalBarChartWithAxis
          className={styles.chart}
          chartTitle={title}
          // The chart draws its first category at the bottom: reversed, the list reads from the top.
          data={[...points].reverse()}
          width={width}
          height={chartHeight}
          barHeight={20}
          yAxisPadding={0.2}
          hideLegend
          xMaxValue={ticks[ticks.length - 1]}
          tickValues={ticks}
          showYAxisLables
          culture={i18n.locale === 'en' ? 'en-GB' : 'sv-SE'}
          {...(valueTitle ? { xAxisTitle: valueTitle } : {})}
          margins={{ left: Math.round(Math.min(width * 0.45, 6.5 * longest + 24)), right: 40 }}
        />
        </div>
      )}
    </figure>
  );
}

/** 0 and whole steps up to at least `max`: counts have no halves. */
export function integerTicks(max: number): number[] {
  const raw = Math.max(1, max) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw);
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(v);
  return out;
}
