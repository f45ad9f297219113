/**
 * A list of links to records (the assets a processing uses, a supplier's systems): one per line,
 * each at least 24 px high with a mouse and 44 px on a phone, so that fingers hit the right one.
 */
import { Link, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  link: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '24px',
    paddingTop: '2px',
    paddingBottom: '2px',
    overflowWrap: 'anywhere',
    '@media (max-width: 47.99em), (pointer: coarse)': { minHeight: '44px' },
  },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function LinkList({ items, empty, label }: { items: { key: string; href: string; text: ReactNode }[]; empty?: ReactNode; label?: string }) {
  const styles = useStyles();
  if (items.length === 0) return empty ? <p className={styles.empty}>{empty}</p> : <>–</>;
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((i) => (
        <li key={i.key}>
          <Link href={i.href} className={styles.link}>
            {i.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}
