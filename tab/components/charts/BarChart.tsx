/** Horizontal bars with an axis: one bar per category with its figure, clickable through to the records. */
import { HorizontalBarChartWithAxis } from '@fluentui/react-charts';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { navigateToHref } from './navigateToHref';
import type { BarChartProps } from './Charts.types';
import { toneColor } from './palette';
import { useChartWidth } from './useChartWidth';
import { useChartStyles } from './useChartStyles.styles';

export function BarChart({ title, data, total, valueTitle }: BarChartProps) {
  const i18n = useI18n();
  const styles = useChartStyles();
  const { ref, width } = useChartWidth();
  const points = useMemo(
    () =>
      data.map((d, i) => ({
        x: d.value,
        y: d.label,
        legend: d.label,
        color: toneColor(d.tone, i),
        barLabel: d.text ?? i18n.number(d.value),
        xAxisCalloutData: d.label,
        yAxisCalloutData: d.text ?? i18n.number(d.value),
        callOutAccessibilityData: { ariaLabel: `${d.label}: ${d.text ?? i18n.number(d.value)}` },
        ...(d.href ? { onClick: () => navigateToHref(d.href!) } : {}),
      })),
    [data, i18n],
  );
  const max = Math.max(total ?? 0, ...data.map((d) => d.value), 1);
  return (
    <figure className={styles.figure} aria-label={title} ref={ref}>
      {width !== null && (
        <HorizontalBarChartWithAxis
          className={styles.chart}
          chartTitle={title}
          data={points}
          width={width}
          height={Math.max(120, 44 * data.length + 56)}
          barHeight={20}
          hideLegend
          xMaxValue={max}
          xAxisTickCount={max <= 4 ? max : 5}
          roundedTicks
          showYAxisLables
          culture={i18n.locale === 'en' ? 'en-GB' : 'sv-SE'}
          {...(valueTitle ? { xAxisTitle: valueTitle } : {})}
          margins={{ left: Math.min(160, width * 0.42) }}
        />
      )}
    </figure>
  );
}
