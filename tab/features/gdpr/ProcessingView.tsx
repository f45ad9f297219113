/** One processing activity (`#/gdpr/:id`): every art. 30 field, and its impact assessments. */
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, type ReactNode } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { useI18n } from '../../app/i18n';
import { href } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact, Facts } from '../../components/Facts';
import { LinkList } from '../../components/LinkList';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { gdprApi } from './api';
import { DpiaBadge } from './DpiaBadge';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '72rem' },
  section: { backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  help: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export default function ProcessingView({ params }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const gdpr = useMemo(() => gdprApi(api), [api]);
  const p = useAsync(() => gdpr.get(params.id ?? ''), [gdpr, params.id]);
  if (p.error !== undefined && !p.data) return <ErrorMessage error={p.error} onRetry={p.reload} />;
  if (!p.data) return <Spinner label={t('tab.shell.loading')} />;
  const v = p.data;
  const fact = (label: MessageKey, value: ReactNode) => <Fact label={t(label)}>{value}</Fact>;
  const list = (xs: ReactNode[]) => (xs.length ? <ul className={styles.list}>{xs.map((x, n) => <li key={n}>{x}</li>)}</ul> : '–');
  const yes = (b: boolean) => t(b ? 'tab.incident.yes' : 'tab.incident.no');
  return (
    <div className={styles.root}>
      <BackLink href={href('/gdpr')}>{t('tab.gdpr.back')}</BackLink>
      <ViewHeading>{`${v.code} ${v.name}`}</ViewHeading>
      <section className={styles.section} aria-labelledby="art30">
        <h2 id="art30" className={styles.h2}>
          {t('tab.gdpr.art30')}
        </h2>
        <Facts>
          {fact('tab.gdpr.f.controller', v.controllerName)}
          {fact('tab.gdpr.f.dpo', v.dpoContact)}
          {fact('tab.gdpr.f.purpose', v.purpose)}
          {fact('tab.gdpr.col.legalBasis', v.legalBasis)}
          {fact('tab.gdpr.f.subjects', list(v.dataSubjectCategories))}
          {fact('tab.gdpr.f.data', list(v.personalDataCategories))}
          {fact('tab.gdpr.f.special', yes(v.specialCategories))}
          {fact('tab.gdpr.f.recipients', list(v.recipients))}
          {fact('tab.gdpr.f.transfers', list(v.thirdCountryTransfers.map((x) => `${x.country} – ${x.safeguard}`)))}
          {fact('tab.gdpr.f.retention', v.retention)}
          {fact('tab.gdpr.f.security', v.securityMeasures)}
          {fact('tab.gdpr.col.owner', `${v.owner.name ?? '–'}, ${v.unit}`)}
          {fact('tab.gdpr.f.assets', <LinkList items={v.assets.map((a) => ({ key: a.id, href: href(`/assets/${a.id}`), text: `${a.code} ${a.name}` }))} />)}
          {fact('tab.gdpr.f.suppliers', <LinkList items={v.suppliers.map((s) => ({ key: s.id, href: href(`/suppliers/${s.id}`), text: `${s.code} ${s.name}` }))} />)}
          {fact('tab.gdpr.f.dpiaRequired', yes(v.dpiaRequired))}
          {fact('tab.gdpr.f.updated', i18n.dateTime(v.updatedAt))}
        </Facts>
      </section>
      <section className={styles.section} aria-labelledby="dpias">
        <h2 id="dpias" className={styles.h2}>
          {t('tab.gdpr.dpias')}
        </h2>
        {v.dpias.length === 0 && <p className={styles.help}>{t(v.dpiaRequired ? 'tab.gdpr.dpiaMissing' : 'tab.gdpr.dpiaNotRequired')}</p>}
        {v.dpias.map((d) => (
          <article key={d.id} aria-labelledby={`dpia-${d.id}`}>
            <h3 id={`dpia-${d.id}`} className={styles.h3}>
              {d.detail ? `${d.code} ${d.detail.title}` : d.code} <DpiaBadge dpia={d} />
            </h3>
            {d.detail ? (
              <Facts>
                {fact('tab.dpia.consulted', d.detail.dsoConsultedAt ? i18n.date(d.detail.dsoConsultedAt) : t('tab.dpia.notConsulted'))}
                {fact('tab.dpia.opinion', d.detail.dsoOpinion ?? '–')}
                {fact('tab.dpia.conclusion', d.detail.conclusion ?? '–')}
                {fact('tab.dpia.decided', d.detail.decidedAt ? `${i18n.date(d.detail.decidedAt)}${d.detail.decidedBy?.name ? `, ${d.detail.decidedBy.name}` : ''}` : '–')}
                {fact('tab.dpia.nextReview', d.detail.nextReviewAt ? i18n.date(d.detail.nextReviewAt) : '–')}
              </Facts>
            ) : (
              <p className={styles.help}>{t('tab.dpia.restricted')}</p>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
