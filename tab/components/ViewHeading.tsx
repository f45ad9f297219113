/**
 * A view's h1. After the person navigates, focus moves here (not on the first load), so keyboard and
 * screen-reader users start at the top of the new view. The heading is not a control: it takes
 * focus only as a starting point and shows no focus box (the next Tab goes on from it).
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';

let firstView = true;

const useStyles = makeStyles({
  h1: {
    margin: 0,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    ':focus': { outline: 'none' },
    ':focus-visible': { outline: 'none' },
    '@media (max-width: 47.99em)': { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  },
});

export function ViewHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const styles = useStyles();
  useEffect(() => {
    if (firstView) {
      firstView = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={styles.h1}>
      {children}
    </h1>
  );
}

/** Tests render views in isolation. */
export function resetViewHeadingFocus(first = true): void {
  firstView = first;
}
