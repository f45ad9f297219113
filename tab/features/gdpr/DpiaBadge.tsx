/** An impact assessment's status (and risk level, for those who may read it) as a badge. */
import { Badge, makeStyles } from '@fluentui/react-components';
import type { DpiaSummary } from '../../../core/api';
import { useI18n } from '../../app/i18n';

const useStyles = makeStyles({ badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', paddingTop: '1px', paddingBottom: '1px' } });
const color = { draft: 'warning', in_review: 'informative', completed: 'success' } as const;

export function DpiaBadge({ dpia }: { dpia: DpiaSummary }) {
  const styles = useStyles();
  const { t } = useI18n();
  const risk = dpia.detail?.riskLevel;
  return (
    <Badge className={styles.badge} appearance="tint" color={risk === 'high' ? 'danger' : color[dpia.status]}>
      {dpia.code}: {t(`tab.dpia.status.${dpia.status}`)}
      {risk ? `, ${t(`tab.dpia.risk.${risk}`)}` : ''}
    </Badge>
  );
}
