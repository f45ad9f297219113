/**
 * Draws the management review's bar charts as PNG for the .docx: an SVG written here (axes, stacked
 * bars, a legend — nothing a library would add for this little), rasterised by @resvg/resvg-js at
 * twice the size for a sharp print. Text uses the system's sans-serif fonts (DejaVu or Liberation
 * on Debian, Segoe/Arial elsewhere).
 */
import { Resvg } from '@resvg/resvg-js';
import type { BarChart, ChartImage, ChartRenderer } from '../../ports/chart';

/** Colours with enough contrast against white and each other (Fluent's data-vis palette). */
const PALETTE = ['#0F6CBD', '#C239B3', '#E3008C', '#CA5010', '#4F6BED', '#009B51', '#986F0B', '#5C2E91', '#038387', '#616161'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round axis maximum and its step: 0, 5, 10… or 0, 20, 40… */
function scale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 5, step: 1 };
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

/** The chart as SVG text (exported for tests: what the picture says). */
export function barChartSvg(chart: BarChart): string {
  const { width, height } = chart;
  const font = "font-family=\"'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif\"";
  const legendRows = Math.ceil(chart.series.length / 3);
  const top = 34;
  const left = 44;
  const right = 12;
  const bottom = 40 + legendRows * 18;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const totals = chart.categories.map((_, i) => chart.series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const { top: max, step } = scale(Math.max(0, ...totals));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const band = plotW / Math.max(1, chart.categories.length);
  const barW = Math.max(4, Math.min(48, band * 0.6));
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#FFFFFF"/>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="600" fill="#242424" ${font}>${esc(chart.title)}</text>`);
  for (let v = 0; v <= max; v += step) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#616161' : '#E0E0E0'}" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end" fill="#424242" ${font}>${v}</text>`);
  }
  chart.categories.forEach((c, i) => {
    const x = left + band * i + (band - barW) / 2;
    let base = 0;
    chart.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"/>`);
      base += v;
    });
    if (totals[i]) parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(base) - 3).toFixed(1)}" font-size="9" text-anchor="middle" fill="#424242" ${font}>${totals[i]}</text>`);
    const label = c.length > 14 ? `${c.slice(0, 13)}…` : c;
    parts.push(`<text x="${(left + band * i + band / 2).toFixed(1)}" y="${top + plotH + 14}" font-size="10" text-anchor="middle" fill="#424242" ${font}>${esc(label)}</text>`);
  });
  chart.series.forEach((s, k) => {
    const col = k % 3;
    const row = Math.floor(k / 3);
    const lx = left + col * (plotW / 3);
    const ly = top + plotH + 30 + row * 18;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[k % PALETTE.length]}"/>`);
    const name = s.name.length > 30 ? `${s.name.slice(0, 29)}…` : s.name;
    parts.push(`<text x="${lx + 14}" y="${ly}" font-size="10" fill="#242424" ${font}>${esc(name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(chart.title)}">${parts.join('')}</svg>`;
}

export async function barChartPng(chart: BarChart): Promise<ChartImage> {
  const svg = barChartSvg(chart);
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return { data: new Uint8Array(png), width: chart.width, height: chart.height };
}

export const pngCharts: ChartRenderer = { toPng: barChartPng };
