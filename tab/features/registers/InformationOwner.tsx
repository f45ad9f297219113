/**
 * Make someone the information owner (and delegate) of an asset: ISAM, the classification lead and
 * the administrative unit (`POST /roles/information-owners`; the server refuses others, in words).
 * One Idempotency-Key per submission.
 */
import { Button, MessageBar, MessageBarBody, makeStyles, mergeClasses } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { InformationOwnerAnswer, PersonRef, RecordRef } from '../../../core/api';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { useCommonApi, useSession } from '../../app/session';
import { errorText } from '../../components/ErrorMessage';
import { PeoplePicker } from '../../components/PeoplePicker';
import { useFieldStyles } from './FormFields';
import { errorsByPath } from './form-values';
import { RecordPicker } from './RecordPicker';

const useStyles = makeStyles({ root: { alignItems: 'end', maxWidth: '64rem' } });

export function InformationOwner() {
  const styles = useStyles();
  const fieldStyles = useFieldStyles();
  const { t } = useI18n();
  const { api, me } = useSession();
  const common = useCommonApi();
  const [asset, setAsset] = useState<RecordRef | null>(null);
  const [owner, setOwner] = useState<PersonRef | null>(null);
  const [delegate, setDelegate] = useState<PersonRef | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  // Offered to those who may do it (docs/security.md 4a); the server checks again and says why not.
  if (!me.roles.some((r) => r === 'isam' || r === 'classification_lead' || r === 'admin_unit')) return null;
  const changed = () => {
    key.current = null;
    setErrors({});
  };
  const save = async () => {
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      key.current ??= newIdempotencyKey();
      const a = await api.post<InformationOwnerAnswer>('/roles/information-owners', { assetId: asset?.id ?? '', ownerId: owner?.id ?? '', delegateId: delegate?.id ?? null }, { idempotencyKey: key.current });
      key.current = null;
      setMessage({ intent: 'success', text: t(a.changed ? 'tab.owner.saved' : 'tab.owner.unchanged', { asset: `${a.asset.code} ${a.asset.name}`, owner: a.owner.name ?? '–' }) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.body.issues?.length) setErrors(errorsByPath(e.body.issues));
      else setMessage({ intent: 'error', text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };
  const err = (f: string) => errors[f]?.join(' ');
  return (
    <fieldset className={mergeClasses(fieldStyles.fieldset, styles.root)}>
      <legend className={fieldStyles.legend}>{t('tab.owner.title')}</legend>
      <RecordPicker id="owner-asset" label={t('tab.owner.asset')} source="assets" required value={asset} onChange={(v) => { changed(); setAsset(v as RecordRef | null); }} validationMessage={err('assetId')} />
      <PeoplePicker id="owner-owner" label={t('tab.owner.owner')} required value={owner} search={common.searchPeople} onChange={(p) => { changed(); setOwner(p); }} {...(err('ownerId') ? { validationMessage: err('ownerId')! } : {})} />
      <PeoplePicker id="owner-delegate" label={t('tab.owner.delegate')} value={delegate} search={common.searchPeople} onChange={(p) => { changed(); setDelegate(p); }} {...(err('delegateId') ? { validationMessage: err('delegateId')! } : {})} />
      <div>
        <Button onClick={() => void save()} disabled={busy}>
          {t('tab.owner.save')}
        </Button>
      </div>
      {message && (
        <MessageBar className={fieldStyles.full} intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </fieldset>
  );
}
