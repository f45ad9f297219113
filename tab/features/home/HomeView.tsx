/**
 * Start: the signed-in person's home. Shortcuts first (report an incident, request access, search),
 * then what waits for them by role — legal deadlines and unassessed reports (ISAM, IT security, the
 * DSO), access decisions with Approve and Deny right here (owners), recertification, investigations
 * (line managers), access changes to carry out (the administrative unit) — then their own cases and
 * training. A section the person has no part in is not shown; an empty one says so.
 */
import { Badge, Button, Input, Link, Spinner, mergeClasses } from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import type { Bounded, HomeView as Home } from '../../../core/api';
import { useI18n, type I18n } from '../../app/i18n';
import { markOnce } from '../../app/perf';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ViewHeading } from '../../components/ViewHeading';
import type { HomeApi } from './api';
import { DecisionCard } from './DecisionCard';
import { plural } from './plural';
import { useHome } from './useHome';
import { useHomeStyles } from './useHomeStyles.styles';

function Section(props: { title: string; summary?: string | null; wide?: boolean; children: ReactNode }) {
  const styles = useHomeStyles();
  const id = useId();
  return (
    <section aria-labelledby={id} className={mergeClasses(styles.card, props.wide && styles.wide)}>
      <h2 id={id} className={styles.h2}>
        {props.title}
      </h2>
      {props.summary && <p className={styles.muted}>{props.summary}</p>}
      {props.children}
    </section>
  );
}

/** "and 3 more" under a list that shows fewer than there are. */
function More({ list, i18n }: { list: Bounded<unknown>; i18n: I18n }) {
  const styles = useHomeStyles();
  const rest = list.total - list.items.length;
  if (rest <= 0 && !list.capped) return null;
  return <p className={styles.more}>{list.capped ? i18n.t('tab.home.atLeast', { count: i18n.number(list.total) }) : plural(i18n, 'tab.home.more', rest)}</p>;
}

function Due({ at, overdue, i18n }: { at: string; overdue: boolean; i18n: I18n }) {
  const styles = useHomeStyles();
  return overdue ? <span className={styles.overdue}>{i18n.t('tab.home.overdue', { date: i18n.dateTime(at) })}</span> : <span>{i18n.t('tab.home.due', { date: i18n.dateTime(at) })}</span>;
}

/** A row that opens a record: the whole row is the link (44 px at least). */
function RowLink({ to, title, children }: { to: string; title: string; children?: ReactNode }) {
  const styles = useHomeStyles();
  return (
    <li>
      <a className={styles.itemLink} href={to}>
        <span className={styles.itemTitle}>{title}</span>
        {children && <span className={styles.meta}>{children}</span>}
      </a>
    </li>
  );
}

function Shortcuts() {
  const styles = useHomeStyles();
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const searchId = useId();
  const hintId = useId();
  return (
    <nav aria-label={t('tab.home.shortcuts')} className={styles.shortcuts}>
      <div className={styles.shortcut}>
        <Button as="a" href={href('/incidents/new')} appearance="primary" className={styles.shortcutButton}>
          {t('tab.home.action.report')}
        </Button>
        <p className={styles.hint}>{t('tab.home.action.reportHint')}</p>
      </div>
      <div className={styles.shortcut}>
        <Button as="a" href={href('/request-access')} className={styles.shortcutButton}>
          {t('tab.home.action.request')}
        </Button>
        <p className={styles.hint}>{t('tab.home.action.requestHint')}</p>
      </div>
      <form
        role="search"
        className={mergeClasses(styles.shortcut, styles.searchShortcut)}
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim()) navigate('/search', { q: q.trim() });
        }}
      >
        <label htmlFor={searchId} className={styles.searchLabel}>
          {t('tab.home.action.search')}
        </label>
        <div className={styles.searchRow}>
          <Input id={searchId} type="search" value={q} onChange={(_, d) => setQ(d.value)} className={styles.searchInput} aria-describedby={hintId} />
          <Button type="submit" className={styles.searchButton}>
            {t('tab.search.submit')}
          </Button>
        </div>
        <p id={hintId} className={styles.hint}>
          {t('tab.home.action.searchHint')}
        </p>
      </form>
    </nav>
  );
}

function DueSection({ due, dso, i18n }: { due: NonNullable<Home['due']>; dso: boolean; i18n: I18n }) {
  const styles = useHomeStyles();
  const { t } = i18n;
  return (
    <Section title={t('tab.home.dueTitle')} summary={t(dso ? 'tab.home.dueIntroDso' : 'tab.home.dueIntro')} wide>
      <h3 className={styles.h3}>{t('tab.home.unassessed')}</h3>
      {due.unassessed.total === 0 ? (
        <p className={styles.muted}>{t('tab.home.unassessedEmpty')}</p>
      ) : (
        <>
          <p className={styles.muted}>{plural(i18n, 'tab.home.unassessed.count', due.unassessed.total)}</p>
          <ul className={styles.list}>
            {due.unassessed.items.map((u) => (
              <RowLink key={u.id} to={href(`/incidents/${u.id}`)} title={`${u.caseNumber} ${u.title}`}>
                <span>{t(`tab.category.${u.category}`)}</span>
                <span>{t('tab.home.reportedAt', { date: i18n.dateTime(u.reportedAt) })}</span>
                {u.personalData && (
                  <Badge className={styles.badge} appearance="outline" color="informative">
                    {t('tab.home.personalData')}
                  </Badge>
                )}
              </RowLink>
            ))}
          </ul>
          <More list={due.unassessed} i18n={i18n} />
        </>
      )}
      <h3 className={styles.h3}>{t('tab.home.deadlines')}</h3>
      {due.deadlines.total === 0 ? (
        <p className={styles.muted}>{t('tab.home.deadlinesEmpty')}</p>
      ) : (
        <>
          <ul className={styles.list}>
            {due.deadlines.items.map((d) => (
              <RowLink key={`${d.incidentId}-${d.kind}-${d.dueAt}`} to={href(`/incidents/${d.incidentId}`)} title={`${t(`incident.clock.${d.kind}`)}: ${d.caseNumber} ${d.title}`}>
                <Due at={d.dueAt} overdue={d.overdue} i18n={i18n} />
                <Badge className={styles.badge} appearance="tint" color={d.legal ? 'important' : 'informative'}>
                  {t(d.legal ? 'tab.home.legal' : 'tab.home.ownDeadline')}
                </Badge>
                {d.provisional && (
                  <Badge className={styles.badge} appearance="outline" color="warning">
                    {t('tab.home.provisional')}
                  </Badge>
                )}
                {d.personalData && (
                  <Badge className={styles.badge} appearance="outline" color="informative">
                    {t('tab.home.personalData')}
                  </Badge>
                )}
              </RowLink>
            ))}
          </ul>
          <More list={due.deadlines} i18n={i18n} />
        </>
      )}
    </Section>
  );
}

function Decisions({ decisions, api, i18n }: { decisions: NonNullable<Home['decisions']>; api: HomeApi; i18n: I18n }) {
  const styles = useHomeStyles();
  const { t } = i18n;
  // Decided here (by this person or, as it turned out, by someone else): no longer waiting.
  const [settled, setSettled] = useState<ReadonlySet<string>>(new Set());
  const waiting = Math.max(0, decisions.total - settled.size);
  return (
    <Section title={t('tab.home.decisions')} summary={waiting ? plural(i18n, 'tab.home.decisions.count', waiting) : t('tab.home.decisionsEmpty')} wide>
      {decisions.items.map((d) => (
        <DecisionCard key={d.id} item={d} api={api} onSettled={() => setSettled((s) => new Set(s).add(d.id))} />
      ))}
      <More list={decisions} i18n={i18n} />
      {decisions.total > decisions.items.length && (
        <Link className={styles.footerLink} href={href('/access', { status: 'pending' })}>
          {t('tab.home.task.open')}
        </Link>
      )}
    </Section>
  );
}

export function HomeContent({ data, api }: { data: Home; api: HomeApi }) {
  const styles = useHomeStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const dso = me.roles.includes('dso') && !me.roles.includes('isam') && !me.roles.includes('itsec');
  const { incidents, requests, training } = data.mine;
  const missing = training.courses.filter((c) => c.status === 'missing' || c.status === 'expired').length;

  return (
    <div className={styles.grid}>
      {data.due && <DueSection due={data.due} dso={dso} i18n={i18n} />}
      {data.decisions && <Decisions decisions={data.decisions} api={api} i18n={i18n} />}

      {data.investigations && (
        <Section title={t('tab.home.investigations')} summary={data.investigations.total ? plural(i18n, 'tab.home.investigations.count', data.investigations.total) : t('tab.home.investigationsEmpty')}>
          <ul className={styles.list}>
            {data.investigations.items.map((inv) => (
              <RowLink key={inv.id} to={href(`/incidents/${inv.id}`)} title={`${inv.caseNumber} ${inv.title}`}>
                <span>{t(`incident.status.${inv.status}`)}</span>
                <Due at={inv.dueAt} overdue={inv.overdue} i18n={i18n} />
              </RowLink>
            ))}
          </ul>
          <More list={data.investigations} i18n={i18n} />
        </Section>
      )}

      {data.reviews && data.reviews.total > 0 && (
        <Section title={t('tab.home.reviews')}>
          <ul className={styles.list}>
            {data.reviews.items.map((r) => (
              <RowLink
                key={r.id}
                to={href('/access', { tab: 'campaigns' })}
                title={t('tab.home.review.item', { asset: r.asset ? `${r.asset.code} ${r.asset.name}` : '–', decided: i18n.number(r.decided), total: i18n.number(r.total) })}
              >
                <span>{r.campaignName}</span>
                <Due at={r.dueAt} overdue={r.overdue} i18n={i18n} />
              </RowLink>
            ))}
          </ul>
          <More list={data.reviews} i18n={i18n} />
        </Section>
      )}

      {data.tasks && (
        <Section title={t('tab.home.tasks')} summary={data.tasks.total ? plural(i18n, 'tab.home.tasks.count', data.tasks.total) : t('tab.home.tasksEmpty')}>
          <ul className={styles.list}>
            {data.tasks.items.map((task) => (
              <RowLink
                key={task.id}
                to={href('/access', { status: task.status })}
                title={t('tab.home.task.item', {
                  kind: t(`tab.requestKind.${task.kind}`),
                  role: task.role,
                  person: task.subject.name ?? t('tab.assets.unknownPerson'),
                  asset: task.asset ? `${task.asset.code} ${task.asset.name}` : '–',
                })}
              >
                <span>{t(`tab.access.requestStatus.${task.status}`)}</span>
                {task.decidedAt && <span>{i18n.date(task.decidedAt)}</span>}
              </RowLink>
            ))}
          </ul>
          <More list={data.tasks} i18n={i18n} />
        </Section>
      )}

      <Section title={t('tab.home.mine')}>
        <h3 className={styles.h3}>{t('tab.home.myIncidents')}</h3>
        {incidents.total === 0 ? (
          <p className={styles.muted}>{t('tab.home.myIncidentsEmpty')}</p>
        ) : (
          <ul className={styles.list}>
            {incidents.items.map((i) => (
              <RowLink key={i.id} to={href(`/incidents/${i.id}`)} title={`${i.caseNumber} ${i.title}`}>
                <span>{t(`incident.status.${i.status}`)}</span>
                <span>{t('tab.home.reportedAt', { date: i18n.date(i.reportedAt) })}</span>
              </RowLink>
            ))}
          </ul>
        )}
        <h3 className={styles.h3}>{t('tab.home.myRequests')}</h3>
        {requests.total === 0 ? (
          <p className={styles.muted}>{t('tab.home.myRequestsEmpty')}</p>
        ) : (
          <ul className={styles.list}>
            {requests.items.map((r) => (
              <li key={r.id} className={styles.item}>
                <span className={styles.value}>
                  {t(`tab.requestKind.${r.kind}`)}: {r.role} {r.asset ? `– ${r.asset.code} ${r.asset.name}` : ''} {!r.forSelf && t('tab.home.request.forOther', { person: r.subject.name ?? t('tab.assets.unknownPerson') })}
                </span>
                <span className={styles.meta}>
                  <Badge className={styles.badge} appearance="tint" color={r.status === 'denied' ? 'danger' : r.status === 'pending' ? 'warning' : 'success'}>
                    {t(`tab.access.requestStatus.${r.status}`)}
                  </Badge>
                  <span>{i18n.date(r.requestedAt)}</span>
                  {r.comment && <span>{t('tab.home.request.denied', { comment: r.comment })}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section
        title={t('tab.home.training')}
        summary={training.courses.length === 0 ? t('tab.home.trainingNone') : missing === 0 ? t('tab.home.trainingComplete') : plural(i18n, 'tab.home.trainingMissing', missing)}
      >
        <ul className={styles.list}>
          {training.courses.map((c) => (
            <li key={c.code} className={styles.item}>
              <span className={styles.value}>
                {c.name}
                {c.audience === 'management' ? ` (${t('tab.home.course.management')})` : ''}
              </span>
              <span className={styles.meta}>
                <Badge
                  className={styles.badge}
                  appearance="tint"
                  color={c.status === 'done' ? 'success' : c.status === 'expiring' ? 'warning' : 'danger'}
                >
                  {c.status === 'missing'
                    ? t('tab.home.course.missing')
                    : c.status === 'expired'
                      ? t('tab.home.course.expired', { until: i18n.date(c.validUntil!) })
                      : c.status === 'expiring'
                        ? t('tab.home.course.expiring', { until: i18n.date(c.validUntil!) })
                        : c.validUntil
                          ? t('tab.home.course.doneValid', { date: i18n.date(c.completedAt!), until: i18n.date(c.validUntil) })
                          : t('tab.home.course.done', { date: i18n.date(c.completedAt!) })}
                </Badge>
              </span>
            </li>
          ))}
        </ul>
        <Link className={styles.footerLink} href={href('/training')}>
          {t('tab.home.training.open')}
        </Link>
      </Section>
    </div>
  );
}

export default function HomeView(_props: ViewProps) {
  const styles = useHomeStyles();
  const i18n = useI18n();
  const { me } = useSession();
  const { home, api } = useHome();
  if (home.data) markOnce('lis:home-ready');
  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{i18n.t('tab.home.title')}</ViewHeading>
        <p className={styles.lead}>{i18n.t('tab.home.greeting', { name: me.name.split(' ')[0] ?? me.name })}</p>
      </div>
      <Shortcuts />
      {home.error !== undefined && <ErrorMessage error={home.error} onRetry={home.reload} />}
      {!home.data && home.loading && <Spinner label={i18n.t('tab.shell.loading')} />}
      {home.data && <HomeContent data={home.data} api={api} />}
    </div>
  );
}
