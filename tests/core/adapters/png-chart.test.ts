/** The review's charts as pictures: SVG drawn here, rasterised by resvg (core/adapters/charts). */
import { describe, expect, it } from 'vitest';
import { barChartPng, barChartSvg } from '../../../core/adapters/charts/png-chart';

const chart = { title: 'Incidenter <per> månad', categories: ['jan', 'feb', 'mars'], series: [{ name: 'Nätfiske', values: [3, 0, 7] }, { name: 'Felskickat', values: [1, 2, 0] }], width: 640, height: 320 };

describe('bar charts', () => {
  it('draws stacked bars with totals, axis labels and an escaped title', () => {
    const svg = barChartSvg(chart);
    expect(svg).toContain('Incidenter &lt;per&gt; månad');
    expect(svg).toContain('aria-label="Incidenter &lt;per&gt; månad"');
    // One rectangle per non-zero value, plus the background and two legend keys.
    expect(svg.match(/<rect /g)).toHaveLength(1 + 4 + 2);
    expect(svg).toContain('>7<');
    expect(svg).toContain('>4<');
    expect(svg).toContain('>mars<');
  });

  it('renders a PNG at twice the size for print', async () => {
    const png = await barChartPng(chart);
    expect([...png.data.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const view = new DataView(png.data.buffer, png.data.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1280, 640]);
    expect(png).toMatchObject({ width: 640, height: 320 });
  });
});
