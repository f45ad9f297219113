/** Internrevision: the audit programme (ISO 27001 9.2), findings and their corrective actions. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { LinkList } from '../../../components/LinkList';
import type { AuditRow, AuditView } from '../../../../core/api';
import { AUDIT_SORT_FIELDS } from '../../../../core/api/choices';
import { AUDIT_STATUSES, FINDING_KINDS } from '../../../../core/domain/choices';
import { useI18n } from '../../../app/i18n';
import { href } from '../../../app/router';
import { lines, text } from '../form-values';
import { useDetailStyles } from '../styles';
import type { DetailContext, RegisterSpec } from '../spec';
import { archivedBadge, choice, day, inMonths, is, list, person, rowLink, urlLink } from './common';

const PLAN_FIELDS = ['title', 'scope', 'clauses', 'units', 'auditorId', 'externalAuditor', 'plannedAt'];

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

function Findings({ view }: DetailContext<AuditView>) {
  const d = useDetailStyles();
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className={d.section} aria-labelledby="audit-findings">
      <h2 id="audit-findings" className={d.h2}>
        {t('tab.audit.findings')}
      </h2>
      {view.findings.length === 0 ? (
        <p>{t('tab.audit.noFindings')}</p>
      ) : (
        <ol className={styles.list}>
          {view.findings.map((f) => (
            <li key={f.id}>
              <strong>
                {f.id} · {t(`tab.audit.kind.${f.kind}`)}
                {f.requirement ? ` · ${f.requirement}` : ''}
              </strong>
              <div>{f.text}</div>
              {f.correctiveAction && (
                <div>
                  {t('tab.audit.f.correctiveAction')}: {f.correctiveAction}
                </div>
              )}
              <div className={styles.meta}>
                {f.actionOwner && `${t('tab.audit.f.actionOwnerId')}: ${person(f.actionOwner, t)}`}
                {f.actionDueAt && ` · ${t('tab.audit.f.actionDueAt')}: ${day(i18n, f.actionDueAt)}`}
              </div>
              {f.improvementAction && (
                <LinkList items={[{ key: f.improvementAction.id, href: href('/improvements'), text: t('tab.audit.improvement', { title: f.improvementAction.title, status: f.improvementAction.status }) }]} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export const audits: RegisterSpec<AuditRow, AuditView> = {
  path: 'audits',
  title: 'tab.audits.title',
  intro: 'tab.audits.intro',
  caption: 'tab.audits.caption',
  newLabel: 'tab.audits.new',
  newTitle: 'tab.audits.newTitle',
  editTitle: 'tab.reg.editTitle',
  searchHint: 'tab.audits.searchHint',
  filters: [
    { name: 'status', label: 'tab.audit.f.status', kind: 'select', options: AUDIT_STATUSES, optionLabel: choice('tab.audit.status') },
    { name: 'year', label: 'tab.audit.f.year', kind: 'year' },
    { name: 'auditorId', label: 'tab.audit.f.auditorId', kind: 'person' },
  ],
  sort: { fields: AUDIT_SORT_FIELDS, default: 'plannedAt', direction: 'desc' },
  columns: ({ t, date }) => [
    { key: 'code', header: t('tab.reg.col.code'), sortField: 'code', width: '7rem', hideInList: true, cell: (r) => r.code },
    { key: 'title', header: t('tab.audit.f.title'), hideInList: true, cell: (r) => rowLink('audits', r.id, r.title) },
    { key: 'status', header: t('tab.audit.f.status'), width: '8rem', cell: (r) => <>{t(`tab.audit.status.${r.status}`)} {archivedBadge(r.archived, t)}</> },
    { key: 'auditor', header: t('tab.audit.f.auditorId'), width: '10rem', cell: (r) => r.externalAuditor ?? person(r.auditor, t) },
    { key: 'units', header: t('tab.audit.f.units'), width: '7rem', cell: (r) => list(r.units) },
    { key: 'plannedAt', header: t('tab.audit.f.plannedAt'), sortField: 'plannedAt', width: '8rem', cell: (r) => date(r.plannedAt) },
    { key: 'performedAt', header: t('tab.audit.f.performedAt'), sortField: 'performedAt', width: '8rem', cell: (r) => (r.performedAt ? date(r.performedAt) : '–') },
    { key: 'findings', header: t('tab.audit.findings'), cell: (r) => t('tab.audit.summary', { nc: r.findings.nonconformities, obs: r.findings.observations, open: r.findings.openActions }) },
  ],
  rowId: (r) => r.id,
  rowTitle: (r) => `${r.code} ${r.title}`,
  canCreate: (p) => p.canCreate === true,
  scopeNote: (p, t) => (p.scope === 'own' ? t('tab.audits.scopeOwn') : null),
  heading: (v) => `${v.code} ${v.title}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.audit.f.scope', v.scope],
      ['tab.audit.f.clauses', list(v.clauses)],
      ['tab.audit.f.units', list(v.units)],
      ['tab.audit.f.auditorId', person(v.auditor, t)],
      ['tab.audit.f.externalAuditor', v.externalAuditor],
      ['tab.audit.f.plannedAt', day(i18n, v.plannedAt)],
      ['tab.audit.f.performedAt', day(i18n, v.performedAt)],
      ['tab.audit.f.status', t(`tab.audit.status.${v.status}`)],
      ['tab.audit.f.conclusion', v.conclusion],
      ['tab.audit.f.reportUrl', urlLink(v.reportUrl)],
      ['tab.audit.findings', t('tab.audit.summary', { nc: v.summary.nonconformities, obs: v.summary.observations, open: v.summary.openActions })],
      ['tab.reg.createdBy', person(v.createdBy, t)],
      ['tab.reg.updatedAt', i18n.dateTime(v.updatedAt)],
    ];
  },
  detailExtra: Findings,
  sections: [
    {
      legend: 'tab.audit.s.plan',
      fields: [
        { name: 'title', kind: 'text', label: 'tab.audit.f.title', required: true, full: true },
        { name: 'scope', kind: 'textarea', label: 'tab.audit.f.scope', required: true },
        { name: 'clauses', kind: 'lines', label: 'tab.audit.f.clauses', hint: 'tab.audit.clausesHint' },
        { name: 'units', kind: 'lines', label: 'tab.audit.f.units', hint: 'tab.audit.unitsHint' },
        { name: 'auditorId', kind: 'person', label: 'tab.audit.f.auditorId', required: true, hint: 'tab.audit.auditorHint' },
        { name: 'externalAuditor', kind: 'text', label: 'tab.audit.f.externalAuditor' },
        { name: 'plannedAt', kind: 'date', label: 'tab.audit.f.plannedAt', required: true },
      ],
    },
    {
      legend: 'tab.audit.s.result',
      fields: [
        { name: 'status', kind: 'select', label: 'tab.audit.f.status', required: true, options: AUDIT_STATUSES, optionLabel: choice('tab.audit.status') },
        { name: 'performedAt', kind: 'date', label: 'tab.audit.f.performedAt' },
        { name: 'conclusion', kind: 'textarea', label: 'tab.audit.f.conclusion' },
        { name: 'reportUrl', kind: 'url', label: 'tab.audit.f.reportUrl', full: true },
      ],
    },
    {
      legend: 'tab.audit.findings',
      help: 'tab.audit.findingsHelp',
      fields: [
        {
          name: 'findings',
          kind: 'rows',
          label: 'tab.audit.findings',
          rowLabel: 'tab.audit.findingRow',
          addLabel: 'tab.audit.addFinding',
          newRow: () => ({ kind: 'nonconformity', requirement: '', text: '', correctiveAction: '', actionOwnerId: null, actionDueAt: '' }),
          fields: [
            { name: 'kind', kind: 'select', label: 'tab.audit.f.kind', required: true, options: FINDING_KINDS, optionLabel: choice('tab.audit.kind') },
            { name: 'requirement', kind: 'text', label: 'tab.audit.f.requirement' },
            { name: 'text', kind: 'textarea', label: 'tab.audit.f.text', required: true },
            { name: 'correctiveAction', kind: 'textarea', label: 'tab.audit.f.correctiveAction', when: is('kind', 'nonconformity') },
            { name: 'actionOwnerId', kind: 'person', label: 'tab.audit.f.actionOwnerId', when: is('kind', 'nonconformity') },
            { name: 'actionDueAt', kind: 'date', label: 'tab.audit.f.actionDueAt', when: is('kind', 'nonconformity') },
          ],
        },
      ],
    },
  ],
  toForm: (v) => ({
    title: text(v?.title),
    scope: text(v?.scope),
    clauses: lines(v?.clauses),
    units: lines(v?.units),
    auditorId: v?.auditor ?? null,
    externalAuditor: text(v?.externalAuditor),
    plannedAt: v?.plannedAt ?? inMonths(1),
    status: v?.status ?? 'planned',
    performedAt: text(v?.performedAt),
    conclusion: text(v?.conclusion),
    reportUrl: text(v?.reportUrl),
    findings: (v?.findings ?? []).map((f) => ({
      id: f.id,
      kind: f.kind,
      requirement: text(f.requirement),
      text: f.text,
      correctiveAction: text(f.correctiveAction),
      actionOwnerId: f.actionOwner,
      actionDueAt: text(f.actionDueAt),
    })),
  }),
  canEdit: (v) => v.canEdit || v.canPlan,
  fieldEditable: (v, field) => (PLAN_FIELDS.includes(field) ? v.canPlan : v.canEdit),
};
