/** The PUB-avtal's status and expiry as badges: expired in red, ending within 90 days in amber. */
import { Badge, makeStyles } from '@fluentui/react-components';
import type { DpaStatus } from '../../../core/domain';
import type { DpaExpiry } from '../../../core/api';
import { useI18n } from '../../app/i18n';

const useStyles = makeStyles({ badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', paddingTop: '1px', paddingBottom: '1px' } });

const color = { signed: 'success', draft: 'warning', missing: 'danger', expired: 'danger', via_parent: 'informative', not_required: 'subtle' } as const;

export function DpaBadges({ status, expiresAt, expiry }: { status: DpaStatus; expiresAt: string | null; expiry: DpaExpiry }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <Badge className={styles.badge} appearance={status === 'missing' || status === 'expired' ? 'filled' : 'tint'} color={color[status]}>
        {t(`tab.dpa.${status}`)}
      </Badge>
      {expiry === 'expired' && status !== 'expired' && (
        <Badge className={styles.badge} appearance="filled" color="danger">
          {t('tab.suppliers.expired')}
        </Badge>
      )}
      {expiry === 'soon' && expiresAt && (
        <Badge className={styles.badge} appearance="filled" color="warning">
          {t('tab.suppliers.expiresSoon', { date: i18n.date(expiresAt) })}
        </Badge>
      )}
    </>
  );
}
