/**
 * The tab's charts, drawn by @fluentui/react-charts: axes with their figures, a value on every
 * bar, a legend, an accessible name, and a click on a bar (or a link in the table behind "Visa som
 * tabell") goes to the records behind it. Kept independent of the chart library's own types.
 */
import type { ChartTone } from './palette';

export interface BarDatum {
  /** The category, on the axis and in the table. */
  label: string;
  value: number;
  /** The figure as written on the bar (default: the value, the locale's way). */
  text?: string;
  tone?: ChartTone;
  /** Where a click on the bar goes (a tab route, e.g. `#/incidents?status=reported`). */
  href?: string;
}

export interface BarChartProps {
  /** The chart's accessible name (and its heading's text, in a ChartCard). */
  title: string;
  data: BarDatum[];
  /** A share chart: bars out of this total (the axis ends there). */
  total?: number;
  /** The axis's title, e.g. "Antal incidenter". */
  valueTitle?: string;
}

export interface StackedColumn {
  /** The column's label in full ("nov. 2026") and short, under the column ("nov."). */
  label: string;
  short?: string;
  /** One value per series, in `series` order. */
  values: number[];
  /** Where a click on the column's part of series i goes. */
  hrefs?: (string | undefined)[];
}

export interface StackedColumnChartProps {
  title: string;
  series: string[];
  columns: StackedColumn[];
  valueTitle?: string;
}
