/**
 * An error from the API or the network, in the user's language. A network or server fault offers
 * to try again; a refusal (403) does not — trying again cannot help — and instead leads back, with
 * the server's message saying who may do it and whom to ask.
 */
import { Button, Link, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { useI18n } from '../app/i18n';
import { DEFAULT_PATH } from '../app/navigation';
import { href } from '../app/router';

export function errorText(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('tab.error.network');
    if (error.body.message) return error.body.message;
    if (error.status === 403) return t('tab.error.forbidden');
  }
  return t('error.unexpected');
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const refused = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return (
    <MessageBar intent={refused ? 'warning' : 'error'} role="alert" layout="multiline">
      <MessageBarBody>{errorText(error, t)}</MessageBarBody>
      <MessageBarActions>
        {refused ? (
          <Link href={href(DEFAULT_PATH)}>{t('tab.notFound.back')}</Link>
        ) : (
          onRetry && <Button onClick={onRetry}>{t('tab.error.retry')}</Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
