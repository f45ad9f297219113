/**
 * The Bot Framework adapter. In local mode it runs without credentials (CloudAdapter accepts any
 * request when the app id is empty — PLATFORM.md), which is why local mode only listens on loopback.
 * In Microsoft 365 mode it validates every request's JWT against the app id and tenant.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../config';

export function createAdapter(config: Config): CloudAdapter {
  if (config.mode === 'local') return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const m = config.m365!;
  const options: ConfigurationBotFrameworkAuthenticationOptions = m.managedIdentityClientId
    ? { MicrosoftAppId: m.managedIdentityClientId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: config.tenantId }
    : { MicrosoftAppId: m.appId, MicrosoftAppPassword: m.appPassword ?? '', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: config.tenantId };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

/** The bot's own app id as used in proactive calls ('' in local mode). */
export function botAppId(config: Config): string {
  if (config.mode === 'local') return '';
  return config.m365!.managedIdentityClientId ?? config.m365!.appId;
}
