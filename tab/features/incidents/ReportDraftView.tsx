/**
 * A report's text (`#/incidents/:id/reports/:key`): drafted from the incident in the words the
 * authority's form asks for, edited section by section, copied whole or a section at a time into
 * the authority's e-service, downloaded as a Word document, and saved (If-Match once saved: someone
 * else's save meanwhile shows the latest). The facts still missing are listed first. Once the report
 * is recorded as sent, the page shows the text that was sent, read-only.
 */
import { Button, Link, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { ReportLanguage, ReportSection } from '../../../core/domain';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { ReportDraftView as Draft } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { incidentsApi } from './api';
import { reportName } from './shared';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '60rem' },
  meta: { display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0 },
  dt: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  dd: { margin: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  sectionHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  text: { whiteSpace: 'pre-wrap', margin: 0, fontFamily: tokens.fontFamilyBase },
  area: { '& textarea': { minHeight: '6rem', fontFamily: tokens.fontFamilyBase } },
});

type Notice = { intent: 'success' | 'warning' | 'error'; text: string } | null;

/** Rows enough to show a section without scrolling (about 90 characters a line), at most 24. */
function rowsFor(text: string): number {
  const rows = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 90)), 0);
  return Math.min(24, Math.max(3, rows + 1));
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export default function ReportDraftView({ params }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const id = params.id ?? '';
  const key = params.key ?? '';
  const [request, setRequest] = useState<{ language?: ReportLanguage; fresh?: boolean }>({});
  const draft = useAsync(() => incidents.draft(id, key, request), [incidents, id, key, request]);
  const [sections, setSections] = useState<ReportSection[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [saveKey, setSaveKey] = useState(newIdempotencyKey);

  useEffect(() => {
    if (draft.data) setSections(draft.data.sections);
  }, [draft.data]);

  if (draft.error !== undefined && !draft.data) return <ErrorMessage error={draft.error} onRetry={draft.reload} />;
  if (!draft.data) return <Spinner label={t('tab.shell.loading')} />;
  const d: Draft = draft.data;
  const editable = d.editable && d.state !== 'sent';
  const changed = JSON.stringify(sections) !== JSON.stringify(d.sections);
  const plain = [`${d.title}\n${t('tab.draft.recipient')}: ${d.recipient}`, ...sections.map((s) => `${s.heading}\n${s.text}`)].join('\n\n');

  const save = async () => {
    setBusy(true);
    try {
      const saved = await incidents.saveDraft(id, key, { language: d.language, sections }, d.etag, saveKey);
      draft.set(saved);
      setSaveKey(newIdempotencyKey());
      setNotice({ intent: 'success', text: t('tab.draft.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        draft.set(error.body.current as Draft);
        setNotice({ intent: 'warning', text: t('tab.draft.conflict') });
      } else setNotice({ intent: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    try {
      const file = await incidents.document(id, key, d.state === 'generated' ? { language: d.language, fresh: true } : {});
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName ?? `${d.caseNumber}.docx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t) });
    }
  };
  const copied = async (text: string) => setNotice((await copy(text)) ? { intent: 'success', text: t('tab.draft.copied') } : { intent: 'warning', text: t('tab.draft.copyFailed') });

  const state =
    d.state === 'sent'
      ? t('tab.draft.state.sent', { at: d.sentAt ? i18n.dateTime(d.sentAt) : '–' })
      : d.clock?.outcome === 'sent'
        ? t('tab.draft.state.noEvidence')
        : d.state === 'draft'
          ? t('tab.draft.state.draft', { at: d.updatedAt ? i18n.dateTime(d.updatedAt) : '–', by: d.updatedByName ?? '–' })
          : t('tab.draft.state.generated');

  return (
    <div className={styles.root}>
      <p style={{ margin: 0 }}>
        <Link href={href(`/incidents/${id}`)}>{t('tab.draft.back')}</Link>
      </p>
      <ViewHeading>{`${d.caseNumber}: ${reportName(t, d.key)}`}</ViewHeading>
      <p style={{ margin: 0 }}>{state}</p>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {d.missing.length > 0 && d.state !== 'sent' && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('incident.draft.missing', { list: d.missing.join(', ') })}</MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.meta}>
        <dt className={styles.dt}>{t('tab.draft.recipient')}</dt>
        <dd className={styles.dd}>{d.recipient}</dd>
        {d.clock && (
          <>
            <dt className={styles.dt}>{t('tab.draft.deadline')}</dt>
            <dd className={styles.dd}>{i18n.dateTime(d.clock.dueAt)}</dd>
          </>
        )}
        {d.reference && (
          <>
            <dt className={styles.dt}>{t('tab.incident.col.reference')}</dt>
            <dd className={styles.dd}>{d.reference}</dd>
          </>
        )}
      </dl>
      {d.routedVia && <p style={{ margin: 0 }}>{t('incident.draft.routed', { central: d.routedVia })}</p>}

      <div className={styles.toolbar} role="toolbar" aria-label={d.title}>
        {editable && (
          <Button appearance="primary" disabled={busy || (!changed && d.state === 'draft')} onClick={() => void save()}>
            {t('tab.draft.save')}
          </Button>
        )}
        <Button onClick={() => void copied(plain)}>{t('tab.draft.copy')}</Button>
        <Button onClick={() => void download()}>{t('tab.draft.docx')}</Button>
        {editable && (
          <Button
            appearance="subtle"
            onClick={() => {
              setRequest({ language: d.language, fresh: true });
              setNotice({ intent: 'success', text: t('tab.draft.regenerated') });
            }}
          >
            {t('tab.draft.regenerate')}
          </Button>
        )}
      </div>
      {editable && (
        <RadioGroup layout="horizontal" aria-label={t('tab.draft.language')} value={d.language} onChange={(_, x) => setRequest({ language: x.value as ReportLanguage, fresh: true })}>
          <Radio value="sv" label={t('tab.draft.sv')} />
          <Radio value="en" label={t('tab.draft.en')} />
        </RadioGroup>
      )}

      <h2 className={styles.h2}>{d.title}</h2>
      <div aria-label={t('tab.draft.sections')} role="group" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {sections.map((s, n) => (
          <section key={s.key} className={styles.section} aria-labelledby={`draft-${s.key}`}>
            <div className={styles.sectionHead}>
              <h3 id={`draft-${s.key}`} className={styles.h2}>
                {s.heading}
              </h3>
              <Button size="small" appearance="subtle" onClick={() => void copied(s.text)} aria-label={t('tab.draft.copySection', { heading: s.heading })}>
                {t('tab.draft.copySection', { heading: '' }).trim()}
              </Button>
            </div>
            {editable ? (
              <Textarea
                className={styles.area}
                aria-labelledby={`draft-${s.key}`}
                resize="vertical"
                value={s.text}
                rows={rowsFor(s.text)}
                maxLength={12000}
                onChange={(_, x) => setSections((cur) => cur.map((c, i) => (i === n ? { ...c, text: x.value } : c)))}
              />
            ) : (
              <p className={styles.text}>{s.text}</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
