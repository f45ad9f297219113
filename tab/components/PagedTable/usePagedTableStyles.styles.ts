/** The styles of PagedTable in both layouts. Touch targets in the list are at least 44 px high. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const usePagedTableStyles = makeStyles({
  root: { minWidth: 0 },
  wrap: { position: 'relative', overflowX: 'auto' },
  table: { width: '100%', tableLayout: 'auto' },
  // A row is not a control (its links are): no hover colour that would suggest it is — and that
  // would lower a link's contrast (dark theme) or hide it (high contrast: yellow on cyan).
  row: { ':hover': { backgroundColor: 'transparent', color: 'inherit' }, ':active': { backgroundColor: 'transparent', color: 'inherit' } },
  busy: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'center',
    paddingTop: tokens.spacingVerticalXXL,
    pointerEvents: 'none',
  },
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground2, margin: 0 },
  pager: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalM },
  pageText: { minWidth: '4rem', textAlign: 'center' },
  size: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginLeft: 'auto' },
  center: { textAlign: 'center' },
  end: { textAlign: 'end' },
  // List layout
  sortBar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS, flexWrap: 'wrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  title: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    minHeight: '44px',
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    // A link in the title is the card's touch target: as high as the row.
    '& a': { display: 'inline-flex', alignItems: 'center', minHeight: '44px' },
  },
  fields: { margin: 0, display: 'grid', gridTemplateColumns: 'minmax(6rem, 38%) 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  field: { display: 'contents' },
  dt: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase300 },
  dd: { margin: 0, minWidth: 0 },
});

export type PagedTableClasses = ReturnType<typeof usePagedTableStyles>;
