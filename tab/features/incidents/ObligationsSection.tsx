/**
 * The incident's deadlines and reports: every obligation with its due time in Stockholm time, its
 * state in words (provisional, running, overdue, sent, sent late with its reasons, not required by
 * the assessment, decided not needed), who recorded it and the authority's reference, and — for
 * whoever may — record sent, the draft, not needed and correct. Closed incidents keep showing what
 * is still open.
 */
import { Badge, Button, Link } from '@fluentui/react-components';
import { useState } from 'react';
import type { ClockState, ClockView } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { href } from '../../app/router';
import { PagedTable } from '../../components/PagedTable';
import { ObligationDialog, type DialogMode } from './ObligationDialog';
import { reportName, type SectionProps } from './shared';
import { useIncidentViewStyles } from './useIncidentViewStyles.styles';

const clockColor: Record<ClockState, 'warning' | 'danger' | 'success' | 'severe' | 'subtle' | 'informative'> = {
  provisional: 'warning',
  running: 'informative',
  overdue: 'danger',
  waiting: 'subtle',
  sent: 'success',
  sent_late: 'severe',
  not_required: 'subtle',
  decided: 'subtle',
};

function recordLabel(key: string): 'tab.incident.record' | 'tab.incident.recordInformed' | 'tab.incident.recordDocumented' {
  const kind = key.split(':')[0];
  return kind === 'data_subjects' ? 'tab.incident.recordInformed' : kind === 'breach_documentation' ? 'tab.incident.recordDocumented' : 'tab.incident.record';
}

export function ObligationsSection(props: SectionProps) {
  const { page } = props;
  const styles = useIncidentViewStyles();
  const i18n = useI18n();
  const { t } = i18n;
  // The dialog stays mounted while it closes (a modal removed while open would leave the page hidden
  // from assistive technology); each opening gets a fresh form.
  const [dialog, setDialogState] = useState<{ mode: DialogMode; open: boolean; n: number } | null>(null);
  const setDialog = (mode: DialogMode) => setDialogState((d) => ({ mode, open: true, n: (d?.n ?? 0) + 1 }));
  const closeDialog = () => setDialogState((d) => (d ? { ...d, open: false } : d));
  const id = page.incident.id;
  const draftHref = (key: string) => href(`/incidents/${id}/reports/${encodeURIComponent(key)}`);
  const situation = page.reportable.filter((k) => k.startsWith('cs_situation_report'));
  const done = (c: ClockView) => {
    if (!c.completedAt) return '–';
    const who = c.completedByName ? `, ${c.completedByName}` : '';
    return `${i18n.dateTime(c.completedAt)}${who}`;
  };

  // Cells are plain functions of a row, not components: no remount on every render.
  // The obligations, and each situation report MCF may ask for (no deadline of its own).
  const rows: { key: string; clock: ClockView | null }[] = [...page.clocks.map((c) => ({ key: c.key, clock: c })), ...situation.map((key) => ({ key, clock: null }))];
  const state = (c: ClockView) => (
    <span className={styles.badges}>
      <Badge appearance={c.state === 'overdue' ? 'filled' : 'tint'} color={clockColor[c.state]} className={styles.badge}>
        {t(`tab.incident.clockState.${c.state}`)}
      </Badge>
      {c.state === 'provisional' && c.overdue && (
        <Badge appearance="filled" color="danger" className={styles.badge}>
          {t('tab.incidents.overdue')}
        </Badge>
      )}
    </span>
  );
  const completed = (c: ClockView) => (
    <span className={styles.cellText}>
      {done(c)}
      {c.rationale ? <span className={styles.when}>{` · ${c.rationale}`}</span> : null}
      {c.lateReason ? <span className={styles.when}>{` · ${t('tab.incident.lateReasonShown', { reason: c.lateReason })}`}</span> : null}
      {c.missingLateReason ? <strong>{` ${t('incident.clock.missingLateReason')}`}</strong> : null}
    </span>
  );
  const actions = (row: { key: string; clock: ClockView | null }) => {
    const c = row.clock;
    if (!c)
      return (
        <span className={styles.actions}>
          <Button size="small" onClick={() => setDialog({ mode: 'record', key: row.key, clock: null })}>
            {t('tab.incident.record')}
          </Button>
          <Link href={draftHref(row.key)}>{t('tab.incident.draft')}</Link>
        </span>
      );
    return (
      <span className={styles.actions}>
        {c.can.record && (
          <Button size="small" appearance="primary" onClick={() => setDialog({ mode: 'record', key: c.key, clock: c })}>
            {t(recordLabel(c.key))}
          </Button>
        )}
        {c.can.draft && (
          <Link href={draftHref(c.key)} aria-label={`${t(c.evidenceId ? 'tab.incident.sentText' : 'tab.incident.draft')}: ${reportName(t, c.key)}`}>
            {t(c.evidenceId ? 'tab.incident.sentText' : 'tab.incident.draft')}
          </Link>
        )}
        {c.can.waive && (
          <Button size="small" appearance="subtle" onClick={() => setDialog({ mode: 'waive', key: c.key, clock: c })}>
            {t('tab.incident.waive')}
          </Button>
        )}
        {c.can.correct && (
          <Button size="small" appearance="subtle" onClick={() => setDialog({ mode: 'correct', key: c.key, clock: c })}>
            {t('tab.incident.correct')}
          </Button>
        )}
      </span>
    );
  };

  return (
    <section className={styles.section} aria-labelledby="incident-clocks">
      <h2 id="incident-clocks" className={styles.h2}>
        {t('tab.incident.clocks')}
      </h2>
      {page.clocks.length === 0 ? (
        <p style={{ margin: 0 }}>{t('tab.incident.noClocks')}</p>
      ) : (
        <PagedTable
          label={t('tab.incident.clocksCaption')}
          rows={rows}
          rowKey={(r) => r.key}
          // Six columns need room: below it each obligation is a card (a phone, a narrow side panel).
          minTableWidth={760}
          columns={[
            { key: 'clock', header: t('tab.incident.col.clock'), primary: true, cell: (r) => (r.clock ? reportName(t, r.key) : t('tab.incident.situation')) },
            { key: 'due', header: t('tab.incident.col.due'), cell: (r) => (r.clock ? i18n.dateTime(r.clock.dueAt) : '–') },
            { key: 'state', header: t('tab.incident.col.state'), cell: (r) => (r.clock ? state(r.clock) : '–') },
            { key: 'completed', header: t('tab.incident.col.completed'), cell: (r) => (r.clock ? completed(r.clock) : '–') },
            { key: 'reference', header: t('tab.incident.col.reference'), cell: (r) => r.clock?.reference ?? r.clock?.requestReference ?? '–' },
            { key: 'actions', header: t('tab.incident.col.actions'), cell: (r) => actions(r) },
          ]}
        />
      )}
      {(page.permissions.requestIntermediate || page.permissions.correctAwareness) && (
        <div className={styles.actions}>
          {page.permissions.requestIntermediate && <Button onClick={() => setDialog({ mode: 'request' })}>{t('tab.incident.requestIntermediate')}</Button>}
          {page.permissions.correctAwareness && <Button onClick={() => setDialog({ mode: 'awareness' })}>{t('tab.incident.correctAwareness')}</Button>}
        </div>
      )}
      {dialog && <ObligationDialog key={dialog.n} {...props} mode={dialog.mode} open={dialog.open} onClose={closeDialog} />}
    </section>
  );
}
