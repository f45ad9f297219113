/**
 * The shell's styles. On a phone (or any narrow pane) the header is one 48 px bar and the menu a
 * drawer; from 48 em the menu is a column beside the view. Global rules make every control at
 * least 44 px high where fingers are used (narrow screens and coarse pointers).
 */
import { makeStaticStyles, makeStyles, tokens } from '@fluentui/react-components';

export const useShellStaticStyles = makeStaticStyles(`
/* A <select> is as wide as its longest option ("IA-001 Socialtjänstens verksamhetssystem …") unless allowed to shrink. */
.fui-FluentProvider .fui-Field, .fui-FluentProvider .fui-Select, .fui-FluentProvider .fui-Combobox, .fui-FluentProvider .fui-Input { min-width: 0; }
.fui-FluentProvider .fui-Select__select { min-width: 0; max-width: 100%; text-overflow: ellipsis; }
@media (max-width: 47.99em), (pointer: coarse) {
  .fui-FluentProvider .fui-Button, .fui-FluentProvider .fui-Input, .fui-FluentProvider .fui-Combobox,
  .fui-FluentProvider .fui-Tab, .fui-FluentProvider .fui-NavItem, .fui-FluentProvider .fui-TreeItemLayout,
  .fui-FluentProvider .fui-Checkbox, .fui-FluentProvider .fui-Radio, .fui-FluentProvider .fui-Switch,
  .fui-FluentProvider .lis-target { min-height: 44px; }
  .fui-FluentProvider .fui-Select__select { height: 44px; }
  .fui-FluentProvider .fui-Checkbox, .fui-FluentProvider .fui-Radio { align-items: center; }
  .fui-FluentProvider .fui-Tab { align-items: center; }
  .fui-FluentProvider .lis-target { display: inline-flex; align-items: center; }
  .fui-FluentProvider .fui-Button { min-width: 44px; }
}
`);

export const useShellStyles = makeStyles({
  app: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalM,
    top: '-10rem',
    zIndex: 1000,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus': { top: tokens.spacingVerticalS },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minHeight: '48px',
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    position: 'sticky',
    top: 0,
    zIndex: 10,
  },
  brand: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  },
  spacer: { flex: 1 },
  body: { flex: 1, display: 'flex', minHeight: 0, minWidth: 0 },
  nav: { borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  navInline: { position: 'sticky', top: '48px', height: 'calc(100vh - 48px)', flexShrink: 0, width: '13.5rem' },
  main: {
    flex: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    ':focus': { outline: 'none' },
    '@media (min-width: 48em)': { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}` },
  },
  content: { maxWidth: '90rem', margin: '0 auto', minWidth: 0 },
  // The person's chip in the header and its popover.
  who: { maxWidth: '50vw', minWidth: 0, justifyContent: 'flex-start' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  whoName: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '20rem' },
  cardName: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  cardMeta: { margin: 0, color: tokens.colorNeutralForeground2 },
});
