/**
 * An access request waiting for the owner's decision, decided right here: the same facts as the
 * decision card in Teams, a comment (required to deny), Approve and Deny, and a link to the card in
 * the person's chat. After the decision the result replaces the buttons; when someone else was
 * first, their decision is shown and nothing of this person's is saved.
 */
import { Button, Field, MessageBar, MessageBarBody, Spinner, Textarea } from '@fluentui/react-components';
import { useEffect, useId } from 'react';
import type { DecisionItem } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { errorText } from '../../components/ErrorMessage';
import type { HomeApi } from './api';
import { TeamsLink } from './TeamsLink';
import { useDecision } from './useDecision';
import { useHomeStyles } from './useHomeStyles.styles';

export function DecisionCard({ item, api, onSettled }: { item: DecisionItem; api: HomeApi; onSettled?: () => void }) {
  const styles = useHomeStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const state = useDecision(api, item, { commentRequired: t('tab.home.decision.commentRequired') });
  const headingId = useId();
  const commentId = useId();
  const subject = item.subject.name ?? t('tab.assets.unknownPerson');
  const asset = item.asset ? `${item.asset.code} ${item.asset.name}` : '–';
  const decided = state.outcome?.kind === 'decided' ? state.outcome.result : null;
  const conflict = state.outcome?.kind === 'conflict' ? state.outcome : null;
  const done = Boolean(decided || conflict);
  useEffect(() => {
    if (done) onSettled?.();
  }, [done]);

  return (
    <article className={styles.decision} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.h3}>
        {t('tab.home.decision.title', { person: subject, role: item.role })}
      </h3>
      <p className={styles.muted}>
        {t('tab.home.decision.what', { kind: t(`tab.requestKind.${item.kind}`), asset })}
        {item.subject.unit ? ` · ${item.subject.unit}` : ''}
      </p>
      <dl className={styles.facts}>
        {item.justification && (
          <>
            <dt className={styles.term}>{t('tab.home.decision.justification')}</dt>
            <dd className={styles.value}>{item.justification}</dd>
          </>
        )}
        {item.grant && (
          <>
            <dt className={styles.term}>{t('tab.home.decision.current')}</dt>
            <dd className={styles.value}>
              {item.grant.role}, {item.grant.validUntil ? i18n.date(item.grant.validUntil) : t('tab.home.decision.untilFurther')}
            </dd>
          </>
        )}
        {item.kind !== 'termination' && (
          <>
            <dt className={styles.term}>{t('tab.home.decision.validUntil')}</dt>
            <dd className={styles.value}>{item.validUntil ? i18n.date(item.validUntil) : t('tab.home.decision.untilFurther')}</dd>
          </>
        )}
        <dt className={styles.term}>{t('tab.home.decision.requested')}</dt>
        <dd className={styles.value}>{t('tab.home.decision.requestedBy', { date: i18n.date(item.requestedAt), person: item.requester.name ?? t('tab.assets.unknownPerson') })}</dd>
      </dl>
      {item.as !== 'owner' && (
        <p className={styles.small}>{t(item.as === 'delegate' ? 'tab.home.decision.asDelegate' : item.as === 'line_manager' ? 'tab.home.decision.asLineManager' : 'tab.home.decision.asIsam')}</p>
      )}

      {!done && (
        <>
          <Field
            label={t('tab.home.decision.comment')}
            hint={t('tab.home.decision.commentHint')}
            validationState={state.commentError ? 'error' : 'none'}
            validationMessage={state.commentError ?? undefined}
          >
            <Textarea id={commentId} value={state.comment} onChange={(_, d) => state.setComment(d.value)} resize="vertical" disabled={state.busy} />
          </Field>
          <div className={styles.buttons}>
            <Button className={styles.button} appearance="primary" disabled={state.busy} onClick={() => void state.decide('approve')}>
              {t('tab.home.decision.approve')}
            </Button>
            <Button
              className={styles.button}
              disabled={state.busy}
              onClick={() => {
                void state.decide('deny').then(() => {
                  if (!state.comment.trim()) document.getElementById(commentId)?.focus();
                });
              }}
            >
              {t('tab.home.decision.deny')}
            </Button>
            {state.busy && <Spinner size="tiny" label={t('tab.home.decision.saving')} />}
          </div>
        </>
      )}

      {decided && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {decided.outcome === 'already'
              ? t('tab.home.decision.already')
              : t(decided.request.status === 'denied' ? 'tab.home.decision.denied' : 'tab.home.decision.approved', { person: decided.request.requester.name ?? subject })}
          </MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{conflict.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.outcome?.kind === 'error' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errorText(state.outcome.error, t)}</MessageBarBody>
        </MessageBar>
      )}

      {item.chat && (
        <p className={styles.small}>
          <TeamsLink url={item.chat.url}>{t('tab.home.decision.chat')}</TeamsLink> – {t('tab.home.decision.chatHint')}
        </p>
      )}
    </article>
  );
}
