/** The charts' frame: full width, the theme's colours for the library's texts, legends as written. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useChartStyles = makeStyles({
  figure: {
    margin: 0,
    minWidth: 0,
    width: '100%',
    // Legends as written ("Obehörig åtkomst"), not Title Cased by the library.
    '& .fui-legend__legend': { textTransform: 'none' },
  },
  chart: { width: '100%', minWidth: 0 },
  legend: { listStyle: 'none', margin: `${tokens.spacingVerticalS} 0 0`, padding: 0, display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, fontSize: tokens.fontSizeBase200 },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '12px', height: '12px', borderRadius: '2px', flexShrink: 0, forcedColorAdjust: 'none' },
});
