/**
 * Start a recertification campaign (ISAM and the administrative unit): what a campaign started now
 * would cover (`GET /access/campaigns/start`), a due date within the allowed range, and one
 * Idempotency-Key per start (a double click answers the same campaign). Others see nothing here
 * (and a 403 from the server hides it too).
 */
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { CampaignStarted, CampaignStartView } from '../../../core/api';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { errorText } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '40rem' },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  p: { margin: 0 },
});

export function StartCampaign({ onStarted }: { onStarted: () => void }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, me } = useSession();
  // Asked only by those docs/security.md 4a names (no request the server would refuse); it checks again.
  const may = me.roles.some((r) => r === 'isam' || r === 'admin_unit');
  const start = useAsync(() => (may ? api.get<CampaignStartView>('/access/campaigns/start') : Promise.resolve(null)), [api, may]);
  const [due, setDue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const key = useRef<string | null>(null);
  if (start.error instanceof ApiError && start.error.status === 403) return null;
  if (!start.data) return null;
  const s = start.data;
  const dueAt = due ?? s.suggestedDue;
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      key.current ??= newIdempotencyKey();
      const r = await api.post<CampaignStarted>('/access/campaigns', { dueDate: dueAt }, { idempotencyKey: key.current });
      key.current = null;
      setMessage({ intent: 'success', text: t(r.started ? 'tab.campaign.started' : 'tab.campaign.alreadyRunning', { name: r.campaign.name }) });
      start.reload();
      onStarted();
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof ApiError && e.body.issues?.length ? e.body.issues.map((i) => i.message).join(' ') : errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.root} aria-labelledby="campaign-start">
      <h2 id="campaign-start" className={styles.h2}>
        {t('tab.campaign.title')}
      </h2>
      {s.running ? (
        <p className={styles.p}>{t('tab.campaign.running', { name: s.running.name, due: i18n.date(s.running.dueAt) })}</p>
      ) : (
        <>
          <p className={styles.p}>{t('tab.campaign.covers', { name: s.name, grants: s.grants, assets: s.assets, owners: s.owners })}</p>
          <div className={styles.row}>
            <DateField id="campaign-due" label={t('tab.campaign.due')} value={dueAt} min={s.minDue} max={s.maxDue} onChange={(v) => { key.current = null; setDue(v); }} />
            <Button appearance="primary" onClick={() => void run()} disabled={busy}>
              {t('tab.campaign.start')}
            </Button>
          </div>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
