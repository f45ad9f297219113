/**
 * Local mode's demo sign-in. The chosen person's id and the short-lived token the server issued
 * are kept in sessionStorage (this browser tab only); when the token runs out, a new one is asked
 * for the same person. The server validates the token like an Entra token: the tab's choice of
 * person is a local-mode convenience, never an identity the API takes on trust.
 */
import type { DemoPeople, IssuedToken } from '../../../core/api';
import { checkAnswerInDevelopment } from '../../api/dev-check';
import { SignInRequired, type Auth } from './types';

const STORAGE_KEY = 'lis.demo-sign-in';
/** Renew a minute before expiry. */
const MARGIN_MS = 60_000;

interface Stored {
  personId: string;
  token: string;
  expiresAt: string;
}

export interface LocalAuthOptions {
  baseUrl?: string;
  storage?: Storage;
  fetch?: typeof fetch;
  now?: () => number;
}

export class LocalAuth implements Auth {
  readonly kind = 'local' as const;
  private readonly base: string;
  private readonly storage: Storage;
  private readonly doFetch: typeof fetch;
  private readonly now: () => number;

  constructor(options: LocalAuthOptions = {}) {
    this.base = options.baseUrl ?? '/api/v1';
    this.storage = options.storage ?? sessionStorage;
    this.doFetch = options.fetch ?? ((i, init) => fetch(i, init));
    this.now = options.now ?? (() => Date.now());
  }

  private read(): Stored | null {
    try {
      const v = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
      return v && typeof v.personId === 'string' && typeof v.token === 'string' ? v : null;
    } catch {
      return null;
    }
  }

  /** The person chosen in this browser tab, if any. */
  get personId(): string | null {
    return this.read()?.personId ?? null;
  }

  /** The demo organisation, and the accounts LIS refuses (listed apart, to try the entry check). */
  async people(): Promise<DemoPeople> {
    const res = await this.doFetch(`${this.base}/auth/demo-people`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`demo people: HTTP ${res.status}`);
    const body = (await res.json()) as DemoPeople;
    await checkAnswerInDevelopment('GET', '/auth/demo-people', res.status, body);
    return { people: body.people ?? [], refused: body.refused ?? [] };
  }

  async signIn(personId: string): Promise<string> {
    const res = await this.doFetch(`${this.base}/auth/demo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ personId }),
    });
    if (!res.ok) {
      this.signOut();
      throw new SignInRequired(`demo sign-in: HTTP ${res.status}`);
    }
    const issued = (await res.json()) as IssuedToken;
    await checkAnswerInDevelopment('POST', '/auth/demo', res.status, issued);
    this.storage.setItem(STORAGE_KEY, JSON.stringify({ personId, token: issued.token, expiresAt: issued.expiresAt } satisfies Stored));
    return issued.token;
  }

  async getToken(): Promise<string> {
    const s = this.read();
    if (!s) throw new SignInRequired('no demo person chosen');
    if (Date.parse(s.expiresAt) - this.now() > MARGIN_MS) return s.token;
    return this.signIn(s.personId);
  }

  async refreshToken(): Promise<string> {
    const s = this.read();
    if (!s) throw new SignInRequired('no demo person chosen');
    return this.signIn(s.personId);
  }

  signOut(): void {
    this.storage.removeItem(STORAGE_KEY);
  }
}
