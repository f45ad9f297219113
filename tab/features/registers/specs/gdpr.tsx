/**
 * Dataskydd in the registers: the record of processing (art. 30) kept in the tab — with the
 * screening for an impact assessment and the start of one — and the impact assessments (art. 35)
 * with the DSO's written opinion and prior consultation (art. 36).
 */
import { Badge, Button, Checkbox, Field, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import type { ImpactAssessmentRow, ImpactAssessmentView, ProcessingDetail, ProcessingRow } from '../../../../core/api';
import { DPIA_SORT_FIELDS, PROCESSING_SORT_FIELDS } from '../../../../core/api/choices';
import { DPIA_CRITERIA, DPIA_RISK_LEVELS, DPIA_STATUSES } from '../../../../core/domain/choices';
import { ApiError, newIdempotencyKey } from '../../../api/client';
import { setFlash } from '../../../app/flash';
import { useI18n } from '../../../app/i18n';
import { href, navigate } from '../../../app/router';
import { LinkList } from '../../../components/LinkList';
import { useSession } from '../../../app/session';
import { errorText } from '../../../components/ErrorMessage';
import { registerApi } from '../api';
import { lines, text } from '../form-values';
import { useDetailStyles } from '../styles';
import type { DetailContext, RegisterSpec } from '../spec';
import { archivedBadge, choice, day, list, person, recordLink, recordLinks, rowLink, yesNo } from './common';

const useStyles = makeStyles({
  criteria: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(18rem, 100%), 1fr))', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

/** The screening (EDPB WP248) and the impact assessments of one processing. */
function Screening({ view, replace }: DetailContext<ProcessingDetail>) {
  const d = useDetailStyles();
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const reg = useMemo(() => registerApi<unknown, ProcessingDetail>(api, 'processing'), [api]);
  const [criteria, setCriteria] = useState<string[]>(view.screening?.criteria ?? []);
  const [notes, setNotes] = useState(view.screening?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const key = useRef<string | null>(null);
  const s = view.screening;

  const screen = async () => {
    setBusy(true);
    setMessage(null);
    try {
      key.current ??= newIdempotencyKey();
      const saved = await reg.act(view.id, 'screening', view.etag, { criteria, ...(notes.trim() ? { notes } : {}) }, key.current);
      key.current = null;
      replace(saved);
      setMessage({ intent: 'success', text: t('tab.screening.saved') });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body.current) replace(e.body.current as ProcessingDetail);
      setMessage({ intent: 'error', text: e instanceof ApiError && e.body.issues?.length ? e.body.issues.map((i) => i.message).join(' ') : errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const created = await api.post<ImpactAssessmentView>('/impact-assessments', { processingActivityId: view.id }, { idempotencyKey: newIdempotencyKey() });
      setFlash(t('tab.screening.started', { code: created.code }));
      navigate(`/impact-assessments/${created.id}`);
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e, t) });
      setBusy(false);
    }
  };

  return (
    <section className={d.section} aria-labelledby="processing-screening">
      <h2 id="processing-screening" className={d.h2}>
        {t('tab.screening.title')}
      </h2>
      {s ? (
        <p>
          {t(`tab.screening.outcome.${s.outcome}`)} · {t('tab.screening.by', { name: person(s.screenedBy, t), at: day(i18n, s.screenedAt) })}
        </p>
      ) : (
        <p>{t('tab.screening.none')}</p>
      )}
      {view.dpias.length > 0 && (
        <LinkList items={view.dpias.map((x) => ({ key: x.id, href: href(`/impact-assessments/${x.id}`), text: `${x.code}${x.detail ? ` ${x.detail.title}` : ''} – ${t(`tab.dpia.status.${x.status}`)}` }))} />
      )}
      {view.canScreen && !view.archived && (
        <fieldset className={d.section} style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend>{t('tab.screening.criteria')}</legend>
          <div className={styles.criteria}>
            {DPIA_CRITERIA.map((c) => (
              <Checkbox key={c} label={t(`tab.screening.c.${c}`)} checked={criteria.includes(c)} onChange={(_, e) => { key.current = null; setCriteria((x) => (e.checked ? [...x, c] : x.filter((y) => y !== c))); }} />
            ))}
          </div>
          <Field label={t('tab.screening.notes')} hint={t('tab.screening.notesHint')}>
            <Textarea value={notes} onChange={(_, e) => { key.current = null; setNotes(e.value); }} resize="vertical" />
          </Field>
        </fieldset>
      )}
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        {view.canScreen && !view.archived && (
          <Button onClick={() => void screen()} disabled={busy}>
            {t('tab.screening.save')}
          </Button>
        )}
        {view.canStartImpactAssessment && !view.archived && (
          <Button appearance="primary" onClick={() => void start()} disabled={busy}>
            {t('tab.screening.start')}
          </Button>
        )}
      </div>
    </section>
  );
}

export const processing: RegisterSpec<ProcessingRow, ProcessingDetail> = {
  path: 'processing',
  title: 'tab.processing.title',
  intro: 'tab.processing.intro',
  caption: 'tab.gdpr.caption',
  newLabel: 'tab.processing.new',
  newTitle: 'tab.processing.newTitle',
  editTitle: 'tab.reg.editTitle',
  searchHint: 'tab.gdpr.searchHint',
  filters: [{ name: 'unit', label: 'tab.reg.unit', kind: 'unit' }],
  sort: { fields: PROCESSING_SORT_FIELDS, default: 'code', direction: 'asc' },
  columns: ({ t }) => [
    { key: 'code', header: t('tab.reg.col.code'), sortField: 'code', width: '7rem', hideInList: true, cell: (r) => r.code },
    { key: 'name', header: t('tab.gdpr.col.name'), sortField: 'name', hideInList: true, cell: (r) => rowLink('processing', r.id, r.name) },
    { key: 'unit', header: t('tab.reg.unit'), sortField: 'unit', width: '6rem', cell: (r) => r.unit },
    { key: 'owner', header: t('tab.gdpr.col.owner'), width: '10rem', cell: (r) => person(r.owner, t) },
    { key: 'basis', header: t('tab.gdpr.col.legalBasis'), cell: (r) => r.legalBasis },
    {
      key: 'dpia',
      header: t('tab.gdpr.col.dpia'),
      width: '12rem',
      cell: (r) =>
        r.dpias.length ? r.dpias.map((x) => `${x.code}: ${t(`tab.dpia.status.${x.status}`)}`).join(', ') : r.dpiaRequired ? <Badge color="danger">{t('tab.gdpr.dpiaMissing')}</Badge> : t('tab.gdpr.dpiaNotRequired'),
    },
  ],
  rowId: (r) => r.id,
  rowTitle: (r) => `${r.code} ${r.name}`,
  // The list answer has no create flag: the DSO and ISAM create (docs/security.md 4a); the server checks again.
  canCreate: (_p, me) => me.roles.includes('dso') || me.roles.includes('isam'),
  heading: (v) => `${v.code} ${v.name}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.processing.f.purpose', v.purpose],
      ['tab.processing.f.legalBasis', v.legalBasis],
      ['tab.processing.f.controllerName', v.controllerName],
      ['tab.processing.f.jointController', v.jointController],
      ['tab.processing.f.dpoContact', v.dpoContact],
      ['tab.processing.f.dataSubjectCategories', list(v.dataSubjectCategories)],
      ['tab.processing.f.personalDataCategories', list(v.personalDataCategories)],
      ['tab.processing.f.specialCategories', yesNo(v.specialCategories, t)],
      ['tab.processing.f.recipients', list(v.recipients)],
      ['tab.processing.f.thirdCountryTransfers', v.thirdCountryTransfers.length ? v.thirdCountryTransfers.map((x) => `${x.country}: ${x.safeguard}`).join('\n') : null],
      ['tab.processing.f.retention', v.retention],
      ['tab.processing.f.securityMeasures', v.securityMeasures],
      ['tab.processing.f.assetIds', recordLinks('assets', v.assets)],
      ['tab.processing.f.supplierIds', recordLinks('suppliers', v.suppliers)],
      ['tab.processing.f.incidents', v.incidents.length ? v.incidents.map((x) => x.title).join('\n') : null],
      ['tab.processing.f.ownerId', person(v.owner, t)],
      ['tab.reg.unit', v.unit],
      ['tab.reg.updatedAt', i18n.dateTime(v.updatedAt)],
    ];
  },
  detailExtra: Screening,
  sections: [
    {
      legend: 'tab.processing.s.processing',
      fields: [
        { name: 'name', kind: 'text', label: 'tab.processing.f.name', required: true, full: true },
        { name: 'purpose', kind: 'textarea', label: 'tab.processing.f.purpose', required: true },
        { name: 'legalBasis', kind: 'text', label: 'tab.processing.f.legalBasis', required: true, hint: 'tab.processing.legalBasisHint' },
        { name: 'controllerName', kind: 'text', label: 'tab.processing.f.controllerName', required: true },
        { name: 'jointController', kind: 'text', label: 'tab.processing.f.jointController' },
        { name: 'dpoContact', kind: 'text', label: 'tab.processing.f.dpoContact', hint: 'tab.processing.dpoHint' },
        { name: 'ownerId', kind: 'person', label: 'tab.processing.f.ownerId', required: true },
        { name: 'unit', kind: 'unit', label: 'tab.reg.unit', required: true },
      ],
    },
    {
      legend: 'tab.processing.s.data',
      help: 'tab.reg.linesHelp',
      fields: [
        { name: 'dataSubjectCategories', kind: 'lines', label: 'tab.processing.f.dataSubjectCategories', required: true },
        { name: 'personalDataCategories', kind: 'lines', label: 'tab.processing.f.personalDataCategories', required: true },
        { name: 'specialCategories', kind: 'checkbox', label: 'tab.processing.f.specialCategories' },
        { name: 'recipients', kind: 'lines', label: 'tab.processing.f.recipients' },
        {
          name: 'thirdCountryTransfers',
          kind: 'rows',
          label: 'tab.processing.f.thirdCountryTransfers',
          rowLabel: 'tab.processing.transferRow',
          addLabel: 'tab.processing.addTransfer',
          newRow: () => ({ country: '', safeguard: '' }),
          fields: [
            { name: 'country', kind: 'text', label: 'tab.processing.f.country', required: true },
            { name: 'safeguard', kind: 'text', label: 'tab.processing.f.safeguard', required: true },
          ],
        },
        { name: 'retention', kind: 'textarea', label: 'tab.processing.f.retention', required: true },
        { name: 'securityMeasures', kind: 'textarea', label: 'tab.processing.f.securityMeasures', required: true },
      ],
    },
    {
      legend: 'tab.processing.s.links',
      fields: [
        { name: 'assetIds', kind: 'records', source: 'assets', label: 'tab.processing.f.assetIds' },
        { name: 'supplierIds', kind: 'records', source: 'suppliers', label: 'tab.processing.f.supplierIds' },
      ],
    },
  ],
  toForm: (v, me) => ({
    name: text(v?.name),
    purpose: text(v?.purpose),
    legalBasis: text(v?.legalBasis),
    controllerName: text(v?.controllerName),
    jointController: text(v?.jointController),
    dpoContact: text(v?.dpoContact),
    ownerId: v ? v.owner : { id: me.id, name: me.name },
    unit: v?.unit ?? me.unit ?? '',
    dataSubjectCategories: lines(v?.dataSubjectCategories),
    personalDataCategories: lines(v?.personalDataCategories),
    specialCategories: v?.specialCategories ?? false,
    recipients: lines(v?.recipients),
    thirdCountryTransfers: (v?.thirdCountryTransfers ?? []).map((x) => ({ country: x.country, safeguard: x.safeguard })),
    retention: text(v?.retention),
    securityMeasures: text(v?.securityMeasures),
    assetIds: v?.assets ?? [],
    supplierIds: v?.suppliers ?? [],
  }),
  canEdit: (v) => v.canEdit,
};

export const impactAssessments: RegisterSpec<ImpactAssessmentRow, ImpactAssessmentView> = {
  path: 'impact-assessments',
  title: 'tab.dpias.title',
  intro: 'tab.dpias.intro',
  caption: 'tab.dpias.caption',
  newLabel: 'tab.dpias.title',
  newTitle: 'tab.dpias.title',
  editTitle: 'tab.reg.editTitle',
  noCreate: true,
  filters: [{ name: 'status', label: 'tab.dpia.f.status', kind: 'select', options: DPIA_STATUSES, optionLabel: choice('tab.dpia.status') }],
  sort: { fields: DPIA_SORT_FIELDS, default: 'code', direction: 'asc' },
  columns: ({ t, date }) => [
    { key: 'code', header: t('tab.reg.col.code'), sortField: 'code', width: '7rem', hideInList: true, cell: (r) => r.code },
    { key: 'title', header: t('tab.dpia.f.title'), hideInList: true, cell: (r) => (r.canRead ? rowLink('impact-assessments', r.id, r.title ?? r.code) : t('tab.dpias.restricted')) },
    { key: 'processing', header: t('tab.dpia.f.processing'), cell: (r) => `${r.processing.code} ${r.processing.name}` },
    { key: 'status', header: t('tab.dpia.f.status'), width: '9rem', cell: (r) => <>{t(`tab.dpia.status.${r.status}`)} {archivedBadge(r.archived, t)}</> },
    { key: 'residual', header: t('tab.dpia.f.residualRisk'), width: '8rem', cell: (r) => (r.residualRisk ? t(`tab.dpia.risk.${r.residualRisk}`) : '–') },
    { key: 'prior', header: t('tab.dpia.f.priorConsultation'), width: '9rem', cell: (r) => (r.priorConsultationRequired ? (r.priorConsultationAt ? date(r.priorConsultationAt) : <Badge color="danger">{t('tab.dpia.priorMissing')}</Badge>) : '–') },
    { key: 'review', header: t('tab.dpia.nextReview'), sortField: 'nextReviewAt', width: '8rem', cell: (r) => (r.nextReviewAt ? date(r.nextReviewAt) : '–') },
  ],
  rowId: (r) => r.id,
  rowTitle: (r, t) => `${r.code} ${r.title ?? t('tab.dpias.restricted')}`,
  rowOpens: (r) => r.canRead,
  canCreate: () => false,
  heading: (v) => `${v.code} ${v.title}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.dpia.f.processing', recordLink('processing', v.processing)],
      ['tab.dpia.f.status', t(`tab.dpia.status.${v.status}`)],
      ['tab.dpia.f.criteria', v.criteria.map((c) => t(`tab.screening.c.${c}`)).join('\n')],
      ['tab.dpia.f.description', v.description],
      ['tab.dpia.f.necessity', v.necessity],
      ['tab.dpia.f.risks', v.risks],
      ['tab.dpia.f.measures', v.measures],
      ['tab.dpia.f.riskLevel', v.riskLevel ? t(`tab.dpia.risk.${v.riskLevel}`) : null],
      ['tab.dpia.f.residualRisk', v.residualRisk ? t(`tab.dpia.risk.${v.residualRisk}`) : null],
      ['tab.dpia.opinion', v.dsoOpinion ? `${v.dsoOpinion}\n— ${person(v.dsoOpinionBy, t)}, ${day(i18n, v.dsoConsultedAt)}` : null],
      ['tab.dpia.conclusion', v.conclusion],
      ['tab.dpia.f.priorConsultation', v.priorConsultationRequired ? (v.priorConsultationAt ? `${day(i18n, v.priorConsultationAt)} ${v.priorConsultationRef ?? ''}` : t('tab.dpia.priorMissing')) : t('tab.dpia.priorNotRequired')],
      ['tab.dpia.decided', v.decidedBy ? `${person(v.decidedBy, t)}, ${day(i18n, v.decidedAt)}` : null],
      ['tab.dpia.nextReview', day(i18n, v.nextReviewAt)],
    ];
  },
  sections: [
    {
      legend: 'tab.dpia.s.assessment',
      fields: [
        { name: 'title', kind: 'text', label: 'tab.dpia.f.title', required: true, full: true },
        { name: 'description', kind: 'textarea', label: 'tab.dpia.f.description' },
        { name: 'necessity', kind: 'textarea', label: 'tab.dpia.f.necessity' },
        { name: 'risks', kind: 'textarea', label: 'tab.dpia.f.risks' },
        { name: 'measures', kind: 'textarea', label: 'tab.dpia.f.measures' },
        { name: 'riskLevel', kind: 'select', label: 'tab.dpia.f.riskLevel', options: DPIA_RISK_LEVELS, optionLabel: choice('tab.dpia.risk') },
        { name: 'residualRisk', kind: 'select', label: 'tab.dpia.f.residualRisk', options: DPIA_RISK_LEVELS, optionLabel: choice('tab.dpia.risk') },
      ],
    },
    {
      legend: 'tab.dpia.s.opinion',
      help: 'tab.dpia.opinionHelp',
      fields: [{ name: 'dsoOpinion', kind: 'textarea', label: 'tab.dpia.opinion' }],
    },
    {
      legend: 'tab.dpia.s.decision',
      help: 'tab.dpia.decisionHelp',
      fields: [
        { name: 'status', kind: 'select', label: 'tab.dpia.f.status', required: true, options: DPIA_STATUSES, optionLabel: choice('tab.dpia.status') },
        { name: 'conclusion', kind: 'textarea', label: 'tab.dpia.conclusion' },
        { name: 'priorConsultationAt', kind: 'date', label: 'tab.dpia.f.priorConsultationAt' },
        { name: 'priorConsultationRef', kind: 'text', label: 'tab.dpia.f.priorConsultationRef' },
        { name: 'nextReviewAt', kind: 'date', label: 'tab.dpia.nextReview' },
      ],
    },
  ],
  toForm: (v) => ({
    title: text(v?.title),
    description: text(v?.description),
    necessity: text(v?.necessity),
    risks: text(v?.risks),
    measures: text(v?.measures),
    riskLevel: v?.riskLevel ?? '',
    residualRisk: v?.residualRisk ?? '',
    dsoOpinion: text(v?.dsoOpinion),
    status: v?.status ?? 'draft',
    conclusion: text(v?.conclusion),
    priorConsultationAt: text(v?.priorConsultationAt),
    priorConsultationRef: text(v?.priorConsultationRef),
    nextReviewAt: text(v?.nextReviewAt),
  }),
  canEdit: (v) => v.canEdit || v.canGiveOpinion || v.canDecide,
  fieldEditable: (v, field) => (field === 'dsoOpinion' ? v.canGiveOpinion : field === 'status' ? v.canEdit || v.canDecide : v.canEdit),
};
