/**
 * The heat map of open risks: the 4×4 matrix as the server draws it (`GET /risks/matrix`: the level
 * of each cell), with the number of open risks in each cell now or after treatment (`GET
 * /risks/heatmap`, for the list's unit). A table with row and column headers, so a screen reader
 * says "likelihood 3, consequence 4: 2 risks, high"; the level is written in each cell, not only
 * coloured.
 */
import { Switch, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { HeatMap, RiskMatrix } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '40rem' },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  scroll: { overflowX: 'auto' },
  table: { borderCollapse: 'separate', borderSpacing: '3px', width: '100%', tableLayout: 'fixed' },
  th: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, padding: tokens.spacingHorizontalXS, textAlign: 'center', overflowWrap: 'anywhere' },
  rowHead: { textAlign: 'end', width: '7.5rem' },
  cell: {
    textAlign: 'center',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
  },
  count: { display: 'block', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightBold, lineHeight: tokens.lineHeightBase500 },
  level: { display: 'block', fontSize: tokens.fontSizeBase100 },
  low: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  medium: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  high: { backgroundColor: tokens.colorPaletteDarkOrangeBackground2 },
  very_high: { backgroundColor: tokens.colorPaletteRedBackground2 },
  empty: { fontWeight: tokens.fontWeightRegular },
  meta: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function RiskHeatMap({ query }: { query: URLSearchParams }) {
  const styles = useStyles();
  const { t, dateTime, number } = useI18n();
  const { api } = useSession();
  const unit = query.get('unit') ?? '';
  const [residual, setResidual] = useState(false);
  const matrix = useAsync(() => api.get<RiskMatrix>('/risks/matrix'), [api]);
  const heat = useAsync(() => api.get<HeatMap>('/risks/heatmap', { unit: unit || undefined }), [api, unit]);
  const counts = useMemo(() => new Map((heat.data?.cells ?? []).map((c) => [`${c.likelihood}:${c.consequence}`, residual ? c.residual : c.count])), [heat.data, residual]);
  const error = matrix.error ?? heat.error;
  if (error !== undefined) return <ErrorMessage error={error} onRetry={() => { matrix.reload(); heat.reload(); }} />;
  if (!matrix.data) return null;
  const m = matrix.data;
  return (
    <section className={styles.root} aria-labelledby="risk-heatmap">
      <h2 id="risk-heatmap" className={styles.h2}>
        {t('tab.heat.title')}
      </h2>
      <Switch checked={residual} onChange={(_, d) => setResidual(d.checked)} label={t('tab.heat.residual')} />
      <div className={styles.scroll}>
        <table className={styles.table}>
          <caption className={styles.meta}>{t(residual ? 'tab.heat.captionResidual' : 'tab.heat.caption', { n: heat.data?.total ?? 0, unit: unit || t('tab.heat.allUnits') })}</caption>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.th, styles.rowHead)}>
                {t('tab.heat.corner')}
              </th>
              {m.consequences.map((c) => (
                <th key={c} scope="col" className={styles.th}>
                  {t('tab.heat.consequence', { n: c, name: t(`tab.risk.consequence.${c}` as 'tab.risk.consequence.1') })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...m.likelihoods].reverse().map((l) => (
              <tr key={l}>
                <th scope="row" className={mergeClasses(styles.th, styles.rowHead)}>
                  {t('tab.heat.likelihood', { n: l, name: t(`tab.risk.likelihood.${l}` as 'tab.risk.likelihood.1') })}
                </th>
                {m.consequences.map((c) => {
                  const level = m.levels[l - 1]?.[c - 1] ?? 'low';
                  const n = counts.get(`${l}:${c}`) ?? 0;
                  return (
                    <td key={c} className={mergeClasses(styles.cell, styles[level], n === 0 && styles.empty)} data-testid={`heat-${l}-${c}`}>
                      <span className={styles.count}>{number(n)}</span>
                      <span className={styles.level}>{t(`tab.risk.level.${level}`)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {heat.data && (
        <p className={styles.meta}>
          {t('tab.heat.computedAt', { at: dateTime(heat.data.computedAt) })}
          {heat.data.truncated ? ` ${t('tab.heat.truncated')}` : ''}
        </p>
      )}
    </section>
  );
}
