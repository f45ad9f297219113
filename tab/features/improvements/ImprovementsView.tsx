/**
 * Åtgärder: improvement actions with owner, due date and status, sorted by due date (indexed),
 * filtered by status and source (indexed); overdue ones are marked. ISAM creates and edits an
 * action in the form above the list; the owner of an action changes its status in the row. Saves
 * carry If-Match (a stale row is replaced by the current one) and creates an Idempotency-Key.
 */
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { ApiError, newIdempotencyKey, type ApiClient } from '../../api/client';
import type { ImprovementInput, ImprovementPage, ImprovementRow, ImprovementSource, ImprovementStatus, PersonRef } from '../../../core/api';
import { IMPROVEMENT_SOURCES, IMPROVEMENT_STATUSES } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useCommonApi, useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormErrors } from '../../components/useFormErrors';
import { PagedTable, useCursorPaging, type Column } from '../../components/PagedTable';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';

export const improvementsApi = (api: ApiClient) => ({
  list: (params: { status?: ImprovementStatus; source?: ImprovementSource; ownerId?: string; direction?: 'asc' | 'desc'; pageSize?: number; cursor?: string }) => api.get<ImprovementPage>('/improvements', { ...params }),
  create: (input: ImprovementInput, key: string) => api.post<ImprovementRow>('/improvements', input, { idempotencyKey: key }),
  update: (id: string, etag: string, input: Partial<ImprovementInput>) => api.patch<ImprovementRow>(`/improvements/${encodeURIComponent(id)}`, input, { etag }),
});

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  head: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, alignItems: 'start' },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(16rem, 100%), 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    '& > *': { minWidth: 0 },
  },
  h2: { gridColumn: '1 / -1', margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  full: { gridColumn: '1 / -1' },
  actions: { gridColumn: '1 / -1', display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  title: { fontWeight: tokens.fontWeightSemibold },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

type Notice = { intent: 'success' | 'warning' | 'error'; text: string } | null;

const actionFieldId = (field: string) => `action-${field}`;
const ACTION_LABEL: Record<string, MessageKey> = {
  title: 'tab.improvements.f.title',
  description: 'tab.improvements.f.description',
  ownerId: 'tab.improvements.f.owner',
  dueAt: 'tab.improvements.f.due',
  status: 'tab.improvements.status',
  source: 'tab.improvements.source',
  sourceRef: 'tab.improvements.f.sourceRef',
};

export default function ImprovementsView({ query }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const actions = useMemo(() => improvementsApi(api), [api]);
  const statusParam = query.get('status');
  const status = statusParam && (IMPROVEMENT_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ImprovementStatus) : undefined;
  const sourceParam = query.get('source');
  const source = sourceParam && (IMPROVEMENT_SOURCES as readonly string[]).includes(sourceParam) ? (sourceParam as ImprovementSource) : undefined;
  const direction = query.get('dir') === 'desc' ? 'desc' : 'asc';
  const setQuery = (c: Record<string, string | undefined>) => navigate('/improvements', { status, source, dir: direction === 'asc' ? undefined : 'desc', ...c }, { replace: true });
  const paging = useCursorPaging();
  const { reset } = paging;
  useEffect(() => reset(), [status, source, direction, reset]);
  const page = useAsync(() => actions.list({ status, source, direction, cursor: paging.cursor }), [actions, status, source, direction, paging.cursor]);
  const [editing, setEditing] = useState<ImprovementRow | 'new' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const replaceRow = (r: ImprovementRow) => page.data && page.set({ ...page.data, items: page.data.items.map((x) => (x.id === r.id ? r : x)) });
  const setStatus = async (r: ImprovementRow, next: ImprovementStatus) => {
    try {
      replaceRow(await actions.update(r.id, r.etag, { status: next }));
      setNotice({ intent: 'success', text: t('tab.improvements.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        replaceRow(error.body.current as ImprovementRow);
        setNotice({ intent: 'warning', text: t('tab.improvements.conflict') });
      } else setNotice({ intent: 'error', text: errorText(error, t) });
    }
  };

  const columns: Column<ImprovementRow>[] = [
    {
      key: 'title',
      header: t('tab.improvements.col.title'),
      cell: (r) => (
        <span className={styles.badges}>
          <span className={styles.title}>{r.title}</span>
          {r.canEdit && (
            <Button size="small" appearance="subtle" aria-label={`${t('tab.improvements.edit')}: ${r.title}`} onClick={() => setEditing(r)}>
              {t('tab.improvements.edit')}
            </Button>
          )}
        </span>
      ),
    },
    { key: 'owner', header: t('tab.improvements.col.owner'), width: '11rem', cell: (r) => r.owner.name ?? '–' },
    {
      key: 'due',
      header: t('tab.improvements.col.due'),
      sortField: 'dueAt',
      width: '10rem',
      cell: (r) => (
        <span className={styles.badges}>
          {i18n.date(r.dueAt)}
          {r.overdue && (
            <Badge className={styles.badge} appearance="filled" color="danger">
              {t('tab.improvements.overdue')}
            </Badge>
          )}
        </span>
      ),
    },
    {
      key: 'status',
      header: t('tab.improvements.col.status'),
      width: '11rem',
      cell: (r) =>
        r.canUpdateStatus ? (
          <Select aria-label={t('tab.improvements.statusFor', { title: r.title })} value={r.status} onChange={(_, d) => void setStatus(r, d.value as ImprovementStatus)}>
            {IMPROVEMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tab.improvement.status.${s}`)}
              </option>
            ))}
          </Select>
        ) : (
          t(`tab.improvement.status.${r.status}`)
        ),
    },
    { key: 'source', header: t('tab.improvements.col.source'), width: '11rem', cell: (r) => `${t(`tab.improvement.source.${r.source}`)}${r.sourceRef ? ` (${r.sourceRef})` : ''}` },
  ];

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div>
          <ViewHeading>{t('tab.improvements.title')}</ViewHeading>
          <p className={styles.intro}>{t('tab.improvements.intro')}</p>
        </div>
        {page.data?.canCreate && (
          <Button appearance="primary" onClick={() => setEditing('new')}>
            {t('tab.improvements.create')}
          </Button>
        )}
      </div>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {editing && (
        <ActionForm
          key={editing === 'new' ? 'new' : editing.id}
          action={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(r, created) => {
            setEditing(null);
            setNotice({ intent: 'success', text: t(created ? 'tab.improvements.created' : 'tab.improvements.saved') });
            if (created) page.reload();
            else replaceRow(r);
          }}
          onConflict={(current) => {
            replaceRow(current);
            setEditing(current);
            setNotice({ intent: 'warning', text: t('tab.improvements.conflict') });
          }}
        />
      )}
      <div role="search" aria-label={t('tab.improvements.filters')} className={styles.filters}>
        <Field label={t('tab.improvements.status')}>
          <Select value={status ?? ''} onChange={(_, d) => setQuery({ status: d.value || undefined })}>
            <option value="">{t('tab.improvements.allStatuses')}</option>
            {IMPROVEMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tab.improvement.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.improvements.source')}>
          <Select value={source ?? ''} onChange={(_, d) => setQuery({ source: d.value || undefined })}>
            <option value="">{t('tab.improvements.allSources')}</option>
            {IMPROVEMENT_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`tab.improvement.source.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      <PagedTable
        label={t('tab.improvements.caption')}
        columns={columns}
        rows={page.data?.items}
        rowKey={(r) => r.id}
        loading={page.loading}
        sort={{ field: 'dueAt', direction }}
        onSortChange={(s) => setQuery({ dir: s.direction === 'asc' ? undefined : 'desc' })}
        paging={paging}
        nextCursor={page.data?.cursor}
      />
    </div>
  );
}

function ActionForm(props: { action: ImprovementRow | null; onCancel: () => void; onSaved: (r: ImprovementRow, created: boolean) => void; onConflict: (current: ImprovementRow) => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const common = useCommonApi();
  const actions = useMemo(() => improvementsApi(api), [api]);
  const a = props.action;
  const [title, setTitle] = useState(a?.title ?? '');
  const [description, setDescription] = useState(a?.description ?? '');
  const [owner, setOwner] = useState<PersonRef | null>(a?.owner ?? null);
  const [dueAt, setDueAt] = useState(a?.dueAt ?? '');
  const [status, setStatus] = useState<ImprovementStatus>(a?.status ?? 'open');
  const [source, setSource] = useState<ImprovementSource>(a?.source ?? 'other');
  const [sourceRef, setSourceRef] = useState(a?.sourceRef ?? '');
  const errors = useFormErrors();
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const err = errors.message;
  /** A changed field loses its message at once. */
  const changed = <V,>(field: string, set: (v: V) => void) => (v: V) => {
    set(v);
    errors.clear(field);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAlert(null);
    setBusy(true);
    const input = { title, description: description.trim() || null, ownerId: owner?.id ?? '', dueAt, status, source, sourceRef: sourceRef.trim() || null };
    try {
      const saved = a ? await actions.update(a.id, a.etag, input) : await actions.create(input, key.current);
      props.onSaved(saved, !a);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) props.onConflict(error.body.current as ImprovementRow);
      else {
        if (!errors.fromApi(error)) setAlert(errorText(error, t));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="action-form-title">
      <h2 id="action-form-title" className={styles.h2}>
        {t(a ? 'tab.improvements.editTitle' : 'tab.improvements.newTitle')}
      </h2>
      <div className={styles.full}>
        <ErrorSummary errors={errors.errors} labelOf={(f) => (ACTION_LABEL[f] ? t(ACTION_LABEL[f]) : undefined)} idOf={actionFieldId} message={alert} />
      </div>
      <Field className={styles.full} label={t('tab.improvements.f.title')} required validationMessage={err('title')}>
        <Input id={actionFieldId('title')} value={title} maxLength={255} onChange={(_, d) => changed('title', setTitle)(d.value)} />
      </Field>
      <Field className={styles.full} label={t('tab.improvements.f.description')} validationMessage={err('description')}>
        <Textarea id={actionFieldId('description')} value={description} maxLength={4000} onChange={(_, d) => changed('description', setDescription)(d.value)} />
      </Field>
      <PeoplePicker id={actionFieldId('ownerId')} label={t('tab.improvements.f.owner')} required value={owner} search={common.searchPeople} onChange={changed('ownerId', setOwner)} validationMessage={err('ownerId')} />
      <DateField id={actionFieldId('dueAt')} label={t('tab.improvements.f.due')} required value={dueAt} onChange={changed('dueAt', setDueAt)} validationMessage={err('dueAt')} />
      <Field label={t('tab.improvements.status')} validationMessage={err('status')}>
        <Select value={status} onChange={(_, d) => setStatus(d.value as ImprovementStatus)}>
          {IMPROVEMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tab.improvement.status.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('tab.improvements.source')} validationMessage={err('source')}>
        <Select value={source} onChange={(_, d) => setSource(d.value as ImprovementSource)}>
          {IMPROVEMENT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`tab.improvement.source.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('tab.improvements.f.sourceRef')} validationMessage={err('sourceRef')}>
        <Input value={sourceRef} maxLength={100} onChange={(_, d) => setSourceRef(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {t('tab.improvements.save')}
        </Button>
        <Button onClick={props.onCancel}>{t('tab.improvements.cancel')}</Button>
      </div>
    </form>
  );
}
