/**
 * The small forms of the obligations table, each in a dialog: record a report sent (when it
 * actually went, the authority's reference, the reasons when it is late), correct it (with a
 * reason), decide it is not needed (with a rationale), MCF's request for an intermediate report,
 * and the awareness time. The server checks again; its messages appear at their fields.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { ClockView } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { incidentsApi } from './api';
import { reportName, toUtc, useSubmit, WhenField, whenOf, type SectionProps, type When } from './shared';

export type DialogMode = { mode: 'record' | 'correct' | 'waive'; key: string; clock: ClockView | null } | { mode: 'request' } | { mode: 'awareness' };

export function ObligationDialog({ page, mode, open, onClose, onDone, onError }: SectionProps & { mode: DialogMode; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const i18n = useI18n();
  const { api } = useSession();
  const incidents = useMemo(() => incidentsApi(api), [api]);
  const id = page.incident.id;
  const clock = 'clock' in mode ? mode.clock : null;
  const key = 'key' in mode ? mode.key : '';
  const kind = key.split(':')[0];
  const now = new Date().toISOString();
  const [sent, setSent] = useState<When>(() => whenOf(mode.mode === 'correct' ? (clock?.completedAt ?? now) : now));
  const [due, setDue] = useState<When>({ date: '', time: '' });
  const [aware, setAware] = useState<When>(() => whenOf(page.incident.awareAt));
  const [reference, setReference] = useState(mode.mode === 'correct' ? (clock?.reference ?? '') : '');
  const [lateReason, setLateReason] = useState(mode.mode === 'correct' ? (clock?.lateReason ?? '') : '');
  const [text, setText] = useState('');
  const { busy, run, err, setErrors, errors } = useSubmit();

  const title =
    mode.mode === 'record'
      ? t('incident.reports.recordTitle', { report: reportName(t, key), number: page.incident.caseNumber })
      : mode.mode === 'correct'
        ? t('incident.reports.correctTitle', { report: reportName(t, key), number: page.incident.caseNumber })
        : mode.mode === 'waive'
          ? t('incident.reports.waiveTitle', { report: reportName(t, key), number: page.incident.caseNumber })
          : mode.mode === 'request'
            ? t('incident.reports.requestTitle', { number: page.incident.caseNumber })
            : t('incident.reports.awarenessTitle', { number: page.incident.caseNumber });
  const late = clock !== null && (Date.parse(clock.dueAt) < Date.now() || clock.lateReason !== null);
  const askLateReason = (mode.mode === 'record' || mode.mode === 'correct') && (kind === 'imy_notification' || late);
  const askReference = (mode.mode === 'record' || mode.mode === 'correct') && kind !== 'breach_documentation';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = (field: string, message: string) => setErrors({ [field]: [message] });
    void run(async (idem) => {
      const etag = page.etag;
      // The dialog closes before the page is replaced, so that the page is never left behind a modal.
      const finish = (result: Awaited<ReturnType<typeof incidents.get>>, text: string) => {
        onClose();
        onDone(result, text);
      };
      switch (mode.mode) {
        case 'record': {
          const at = toUtc(sent);
          if (!at) return missing('sentAt', t('incident.reports.invalidTime'));
          finish(await incidents.markSent(id, etag, key, { sentAt: at, reference: reference.trim() || null, lateReason: lateReason.trim() || null }, idem), t('tab.incident.done.record'));
          break;
        }
        case 'correct': {
          const at = toUtc(sent);
          if (!at) return missing('sentAt', t('incident.reports.invalidTime'));
          finish(await incidents.correct(id, etag, key, { sentAt: at, reference: reference.trim() || null, lateReason: lateReason.trim() || null, reason: text }, idem), t('tab.incident.done.correct'));
          break;
        }
        case 'waive':
          finish(await incidents.notRequired(id, etag, key, text, idem), t('tab.incident.done.waive'));
          break;
        case 'request': {
          const requestedAt = toUtc(sent);
          const dueAt = toUtc(due);
          if (!requestedAt) return missing('requestedAt', t('incident.reports.invalidTime'));
          if (!dueAt) return missing('dueAt', t('incident.reports.invalidTime'));
          finish(await incidents.requestIntermediate(id, etag, { requestedAt, dueAt, reference: reference.trim() || null }, idem), t('tab.incident.done.request'));
          break;
        }
        case 'awareness': {
          const awareAt = toUtc(aware);
          if (!awareAt) return missing('awareAt', t('incident.reports.invalidTime'));
          finish(await incidents.awareness(id, etag, { awareAt, reason: text }, idem), t('tab.incident.done.awareness'));
          break;
        }
      }
    }, onError);
  };

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              {mode.mode === 'record' && <p style={{ margin: 0 }}>{t('incident.reports.recordIntro')}</p>}
              {mode.mode === 'waive' && <p style={{ margin: 0 }}>{t('incident.reports.waiveIntro')}</p>}
              {mode.mode === 'awareness' && (
                <p style={{ margin: 0 }}>
                  {t('incident.reports.awarenessIntro', {
                    current: page.incident.awareAt ? i18n.dateTime(page.incident.awareAt) : '–',
                    discovered: page.incident.discoveredAt ? i18n.dateTime(page.incident.discoveredAt) : '–',
                  })}
                </p>
              )}
              {clock && (
                <p style={{ margin: 0 }}>
                  {t('tab.draft.deadline')}: {i18n.dateTime(clock.dueAt)}
                </p>
              )}
              {errors._ && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{errors._.join(' ')}</MessageBarBody>
                </MessageBar>
              )}
              {(mode.mode === 'record' || mode.mode === 'correct') && (
                <WhenField
                  required
                  label={t(kind === 'data_subjects' ? 'incident.reports.informedDate' : kind === 'breach_documentation' ? 'incident.reports.documentedDate' : 'incident.reports.sentDate').replace(/ – .*$/, '')}
                  value={sent}
                  onChange={setSent}
                  error={err('sentAt')}
                />
              )}
              {mode.mode === 'request' && (
                <>
                  <WhenField required label={t('incident.reports.requestedDate').replace(/ – .*$/, '')} value={sent} onChange={setSent} error={err('requestedAt')} />
                  <WhenField required label={t('incident.reports.dueDate').replace(/ – .*$/, '')} value={due} onChange={setDue} error={err('dueAt')} />
                </>
              )}
              {mode.mode === 'awareness' && <WhenField required label={t('incident.reports.awareDate').replace(/ – .*$/, '')} value={aware} onChange={setAware} error={err('awareAt')} />}
              {(askReference || mode.mode === 'request') && (
                <Field label={t(mode.mode === 'request' ? 'incident.reports.requestReference' : kind === 'data_subjects' ? 'incident.reports.howInformed' : 'incident.reports.reference')} validationMessage={err('reference')}>
                  <Input value={reference} maxLength={200} onChange={(_, d) => setReference(d.value)} />
                </Field>
              )}
              {askLateReason && (
                <Field label={t('incident.reports.lateReason')} validationMessage={err('lateReason')}>
                  <Textarea value={lateReason} maxLength={4000} onChange={(_, d) => setLateReason(d.value)} />
                </Field>
              )}
              {(mode.mode === 'correct' || mode.mode === 'waive' || mode.mode === 'awareness') && (
                <Field
                  required
                  label={t(mode.mode === 'waive' ? 'incident.reports.waiveRationale' : mode.mode === 'awareness' ? 'incident.reports.awareReason' : 'incident.reports.correctReason')}
                  validationMessage={err(mode.mode === 'waive' ? 'rationale' : 'reason')}
                >
                  <Textarea value={text} maxLength={mode.mode === 'waive' ? 4000 : 2000} onChange={(_, d) => setText(d.value)} />
                </Field>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t(mode.mode === 'waive' ? 'incident.reports.waiveSave' : 'incident.reports.save')}
              </Button>
              <Button onClick={onClose}>{t('tab.incident.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
