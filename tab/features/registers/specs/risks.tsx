/** Risker: the risk register per asset and process, with the heat map above the list. */
import { Badge } from '@fluentui/react-components';
import type { RiskRow, RiskView } from '../../../../core/api';
import { RISK_SORT_FIELDS } from '../../../../core/api/choices';
import { RISK_LEVELS, RISK_SCALE, RISK_STATUSES, RISK_TREATMENTS } from '../../../../core/domain/choices';
import type { I18n } from '../../../app/i18n';
import { num, text } from '../form-values';
import { RiskHeatMap } from '../RiskHeatMap';
import type { RegisterSpec } from '../spec';
import { archivedBadge, choice, day, inMonths, is, person, recordLink, rowLink } from './common';

const levelColor = { low: 'success', medium: 'warning', high: 'severe', very_high: 'danger' } as const;
export const riskLevel = (level: RiskRow['level'] | null, t: I18n['t']) =>
  level ? (
    <Badge appearance="filled" color={levelColor[level]}>
      {t(`tab.risk.level.${level}`)}
    </Badge>
  ) : (
    '–'
  );

const scale = { options: RISK_SCALE, numeric: true } as const;

export const risks: RegisterSpec<RiskRow, RiskView> = {
  path: 'risks',
  title: 'tab.risks.title',
  intro: 'tab.risks.intro',
  caption: 'tab.risks.caption',
  newLabel: 'tab.risks.new',
  newTitle: 'tab.risks.newTitle',
  editTitle: 'tab.reg.editTitle',
  searchHint: 'tab.risks.searchHint',
  filters: [
    { name: 'level', label: 'tab.risk.f.level', kind: 'select', options: RISK_LEVELS, optionLabel: choice('tab.risk.level') },
    { name: 'status', label: 'tab.risk.f.status', kind: 'select', options: RISK_STATUSES, optionLabel: choice('tab.risk.status') },
    { name: 'treatment', label: 'tab.risk.f.treatment', kind: 'select', options: RISK_TREATMENTS, optionLabel: choice('tab.risk.treatment') },
    { name: 'unit', label: 'tab.reg.unit', kind: 'unit' },
    { name: 'ownerId', label: 'tab.risk.f.owner', kind: 'person' },
  ],
  sort: { fields: RISK_SORT_FIELDS, default: 'code', direction: 'asc' },
  columns: ({ t, date }) => [
    { key: 'code', header: t('tab.reg.col.code'), sortField: 'code', width: '7rem', hideInList: true, cell: (r) => r.code },
    { key: 'title', header: t('tab.risk.f.title'), hideInList: true, cell: (r) => rowLink('risks', r.id, r.title) },
    { key: 'concerns', header: t('tab.risk.col.concerns'), cell: (r) => (r.asset ? `${r.asset.code} ${r.asset.name}` : (r.process ?? '–')) },
    { key: 'level', header: t('tab.risk.f.level'), width: '8rem', cell: (r) => riskLevel(r.level, t) },
    { key: 'treatment', header: t('tab.risk.f.treatment'), width: '8rem', cell: (r) => (r.treatment ? t(`tab.risk.treatment.${r.treatment}`) : t('tab.risk.undecided')) },
    { key: 'status', header: t('tab.risk.f.status'), width: '7rem', cell: (r) => <>{t(`tab.risk.status.${r.status}`)} {archivedBadge(r.archived, t)}</> },
    { key: 'owner', header: t('tab.risk.f.owner'), width: '10rem', cell: (r) => person(r.owner, t) },
    { key: 'reviewAt', header: t('tab.risk.f.reviewAt'), sortField: 'reviewAt', width: '8rem', cell: (r) => (r.reviewDue ? `${date(r.reviewAt)} (${t('tab.reg.due')})` : date(r.reviewAt)) },
  ],
  rowId: (r) => r.id,
  rowTitle: (r) => `${r.code} ${r.title}`,
  canCreate: (p) => p.canCreate === true,
  scopeNote: (p, t) => (p.scope === 'own' ? t('tab.risks.scopeOwn') : null),
  listExtra: RiskHeatMap,
  heading: (v) => `${v.code} ${v.title}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.risk.f.asset', recordLink('assets', v.asset)],
      ['tab.risk.f.process', v.process],
      ['tab.reg.unit', v.unit],
      ['tab.risk.f.threat', v.threat],
      ['tab.risk.f.vulnerability', v.vulnerability],
      ['tab.risk.f.consequence', v.consequence],
      ['tab.risk.f.likelihood', t(`tab.risk.likelihood.${v.likelihood}` as 'tab.risk.likelihood.1')],
      ['tab.risk.f.consequenceLevel', t(`tab.risk.consequence.${v.consequenceLevel}` as 'tab.risk.consequence.1')],
      ['tab.risk.f.level', riskLevel(v.level, t)],
      ['tab.risk.f.treatment', v.treatment ? t(`tab.risk.treatment.${v.treatment}`) : t('tab.risk.undecided')],
      ['tab.risk.f.treatmentRationale', v.treatmentRationale],
      ['tab.risk.f.transferredTo', v.transferredTo],
      ['tab.risk.f.actions', v.actions.length ? v.actions.map((a) => `${a.title} (${a.status}, ${day(i18n, a.dueAt)})`).join('\n') : null],
      ['tab.risk.f.residual', v.residualLevel ? riskLevel(v.residualLevel, t) : null],
      ['tab.risk.f.owner', person(v.owner, t)],
      ['tab.risk.f.reviewAt', day(i18n, v.reviewAt)],
      ['tab.risk.f.status', t(`tab.risk.status.${v.status}`)],
      ['tab.risk.f.decided', v.decidedBy ? `${person(v.decidedBy, t)}, ${day(i18n, v.decidedAt)}` : null],
      ['tab.reg.createdBy', person(v.createdBy, t)],
      ['tab.reg.updatedAt', i18n.dateTime(v.updatedAt)],
    ];
  },
  sections: [
    {
      legend: 'tab.risk.s.what',
      fields: [
        { name: 'title', kind: 'text', label: 'tab.risk.f.title', required: true, full: true },
        { name: 'assetId', kind: 'record', source: 'assets', label: 'tab.risk.f.asset', hint: 'tab.risk.assetOrProcess' },
        { name: 'process', kind: 'text', label: 'tab.risk.f.process', hint: 'tab.risk.assetOrProcess' },
        { name: 'unit', kind: 'unit', label: 'tab.reg.unit', required: true },
        { name: 'ownerId', kind: 'person', label: 'tab.risk.f.owner', required: true },
        { name: 'reviewAt', kind: 'date', label: 'tab.risk.f.reviewAt', required: true },
      ],
    },
    {
      legend: 'tab.risk.s.assessment',
      fields: [
        { name: 'threat', kind: 'textarea', label: 'tab.risk.f.threat', required: true },
        { name: 'vulnerability', kind: 'textarea', label: 'tab.risk.f.vulnerability' },
        { name: 'consequence', kind: 'textarea', label: 'tab.risk.f.consequence', required: true },
        { name: 'likelihood', kind: 'select', label: 'tab.risk.f.likelihood', required: true, ...scale, optionLabel: (v, t) => `${v} – ${t(`tab.risk.likelihood.${v}` as 'tab.risk.likelihood.1')}` },
        { name: 'consequenceLevel', kind: 'select', label: 'tab.risk.f.consequenceLevel', required: true, ...scale, optionLabel: (v, t) => `${v} – ${t(`tab.risk.consequence.${v}` as 'tab.risk.consequence.1')}` },
      ],
    },
    {
      legend: 'tab.risk.s.treatment',
      help: 'tab.risk.treatmentHelp',
      fields: [
        { name: 'treatment', kind: 'select', label: 'tab.risk.f.treatment', options: RISK_TREATMENTS, optionLabel: choice('tab.risk.treatment'), empty: 'tab.risk.undecided' },
        { name: 'treatmentRationale', kind: 'textarea', label: 'tab.risk.f.treatmentRationale', when: is('treatment', 'accept', 'avoid') },
        { name: 'transferredTo', kind: 'text', label: 'tab.risk.f.transferredTo', when: is('treatment', 'transfer') },
        { name: 'residualLikelihood', kind: 'select', label: 'tab.risk.f.residualLikelihood', ...scale, empty: 'tab.risk.notEstimated' },
        { name: 'residualConsequence', kind: 'select', label: 'tab.risk.f.residualConsequence', ...scale, empty: 'tab.risk.notEstimated' },
        { name: 'status', kind: 'select', label: 'tab.risk.f.status', required: true, options: RISK_STATUSES, optionLabel: choice('tab.risk.status') },
      ],
    },
  ],
  toForm: (v, me) => ({
    title: text(v?.title),
    assetId: v?.asset ?? null,
    process: text(v?.process),
    unit: v?.unit ?? me.unit ?? '',
    ownerId: v ? v.owner : { id: me.id, name: me.name },
    reviewAt: v?.reviewAt ?? inMonths(12),
    threat: text(v?.threat),
    vulnerability: text(v?.vulnerability),
    consequence: text(v?.consequence),
    likelihood: num(v?.likelihood),
    consequenceLevel: num(v?.consequenceLevel),
    treatment: v?.treatment ?? '',
    treatmentRationale: text(v?.treatmentRationale),
    transferredTo: text(v?.transferredTo),
    residualLikelihood: num(v?.residualLikelihood),
    residualConsequence: num(v?.residualConsequence),
    status: v?.status ?? 'open',
  }),
  canEdit: (v) => v.canEdit,
};
