/** The charts' frame: full width, and room for their axes on a phone. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useChartStyles = makeStyles({
  figure: { margin: 0, minWidth: 0, width: '100%' },
  chart: {
    width: '100%',
    minWidth: 0,
    // The library's texts take the theme's colours (its defaults are for a light page).
    '& text': { fill: tokens.colorNeutralForeground1 },
    '& .tick line, & .domain': { stroke: tokens.colorNeutralStroke1 },
  },
});
