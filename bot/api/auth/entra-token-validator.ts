/**
 * Microsoft 365 mode: Entra ID access tokens for the tab's API, from Nested App Auth or Teams SSO.
 * Checked against the configured tenant's OpenID metadata (v2.0 endpoint): RS256 signature from
 * the tenant's JWKS, issuer `{authority}/{tenant}/v2.0`, audience = the tab's app id URI or client
 * id (a v2 token carries the client id), `tid` = the tenant, the API scope in `scp`, and lifetime.
 * The app registration must issue v2 tokens (`requestedAccessTokenVersion: 2`).
 */
import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import { claimsFrom, InvalidTokenError, type TokenClaims, type TokenValidator } from './token-validator';

export interface EntraValidatorOptions {
  tenantId: string;
  /** Accepted `aud` values: the app id URI (`api://host/client-id`) and the client id. */
  audiences: string[];
  /** Scope the token must carry in `scp`, e.g. `access_as_user`. */
  requiredScope: string;
  /** `https://login.microsoftonline.com`; a loopback URL in tests. */
  authorityHost: string;
  /** For tests: `fetch` of the metadata document. */
  fetchMetadata?: (url: string) => Promise<{ issuer: string; jwks_uri: string }>;
  now?: () => Date;
}

interface Metadata {
  issuer: string;
  jwks: JWTVerifyGetKey;
}

export class EntraTokenValidator implements TokenValidator {
  private metadata: Promise<Metadata> | null = null;

  constructor(private readonly options: EntraValidatorOptions) {}

  /** `{authority}/{tenant}/v2.0` — the only issuer accepted. */
  get expectedIssuer(): string {
    return `${this.options.authorityHost.replace(/\/+$/, '')}/${this.options.tenantId}/v2.0`;
  }

  private load(): Promise<Metadata> {
    this.metadata ??= (async () => {
      const url = `${this.expectedIssuer}/.well-known/openid-configuration`;
      const doc = this.options.fetchMetadata
        ? await this.options.fetchMetadata(url)
        : await fetch(url).then(async (r) => {
            if (!r.ok) throw new Error(`OpenID metadata ${url}: HTTP ${r.status}`);
            return (await r.json()) as { issuer: string; jwks_uri: string };
          });
      if (doc.issuer !== this.expectedIssuer) throw new Error(`OpenID metadata names issuer ${doc.issuer}, expected ${this.expectedIssuer}`);
      return { issuer: doc.issuer, jwks: createRemoteJWKSet(new URL(doc.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 }) };
    })().catch((error: unknown) => {
      // Try again on the next request rather than failing forever.
      this.metadata = null;
      throw error;
    });
    return this.metadata;
  }

  async validate(token: string): Promise<TokenClaims> {
    let metadata: Metadata;
    try {
      metadata = await this.load();
    } catch (error) {
      throw new InvalidTokenError('metadata unavailable', { cause: error });
    }
    try {
      const { payload } = await jwtVerify(token, metadata.jwks, {
        algorithms: ['RS256'],
        issuer: metadata.issuer,
        audience: this.options.audiences,
        requiredClaims: ['exp', 'oid', 'tid'],
        clockTolerance: 60,
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      });
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(this.options.requiredScope)) throw new InvalidTokenError('scope missing');
      return claimsFrom(payload, this.options.tenantId);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError(error instanceof joseErrors.JOSEError ? error.code : 'unreadable', { cause: error });
    }
  }
}
