/**
 * Ledningens genomgång: the reviews, newest period first, and — for ISAM — the form that creates the
 * review of a period (whole months; the year before by default). One review per period: creating
 * one that exists opens it.
 */
import { Badge, Button, Link, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { ReviewList } from '../../../core/api';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { REVIEW_READERS, reviewsApi } from './api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'end',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    '& > *': { minWidth: 0 },
  },
  error: { gridColumn: '1 / -1', margin: 0, color: tokens.colorPaletteRedForeground1 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  link: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, minHeight: '24px', display: 'inline-flex', alignItems: 'center', '@media (pointer: coarse)': { minHeight: '44px' } },
  meta: { color: tokens.colorNeutralForeground2 },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal' },
});

const statusColor = { draft: 'informative', presented: 'warning', decided: 'success', registered: 'success' } as const;

/** The previous calendar year, the usual period of the year's review. */
function lastYear(): { from: string; to: string } {
  const y = new Date().getFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

export default function ReviewsView(_props: ViewProps) {
  const styles = useStyles();
  const { t, date } = useI18n();
  const { api, me } = useSession();
  const reviews = useMemo(() => reviewsApi(api), [api]);
  // Only the roles that read reviews ask for them (the API refuses anyone else).
  const reader = me.roles.some((r) => (REVIEW_READERS as readonly string[]).includes(r));
  const list = useAsync<ReviewList | null>(() => (reader ? reviews.list() : Promise.resolve(null)), [reviews, reader]);
  const [period, setPeriod] = useState(lastYear);
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const view = await reviews.create(period, key);
      setKey(newIdempotencyKey());
      navigate(`/reviews/${view.id}`);
    } catch (error) {
      setErrors(error instanceof ApiError && error.status === 400 ? error.fieldErrors() : { _: [errorText(error, t)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <ViewHeading>{t('tab.reviews.title')}</ViewHeading>
      <p className={styles.intro}>{t('tab.reviews.intro')}</p>
      {!reader && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('tab.reviews.notForYou')}</MessageBarBody>
        </MessageBar>
      )}
      {list.error !== undefined && list.error !== null ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.data?.canCreate && (
        <form className={styles.form} onSubmit={(e) => void create(e)} aria-label={t('tab.reviews.create')}>
          <DateField id="review-from" label={t('tab.reviews.from')} value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} required validationMessage={errors.from?.join(' ')} />
          <DateField id="review-to" label={t('tab.reviews.to')} value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} required validationMessage={errors.to?.join(' ')} />
          <div>
            <Button type="submit" appearance="primary" disabled={busy}>
              {t('tab.reviews.create')}
            </Button>
          </div>
          {errors._ && (
            <p role="alert" className={styles.error}>
              {errors._.join(' ')}
            </p>
          )}
        </form>
      )}
      {list.data && (
        <section aria-label={t('tab.reviews.caption')}>
          {list.data.items.length === 0 ? (
            <p className={styles.meta}>{t('tab.reviews.none')}</p>
          ) : (
            <ul className={styles.list}>
              {list.data.items.map((r) => (
                <li key={r.id} className={styles.item}>
                  <Link className={styles.link} href={href(`/reviews/${r.id}`)}>
                    {r.title}
                  </Link>
                  <span className={styles.meta}>
                    {date(r.from)} – {date(r.to)}
                  </span>
                  <Badge className={styles.badge} appearance="tint" color={statusColor[r.status]}>
                    {t(`review.status.${r.status}`)}
                  </Badge>
                  {r.registrationNumber && <span className={styles.meta}>{`${t('review.f.registrationNumber')} ${r.registrationNumber}`}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
