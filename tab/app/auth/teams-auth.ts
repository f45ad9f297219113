/**
 * Inside Teams: Nested App Authentication first (msal-browser's nestable client, Microsoft's current
 * guidance), falling back to teams-js `authentication.getAuthToken()` where the host does not
 * recommend NAA or NAA fails. msal-browser is loaded only here, so it never weighs on the first
 * render outside Teams.
 */
import type { TabAuthConfig } from '../../../core/api';
import type { Host } from '../host';
import type { Auth } from './types';

type EntraConfig = Extract<TabAuthConfig, { mode: 'm365' }>['auth'];

/** Caches a token until shortly before it expires (read from the JWT's `exp`). */
function cached(acquire: () => Promise<string>): Pick<Auth, 'getToken' | 'refreshToken' | 'signOut'> {
  let token: string | null = null;
  let exp = 0;
  const fresh = async () => {
    token = await acquire();
    try {
      const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
      exp = (payload.exp ?? 0) * 1000;
    } catch {
      exp = 0;
    }
    return token;
  };
  return {
    getToken: () => (token && exp - Date.now() > 120_000 ? Promise.resolve(token) : fresh()),
    refreshToken: fresh,
    signOut: () => {
      token = null;
    },
  };
}

export async function createTeamsAuth(config: EntraConfig, host: Host): Promise<Auth> {
  const teams = host.teams;
  if (!teams) throw new Error('Not in Teams');
  let naa = false;
  try {
    naa = teams.nestedAppAuth.isNAAChannelRecommended();
  } catch {
    naa = false;
  }
  if (naa) {
    try {
      const msal = await import('@azure/msal-browser');
      const pca = await msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } });
      const account =
        pca.getAccount({
          ...(host.user.tenantId ? { tenantId: host.user.tenantId } : {}),
          ...(host.user.loginHint ? { loginHint: host.user.loginHint } : {}),
        }) ?? null;
      const request = { scopes: config.scopes, ...(account ? { account } : {}) };
      const acquire = async () => {
        try {
          return (await pca.acquireTokenSilent(request)).accessToken;
        } catch (error) {
          if (error instanceof msal.InteractionRequiredAuthError) return (await pca.acquireTokenPopup(request)).accessToken;
          throw error;
        }
      };
      // Prove NAA works here before relying on it; otherwise fall back below.
      const auth = { kind: 'entra' as const, ...cached(acquire) };
      await auth.getToken();
      return auth;
    } catch {
      // Fall through to Teams SSO.
    }
  }
  return { kind: 'entra', ...cached(() => teams.authentication.getAuthToken()) };
}
