/**
 * One incident (`#/incidents/:id`): what was reported, the legal clocks in Stockholm time (due,
 * sent, overdue), the reports to authorities, and the timeline from the audit log. ISAM and the
 * IT security officer triage and mark reports sent here; the server checks it again, and a change
 * made by someone else meanwhile (stale etag) shows the current state instead.
 */
import { Badge, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { ApiError } from '../../api/client';
import type { ClockState, IncidentPageView } from '../../../core/api';
import { takeFlash } from '../../app/flash';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { Fact, Facts } from '../../components/Facts';
import { PagedTable } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { incidentsApi } from './api';
import { MarkSentForm, TriageForm } from './IncidentForms';
import { statusColor } from './status';
import { useIncidentViewStyles } from './useIncidentViewStyles.styles';

const clockColor: Record<ClockState, 'warning' | 'danger' | 'success' | 'severe' | 'subtle'> = {
  running: 'warning',
  overdue: 'danger',
  sent: 'success',
  sent_late: 'severe',
  not_required: 'subtle',
};

const KNOWN_ACTIONS = ['incident.reported', 'incident.triaged', 'incident.report_sent', 'incident.investigated', 'incident.closed', 'incident.reopened'];

type Notice = { intent: 'success' | 'warning' | 'error'; text: string } | null;

export default function IncidentView({ params }: ViewProps) {
  const styles = useIncidentViewStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const id = params.id ?? '';
  const page = useAsync(() => incidents.get(id), [incidents, id]);
  const [notice, setNotice] = useState<Notice>(() => {
    const flash = takeFlash();
    return flash ? { intent: 'success', text: flash } : null;
  });

  /** After a write: the new page, or on 409 the current one with a warning. */
  const applied = (result: IncidentPageView, text: string) => {
    page.set(result);
    setNotice({ intent: 'success', text });
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409 && error.body.current) {
      page.set(error.body.current as IncidentPageView);
      setNotice({ intent: 'warning', text: t('tab.incident.conflict') });
    } else {
      setNotice({ intent: 'error', text: errorText(error, t) });
    }
  };

  if (page.error !== undefined && !page.data) return <ErrorMessage error={page.error} onRetry={page.reload} />;
  if (!page.data) return <Spinner label={t('tab.shell.loading')} />;
  const { incident: v, clocks, timeline, permissions } = page.data;

  const yesNo = (b: boolean | null) => (b === null ? t('tab.incident.notAssessed') : t(b ? 'tab.incident.yes' : 'tab.incident.no'));
  const fact = (label: MessageKey, value: ReactNode) => <Fact label={t(label)}>{value}</Fact>;
  const pd = v.personalData;

  return (
    <div className={styles.root}>
      <BackLink href={href('/incidents')}>{t('tab.incident.back')}</BackLink>
      <ViewHeading>{v.title ? `${v.caseNumber} ${v.title}` : v.caseNumber}</ViewHeading>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}

      <section className={styles.section} aria-labelledby="incident-facts">
        <h2 id="incident-facts" className={styles.h2}>
          {t('tab.incident.facts')}
        </h2>
        <Facts>
          {fact(
            'incident.notice.status',
            <Badge appearance="tint" color={statusColor[v.status]} className={styles.badge}>
              {t(`incident.status.${v.status}`)}
            </Badge>,
          )}
          {fact('incident.notice.category', v.category ? t(`incident.category.${v.category}`) : null)}
          {fact('incident.notice.severity', v.severity ? t(`incident.severity.${v.severity}`) : t('tab.incident.notAssessed'))}
          {fact('incident.notice.significant', t(`incident.significant.${v.significant}`))}
          {v.significanceRationale && fact('incident.notice.rationale', v.significanceRationale)}
          {fact('incident.notice.breach', yesNo(v.personalDataBreach))}
          {pd &&
            fact(
              'incident.notice.personalData',
              [
                t(pd.involved === 'yes' ? 'tab.incident.yes' : pd.involved === 'no' ? 'tab.incident.no' : 'tab.incident.unknown'),
                pd.approxSubjects !== null ? t('incident.notice.subjects', { n: pd.approxSubjects }) : null,
                pd.categories.length ? pd.categories.map((c) => (isDataCategory(c) ? t(`incident.dataCategory.${c}`) : c)).join(', ') : null,
                pd.protectedIdentity ? t('incident.notice.protected') : null,
              ]
                .filter(Boolean)
                .join(' · '),
            )}
          {fact('incident.notice.reporter', v.reporterName)}
          {fact('incident.notice.unit', v.unit)}
          {fact('incident.notice.manager', v.managerName)}
          {fact('incident.notice.asset', v.assetName ?? t('tab.incident.unknown'))}
          {fact('incident.notice.supplier', v.supplierName)}
          {fact('incident.notice.occurred', v.occurredAt ? i18n.dateTime(v.occurredAt) : t('tab.incident.unknown'))}
          {fact('incident.notice.discovered', v.discoveredAt ? i18n.dateTime(v.discoveredAt) : null)}
          {fact('incident.notice.reported', i18n.dateTime(v.reportedAt))}
          {fact('incident.notice.description', v.description ?? t('tab.incident.restricted'))}
          {v.investigation && fact('incident.notice.findings', v.investigation.findings)}
          {v.investigation && fact('incident.notice.actions', v.investigation.actions)}
        </Facts>
      </section>

      <section className={styles.section} aria-labelledby="incident-clocks">
        <h2 id="incident-clocks" className={styles.h2}>
          {t('tab.incident.clocks')}
        </h2>
        {clocks.length === 0 ? (
          <p style={{ margin: 0 }}>{t('tab.incident.noClocks')}</p>
        ) : (
          <PagedTable
            label={t('tab.incident.clocksCaption')}
            rows={clocks}
            rowKey={(c) => `${c.kind}:${c.startedAt}`}
            minTableWidth={720}
            columns={[
              { key: 'clock', header: t('tab.incident.col.clock'), cell: (c) => t(`incident.clock.${c.kind}`) },
              { key: 'due', header: t('tab.incident.col.due'), cell: (c) => i18n.dateTime(c.dueAt) },
              {
                key: 'state',
                header: t('tab.incident.col.state'),
                cell: (c) => (
                  <Badge appearance={c.state === 'overdue' ? 'filled' : 'tint'} color={clockColor[c.state]} className={styles.badge}>
                    {t(`tab.incident.clockState.${c.state}`)}
                  </Badge>
                ),
              },
              {
                key: 'completed',
                header: t('tab.incident.col.completed'),
                cell: (c) => `${c.completedAt ? `${i18n.dateTime(c.completedAt)}${c.completedByName ? `, ${c.completedByName}` : ''}` : '–'}${c.rationale ? ` (${c.rationale})` : ''}`,
              },
              { key: 'reference', header: t('tab.incident.col.reference'), cell: (c) => c.reference ?? '–' },
            ]}
          />
        )}
        {permissions.markSent && <MarkSentForm page={page.data} onDone={(r) => applied(r, t('tab.incident.markedSent'))} onError={failed} />}
      </section>

      {permissions.triage && <TriageForm page={page.data} onDone={(r) => applied(r, t('tab.incident.triaged'))} onError={failed} />}

      <section className={styles.section} aria-labelledby="incident-timeline">
        <h2 id="incident-timeline" className={styles.h2}>
          {t('tab.incident.timeline')}
        </h2>
        {timeline.length === 0 ? (
          <p style={{ margin: 0 }}>{t('tab.incident.timelineEmpty')}</p>
        ) : (
          <ol className={styles.timeline}>
            {timeline.map((e, n) => (
              <li key={n}>
                <time className={styles.when} dateTime={e.at}>
                  {i18n.dateTime(e.at)}
                </time>{' '}
                <strong>{KNOWN_ACTIONS.includes(e.action) ? t(`tab.incident.action.${e.action}` as MessageKey) : e.summary}</strong>
                {' – '}
                {e.actor.name ?? (e.actor.id === 'system' ? t('tab.incident.system') : e.actor.id)}
                {KNOWN_ACTIONS.includes(e.action) && e.action !== 'incident.reported' ? <span className={styles.when}> · {e.summary}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

const DATA_CATEGORY_KEYS = ['identity', 'contact', 'health', 'social', 'economy', 'children', 'offences', 'staff'] as const;
function isDataCategory(c: string): c is (typeof DATA_CATEGORY_KEYS)[number] {
  return (DATA_CATEGORY_KEYS as readonly string[]).includes(c);
}
