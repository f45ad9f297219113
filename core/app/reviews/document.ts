/**
 * The management review as a document (the neutral model of core/ports/document.ts, rendered as
 * .docx by core/adapters/docx): the district's report structure with ISO 27001:2022 9.3.2 a–g, the
 * figures as tables, charts as pictures where a reader would rather look than read, a running
 * header with the period and a footer with the registry number and "Sida n av m".
 */
import type { ReviewFigures, ReviewView } from '../../api';
import { REVIEW_AREAS, reviewPeriodProblem } from '../../domain';
import { t, type Locale, type MessageKey } from '../../i18n';
import type { BarChart, ChartRenderer } from '../../ports/chart';
import type { Block, DocumentModel } from '../../ports/document';
import type { Actor } from '../people';
import { invalid, type Deps } from '../platform';
import { buildReviewFigures } from './figures';
import { findReviewOfPeriod, getReview, reviewView } from './reviews';

const paragraphs = (text: string | null | undefined, empty: string): Block[] => {
  const parts = (text ?? '').split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts.map((p) => ({ type: 'paragraph' as const, runs: [p] })) : [{ type: 'paragraph', runs: [{ text: empty, italic: true }], style: 'subtle' }];
};

const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)} %` : '–');

/** Month label for a chart axis: "jan" within one year, "jan 25" across years. */
function monthLabel(month: string, locale: Locale, withYear: boolean): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const name = new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(locale === 'sv' ? 'sv-SE' : 'en-GB', { month: 'short', timeZone: 'UTC' }).replace('.', '');
  return withYear ? `${name} ${String(y).slice(2)}` : name;
}

/** The charts of a review, as data (the tab draws the same). */
export function reviewCharts(f: ReviewFigures, locale: Locale): { incidents: BarChart; training: BarChart | null } {
  const used = f.incidents.byCategory.filter((c) => c.n > 0).map((c) => c.category);
  const incidents: BarChart = {
    title: t(locale, 'review.chart.incidents'),
    categories: f.incidents.byMonth.map((m) => monthLabel(m.month, locale, f.from.slice(0, 4) !== f.to.slice(0, 4))),
    series: used.map((c) => ({ name: t(locale, `incident.category.${c}` as MessageKey), values: f.incidents.byMonth.map((m) => m.byCategory[c] ?? 0) })),
    width: 640,
    height: 320,
  };
  if (!incidents.series.length) incidents.series = [{ name: t(locale, 'review.fig.incidents'), values: f.incidents.byMonth.map(() => 0) }];
  const training: BarChart | null = f.training.length
    ? {
        title: t(locale, 'review.chart.training'),
        categories: f.training.map((u) => u.unit),
        series: [
          { name: t(locale, 'review.fig.completed'), values: f.training.map((u) => u.completed) },
          { name: t(locale, 'review.fig.notCompleted'), values: f.training.map((u) => Math.max(0, u.required - u.completed)) },
        ],
        width: 640,
        height: 280,
      }
    : null;
  return { incidents, training };
}

/** The document of a review view. */
export async function buildReviewDocument(view: ReviewView, locale: Locale, charts: ChartRenderer, organisation: string | null): Promise<{ document: DocumentModel; fileName: string }> {
  const L = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const f = view.figures;
  const s = view.sections;
  const none = L('review.doc.notWritten');
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3, key: MessageKey) => blocks.push({ type: 'heading', level, text: L(key) });
  const table = (header: string[], rows: (string | number)[][], widths?: number[]) => blocks.push({ type: 'table', style: 'grid', header, rows: rows.map((r) => r.map(String)), ...(widths ? { widths } : {}) });
  const image = async (chart: BarChart) => {
    const png = await charts.toPng(chart);
    blocks.push({ type: 'image', data: png.data, width: png.width, height: png.height, alt: chart.title });
  };
  const status = L(`review.status.${view.status}` as MessageKey);

  blocks.push({ type: 'heading', level: 1, text: view.title });
  blocks.push({
    type: 'table',
    style: 'fields',
    rows: [
      [L('review.f.period'), `${view.from} – ${view.to}`],
      [L('review.f.status'), status],
      [L('review.f.figuresAt'), `${f.computedAt.slice(0, 10)}${view.figuresFrozen ? ` (${L('review.f.frozen')})` : ` (${L('review.f.live')})`}`],
      [L('review.f.registrationNumber'), view.registrationNumber ?? '–'],
      [L('review.f.decidedAt'), view.decidedAt ?? '–'],
      [L('review.f.keptUntil'), view.keptUntil ?? '–'],
    ],
    widths: [35, 65],
  });

  h(2, 'review.section.summary');
  blocks.push(...paragraphs(s.summary, none));
  h(2, 'review.section.purpose');
  blocks.push(...paragraphs(s.purpose, none));

  // 9.3.2 a
  h(2, 'review.section.previous_actions');
  blocks.push(...paragraphs(s.previous_actions, none));
  blocks.push({ type: 'paragraph', runs: [L('review.doc.actionsCount', { total: f.earlierActions.total, overdue: f.earlierActions.overdue })] });
  if (f.earlierActions.items.length)
    table(
      [L('review.col.action'), L('review.col.owner'), L('review.col.due'), L('review.col.status')],
      f.earlierActions.items.map((a) => [a.title + (a.overdue ? ` (${L('review.doc.overdue')})` : ''), a.owner.name ?? a.owner.id, a.dueAt, L(`tab.improvement.status.${a.status}` as MessageKey)]),
      [46, 22, 14, 18],
    );

  // 9.3.2 b
  h(2, 'review.section.changes');
  h(3, 'review.section.external_changes');
  blocks.push(...paragraphs(s.external_changes, none));
  h(3, 'review.section.internal_changes');
  blocks.push(...paragraphs(s.internal_changes, none));

  // 9.3.2 d
  h(2, 'review.section.performance');
  blocks.push(...paragraphs(s.performance, none));
  h(3, 'review.fig.incidents');
  blocks.push({ type: 'paragraph', runs: [L('review.doc.incidentsTotal', { total: f.incidents.total, from: view.from, to: view.to })] });
  const chartData = reviewCharts(f, locale);
  await image(chartData.incidents);
  table(
    [L('review.col.category'), L('review.col.count'), L('review.col.share')],
    f.incidents.byCategory.map((c) => [L(`incident.category.${c.category}` as MessageKey), c.n, pct(c.n, f.incidents.total)]),
    [60, 20, 20],
  );
  h(3, 'review.fig.reporting');
  table(
    [L('review.col.clock'), L('review.col.onTime'), L('review.col.late'), L('review.col.running')],
    f.reporting.map((r) => [L(`tab.clock.${r.kind}` as MessageKey), r.onTime, r.late, r.running]),
    [52, 16, 16, 16],
  );
  blocks.push({ type: 'paragraph', runs: [L('review.doc.personalData', { total: f.personalData.total, onTime: f.personalData.imyOnTime, late: f.personalData.imyLate, running: f.personalData.imyRunning })] });

  h(3, 'review.fig.classification');
  table([L('review.col.what'), L('review.col.count')], [
    [L('review.fig.assets'), f.classification.total],
    [L('review.fig.classified'), `${f.classification.classified} (${pct(f.classification.classified, f.classification.total)})`],
    [L('review.fig.reviewDue'), f.classification.reviewDue],
    [L('review.fig.unclassified'), f.classification.unclassified],
    [L('review.fig.level4'), f.classification.level4],
  ], [70, 30]);

  h(3, 'review.fig.access');
  table([L('review.col.what'), L('review.col.count')], [
    [L('review.fig.accessRequests'), f.accessRequests.total],
    ...f.accessRequests.byKind.map((k) => [`– ${L(`review.kind.${k.kind}` as MessageKey)}`, k.n]),
    [L('review.fig.leavers'), f.leavers.total],
    [`– ${L('review.fig.leaversOnTime')}`, f.leavers.onTime],
    [`– ${L('review.fig.leaversLate')}`, f.leavers.late],
    [`– ${L('review.fig.leaversOpen')}`, f.leavers.open],
  ], [70, 30]);
  if (f.recertification.length)
    table(
      [L('review.col.campaign'), L('review.col.systems'), L('review.col.grants'), L('review.col.kept'), L('review.col.removed')],
      f.recertification.map((c) => [`${c.campaign} (${c.period})`, `${c.completed}/${c.systems}`, c.grants, c.kept, c.removed]),
      [36, 16, 16, 16, 16],
    );
  else blocks.push({ type: 'paragraph', runs: [{ text: L('review.doc.noCampaigns'), italic: true }], style: 'subtle' });

  h(3, 'review.fig.suppliers');
  table([L('review.col.what'), L('review.col.count')], [
    [L('review.fig.suppliersTotal'), f.suppliers.total],
    [L('review.fig.processingPersonalData'), f.suppliers.processingPersonalData],
    [L('review.fig.dpaCovered'), `${f.suppliers.dpaCovered} (${pct(f.suppliers.dpaCovered, f.suppliers.processingPersonalData)})`],
    [L('review.fig.subSuppliers'), f.suppliers.subSuppliers],
    [L('review.fig.longestChain'), f.suppliers.longestChain],
  ], [70, 30]);
  if (f.suppliers.dpaMissing.length) blocks.push({ type: 'paragraph', runs: [{ text: `${L('review.fig.dpaMissing')}: `, bold: true }, f.suppliers.dpaMissing.join(', ')], style: 'notice' });

  h(3, 'review.fig.training');
  if (chartData.training) await image(chartData.training);
  table(
    [L('review.col.unit'), L('review.col.people'), L('review.col.completed'), L('review.col.share')],
    f.training.map((u) => [u.unit, u.people, `${u.completed}/${u.required}`, pct(u.completed, u.required)]),
    [40, 20, 20, 20],
  );
  blocks.push({ type: 'paragraph', runs: [L('review.doc.ambassadors', { planned: f.ambassadors.planned, held: f.ambassadors.held, cancelled: f.ambassadors.cancelled })] });

  h(3, 'review.fig.audits');
  blocks.push({ type: 'paragraph', runs: [L('review.doc.audits', { total: f.audits.total, completed: f.audits.completed })] });
  table([L('review.col.finding'), L('review.col.count')], f.audits.findings.map((x) => [L(`review.finding.${x.kind}` as MessageKey), x.n]), [70, 30]);

  // 9.3.2 e
  h(2, 'review.section.interested_parties');
  blocks.push(...paragraphs(s.interested_parties, none));

  // 9.3.2 f
  h(2, 'review.section.risks');
  blocks.push(...paragraphs(s.risks, none));
  table([L('review.col.level'), L('review.col.count')], f.risks.byLevel.map((r) => [L(`risk.level.${r.level}` as MessageKey), r.n]), [70, 30]);
  table([L('review.col.treatment'), L('review.col.count')], f.risks.byTreatment.map((r) => [r.treatment === 'undecided' ? L('review.treatment.undecided') : L(`risk.treatment.${r.treatment}` as MessageKey), r.n]), [70, 30]);

  // 9.3.2 g
  h(2, 'review.section.opportunities');
  blocks.push(...paragraphs(s.opportunities, none));

  h(2, 'review.section.proposals');
  if (view.proposals.length) {
    const order = new Map(REVIEW_AREAS.map((a, n) => [a, n]));
    table(
      [L('review.col.area'), L('review.col.proposal'), L('review.col.owner'), L('review.col.due')],
      [...view.proposals].sort((a, b) => order.get(a.area)! - order.get(b.area)!).map((p) => [L(`review.area.${p.area}` as MessageKey), p.description ? `${p.title}\n${p.description}` : p.title, p.owner.name ?? p.owner.id, p.dueAt]),
      [22, 46, 18, 14],
    );
  } else blocks.push(...paragraphs(null, L('review.doc.noProposals')));

  h(2, 'review.section.decision');
  if (view.decision) {
    blocks.push(...paragraphs(view.decision, none));
    blocks.push({
      type: 'table',
      style: 'fields',
      rows: [
        [L('review.f.decidedBy'), view.decidedBy?.name ?? view.decidedBy?.id ?? '–'],
        [L('review.f.decidedAt'), view.decidedAt ?? '–'],
        [L('review.f.registrationNumber'), view.registrationNumber ?? '–'],
      ],
      widths: [35, 65],
    });
  } else blocks.push({ type: 'paragraph', runs: [{ text: L('review.doc.notDecided'), italic: true }], style: 'subtle' });

  const document: DocumentModel = {
    title: view.title,
    subject: L('review.doc.subject'),
    ...(organisation ? { author: organisation } : {}),
    language: locale === 'sv' ? 'sv-SE' : 'en-GB',
    header: { left: organisation ?? L('review.doc.subject'), right: `${view.title} · ${view.from} – ${view.to}` },
    footer: { text: view.registrationNumber ? `${L('review.f.registrationNumber')} ${view.registrationNumber}` : status, pageLabel: { page: L('review.doc.page'), of: L('review.doc.of') } },
    blocks,
  };
  return { document, fileName: `ledningens-genomgang-${view.from}-${view.to}.docx` };
}

/** The document of a stored review, for who may read it. */
export async function reviewDocument(deps: Deps, actor: Actor, id: string, locale: Locale, charts: ChartRenderer): Promise<{ document: DocumentModel; fileName: string }> {
  const view = await getReview(deps, actor, id);
  return buildReviewDocument(view, locale, charts, deps.settings.organisation.name);
}

/** Whoever runs the export command: reads, may do nothing (the view's permissions are all false). */
const EXPORTER = { id: '00000000-0000-4000-8000-000000000000', roles: new Set<never>(), unit: null, person: null } as unknown as Actor;

/**
 * The document of the review of `from`–`to` for the export command, which runs with the app's own
 * credentials: the stored review of that period when there is one (its figures frozen once sent for
 * decision), else an unsaved draft with today's figures and no text yet.
 */
export async function reviewDocumentOfPeriod(deps: Deps, from: string, to: string, locale: Locale, charts: ChartRenderer): Promise<{ document: DocumentModel; fileName: string; stored: { id: string; status: string } | null }> {
  const problem = reviewPeriodProblem(from, to);
  if (problem) throw invalid(problem as MessageKey);
  const stored = await findReviewOfPeriod(deps, from, to);
  let view: ReviewView;
  if (stored) view = await reviewView(deps, EXPORTER, stored);
  else {
    const year = Number(to.slice(0, 4));
    view = {
      id: '',
      etag: '',
      year,
      title: t(locale, 'review.defaultTitle', { year }),
      from,
      to,
      status: 'draft',
      sections: { purpose: t(locale, 'review.purposeText') },
      proposals: [],
      figures: await buildReviewFigures(deps, from, to),
      figuresFrozen: false,
      presentedAt: null,
      presentedBy: null,
      decision: null,
      decidedBy: null,
      decidedAt: null,
      registrationNumber: null,
      keptUntil: null,
      locked: false,
      canEdit: false,
      canPresent: false,
      canReopen: false,
      canDecide: false,
      canRemove: false,
    };
  }
  const out = await buildReviewDocument(view, locale, charts, deps.settings.organisation.name);
  return { ...out, stored: stored ? { id: stored.id, status: stored.data.status } : null };
}
