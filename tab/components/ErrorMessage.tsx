/** An error from the API or the network, in the user's language, with a way to try again. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { useI18n } from '../app/i18n';

export function errorText(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('tab.error.network');
    if (error.body.message) return error.body.message;
  }
  return t('error.unexpected');
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{errorText(error, t)}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('tab.error.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
