export { BarChart } from './BarChart';
export { StackedColumnChart } from './StackedColumnChart';
export type { BarChartProps, BarDatum, StackedColumn, StackedColumnChartProps } from './Charts.types';
export type { ChartTone } from './palette';
export { ChartCard, DataTable, type DataTableProps } from './ChartCard';
