/** "Tillbaka till …": the way back to a register, a full-size touch target on a phone. */
import { Link, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  p: { margin: 0 },
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '24px', '@media (max-width: 47.99em), (pointer: coarse)': { minHeight: '44px' } },
});

export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <p className={styles.p}>
      <Link href={href} className={styles.link}>
        {children}
      </Link>
    </p>
  );
}
