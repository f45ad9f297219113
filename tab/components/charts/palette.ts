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

/**
 * High contrast maps every palette colour to the same cyan, which would make a chart's series one
 * colour: there the series take these, distinct on black and each above 7:1 against it.
 */
const CONTRAST_SERIES = ['#ffff00', '#1aebff', '#3ff23f', '#ff80ff', '#ffffff', '#ffb347', '#a0a0ff', '#ff8080', '#80ffd4', '#d9d9d9'];

export function toneColor(tone: ChartTone | undefined, index: number, contrast = false): string {
  if (contrast) {
    if (typeof tone === 'number') return CONTRAST_SERIES[tone % CONTRAST_SERIES.length]!;
    const byTone = { good: '#3ff23f', warning: '#ffff00', bad: '#ff8080', info: '#1aebff', neutral: '#ffffff' } as const;
    return tone ? byTone[tone] : CONTRAST_SERIES[index % CONTRAST_SERIES.length]!;
  }
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
