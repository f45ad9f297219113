/**
 * Colours for chart series from Fluent's data-visualisation palette: they follow the theme (light,
 * dark, high contrast) through CSS variables. Meaning-bearing colours (good, late, overdue) use
 * the status colours, so red means the same on every chart.
 */
import { tokens } from '@fluentui/react-components';

export type ChartTone = 'neutral' | 'good' | 'warning' | 'bad' | 'info' | number;

const SERIES = [
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteDarkOrangeBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteBerryBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteLavenderBorderActive,
  tokens.colorPaletteLightGreenBorderActive,
  tokens.colorPaletteSteelBorderActive,
  tokens.colorPaletteCranberryBorderActive,
  tokens.colorPaletteForestBorderActive,
];

export function toneColor(tone: ChartTone | undefined, index: number): string {
  if (typeof tone === 'number') return SERIES[tone % SERIES.length]!;
  switch (tone) {
    case 'good':
      return tokens.colorPaletteGreenBorderActive;
    case 'warning':
      return tokens.colorPaletteMarigoldBorderActive;
    case 'bad':
      return tokens.colorPaletteRedBorderActive;
    case 'info':
      return tokens.colorPaletteBlueBorderActive;
    case 'neutral':
      return tokens.colorNeutralStrokeAccessible;
    default:
      return SERIES[index % SERIES.length]!;
  }
}
