/**
 * A record's facts as label and value: side by side where there is room, the label above its
 * value on a phone (detail pages in one column). `fact()` skips nothing: a missing value is "–".
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, max-content) minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '@media (max-width: 47.99em)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: tokens.spacingVerticalXXS },
  },
  dt: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, '@media (max-width: 47.99em)': { marginTop: tokens.spacingVerticalS } },
  dd: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', minWidth: 0 },
});

export function Facts({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <dl className={styles.dl}>{children}</dl>;
}

export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.dt}>{label}</dt>
      <dd className={styles.dd}>{children ?? '–'}</dd>
    </>
  );
}
