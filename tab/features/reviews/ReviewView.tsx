/**
 * One management review: the district's report structure with ISO 27001 9.3.2 a–g. ISAM writes the
 * sections and the proposed improvements of a draft (saved with If-Match), sends it for decision
 * (the figures are frozen) or takes it back; the director records the decision with the registry
 * number, after which everything is read-only. Every figure links to the records it counts; the
 * charts have their figures as a table behind "Visa som tabell". Anyone who may read it downloads it
 * as Word.
 */
import { Badge, Button, Field, Input, Link, MessageBar, MessageBarBody, Select, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PersonRef, ReviewFigures, ReviewView as Review } from '../../../core/api';
import { REVIEW_AREAS, REVIEW_SECTIONS, type ReviewArea, type ReviewSection } from '../../../core/domain/review';
import type { MessageKey } from '../../../core/i18n';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href } from '../../app/router';
import { useCommonApi, useSession } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { BarChart, ChartCard, DataTable, StackedColumnChart } from '../../components/charts';
import { DateField } from '../../components/DateField';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { reviewsApi } from './api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '72rem' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', color: tokens.colorNeutralForeground2 },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, whiteSpace: 'pre-wrap', maxWidth: '60rem' },
  empty: { margin: 0, fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(22rem, 100%), 1fr))', gap: tokens.spacingHorizontalL },
  wide: { gridColumn: '1 / -1' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase300,
    '& th, & td': { padding: `4px ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: 'start', verticalAlign: 'top' },
    '& th': { fontWeight: tokens.fontWeightSemibold },
    '& th[scope=row]': { fontWeight: tokens.fontWeightRegular },
    '& td.n': { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
    '& th, & td, & caption': { overflowWrap: 'anywhere' },
    '& a': { display: 'inline-flex', alignItems: 'center', minHeight: '24px' },
    '@media (max-width: 47.99em), (pointer: coarse)': { '& a': { minHeight: '44px' } },
  },
  scroll: { minWidth: 0 },
  /** On a phone, a table of four columns is read row by row: each cell on its own line with its column's name. */
  stack: {
    '@media (max-width: 47.99em)': {
      '& thead': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
      '& tr': { display: 'block', padding: `${tokens.spacingVerticalXS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
      '& th, & td': { display: 'block', borderBottom: 'none', padding: `2px ${tokens.spacingHorizontalS}` },
      '& td.n': { textAlign: 'start' },
      '& th[scope=row]': { fontWeight: tokens.fontWeightSemibold },
      '& td::before': { content: 'attr(data-label) ": "', color: tokens.colorNeutralForeground2 },
    },
  },
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '24px', '@media (max-width: 47.99em), (pointer: coarse)': { minHeight: '44px' } },
  proposal: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    alignItems: 'end',
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    '& > *': { minWidth: 0 },
  },
  full: { gridColumn: '1 / -1' },
  decision: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  sticky: { position: 'sticky', bottom: 0, padding: `${tokens.spacingVerticalS} 0`, backgroundColor: tokens.colorNeutralBackground2, zIndex: 1 },
});

type Notice = { intent: 'success' | 'warning' | 'error'; text: string } | null;
interface DraftProposal {
  key: string;
  area: ReviewArea;
  title: string;
  description: string;
  owner: PersonRef | null;
  dueAt: string;
}

const newKey = () => `p-${crypto.randomUUID().slice(0, 8)}`;
const statusColor = { draft: 'informative', presented: 'warning', decided: 'success', registered: 'success' } as const;

/** The figures shown with a section (9.3.2 a, d, f). */
function FiguresOf({ section, f }: { section: ReviewSection; f: ReviewFigures }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, number } = i18n;
  const n = (v: number, to: string | null) => (to ? <Link href={to}>{number(v)}</Link> : number(v));
  const table = (caption: string, head: string[], rows: ReactNode[][]) => (
    <div className={styles.scroll}>
      <table className={mergeClasses(styles.table, head.length >= 4 && styles.stack)}>
        <caption style={{ textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, k) => (
              <th key={k} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, k) => (
            <tr key={k}>
              {r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j} className="n" data-label={head[j]}>{c}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (section === 'previous_actions') {
    return (
      <div className={styles.card}>
        <p className={styles.text}>
          <Link className={styles.link} href={f.earlierActions.href ?? href('/improvements')}>{t('review.doc.actionsCount', { total: f.earlierActions.total, overdue: f.earlierActions.overdue })}</Link>
        </p>
        {f.earlierActions.items.length > 0 &&
          table(
            t('review.section.previous_actions'),
            [t('review.col.action'), t('review.col.owner'), t('review.col.due'), t('review.col.status')],
            f.earlierActions.items.map((a) => [a.title, a.owner.name ?? '–', i18n.date(a.dueAt), <>{t(`tab.improvement.status.${a.status}`)}{a.overdue ? ` (${t('review.doc.overdue')})` : ''}</>]),
          )}
      </div>
    );
  }
  if (section === 'risks') {
    return (
      <div className={styles.grid}>
        <ChartCard title={t('review.col.level')} table={<DataTable caption={t('review.col.level')} head={[t('review.col.level'), t('review.col.count')]} rows={f.risks.byLevel.map((r) => [t(`risk.level.${r.level}`), number(r.n)])} />}>
          <BarChart title={t('review.col.level')} data={f.risks.byLevel.map((r) => ({ label: t(`risk.level.${r.level}`), value: r.n }))} />
        </ChartCard>
        <div className={styles.card}>{table(t('review.col.treatment'), [t('review.col.treatment'), t('review.col.count')], f.risks.byTreatment.map((r) => [r.treatment === 'undecided' ? t('review.treatment.undecided') : t(`risk.treatment.${r.treatment}`), number(r.n)]))}</div>
      </div>
    );
  }
  if (section !== 'performance') return null;
  const used = f.incidents.byCategory.filter((c) => c.n > 0);
  const monthLabel = (m: string) => i18n.date(`${m}-15`).replace(/^\d+\s*/, '');
  return (
    <div className={styles.grid}>
      <ChartCard
        className={styles.wide}
        title={t('review.chart.incidents')}
        summary={<Link className={styles.link} href={f.incidents.href ?? href('/incidents')}>{t('review.doc.incidentsTotal', { total: f.incidents.total, from: i18n.date(f.from), to: i18n.date(f.to) })}</Link>}
        table={<DataTable caption={t('review.chart.incidents')} head={[t('review.col.category'), t('review.col.count')]} rows={f.incidents.byCategory.map((c) => [<Link href={c.href ?? '#'}>{t(`incident.category.${c.category}`)}</Link>, number(c.n)])} />}
      >
        <StackedColumnChart
          title={t('review.chart.incidents')}
          series={used.map((c) => t(`incident.category.${c.category}`))}
          columns={f.incidents.byMonth.map((m) => ({ label: monthLabel(m.month), short: monthLabel(m.month).slice(0, 3), values: used.map((c) => m.byCategory[c.category] ?? 0), hrefs: used.map((c) => `${m.href}&category=${c.category}`) }))}
        />
      </ChartCard>
      <div className={styles.card}>
        {table(
          t('review.fig.reporting'),
          [t('review.col.clock'), t('review.col.onTime'), t('review.col.late'), t('review.col.running')],
          f.reporting.map((r) => [t(`tab.clock.${r.kind}`), n(r.onTime, r.href), n(r.late, r.href), n(r.running, r.href)]),
        )}
        <p className={styles.text}>{t('review.doc.personalData', { total: f.personalData.total, onTime: f.personalData.imyOnTime, late: f.personalData.imyLate, running: f.personalData.imyRunning })}</p>
      </div>
      <div className={styles.card}>
        {table(t('review.fig.classification'), [t('review.col.what'), t('review.col.count')], [
          [t('review.fig.assets'), n(f.classification.total, f.classification.href)],
          [t('review.fig.classified'), number(f.classification.classified)],
          [t('review.fig.reviewDue'), number(f.classification.reviewDue)],
          [t('review.fig.unclassified'), number(f.classification.unclassified)],
          [t('review.fig.level4'), number(f.classification.level4)],
        ])}
      </div>
      <div className={styles.card}>
        {table(t('review.fig.access'), [t('review.col.what'), t('review.col.count')], [
          [t('review.fig.accessRequests'), n(f.accessRequests.total, f.accessRequests.href)],
          ...f.accessRequests.byKind.map((k) => [`– ${t(`review.kind.${k.kind}`)}`, number(k.n)]),
          [t('review.fig.leavers'), n(f.leavers.total, f.leavers.href)],
          [`– ${t('review.fig.leaversOnTime')}`, number(f.leavers.onTime)],
          [`– ${t('review.fig.leaversLate')}`, number(f.leavers.late)],
          [`– ${t('review.fig.leaversOpen')}`, number(f.leavers.open)],
        ])}
        {f.recertification.length > 0
          ? table(
              t('review.col.campaign'),
              [t('review.col.campaign'), t('review.col.systems'), t('review.col.kept'), t('review.col.removed')],
              f.recertification.map((c) => [c.campaign, `${number(c.completed)}/${number(c.systems)}`, number(c.kept), number(c.removed)]),
            )
          : <p className={styles.empty}>{t('review.doc.noCampaigns')}</p>}
      </div>
      <div className={styles.card}>
        {table(t('review.fig.suppliers'), [t('review.col.what'), t('review.col.count')], [
          [t('review.fig.suppliersTotal'), n(f.suppliers.total, f.suppliers.href)],
          [t('review.fig.processingPersonalData'), number(f.suppliers.processingPersonalData)],
          [t('review.fig.dpaCovered'), number(f.suppliers.dpaCovered)],
          [t('review.fig.subSuppliers'), number(f.suppliers.subSuppliers)],
          [t('review.fig.longestChain'), number(f.suppliers.longestChain)],
        ])}
        {f.suppliers.dpaMissing.length > 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{`${t('review.fig.dpaMissing')}: ${f.suppliers.dpaMissing.join(', ')}`}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <ChartCard
        title={t('review.chart.training')}
        summary={t('review.doc.ambassadors', { planned: f.ambassadors.planned, held: f.ambassadors.held, cancelled: f.ambassadors.cancelled })}
        table={<DataTable caption={t('review.chart.training')} head={[t('review.col.unit'), t('review.col.people'), t('review.col.completed')]} rows={f.training.map((u) => [<Link href={u.href ?? '#'}>{u.unit}</Link>, number(u.people), `${number(u.completed)}/${number(u.required)}`])} />}
      >
        <BarChart title={t('review.chart.training')} data={f.training.map((u) => ({ label: u.unit, value: u.required ? Math.round((100 * u.completed) / u.required) : 0, text: u.required ? `${Math.round((100 * u.completed) / u.required)} %` : '–', ...(u.href ? { href: u.href } : {}) }))} total={100} />
      </ChartCard>
      <div className={styles.card}>
        <p className={styles.text}>{t('review.doc.audits', { total: f.audits.total, completed: f.audits.completed })}</p>
        {table(t('review.fig.audits'), [t('review.col.finding'), t('review.col.count')], f.audits.findings.map((x) => [t(`review.finding.${x.kind}`), number(x.n)]))}
      </div>
    </div>
  );
}

export default function ReviewView({ params }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const common = useCommonApi();
  const reviews = useMemo(() => reviewsApi(api), [api]);
  const id = params.id ?? '';
  const state = useAsync<Review>(() => reviews.get(id), [reviews, id]);
  const r = state.data;
  const [sections, setSections] = useState<Record<string, string>>({});
  const [proposals, setProposals] = useState<DraftProposal[]>([]);
  const [decision, setDecision] = useState({ decision: '', registrationNumber: '' });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  useEffect(() => {
    if (!r) return;
    setSections({ ...r.sections });
    setProposals(r.proposals.map((p) => ({ key: p.key, area: p.area, title: p.title, description: p.description ?? '', owner: p.owner, dueAt: p.dueAt })));
  }, [r?.etag]); // eslint-disable-line react-hooks/exhaustive-deps

  if (state.error) return <ErrorMessage error={state.error} onRetry={state.reload} />;
  if (!r) return null;

  const run = async (action: () => Promise<Review>, done: MessageKey) => {
    setBusy(true);
    setErrors({});
    try {
      state.set(await action());
      setKey(newIdempotencyKey());
      setNotice({ intent: 'success', text: t(done) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        state.set(error.body.current as Review);
        setNotice({ intent: 'warning', text: t('tab.reviews.conflict') });
      } else if (error instanceof ApiError && error.status === 400) {
        setErrors(error.fieldErrors());
        setNotice({ intent: 'error', text: errorText(error, t) });
      } else setNotice({ intent: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(
      () =>
        reviews.update(r.id, r.etag, {
          sections: Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, sections[s] ?? ''])),
          proposals: proposals.map((p) => ({ key: p.key, area: p.area, title: p.title, description: p.description.trim() || null, ownerId: p.owner?.id ?? '', dueAt: p.dueAt })),
        }),
      'tab.reviews.saved',
    );

  const download = async () => {
    try {
      const file = await reviews.document(r.id, i18n.locale);
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName ?? `ledningens-genomgang-${r.from}-${r.to}.docx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t) });
    }
  };

  const setProposal = (n: number, change: Partial<DraftProposal>) => setProposals((ps) => ps.map((p, k) => (k === n ? { ...p, ...change } : p)));
  const fieldError = (path: string) => errors[path]?.join(' ');

  return (
    <div className={styles.root}>
      <BackLink href={href('/reviews')}>{t('tab.reviews.back')}</BackLink>
      <ViewHeading>{r.title}</ViewHeading>
      <div className={styles.meta}>
        <span>
          {i18n.date(r.from)} – {i18n.date(r.to)}
        </span>
        <Badge className={styles.badge} appearance="tint" color={statusColor[r.status]}>
          {t(`review.status.${r.status}`)}
        </Badge>
      </div>
      {r.locked && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('tab.reviews.locked', { date: r.decidedAt ? i18n.date(r.decidedAt) : '–', number: r.registrationNumber ?? '–', until: r.keptUntil ? i18n.date(r.keptUntil) : '–' })}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        {r.canPresent && (
          <Button appearance="primary" disabled={busy} onClick={() => void run(() => reviews.present(r.id, r.etag, key), 'tab.reviews.presented')}>
            {t('tab.reviews.present')}
          </Button>
        )}
        {r.canReopen && (
          <Button disabled={busy} onClick={() => void run(() => reviews.reopen(r.id, r.etag, key), 'tab.reviews.reopened')}>
            {t('tab.reviews.reopen')}
          </Button>
        )}
        <Button onClick={() => void download()}>{t('tab.reviews.download')}</Button>
      </div>
      <p className={styles.empty}>{r.figuresFrozen ? t('tab.reviews.figuresFrozen', { at: i18n.dateTime(r.figures.computedAt) }) : t('tab.reviews.figuresLive', { at: i18n.dateTime(r.figures.computedAt) })}</p>

      {REVIEW_SECTIONS.map((s) => (
        <section key={s} className={styles.section} aria-labelledby={`review-${s}`}>
          <h2 id={`review-${s}`} className={styles.h2}>
            {t(`review.section.${s}`)}
          </h2>
          {r.canEdit ? (
            <Field label={t('tab.reviews.written')} validationMessage={fieldError(`sections.${s}`)}>
              <Textarea resize="vertical" rows={s === 'purpose' ? 6 : 4} value={sections[s] ?? ''} onChange={(_, d) => setSections((x) => ({ ...x, [s]: d.value }))} />
            </Field>
          ) : r.sections[s] ? (
            <p className={styles.text}>{r.sections[s]}</p>
          ) : (
            <p className={styles.empty}>{t('review.doc.notWritten')}</p>
          )}
          <FiguresOf section={s} f={r.figures} />
        </section>
      ))}

      <section className={styles.section} aria-labelledby="review-proposals">
        <h2 id="review-proposals" className={styles.h2}>
          {t('review.section.proposals')}
        </h2>
        {r.canEdit ? (
          <>
            {proposals.map((p, n) => (
              <fieldset key={p.key} className={styles.proposal} aria-label={p.title || t('tab.reviews.p.title')}>
                <Field className={styles.full} label={t('tab.reviews.p.title')} required validationMessage={fieldError('title')}>
                  <Input value={p.title} onChange={(_, d) => setProposal(n, { title: d.value })} />
                </Field>
                <Field label={t('tab.reviews.p.area')}>
                  <Select value={p.area} onChange={(_, d) => setProposal(n, { area: d.value as ReviewArea })}>
                    {REVIEW_AREAS.map((a) => (
                      <option key={a} value={a}>
                        {t(`review.area.${a}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <PeoplePicker label={t('tab.reviews.p.owner')} required value={p.owner} search={common.searchPeople} onChange={(owner) => setProposal(n, { owner })} validationMessage={fieldError('ownerId')} />
                <DateField id={`proposal-${p.key}-due`} label={t('tab.reviews.p.due')} required value={p.dueAt} onChange={(dueAt) => setProposal(n, { dueAt })} validationMessage={fieldError('dueAt')} />
                <Field className={styles.full} label={t('tab.reviews.p.description')}>
                  <Textarea resize="vertical" value={p.description} onChange={(_, d) => setProposal(n, { description: d.value })} />
                </Field>
                <div>
                  <Button appearance="secondary" aria-label={t('tab.reviews.removeProposal', { title: p.title || '…' })} onClick={() => setProposals((ps) => ps.filter((_, k) => k !== n))}>
                    {t('tab.reviews.remove')}
                  </Button>
                </div>
              </fieldset>
            ))}
            <div>
              <Button onClick={() => setProposals((ps) => [...ps, { key: newKey(), area: 'other', title: '', description: '', owner: null, dueAt: '' }])}>{t('tab.reviews.addProposal')}</Button>
            </div>
          </>
        ) : r.proposals.length ? (
          <div className={styles.scroll}>
            <table className={mergeClasses(styles.table, styles.stack)}>
              <caption style={{ textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>{t('tab.reviews.proposals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.col.area')}</th>
                  <th scope="col">{t('review.col.proposal')}</th>
                  <th scope="col">{t('review.col.owner')}</th>
                  <th scope="col">{t('review.col.due')}</th>
                </tr>
              </thead>
              <tbody>
                {r.proposals.map((p) => (
                  <tr key={p.key}>
                    <td data-label={t('review.col.area')}>{t(`review.area.${p.area}`)}</td>
                    <th scope="row">
                      {p.actionId ? <Link href={href('/improvements', { source: 'management_review' })}>{p.title}</Link> : p.title}
                      {p.description && <div>{p.description}</div>}
                    </th>
                    <td data-label={t('review.col.owner')}>{p.owner.name ?? '–'}</td>
                    <td data-label={t('review.col.due')}>{i18n.date(p.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className={styles.empty}>{t('review.doc.noProposals')}</p>
        )}
      </section>

      <section className={styles.section} aria-labelledby="review-decision">
        <h2 id="review-decision" className={styles.h2}>
          {t('review.section.decision')}
        </h2>
        {r.decision ? (
          <>
            <p className={styles.text}>{r.decision}</p>
            <p className={styles.empty}>{`${r.decidedBy?.name ?? '–'} · ${r.decidedAt ? i18n.date(r.decidedAt) : '–'} · ${t('review.f.registrationNumber')} ${r.registrationNumber ?? '–'}`}</p>
          </>
        ) : r.canDecide ? (
          <form
            className={styles.decision}
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => reviews.decide(r.id, r.etag, decision, key), 'tab.reviews.decided');
            }}
          >
            <Field label={t('tab.reviews.decision')} required validationMessage={fieldError('decision')}>
              <Textarea resize="vertical" rows={5} value={decision.decision} onChange={(_, d) => setDecision((x) => ({ ...x, decision: d.value }))} />
            </Field>
            <Field label={t('tab.reviews.registrationNumber')} required validationMessage={fieldError('registrationNumber')}>
              <Input value={decision.registrationNumber} onChange={(_, d) => setDecision((x) => ({ ...x, registrationNumber: d.value }))} />
            </Field>
            <div>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('tab.reviews.decide')}
              </Button>
            </div>
          </form>
        ) : (
          <p className={styles.empty}>{t('review.doc.notDecided')}</p>
        )}
      </section>

      {r.canEdit && (
        <div className={styles.sticky}>
          <Button appearance="primary" disabled={busy} onClick={() => void save()}>
            {t('tab.reviews.save')}
          </Button>
        </div>
      )}
    </div>
  );
}
