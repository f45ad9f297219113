/**
 * Sök: one search across the registers, within words (the server's kept search texts: ADR 016).
 * The query lives in the address (`#/search?q=lön&in=assets&before=2025-06`), so coming back from
 * a hit shows the same results, and the browser's back button walks back through searches. Matches
 * are marked in the titles; incidents are searched a year at a time, further back on request.
 */
import { Button, Field, Input, Link, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { SearchGroup } from '../../../core/api';
import { SEARCH_REGISTERS } from '../../../core/domain/choices';

type SearchRegister = (typeof SEARCH_REGISTERS)[number];
import { useI18n, type I18n } from '../../app/i18n';
import { markOnce } from '../../app/perf';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { plural } from '../home/plural';
import { searchApi } from './api';
import { markedParts } from './mark';

const TOUCH = '44px';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  lead: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  form: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    '@media (min-width: 40rem)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr) auto' },
  },
  input: { minHeight: TOUCH },
  submit: { minHeight: TOUCH, minWidth: '6rem' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  groupHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  hit: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: '2px',
    minHeight: TOUCH,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  hitTitle: { color: tokens.colorBrandForegroundLink, fontWeight: tokens.fontWeightSemibold },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // Underlined too: in high contrast the highlight colour alone does not show.
  mark: { backgroundColor: tokens.colorPaletteYellowBackground2, color: 'inherit', borderRadius: '2px', textDecorationLine: 'underline', textDecorationThickness: '2px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  footLink: { display: 'inline-flex', alignItems: 'center', minHeight: TOUCH },
});

function Marked({ text, words }: { text: string; words: string[] }) {
  const styles = useStyles();
  const parts = useMemo(() => markedParts(text, words), [text, words]);
  return (
    <>
      {parts.map((p, i) =>
        p.marked ? (
          <mark key={i} className={styles.mark}>
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

function monthName(i18n: I18n, month: string): string {
  return new Intl.DateTimeFormat(i18n.locale === 'en' ? 'en-GB' : 'sv-SE', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));
}

function Group({ group, words, query, only, i18n }: { group: SearchGroup; words: string[]; query: string; only: boolean; i18n: I18n }) {
  const styles = useStyles();
  const { t } = i18n;
  const id = useId();
  const more = group.total > group.hits.length;
  let footer: ReactNode = null;
  if (more && !only) {
    footer = (
      <Link className={styles.footLink} href={href('/search', { q: query, in: group.register })}>
        {plural(i18n, 'tab.search.showAll', group.total)}
      </Link>
    );
  }
  return (
    <section aria-labelledby={id} className={styles.group}>
      <div className={styles.groupHead}>
        <h3 id={id} className={styles.h2}>
          {t(`tab.search.register.${group.register}`)}
        </h3>
        <span className={styles.muted}>{plural(i18n, 'tab.search.hits', group.total)}</span>
      </div>
      {group.searched && <p className={styles.muted}>{t('tab.search.searchedMonths', { from: monthName(i18n, group.searched.from), to: monthName(i18n, group.searched.to) })}</p>}
      {group.hits.length === 0 ? (
        <p className={styles.muted}>{t('tab.search.noHits')}</p>
      ) : (
        <ul className={styles.list}>
          {group.hits.map((h) => (
            <li key={h.id}>
              <a className={styles.hit} href={href(h.path)}>
                <span className={styles.hitTitle}>
                  {h.code && (
                    <>
                      <Marked text={h.code} words={words} />{' '}
                    </>
                  )}
                  <Marked text={h.title} words={words} />
                </span>
                {(h.status || h.at) && (
                  <span className={styles.meta}>
                    {h.status && <span>{t(h.status)}</span>}
                    {h.at && <span>{i18n.date(h.at)}</span>}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
      {(footer || group.older) && (
        <div className={styles.actions}>
          {footer}
          {group.older && (
            <Button className={styles.submit} onClick={() => navigate('/search', { q: query, in: only ? group.register : undefined, before: group.older })}>
              {t('tab.search.older')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

export default function SearchView({ query }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const calls = useMemo(() => searchApi(api), [api]);
  const q = query.get('q') ?? '';
  const inParam = query.get('in') ?? '';
  const register = (SEARCH_REGISTERS as readonly string[]).includes(inParam) ? (inParam as SearchRegister) : null;
  const before = /^\d{4}-\d{2}$/.test(query.get('before') ?? '') ? query.get('before')! : undefined;
  const [text, setText] = useState(q);
  const [where, setWhere] = useState<string>(register ?? '');
  useEffect(() => setText(q), [q]);
  useEffect(() => setWhere(register ?? ''), [register]);
  const inputId = useId();

  const result = useAsync(
    () => (q.trim() ? calls.search({ q, ...(register ? { in: register, limit: 50 } : { limit: 5 }), ...(before ? { before } : {}) }) : Promise.resolve(null)),
    [calls, q, register, before],
  );
  if (result.data) markOnce('lis:search-ready');
  const data = result.data;
  const anyHit = data?.groups.some((g) => g.total > 0) ?? false;

  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.search.title')}</ViewHeading>
        <p className={styles.lead}>{t('tab.search.intro')}</p>
      </div>
      <form
        role="search"
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          navigate('/search', { q: text.trim(), in: where || undefined });
        }}
      >
        <Field label={t('tab.search.label')}>
          <Input id={inputId} type="search" className={styles.input} value={text} onChange={(_, d) => setText(d.value)} />
        </Field>
        <Field label={t('tab.search.where')}>
          <Select className={styles.input} value={where} onChange={(_, d) => setWhere(d.value)}>
            <option value="">{t('tab.search.everywhere')}</option>
            {SEARCH_REGISTERS.map((r) => (
              <option key={r} value={r}>
                {t(`tab.search.register.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" appearance="primary" className={styles.submit}>
          {t('tab.search.submit')}
        </Button>
      </form>

      {result.error !== undefined && <ErrorMessage error={result.error} onRetry={result.reload} />}
      {result.loading && q.trim() && <Spinner label={t('tab.shell.loading')} />}
      {data && (
        <div aria-live="polite" className={styles.root}>
          {data.tooShort ? (
            <p className={styles.muted}>{t('tab.search.tooShort')}</p>
          ) : (
            <>
              <h2 className={styles.h2}>{t('tab.search.results', { query: data.query })}</h2>
              {!anyHit && !before && (
                <p className={styles.muted}>
                  {t('tab.search.nothing', { query: data.query })} {t('tab.search.nothingHint')}
                </p>
              )}
              {data.groups.map((g) => (
                <Group key={g.register} group={g} words={data.words} query={q} only={register !== null} i18n={i18n} />
              ))}
              {before && (
                <Link className={styles.footLink} href={href('/search', { q, in: register ?? undefined })}>
                  {t('tab.search.newest')}
                </Link>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
