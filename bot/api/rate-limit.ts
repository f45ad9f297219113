/**
 * Rate limiting by token buckets, kept in memory per server instance (with N instances a caller
 * gets up to N times the rate, which still protects the SharePoint budget of about 1 250 resource
 * units a minute for a small tenant).
 *
 * - The tab API (`/api/v1`): one bucket per signed-in person (the validated token's oid), checked
 *   after the token: a runaway tab or script cannot use up the budget for everyone. 429 with
 *   Retry-After and a message in the user's language.
 * - The bot (`/api/messages`): one bucket per tenant and one per person (`from.aadObjectId`),
 *   checked inside the turn after the Bot Framework token and the tenant check (bot/teams/bot.ts),
 *   so a caller without a valid token cannot spend somebody else's allowance.
 */
import type { NextFunction, Request, Response } from 'express';
import { t } from '../../core/i18n';
import { localeOf } from './http';

export interface RateLimitOptions {
  /** Requests a caller may make in a burst. */
  burst: number;
  /** Sustained requests per second. */
  perSecond: number;
  now?: () => number;
  /** Buckets idle this long are forgotten (memory stays bounded by active callers). */
  idleMs?: number;
}

/** A page of the tab makes 5–15 requests; 120 at once and 5 a second leaves people room and stops loops. */
export const TAB_API_RATE: RateLimitOptions = { burst: 120, perSecond: 5 };

/**
 * The bot: a person clicks a card, writes a message or types in a search box (one invoke per
 * keystroke) every second or so at most; 60 at once and two a second sustained stops a loop
 * without touching real use. The tenant's bucket is sized from the Graph budget (each activity
 * costs 1–7 Graph requests), well above what the whole organisation does at its busiest. The
 * server's configuration can change both (BOT_RATE_USER, BOT_RATE_TENANT: bot/config.ts).
 */
export const BOT_RATE: { user: RateLimitOptions; tenant: RateLimitOptions } = {
  user: { burst: 60, perSecond: 2 },
  tenant: { burst: 600, perSecond: 20 },
};

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Token buckets by key. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep: number;
  private readonly now: () => number;
  private readonly idleMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? (() => Date.now());
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.lastSweep = this.now();
  }

  /** Takes one token from `key`'s bucket, or says how long until one is there. */
  take(key: string): Take {
    const t0 = this.now();
    if (t0 - this.lastSweep > this.idleMs) {
      for (const [k, b] of this.buckets) if (t0 - b.at > this.idleMs) this.buckets.delete(k);
      this.lastSweep = t0;
    }
    const { burst, perSecond } = this.options;
    const b = this.buckets.get(key) ?? { tokens: burst, at: t0 };
    b.tokens = Math.min(burst, b.tokens + ((t0 - b.at) / 1000) * perSecond);
    b.at = t0;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perSecond)) };
  }

  /** Gives a token back (a request refused by a later check should not count twice). */
  refund(key: string): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.options.burst, b.tokens + 1);
  }
}

/** The bot's two limits together: the person's bucket first, then the tenant's. */
export class BotRateLimiter {
  private readonly users: TokenBuckets;
  private readonly tenants: TokenBuckets;

  constructor(options: { user: RateLimitOptions; tenant: RateLimitOptions } = BOT_RATE) {
    this.users = new TokenBuckets(options.user);
    this.tenants = new TokenBuckets(options.tenant);
  }

  take(tenantId: string, userId: string | null): Take {
    const userKey = userId ? `user:${tenantId.toLowerCase()}:${userId.toLowerCase()}` : null;
    if (userKey) {
      const u = this.users.take(userKey);
      if (!u.ok) return u;
    }
    const tenant = this.tenants.take(`tenant:${tenantId.toLowerCase()}`);
    if (!tenant.ok && userKey) this.users.refund(userKey);
    return tenant;
  }
}

export function perUserRateLimit(options: RateLimitOptions = TAB_API_RATE) {
  const buckets = new TokenBuckets(options);
  return (req: Request, res: Response, next: NextFunction) => {
    const who = (res.locals.actor as { id?: string } | undefined)?.id;
    if (!who) return next(); // unauthenticated requests are refused by the token check, not here
    const taken = buckets.take(who);
    if (taken.ok) return next();
    const seconds = taken.retryAfterSeconds;
    res
      .status(429)
      .set({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' })
      .json({ error: 'rate_limited', message: t(localeOf(req), 'error.rateLimited', { seconds }) });
  };
}
