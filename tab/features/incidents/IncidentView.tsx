/**
 * One incident (`#/incidents/:id`): what was reported and when the organisation became aware, the
 * deadlines and reports (obligations, drafts, what was sent), the assessment with its history and
 * hints, the facts the reports are drafted from, the investigation and closing, and one timeline of
 * everything that happened, in words. What a person may do is the server's answer (`permissions`,
 * each obligation's `can`); the server checks it again, and a change made by someone else
 * meanwhile (stale etag) shows the current state instead.
 */
import { Badge, Link, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { ApiError } from '../../api/client';
import type { IncidentPageView } from '../../../core/api';
import { takeFlash } from '../../app/flash';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { incidentsApi } from './api';
import { AssessmentSection } from './AssessmentSection';
import { CaseSection, FactsSection } from './CaseSection';
import { ObligationsSection } from './ObligationsSection';
import { reportName } from './shared';
import { statusColor } from './status';
import { useIncidentViewStyles } from './useIncidentViewStyles.styles';

type Notice = { intent: 'success' | 'warning' | 'error'; text: string } | null;

export default function IncidentView({ params }: ViewProps) {
  const styles = useIncidentViewStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const id = params.id ?? '';
  const page = useAsync(() => incidents.get(id), [incidents, id]);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<Notice>(() => {
    const flash = takeFlash();
    return flash ? { intent: 'success', text: flash } : null;
  });

  /** After a write: the new page (forms start again from it), or on 409 the current one with a warning. */
  const applied = (result: IncidentPageView, text: string) => {
    page.set(result);
    setVersion((n) => n + 1);
    setNotice({ intent: 'success', text });
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409 && error.body.current) {
      page.set(error.body.current as IncidentPageView);
      setVersion((n) => n + 1);
      setNotice({ intent: 'warning', text: t('tab.incident.conflict') });
    } else {
      setNotice({ intent: 'error', text: errorText(error, t) });
    }
  };

  if (page.error !== undefined && !page.data) return <ErrorMessage error={page.error} onRetry={page.reload} />;
  if (!page.data) return <Spinner label={t('tab.shell.loading')} />;
  const data = page.data;
  const { incident: v, timeline, permissions } = data;
  const section = { page: data, onDone: applied, onError: failed };

  const yesNo = (b: boolean | null) => (b === null ? t('tab.incident.notAssessed') : t(b ? 'tab.incident.yes' : 'tab.incident.no'));
  const fact = (label: MessageKey, value: ReactNode) => (
    <>
      <dt className={styles.dt}>{t(label)}</dt>
      <dd className={styles.dd}>{value ?? '–'}</dd>
    </>
  );
  const pd = v.personalData;
  const banner =
    v.status === 'closed' && data.openObligations.length
      ? t('incident.notice.openAfterClose', { list: data.openObligations.map((k) => reportName(t, k)).join(', ') })
      : v.undecided && v.status !== 'closed' && v.detailed
        ? t('incident.notice.provisional')
        : null;

  return (
    <div className={styles.root}>
      <p style={{ margin: 0 }}>
        <Link href={href('/incidents')}>{t('tab.incident.back')}</Link>
      </p>
      <ViewHeading>{v.title ? `${v.caseNumber} ${v.title}` : v.caseNumber}</ViewHeading>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {banner && (
        <MessageBar intent="warning">
          <MessageBarBody>{banner}</MessageBarBody>
        </MessageBar>
      )}

      <section className={styles.section} aria-labelledby="incident-facts">
        <h2 id="incident-facts" className={styles.h2}>
          {t('tab.incident.facts')}
        </h2>
        <dl className={styles.dl}>
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
          {v.facts?.cause && fact('incident.triage.cause', t(`incident.cause.${v.facts.cause}`))}
          {fact('incident.notice.reporter', v.reporterName)}
          {fact('incident.notice.unit', v.unit)}
          {fact('incident.notice.manager', v.managerName)}
          {fact('incident.notice.asset', v.assetName ?? t('tab.incident.unknown'))}
          {fact('incident.notice.supplier', v.supplierName)}
          {fact('incident.notice.occurred', v.occurredAt ? i18n.dateTime(v.occurredAt) : t('tab.incident.unknown'))}
          {fact('incident.notice.discovered', v.discoveredAt ? i18n.dateTime(v.discoveredAt) : null)}
          {fact(
            'incident.notice.aware',
            v.awareAt ? (
              <>
                {i18n.dateTime(v.awareAt)}
                <div className={styles.when}>{t('tab.incident.awareHelp')}</div>
              </>
            ) : null,
          )}
          {fact('incident.notice.reported', i18n.dateTime(v.reportedAt))}
          {fact('incident.notice.description', v.description ?? t('tab.incident.restricted'))}
          {v.investigation && fact('incident.notice.findings', v.investigation.findings)}
          {v.investigation && fact('incident.notice.actions', v.investigation.actions)}
        </dl>
      </section>

      <ObligationsSection {...section} />
      {(permissions.triage || permissions.reassess || data.assessments.length > 0) && <AssessmentSection key={`a${version}`} {...section} />}
      {permissions.editFacts && v.detailed && <FactsSection key={`f${version}`} {...section} />}
      <CaseSection key={`c${version}`} {...section} />

      <section className={styles.section} aria-labelledby="incident-timeline">
        <h2 id="incident-timeline" className={styles.h2}>
          {t('tab.incident.timeline')}
        </h2>
        {timeline.length === 0 ? (
          <p style={{ margin: 0 }}>{t('tab.incident.timelineEmpty')}</p>
        ) : (
          <ol className={styles.timeline}>
            {timeline.map((e, n) => (
              <li key={n} data-event={e.event}>
                <time className={styles.when} dateTime={e.at}>
                  {i18n.dateTime(e.at)}
                </time>{' '}
                <span className={e.event === 'deadline' ? styles.missed : undefined}>{e.text}</span>
                {e.actor && <span className={styles.when}> – {e.actor.name ?? (e.actor.id === 'system' ? t('tab.incident.system') : e.actor.id)}</span>}
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
