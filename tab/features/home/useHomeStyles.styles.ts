/**
 * The home's look: one column on a phone (Teams mobile gives a tab about 375 px), two from about
 * 1 000 px. Every link and button in a list is at least 44 px high, so it can be hit with a thumb.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const TOUCH = '44px';

export const useHomeStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  lead: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },

  shortcuts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
    '@media (min-width: 64rem)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) minmax(0, 2fr)', gap: tokens.spacingHorizontalM },
  },
  searchShortcut: { gridColumn: '1 / -1', '@media (min-width: 64rem)': { gridColumn: 'auto' } },
  shortcut: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  shortcutButton: { minHeight: TOUCH, width: '100%', paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS, whiteSpace: 'normal', textAlign: 'center' },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  searchLabel: { fontWeight: tokens.fontWeightSemibold },
  searchRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'stretch', minWidth: 0 },
  searchInput: { flex: 1, minWidth: 0, minHeight: TOUCH },
  searchButton: { minHeight: TOUCH, minWidth: TOUCH },

  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (min-width: 64rem)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
  },
  wide: { '@media (min-width: 64rem)': { gridColumn: '1 / -1' } },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: `${tokens.spacingVerticalS} 0 0`, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },

  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: '2px',
    minHeight: TOUCH,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  itemLink: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: '2px',
    minHeight: TOUCH,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    minWidth: 0,
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  itemTitle: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForegroundLink },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: '2px', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start' },
  more: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2 },
  footerLink: { display: 'inline-flex', alignItems: 'center', minHeight: TOUCH },

  decision: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  facts: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: '2px', margin: 0, '@media (min-width: 30rem)': { gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalM } },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  button: { minHeight: TOUCH, minWidth: '6.5rem' },
});
