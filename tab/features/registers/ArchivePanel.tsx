/**
 * A record's archive state and the actions on it the server allows: archive with a reason
 * (`canArchive`; the record becomes read-only and leaves the default list), and remove once its
 * retention has ended (`archive.canRemove`). Both send the etag read (If-Match); archiving also an
 * Idempotency-Key per confirmation.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { errorText } from '../../components/ErrorMessage';
import type { ArchiveWords, RecordBase } from './spec';

export function archiveState(view: RecordBase, i18n: ReturnType<typeof useI18n>): string {
  const { t, date, dateTime } = i18n;
  const a = view.archive;
  if (!a.archived) return a.years === null ? t('tab.reg.inUseForGood') : t('tab.reg.inUse', { years: a.years });
  const at = a.archivedAt ? dateTime(a.archivedAt) : '–';
  if (a.years === null) return t('tab.reg.archivedForGood', { at });
  return a.removableFrom ? t('tab.reg.archivedUntil', { at, from: date(a.removableFrom) }) : t('tab.reg.archivedAt', { at });
}

export function ArchiveActions(props: {
  view: RecordBase;
  title: string;
  noRemove?: boolean | undefined;
  canArchive: boolean;
  words?: ArchiveWords | undefined;
  archive: (reason: string | null, idempotencyKey: string) => Promise<unknown>;
  remove: () => Promise<unknown>;
  onDone: (what: 'archived' | 'removed') => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'archive' | 'remove' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const words: ArchiveWords = props.words ?? { action: 'tab.reg.archive', title: 'tab.reg.archiveTitle', help: 'tab.reg.archiveHelp', done: 'tab.reg.archivedDone' };
  const canArchive = props.canArchive && !props.view.archive.archived;
  const canRemove = !props.noRemove && props.view.archive.canRemove;
  if (!canArchive && !canRemove) return null;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (open === 'archive') {
        key.current ??= newIdempotencyKey();
        await props.archive(reason.trim() || null, key.current);
        props.onDone('archived');
      } else {
        await props.remove();
        props.onDone('removed');
      }
      setOpen(null);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {canArchive && <Button onClick={() => { key.current = null; setError(null); setOpen('archive'); }}>{t(words.action)}</Button>}
      {canRemove && <Button onClick={() => { setError(null); setOpen('remove'); }}>{t('tab.reg.remove')}</Button>}
      <Dialog open={open !== null} onOpenChange={(_, d) => !d.open && setOpen(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{open === 'archive' ? t(words.title, { title: props.title }) : t('tab.reg.removeTitle', { title: props.title })}</DialogTitle>
            <DialogContent>
              {open === 'archive' ? (
                <>
                  <p>{t(words.help)}</p>
                  <Field label={t('tab.reg.archiveReason')}>
                    <Textarea value={reason} onChange={(_, d) => { key.current = null; setReason(d.value); }} resize="vertical" />
                  </Field>
                </>
              ) : (
                <p>{t('tab.reg.removeHelp')}</p>
              )}
              {error && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void run()}>
                {open === 'archive' ? t(words.action) : t('tab.reg.removeConfirm')}
              </Button>
              <Button onClick={() => setOpen(null)}>{t('tab.reg.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
