/**
 * A fake Bot Connector (the Teams side of the Bot Framework v3 protocol) on 127.0.0.1: it receives
 * what the bot sends — replies, proactive messages, updates, new 1:1 conversations — and records it.
 * The only fake in bot tests: everything inside the app is real.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  method: 'POST' | 'PUT' | 'DELETE';
  conversationId: string;
  /** The activity id a reply answers (POST …/activities/{id}) or the one replaced (PUT). */
  activityId: string | null;
  /** The id the connector gave the message (new posts), or the replaced id. */
  id: string;
  activity: Record<string, unknown>;
  at: number;
}

export interface CreatedConversation {
  id: string;
  parameters: Record<string, unknown>;
}

export interface FakeConnector {
  /** serviceUrl to put in activities, with trailing slash as Teams sends it. */
  serviceUrl: string;
  sent: SentActivity[];
  conversations: CreatedConversation[];
  /** Adaptive Cards among the sent activities, with where they went. */
  cards(): { conversationId: string; id: string; method: string; card: Record<string, unknown> }[];
  /** Make the next N sends answer with this status (e.g. 429 with Retry-After, 403). */
  failNext(status: number, times?: number, retryAfterSeconds?: number): void;
  /** Added delay before each answer (a slow Teams: lets a backlog build). */
  delayMs: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const conversations: CreatedConversation[] = [];
  let failures: { status: number; retryAfter?: number }[] = [];
  let counter = 0;

  const control = { delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => setTimeout(() => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return json(404, { error: { code: 'NotFound', message: req.url } });
      const failure = failures.shift();
      if (failure) return json(failure.status, { error: { code: 'Injected', message: `injected ${failure.status}` } }, failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : {});
      const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      // POST /v3/conversations: create a conversation (proactive 1:1).
      if (parts.length === 2 && req.method === 'POST') {
        const id = `a:fake-1on1-${++counter}`;
        conversations.push({ id, parameters: payload });
        return json(201, { id, activityId: null });
      }
      const conversationId = parts[2]!;
      if (parts[3] === 'activities') {
        const activityId = parts[4] ?? null;
        if (req.method === 'PUT' && activityId) {
          sent.push({ method: 'PUT', conversationId, activityId, id: activityId, activity: payload, at: Date.now() });
          return json(200, { id: activityId });
        }
        if (req.method === 'POST') {
          const id = `act-${++counter}`;
          sent.push({ method: 'POST', conversationId, activityId, id, activity: payload, at: Date.now() });
          return json(201, { id });
        }
        if (req.method === 'DELETE' && activityId) {
          sent.push({ method: 'DELETE', conversationId, activityId, id: activityId, activity: {}, at: Date.now() });
          return json(200, {});
        }
      }
      if (parts[3] === 'members') return json(200, []);
      return json(404, { error: { code: 'NotFound', message: req.url } });
    }, control.delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    get delayMs() {
      return control.delayMs;
    },
    set delayMs(ms: number) {
      control.delayMs = ms;
    },
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    conversations,
    cards() {
      return sent.flatMap((s) =>
        ((s.activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [])
          .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
          .map((a) => ({ conversationId: s.conversationId, id: s.id, method: s.method, card: a.content })),
      );
    },
    failNext(status, times = 1, retryAfterSeconds) {
      for (let i = 0; i < times; i++) failures.push({ status, ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}) });
    },
    reset() {
      sent.length = 0;
      conversations.length = 0;
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
