/** Builds the graph-client Client with our middleware chain. */
import { Client } from '@microsoft/microsoft-graph-client';
import { attachBudget, GraphBudget, type GraphBudgetLimits } from './budget';
import { AuthMiddleware, BudgetMiddleware, DEFAULT_RETRY, HttpMiddleware, LabelMiddleware, RetryMiddleware, type GraphTrafficObserver, type RetryPolicy } from './middleware';

export interface GraphConnectionOptions {
  /** `https://graph.microsoft.com` in Microsoft 365, the local server's URL locally. No version. */
  baseUrl: string;
  getToken: () => Promise<string>;
  /** Traffic label: `NONISV|<Org>|<App>/<version>`. */
  userAgent: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  observer?: GraphTrafficObserver;
  /** The process's Graph budget (budget.ts): one made with these limits, or one given (tests). */
  budget?: GraphBudget | Partial<GraphBudgetLimits>;
}

export const DEFAULT_USER_AGENT = 'NONISV|StockholmStad|LISforTeams/0.1.0';

export function createGraphClient(options: GraphConnectionOptions): Client {
  return createGraphClientWithBudget(options).client;
}

/** The client and the budget its requests share (for figures: `budget.stats()`). */
export function createGraphClientWithBudget(options: GraphConnectionOptions): { client: Client; budget: GraphBudget } {
  const budget = options.budget instanceof GraphBudget ? options.budget : new GraphBudget(options.budget ?? {});
  const client = Client.initWithMiddleware({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    defaultVersion: 'v1.0',
    middleware: [
      new AuthMiddleware(options.getToken),
      new LabelMiddleware(options.userAgent),
      new RetryMiddleware({ ...DEFAULT_RETRY, ...options.retry }, budget),
      new BudgetMiddleware(budget),
      new HttpMiddleware(options.timeoutMs ?? 30_000, options.observer),
    ],
  });
  attachBudget(client, budget);
  return { client, budget };
}

/**
 * Graph returns absolute `@odata.nextLink`s. graph-client only recognises `https://` absolute URLs
 * (an `http://` one, as the local server returns, is mangled), so every link is reduced to the path
 * after the version: `/sites/…/items?$skiptoken=…`, which `client.api()` joins with its base URL.
 */
export function relativeGraphPath(link: string): string {
  const url = new URL(link, 'https://graph.invalid');
  const path = url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, '');
  return `${path}${url.search}`;
}
