/**
 * The Graph middleware chain, in place of graph-client's default one:
 *
 *   Auth → Label → Retry → Budget → Http (with timeout)
 *
 * graph-client's own RetryHandler retries 429/503/504 for POST too and cannot see our idempotency
 * keys, and its AuthenticationHandler skips plain-http hosts (the local server). Ours always attaches
 * the token, labels traffic as Microsoft asks (`NONISV|Org|App/version`), honours `Retry-After`, and
 * turns a timeout into an error the record store can reason about (it re-reads before re-creating).
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { GraphBudget } from './budget';
import { isItemQuery } from './graph-errors';
import { sendGraphRequest } from './http-transport';

/** Hooks for metrics and tests: every HTTP request that leaves the process is reported. */
export interface GraphTrafficObserver {
  onRequest?(info: { method: string; url: string; attempt: number }): void;
  onResponse?(info: { method: string; url: string; status: number; ms: number }): void;
}

abstract class Link implements Middleware {
  protected next?: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }
  protected async forward(context: Context): Promise<void> {
    if (!this.next) throw new Error('Graph middleware chain ends too early');
    await this.next.execute(context);
  }
  abstract execute(context: Context): Promise<void>;
}

function setHeader(context: Context, name: string, value: string): void {
  const options = (context.options ??= {});
  const headers = new Headers(options.headers as HeadersInit | undefined);
  headers.set(name, value);
  options.headers = Object.fromEntries(headers.entries());
}

/**
 * Passed with a write (`client.api(…).middlewareOptions([new WriteAttempts()])`): the retry link
 * marks it when it sent the request again. A create answered "already exists" after such a retry was
 * this call's own (its first attempt committed before the client saw a 503) — the record store tells
 * "created" to the first answered request, not "already there".
 */
export class WriteAttempts {
  retried = false;
}

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : (context.request as Request).url;
}

function methodOf(context: Context): string {
  return (context.options?.method ?? 'GET').toUpperCase();
}

export class AuthMiddleware extends Link {
  constructor(private readonly getToken: () => Promise<string>) {
    super();
  }
  async execute(context: Context): Promise<void> {
    setHeader(context, 'Authorization', `Bearer ${await this.getToken()}`);
    await this.forward(context);
  }
}

export class LabelMiddleware extends Link {
  constructor(private readonly userAgent: string) {
    super();
  }
  async execute(context: Context): Promise<void> {
    setHeader(context, 'User-Agent', this.userAgent);
    setHeader(context, 'client-request-id', crypto.randomUUID());
    await this.forward(context);
  }
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Longest single wait, including a server's Retry-After. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses Graph documents as transient. 412 is not retried here: it is a conflict for the use case. */
const TRANSIENT = new Set([429, 502, 503, 504]);

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Full-jitter exponential backoff (AWS architecture blog), capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  return Math.min(policy.maxDelayMs, random() * policy.baseDelayMs * 2 ** attempt);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RetryMiddleware extends Link {
  constructor(
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    /** Told of every Retry-After, to pause its background lane (budget.ts). */
    private readonly budget?: GraphBudget,
  ) {
    super();
  }
  async execute(context: Context): Promise<void> {
    const method = methodOf(context);
    for (let attempt = 0; ; attempt++) {
      context.response = undefined;
      try {
        await this.forward(context);
      } catch (error) {
        // A network error or timeout on a read is safe to repeat. On a write the request may have
        // committed: the caller decides (the record store looks the item up by its key first).
        if (method === 'GET' && attempt < this.policy.maxRetries) {
          await sleep(backoffMs(attempt, this.policy));
          continue;
        }
        throw error;
      }
      const response = context.response as Response | undefined;
      if (!response || !TRANSIENT.has(response.status) || attempt >= this.policy.maxRetries) return;
      // A 429 without Retry-After on a filtered or sorted item query is SharePoint's list view
      // threshold, not throttling (graph-errors.ts): the same query would be refused again.
      if (response.status === 429 && !response.headers.get('Retry-After') && isItemQuery(urlOf(context))) return;
      const told = retryAfterMs(response.headers.get('Retry-After'));
      // Throttled background work: its whole lane waits this long (budget.ts), people go on.
      if (told !== null && (response.status === 429 || response.status === 503)) this.budget?.throttled(told);
      const wait = told ?? backoffMs(attempt, this.policy);
      const marker = context.middlewareControl?.getMiddlewareOptions(WriteAttempts) as WriteAttempts | undefined;
      if (marker) marker.retried = true;
      await response.body?.cancel().catch(() => undefined);
      await sleep(Math.min(wait, this.policy.maxDelayMs));
    }
  }
}

/**
 * Takes a slot of the process's Graph budget for each attempt on the wire (budget.ts): people first,
 * background work within its share and not while throttled. Waits for a retry hold no slot.
 */
export class BudgetMiddleware extends Link {
  constructor(private readonly budget: GraphBudget) {
    super();
  }
  async execute(context: Context): Promise<void> {
    const release = await this.budget.acquire();
    try {
      await this.forward(context);
    } finally {
      release();
    }
  }
}

/** Thrown when Graph did not answer within the timeout. The request may or may not have been applied. */
export class GraphTimeoutError extends Error {
  override readonly name = 'GraphTimeoutError';
  constructor(readonly method: string, readonly url: string, readonly timeoutMs: number) {
    super(`${method} ${url} did not answer within ${timeoutMs} ms`);
  }
}

export class HttpMiddleware implements Middleware {
  private attempts = new WeakMap<Context, number>();
  constructor(
    private readonly timeoutMs: number,
    private readonly observer: GraphTrafficObserver = {},
  ) {}
  async execute(context: Context): Promise<void> {
    const method = methodOf(context);
    const url = urlOf(context);
    const attempt = (this.attempts.get(context) ?? 0) + 1;
    this.attempts.set(context, attempt);
    this.observer.onRequest?.({ method, url, attempt });
    const started = performance.now();
    try {
      context.response = await sendGraphRequest(context.request, (context.options ?? {}) as RequestInit, this.timeoutMs);
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new GraphTimeoutError(method, url, this.timeoutMs);
      }
      throw error;
    }
    this.observer.onResponse?.({ method, url, status: context.response.status, ms: performance.now() - started });
  }
}
