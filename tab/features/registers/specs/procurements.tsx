/** Anskaffningar: each procurement with its assets, its derived requirements and its checklist. */
import { Button, Checkbox, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ProcurementRow, ProcurementView } from '../../../../core/api';
import { PROCUREMENT_SORT_FIELDS } from '../../../../core/api/choices';
import { PROCUREMENT_STATUSES } from '../../../../core/domain/choices';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { useSession } from '../../../app/session';
import { errorText } from '../../../components/ErrorMessage';
import { registerApi } from '../api';
import { text } from '../form-values';
import { useDetailStyles } from '../styles';
import type { DetailContext, RegisterSpec } from '../spec';
import { archivedBadge, choice, day, person, recordLink, recordLinks, rowLink } from './common';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  point: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalM, alignItems: 'center', '@media (max-width: 47.99em)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
});

/** The checklist: every derived requirement, done or with a note on the deviation; saved with If-Match. */
function Checklist({ view, replace }: DetailContext<ProcurementView>) {
  const d = useDetailStyles();
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { api } = useSession();
  const reg = useMemo(() => registerApi<unknown, ProcurementView>(api, 'procurements'), [api]);
  const [points, setPoints] = useState(() => Object.fromEntries(view.requirements.map((r) => [r.key, { done: r.done, note: r.note ?? '' }])));
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = view.canEdit && !view.archived;
  const save = async () => {
    const changed = view.requirements
      .filter((r) => points[r.key] && (points[r.key]!.done !== r.done || (points[r.key]!.note.trim() || null) !== r.note))
      .map((r) => ({ key: r.key, done: points[r.key]!.done, note: points[r.key]!.note.trim() || null }));
    if (changed.length === 0) return setMessage({ intent: 'warning', text: t('tab.reg.unchanged') });
    setBusy(true);
    setMessage(null);
    try {
      replace(await reg.update(view.id, view.etag, { checklist: changed }));
      setMessage({ intent: 'success', text: t('tab.reg.saved') });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body.current) {
        const current = e.body.current as ProcurementView;
        replace(current);
        setPoints(Object.fromEntries(current.requirements.map((r) => [r.key, { done: r.done, note: r.note ?? '' }])));
      }
      setMessage({ intent: 'error', text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={d.section} aria-labelledby="procurement-checklist">
      <h2 id="procurement-checklist" className={d.h2}>
        {t('tab.procurement.checklist', { met: view.progress.met, required: view.progress.required })}
      </h2>
      {view.unclassifiedAssets.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('tab.procurement.unclassified', { assets: view.unclassifiedAssets.map((a) => a.code).join(', ') })}</MessageBarBody>
        </MessageBar>
      )}
      {view.securityProtection && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('tab.procurement.securityProtection')}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list}>
        {view.requirements.map((r) => {
          const label = locale === 'en' ? r.en : r.sv;
          const p = points[r.key] ?? { done: r.done, note: r.note ?? '' };
          return (
            <li key={r.key} className={styles.point}>
              <Checkbox label={label} checked={p.done} disabled={!editable} onChange={(_, e) => setPoints((x) => ({ ...x, [r.key]: { ...p, done: e.checked === true } }))} />
              <Input aria-label={t('tab.procurement.note', { point: label })} placeholder={t('tab.procurement.notePlaceholder')} value={p.note} disabled={!editable} onChange={(_, e) => setPoints((x) => ({ ...x, [r.key]: { ...p, note: e.value } }))} />
            </li>
          );
        })}
      </ul>
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {editable && (
        <div>
          <Button onClick={() => void save()} disabled={busy}>
            {t('tab.procurement.saveChecklist')}
          </Button>
        </div>
      )}
    </section>
  );
}

export const procurements: RegisterSpec<ProcurementRow, ProcurementView> = {
  path: 'procurements',
  title: 'tab.procurements.title',
  intro: 'tab.procurements.intro',
  caption: 'tab.procurements.caption',
  newLabel: 'tab.procurements.new',
  newTitle: 'tab.procurements.newTitle',
  editTitle: 'tab.reg.editTitle',
  searchHint: 'tab.procurements.searchHint',
  filters: [
    { name: 'status', label: 'tab.procurement.f.status', kind: 'select', options: PROCUREMENT_STATUSES, optionLabel: choice('tab.procurement.status') },
    { name: 'unit', label: 'tab.reg.unit', kind: 'unit' },
    { name: 'ownerId', label: 'tab.procurement.f.ownerId', kind: 'person' },
  ],
  sort: { fields: PROCUREMENT_SORT_FIELDS, default: 'updatedAt', direction: 'desc' },
  columns: ({ t, date }) => [
    { key: 'code', header: t('tab.reg.col.code'), sortField: 'code', width: '7rem', hideInList: true, cell: (r) => r.code },
    { key: 'title', header: t('tab.procurement.f.title'), hideInList: true, cell: (r) => rowLink('procurements', r.id, r.title) },
    { key: 'status', header: t('tab.procurement.f.status'), width: '8rem', cell: (r) => <>{t(`tab.procurement.status.${r.status}`)} {archivedBadge(r.archived, t)}</> },
    { key: 'unit', header: t('tab.reg.unit'), width: '6rem', cell: (r) => r.unit },
    { key: 'owner', header: t('tab.procurement.f.ownerId'), width: '10rem', cell: (r) => person(r.owner, t) },
    { key: 'supplier', header: t('tab.procurement.f.supplierId'), cell: (r) => (r.supplier ? r.supplier.name : '–') },
    { key: 'progress', header: t('tab.procurement.progress'), width: '7rem', cell: (r) => `${r.progress.met}/${r.progress.required}` },
    { key: 'planned', header: t('tab.procurement.f.plannedContractAt'), sortField: 'plannedContractAt', width: '8rem', cell: (r) => (r.plannedContractAt ? date(r.plannedContractAt) : '–') },
  ],
  rowId: (r) => r.id,
  rowTitle: (r) => `${r.code} ${r.title}`,
  canCreate: (p) => p.canCreate === true,
  heading: (v) => `${v.code} ${v.title}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.procurement.f.description', v.description],
      ['tab.procurement.f.status', t(`tab.procurement.status.${v.status}`)],
      ['tab.reg.unit', v.unit],
      ['tab.procurement.f.ownerId', person(v.owner, t)],
      ['tab.procurement.f.supplierId', recordLink('suppliers', v.supplier)],
      ['tab.procurement.f.assetIds', recordLinks('assets', v.assets)],
      ['tab.procurement.levels', Object.entries(v.levels).map(([a, l]) => `${t(`tab.procurement.aspect.${a}` as 'tab.procurement.aspect.confidentiality')} ${l ?? '–'}`).join(' · ')],
      ['tab.procurement.dpias', v.impactAssessments.length ? recordLinks('impact-assessments', v.impactAssessments.map((x) => ({ id: x.id, code: x.code, name: x.title }))) : null],
      ['tab.procurement.f.plannedContractAt', day(i18n, v.plannedContractAt)],
      ['tab.procurement.f.contractedAt', day(i18n, v.contractedAt)],
      ['tab.reg.createdBy', person(v.createdBy, t)],
      ['tab.reg.updatedAt', i18n.dateTime(v.updatedAt)],
    ];
  },
  detailExtra: Checklist,
  sections: [
    {
      legend: 'tab.procurement.s.procurement',
      fields: [
        { name: 'title', kind: 'text', label: 'tab.procurement.f.title', required: true, full: true },
        { name: 'description', kind: 'textarea', label: 'tab.procurement.f.description' },
        { name: 'unit', kind: 'unit', label: 'tab.reg.unit', required: true },
        { name: 'ownerId', kind: 'person', label: 'tab.procurement.f.ownerId', required: true },
        { name: 'status', kind: 'select', label: 'tab.procurement.f.status', required: true, options: PROCUREMENT_STATUSES, optionLabel: choice('tab.procurement.status') },
        { name: 'supplierId', kind: 'record', source: 'suppliers', label: 'tab.procurement.f.supplierId' },
        { name: 'assetIds', kind: 'records', source: 'assets', label: 'tab.procurement.f.assetIds', required: true, hint: 'tab.procurement.assetsHint' },
        { name: 'plannedContractAt', kind: 'date', label: 'tab.procurement.f.plannedContractAt' },
        { name: 'contractedAt', kind: 'date', label: 'tab.procurement.f.contractedAt' },
      ],
    },
  ],
  toForm: (v, me) => ({
    title: text(v?.title),
    description: text(v?.description),
    unit: v?.unit ?? me.unit ?? '',
    ownerId: v ? v.owner : { id: me.id, name: me.name },
    status: v?.status ?? 'planning',
    supplierId: v?.supplier ?? null,
    assetIds: v?.assets ?? [],
    plannedContractAt: text(v?.plannedContractAt),
    contractedAt: text(v?.contractedAt),
  }),
  canEdit: (v) => v.canEdit,
};
