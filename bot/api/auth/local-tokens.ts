/**
 * Local mode's sign-in: the demo sign-in issues a short-lived HS256 token (jose) for a person from
 * the local directory, and the API validates it exactly like an Entra token: signature, issuer,
 * audience, lifetime, `tid` = the configured tenant, `oid` a GUID. The secret is random, kept in
 * the data folder (mode 0600) so that a restart keeps browsers signed in; never in the repository.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { IssuedToken } from '../../../core/api';
import { claimsFrom, InvalidTokenError, type TokenClaims, type TokenValidator } from './token-validator';

export const LOCAL_TOKEN_ISSUER = 'urn:lis-for-teams:local';
export const LOCAL_TOKEN_AUDIENCE = 'urn:lis-for-teams:tab';
/** One working hour; the tab asks for a new token for the same demo person when it runs out. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 3_600;

const SECRET_FILE = 'tab-token-secret';

/** The secret in `dataDir`, created on first use; a fresh one per process when `dataDir` is null. */
export function loadLocalSecret(dataDir: string | null): Uint8Array {
  if (!dataDir) return randomBytes(32);
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (stored.length >= 32) return stored;
  } catch {
    // Not there yet.
  }
  const secret = randomBytes(32);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret.toString('base64url'), { mode: 0o600 });
  return secret;
}

export class LocalTokens implements TokenValidator {
  constructor(
    private readonly secret: Uint8Array,
    private readonly tenantId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issue(person: { oid: string; name: string }): Promise<IssuedToken> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + LOCAL_TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({ oid: person.oid, tid: this.tenantId, name: person.name })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setSubject(person.oid)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async validate(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: LOCAL_TOKEN_ISSUER,
        audience: LOCAL_TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'oid', 'tid'],
        currentDate: this.now(),
        clockTolerance: 5,
      });
      return claimsFrom(payload, this.tenantId);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError(error instanceof joseErrors.JOSEError ? error.code : 'unreadable', { cause: error });
    }
  }
}
