/**
 * Graph JSON batching for the record store: bodies built by hand (graph-client's BatchRequestContent
 * keeps `/v1.0` in inner URLs, which Graph rejects), at most 20 requests each, and every inner status
 * handled — an outer 200 can hold inner 429s that no middleware retries.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { budgetOf } from './budget';
import { graphErrorInfo, isListViewThresholdRefusal } from './graph-errors';
import { backoffMs, DEFAULT_RETRY, retryAfterMs, sleep, WriteAttempts } from './middleware';

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of requests in the same `$batch` this one waits for (refused with 424 when one of them fails). */
  dependsOn?: string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const BATCH_LIMIT = 20;
const BATCH_RETRIES = 8;

/**
 * Sends requests in `$batch`es of 20 and returns one response per request, in order. Inner
 * 429/503/504 are retried after the longest Retry-After among them (graph-client's middleware only
 * sees the outer 200).
 */
export async function sendBatch(client: Client, fail: (error: unknown) => Error, requests: BatchRequest[], options: { parallel?: number; retried?: Set<string> } = {}): Promise<BatchResponse[]> {
  const results = new Map<string, BatchResponse>();
  const chunks: BatchRequest[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_LIMIT) chunks.push(requests.slice(start, start + BATCH_LIMIT));
  // Writes go one $batch after the other (a failure stops the rest); reads may go side by side.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, options.parallel ?? 1), chunks.length) }, async () => {
      for (let c = next++; c < chunks.length; c = next++) await sendChunk(client, fail, chunks[c]!, results, options.retried);
    }),
  );
  return requests.map((r) => results.get(r.id) ?? { id: r.id, status: 0 });
}

/** `retried` collects the ids of requests sent more than once (inner retries, or the whole $batch again). */
async function sendChunk(client: Client, fail: (error: unknown) => Error, chunk: BatchRequest[], results: Map<string, BatchResponse>, retried?: Set<string>): Promise<void> {
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
      let res: { responses: BatchResponse[] };
      try {
        const marker = new WriteAttempts();
        res = (await client.api('/$batch').middlewareOptions([marker]).post({ requests: pending })) as { responses: BatchResponse[] };
        if (marker.retried) for (const p of pending) retried?.add(p.id);
      } catch (error) {
        throw fail(error);
      }
      const retry: BatchRequest[] = [];
      let wait = 0;
      for (const r of res.responses) {
        const request = pending.find((p) => p.id === r.id)!;
        const refused = isListViewThresholdRefusal(graphErrorInfo(r), request.url);
        if ([429, 503, 504].includes(r.status) && !refused && attempt < BATCH_RETRIES) {
          retry.push(request);
          retried?.add(request.id);
          const told = retryAfterMs(r.headers?.['Retry-After'] ?? r.headers?.['retry-after'] ?? null);
          // Throttling inside a $batch is throttling all the same: throttled background work pauses (budget.ts).
          if (told !== null && (r.status === 429 || r.status === 503)) budgetOf(client)?.throttled(told);
          wait = Math.max(wait, told ?? backoffMs(attempt, DEFAULT_RETRY));
        } else results.set(r.id, r);
      }
      // A request sent again waits only for those sent again with it (the others are done).
      const again = new Set(retry.map((r) => r.id));
      pending = retry.map((r) => (r.dependsOn ? { ...r, dependsOn: r.dependsOn.filter((d) => again.has(d)) } : r));
      if (pending.length) await sleep(Math.min(wait, DEFAULT_RETRY.maxDelayMs));
  }
}
