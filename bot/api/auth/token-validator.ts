/**
 * Token validation for `/api/v1`, behind one small interface so that the two kinds — the local demo
 * token and an Entra ID access token — are checked the same way, and so that tests can validate
 * with a locally generated key and OpenID metadata served on loopback.
 */

/** The claims the API relies on. Nothing else in a token decides who someone is. */
export interface TokenClaims {
  /** Entra object id of the user (`oid`): the actor. */
  oid: string;
  /** Tenant id (`tid`); always equal to the configured tenant once validated. */
  tid: string;
  name: string | null;
  /** Seconds since the epoch. */
  exp: number;
  /**
   * App roles the person is assigned in the tab's enterprise app (`roles`, Entra ID only; the local
   * demo token has none). Microsoft 365 mode requires `TAB_APP_ROLE` among them (docs/security.md).
   */
  roles: string[];
}

export interface TokenValidator {
  /** Resolves with the claims of a valid token; rejects with InvalidTokenError otherwise. */
  validate(token: string): Promise<TokenClaims>;
}

/** The token is missing, malformed, expired, for another audience or tenant, or badly signed. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`Invalid token: ${reason}`, options);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks both validators share once the signature, issuer, audience and lifetime are verified. */
export function claimsFrom(payload: Record<string, unknown>, tenantId: string): TokenClaims {
  const { oid, tid, exp } = payload;
  if (typeof oid !== 'string' || !GUID.test(oid)) throw new InvalidTokenError('no oid');
  if (typeof tid !== 'string' || tid.toLowerCase() !== tenantId.toLowerCase()) throw new InvalidTokenError('wrong tenant');
  if (typeof exp !== 'number') throw new InvalidTokenError('no exp');
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string').slice(0, 50) : [];
  return { oid: oid.toLowerCase(), tid: tid.toLowerCase(), name: typeof payload.name === 'string' ? payload.name : null, exp, roles };
}
