/**
 * Per-user rate limiting of the tab API: a token bucket per signed-in person (the validated token's
 * oid), so one runaway tab or script cannot use up the app's SharePoint budget (about 1 250 resource
 * units a minute for a small tenant) for everyone. Answers 429 with Retry-After and a message in the
 * user's language; nothing is done for the refused request. Per server instance: with N instances a
 * person gets up to N times the rate, which still protects the budget.
 */
import type { NextFunction, Request, Response } from 'express';
import { t } from '../../core/i18n';
import { localeOf } from './http';

export interface RateLimitOptions {
  /** Requests a person may make in a burst. */
  burst: number;
  /** Sustained requests per second. */
  perSecond: number;
  now?: () => number;
  /** Buckets idle this long are forgotten (memory stays bounded by active users). */
  idleMs?: number;
}

/** A page of the tab makes 5–15 requests; 120 at once and 5 a second leaves people room and stops loops. */
export const TAB_API_RATE: RateLimitOptions = { burst: 120, perSecond: 5 };

export function perUserRateLimit(options: RateLimitOptions = TAB_API_RATE) {
  const now = options.now ?? (() => Date.now());
  const idleMs = options.idleMs ?? 10 * 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();

  return (req: Request, res: Response, next: NextFunction) => {
    const who = (res.locals.actor as { id?: string } | undefined)?.id;
    if (!who) return next(); // unauthenticated requests are refused by the token check, not here
    const t0 = now();
    if (t0 - lastSweep > idleMs) {
      for (const [k, b] of buckets) if (t0 - b.at > idleMs) buckets.delete(k);
      lastSweep = t0;
    }
    const b = buckets.get(who) ?? { tokens: options.burst, at: t0 };
    b.tokens = Math.min(options.burst, b.tokens + ((t0 - b.at) / 1000) * options.perSecond);
    b.at = t0;
    buckets.set(who, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    const seconds = Math.max(1, Math.ceil((1 - b.tokens) / options.perSecond));
    res
      .status(429)
      .set({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' })
      .json({ error: 'rate_limited', message: t(localeOf(req), 'error.rateLimited', { seconds }) });
  };
}
