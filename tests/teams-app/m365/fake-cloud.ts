/**
 * A loopback stand-in for the Microsoft cloud endpoints the production entry talks to: the App
 * Service managed-identity endpoint, Graph users (Entra ID), and Graph sites — the last passed
 * through to the local SharePoint-lists server. Every Graph request must carry the token the fake
 * identity endpoint issued; anything else is counted as refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const MI_CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const IDENTITY_HEADER = 'fake-identity-header';
export const GRAPH_TOKEN = 'token-for-the-managed-identity';

export interface FakeUser {
  id: string;
  displayName: string;
  mail: string;
  department: string;
  accountEnabled: boolean;
  manager: string | null;
}

export interface FakeCloud {
  url: string;
  tokenRequests: number;
  graphRequests: string[];
  refused: string[];
  close(): Promise<void>;
}

export async function startFakeCloud(localGraphUrl: string, users: FakeUser[]): Promise<FakeCloud> {
  const cloud: FakeCloud = { url: '', tokenRequests: 0, graphRequests: [], refused: [], close: async () => undefined };

  const userAnswer = (path: string): { status: number; body: unknown } => {
    const url = new URL(path, 'http://x');
    const [, id, sub] = url.pathname.split('/').filter(Boolean);
    const user = users.find((u) => u.id === id);
    if (!user) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'not found' } } };
    if (sub === 'manager') {
      const manager = users.find((u) => u.id === user.manager);
      return manager ? { status: 200, body: { id: manager.id } } : { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'no manager' } } };
    }
    const { manager: _m, ...rest } = user;
    return { status: 200, body: { ...rest, userPrincipalName: user.mail } };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/msi/token') {
        cloud.tokenRequests++;
        if (req.headers['x-identity-header'] !== IDENTITY_HEADER || url.searchParams.get('client_id') !== MI_CLIENT_ID || url.searchParams.get('resource') !== 'https://graph.microsoft.com') {
          return send(400, { error: 'invalid_request', error_description: 'wrong identity request' });
        }
        return send(200, { access_token: GRAPH_TOKEN, expires_on: String(Math.floor(Date.now() / 1000) + 3600), token_type: 'Bearer' });
      }
      cloud.graphRequests.push(`${req.method} ${req.url}`);
      if (req.headers.authorization !== `Bearer ${GRAPH_TOKEN}`) {
        cloud.refused.push(`${req.method} ${req.url}`);
        return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });
      }
      if (url.pathname.startsWith('/v1.0/users/')) {
        const a = userAnswer(url.pathname.slice('/v1.0'.length) + url.search);
        return send(a.status, a.body);
      }
      if (url.pathname === '/v1.0/$batch') {
        const batch = JSON.parse(body.toString('utf8')) as { requests: { id: string; url: string }[] };
        if (batch.requests.every((r) => r.url.startsWith('/users/'))) {
          return send(200, { responses: batch.requests.map((r) => ({ id: r.id, ...userAnswer(r.url) })) });
        }
      }
      // Sites and lists: the local SharePoint-lists server.
      const upstream = http.request(`${localGraphUrl}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(localGraphUrl).host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => send(502, { error: { code: 'BadGateway', message: 'local graph unreachable' } }));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cloud.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cloud.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return cloud;
}
