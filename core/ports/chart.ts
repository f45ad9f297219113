/**
 * Charts for documents: a use case describes a bar chart in data, an adapter draws it as a PNG
 * (core/adapters/charts draws SVG and rasterises it with @resvg/resvg-js). The tab draws the same
 * data with @fluentui/react-charts.
 */
export interface BarChart {
  /** Read by screen readers and written as the picture's alt text. */
  title: string;
  /** One bar (or group of bars) per category, left to right. */
  categories: string[];
  /** Series stacked on each other in each bar; one series is a plain bar chart. */
  series: { name: string; values: number[] }[];
  /** Size in pixels at 96 dpi. */
  width: number;
  height: number;
}

export interface ChartImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface ChartRenderer {
  toPng(chart: BarChart): Promise<ChartImage>;
}
