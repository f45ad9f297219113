/**
 * The Bot Framework adapter. In local mode it runs without credentials (CloudAdapter accepts any
 * request when the app id is empty — PLATFORM.md), which is why local mode only listens on loopback.
 * In Microsoft 365 mode it validates every request's JWT (signature from the channel's OpenID
 * metadata, issuer, audience = our app id, lifetime, serviceUrl claim = the activity's serviceUrl)
 * and then refuses, with 401, activities from any tenant but ours — before the bot sees them.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from '../config';

export function createAdapter(config: Config): CloudAdapter {
  if (config.mode === 'local') return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const m = config.m365!;
  const options: ConfigurationBotFrameworkAuthenticationOptions = m.managedIdentityClientId
    ? { MicrosoftAppId: m.managedIdentityClientId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: config.tenantId }
    : { MicrosoftAppId: m.appId, MicrosoftAppPassword: m.appPassword ?? '', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: config.tenantId };
  if (m.botOpenIdMetadataUrl) Object.assign(options, channelEndpoints(m.botOpenIdMetadataUrl));
  return new CloudAdapter(new TenantBoundAuthentication(new ConfigurationBotFrameworkAuthentication(options), config.tenantId));
}

/**
 * Public-cloud endpoints with another channel metadata document. botbuilder switches to its
 * "parameterized" mode as soon as one endpoint is set, and then expects all of them.
 */
function channelEndpoints(openIdMetadataUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

type Inner = BotFrameworkAuthentication;

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** botbuilder's authentication, plus: the activity's tenant must be ours (checked after the token). */
class TenantBoundAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: Inner, private readonly tenantId: string) {
    super();
  }
  override async authenticateRequest(...[activity, authHeader]: Parameters<Inner['authenticateRequest']>) {
    const result = await this.inner.authenticateRequest(activity, authHeader).catch((error: unknown) => {
      // botbuilder lets jsonwebtoken's own errors (a bad signature, say) through as plain errors,
      // which CloudAdapter answers with 500: they are refusals of the caller, so 401.
      if (error instanceof Error && JWT_ERRORS.has(error.name)) throw new AuthenticationError(`Unauthorized. ${error.message}`, 401);
      throw error;
    });
    const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
    const tenant = channelData?.tenant?.id ?? activity.conversation?.tenantId;
    if (tenant?.toLowerCase() !== this.tenantId.toLowerCase()) {
      throw new AuthenticationError('Unauthorized. The activity comes from another tenant.', 401);
    }
    return result;
  }
  override authenticateStreamingRequest(...args: Parameters<Inner['authenticateStreamingRequest']>) {
    return this.inner.authenticateStreamingRequest(...args);
  }
  override createConnectorFactory(...args: Parameters<Inner['createConnectorFactory']>) {
    return this.inner.createConnectorFactory(...args);
  }
  override createUserTokenClient(...args: Parameters<Inner['createUserTokenClient']>) {
    return this.inner.createUserTokenClient(...args);
  }
  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }
  override getOriginatingAudience() {
    return this.inner.getOriginatingAudience();
  }
  override authenticateChannelRequest(...args: Parameters<Inner['authenticateChannelRequest']>) {
    return this.inner.authenticateChannelRequest(...args);
  }
}

/** The bot's own app id as used in proactive calls ('' in local mode). */
export function botAppId(config: Config): string {
  if (config.mode === 'local') return '';
  return config.m365!.managedIdentityClientId ?? config.m365!.appId;
}
