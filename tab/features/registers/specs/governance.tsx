/** Styrdokument: local instructions with owner, version, status, decision and review date. */
import { Badge, Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import type { GoverningDocumentDetail, GoverningDocumentRow } from '../../../../core/api';
import { GOVERNING_DOCUMENT_SORT_FIELDS } from '../../../../core/api/choices';
import { GOVERNING_DOCUMENT_KINDS, GOVERNING_DOCUMENT_STATUSES } from '../../../../core/domain/choices';
import { ApiError, newIdempotencyKey } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { useSession } from '../../../app/session';
import { DateField } from '../../../components/DateField';
import { errorText } from '../../../components/ErrorMessage';
import { registerApi } from '../api';
import { text } from '../form-values';
import { useDetailStyles } from '../styles';
import type { DetailContext, RegisterSpec } from '../spec';
import { archivedBadge, choice, day, inMonths, person, rowLink, urlLink } from './common';

const useStyles = makeStyles({ row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' } });

const reviewColor = { ok: 'success', due_soon: 'warning', overdue: 'danger', repealed: 'informative' } as const;

/** The owner (or ISAM) records that the document was reviewed; the next review defaults to a year on. */
function Review({ view, replace }: DetailContext<GoverningDocumentDetail>) {
  const d = useDetailStyles();
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const reg = useMemo(() => registerApi<unknown, GoverningDocumentDetail>(api, 'governing-documents'), [api]);
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  if (!view.canRecordReview || view.archived) return null;
  const record = async () => {
    setBusy(true);
    setMessage(null);
    try {
      key.current ??= newIdempotencyKey();
      replace(await reg.act(view.id, 'review', view.etag, { reviewAt: view.reviewAt, ...(next ? { nextReviewAt: next } : {}) }, key.current));
      key.current = null;
      setNext('');
      setMessage({ intent: 'success', text: t('tab.doc.reviewed') });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body.current) replace(e.body.current as GoverningDocumentDetail);
      setMessage({ intent: 'error', text: e instanceof ApiError && e.body.issues?.length ? e.body.issues.map((i) => i.message).join(' ') : errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={d.section} aria-labelledby="doc-review">
      <h2 id="doc-review" className={d.h2}>
        {t('tab.doc.review')}
      </h2>
      <div className={styles.row}>
        <DateField id="doc-next-review" label={t('tab.doc.nextReviewAt')} hint={t('tab.doc.nextReviewHint')} value={next} onChange={(v) => { key.current = null; setNext(v); }} />
        <Button onClick={() => void record()} disabled={busy}>
          {t('tab.doc.recordReview')}
        </Button>
      </div>
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

export const governingDocuments: RegisterSpec<GoverningDocumentRow, GoverningDocumentDetail> = {
  path: 'governing-documents',
  title: 'tab.docs.title',
  intro: 'tab.docs.intro',
  caption: 'tab.docs.caption',
  newLabel: 'tab.docs.new',
  newTitle: 'tab.docs.newTitle',
  editTitle: 'tab.reg.editTitle',
  searchHint: 'tab.docs.searchHint',
  noRemove: true,
  filters: [
    { name: 'status', label: 'tab.doc.f.status', kind: 'select', options: GOVERNING_DOCUMENT_STATUSES, optionLabel: choice('tab.doc.status') },
    { name: 'kind', label: 'tab.doc.f.kind', kind: 'select', options: GOVERNING_DOCUMENT_KINDS, optionLabel: choice('tab.doc.kind') },
    { name: 'ownerId', label: 'tab.doc.f.ownerId', kind: 'person' },
  ],
  sort: { fields: GOVERNING_DOCUMENT_SORT_FIELDS, default: 'title', direction: 'asc' },
  columns: ({ t, date }) => [
    { key: 'code', header: t('tab.reg.col.code'), sortField: 'code', width: '6rem', hideInList: true, cell: (r) => r.code ?? '–' },
    { key: 'title', header: t('tab.doc.f.title'), sortField: 'title', hideInList: true, cell: (r) => rowLink('governing-documents', r.id, r.title) },
    { key: 'kind', header: t('tab.doc.f.kind'), width: '7rem', cell: (r) => t(`tab.doc.kind.${r.kind}`) },
    { key: 'version', header: t('tab.doc.f.version'), width: '5rem', cell: (r) => r.version ?? '–' },
    { key: 'status', header: t('tab.doc.f.status'), width: '8rem', cell: (r) => <>{t(`tab.doc.status.${r.status}`)} {archivedBadge(r.archived, t)}</> },
    { key: 'owner', header: t('tab.doc.f.ownerId'), width: '10rem', cell: (r) => person(r.owner, t) },
    {
      key: 'review',
      header: t('tab.doc.f.reviewAt'),
      sortField: 'reviewAt',
      width: '10rem',
      cell: (r) => (
        <>
          {date(r.reviewAt)}{' '}
          {r.reviewState !== 'ok' && (
            <Badge appearance="outline" color={reviewColor[r.reviewState]}>
              {t(`tab.doc.review.${r.reviewState}`)}
            </Badge>
          )}
        </>
      ),
    },
  ],
  rowId: (r) => r.id,
  rowTitle: (r) => `${r.code ? `${r.code} ` : ''}${r.title}`,
  canCreate: (p) => p.canCreate === true,
  heading: (v) => `${v.code ? `${v.code} ` : ''}${v.title}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.doc.f.kind', t(`tab.doc.kind.${v.kind}`)],
      ['tab.doc.f.version', v.version],
      ['tab.doc.f.description', v.description],
      ['tab.doc.f.url', urlLink(v.url)],
      ['tab.doc.f.ownerId', person(v.owner, t)],
      ['tab.doc.f.decidedAt', day(i18n, v.decidedAt)],
      ['tab.doc.f.decidedBy', v.decidedBy],
      ['tab.doc.f.decisionRef', v.decisionRef],
      ['tab.doc.f.reviewAt', `${day(i18n, v.reviewAt)}${v.reviewState !== 'ok' ? ` (${t(`tab.doc.review.${v.reviewState}`)})` : ''}`],
      ['tab.doc.f.status', t(`tab.doc.status.${v.status}`)],
      ['tab.reg.updatedAt', v.updatedAt ? i18n.dateTime(v.updatedAt) : null],
    ];
  },
  detailExtra: Review,
  sections: [
    {
      legend: 'tab.doc.s.document',
      fields: [
        { name: 'title', kind: 'text', label: 'tab.doc.f.title', required: true, full: true },
        { name: 'code', kind: 'text', label: 'tab.doc.f.code', hint: 'tab.doc.codeHint' },
        { name: 'kind', kind: 'select', label: 'tab.doc.f.kind', options: GOVERNING_DOCUMENT_KINDS, optionLabel: choice('tab.doc.kind') },
        { name: 'version', kind: 'text', label: 'tab.doc.f.version' },
        { name: 'url', kind: 'url', label: 'tab.doc.f.url', required: true, full: true },
        { name: 'description', kind: 'textarea', label: 'tab.doc.f.description' },
        { name: 'ownerId', kind: 'person', label: 'tab.doc.f.ownerId', required: true },
        { name: 'status', kind: 'select', label: 'tab.doc.f.status', required: true, options: GOVERNING_DOCUMENT_STATUSES, optionLabel: choice('tab.doc.status') },
      ],
    },
    {
      legend: 'tab.doc.s.decision',
      fields: [
        { name: 'decidedAt', kind: 'date', label: 'tab.doc.f.decidedAt', required: true },
        { name: 'decidedBy', kind: 'text', label: 'tab.doc.f.decidedBy' },
        { name: 'decisionRef', kind: 'text', label: 'tab.doc.f.decisionRef' },
        { name: 'reviewAt', kind: 'date', label: 'tab.doc.f.reviewAt', required: true },
      ],
    },
  ],
  toForm: (v) => ({
    title: text(v?.title),
    code: text(v?.code),
    kind: v?.kind ?? 'instruction',
    version: text(v?.version),
    url: text(v?.url),
    description: text(v?.description),
    ownerId: v?.owner ?? null,
    status: v?.status ?? 'draft',
    decidedAt: text(v?.decidedAt),
    decidedBy: text(v?.decidedBy),
    decisionRef: text(v?.decisionRef),
    reviewAt: v?.reviewAt ?? inMonths(12),
  }),
  canEdit: (v) => v.editableFields.length > 0,
};
