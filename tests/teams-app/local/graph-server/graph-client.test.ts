/**
 * The production client library (@microsoft/microsoft-graph-client 3.0.7, with its default middleware:
 * auth, retry, redirect, telemetry) against the local server over HTTPS. graph-client attaches the
 * bearer token only to https:// hosts listed in customHosts, so this is how the adapter runs locally.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGraphServer, startLocalGraphServer } from '../../../../teams-app/local/graph-server/index';

function selfSignedCert(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'local-graph-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCert();

describe.skipIf(!tls)('@microsoft/microsoft-graph-client against the local server (HTTPS)', () => {
  let server: LocalGraphServer;
  let client: Client;
  const tokens: string[] = [];
  const previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    // This test process trusts the throwaway self-signed certificate (vitest runs each file in its own fork).
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    server = await startLocalGraphServer({ port: 0, tls });
    client = Client.init({
      baseUrl: `${server.url}/`,
      customHosts: new Set(['127.0.0.1']),
      authProvider: (done) => {
        tokens.push(server.token);
        done(null, server.token);
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
  });

  it('reads the site, creates a list and an item, and updates it with If-Match', async () => {
    const site = await client.api('/sites/root').get();
    expect(site.id).toBe(server.siteId);
    expect(tokens.length).toBeGreaterThan(0);
    const list = await client.api(`/sites/${site.id}/lists`).post({
      displayName: 'ClientList',
      columns: [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }],
      list: { template: 'genericList' },
    });
    const item = await client.api(`/sites/${site.id}/lists/${list.id}/items`).post({ fields: { Title: 'hello', Key: 'c-1' } });
    expect(item.fields.Title).toBe('hello');
    const updated = await client.api(`/sites/${site.id}/lists/${list.id}/items/${item.id}/fields`).header('If-Match', item.eTag).patch({ Title: 'hi' });
    expect(updated.Title).toBe('hi');
    const stale = await client
      .api(`/sites/${site.id}/lists/${list.id}/items/${item.id}/fields`)
      .header('If-Match', item.eTag)
      .patch({ Title: 'stale' })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(GraphError);
    expect((stale as GraphError).statusCode).toBe(412);
    const found = await client
      .api(`/sites/${site.id}/lists/${list.id}/items`)
      .expand('fields')
      .filter("fields/Key eq 'c-1'")
      .get();
    expect(found.value.map((i: { id: string }) => i.id)).toEqual([item.id]);
  });

  it('follows absolute https nextLinks passed to client.api()', async () => {
    const list = await client.api(`/sites/${server.siteId}/lists`).post({ displayName: 'ClientPaging' });
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1), method: 'POST', url: `/sites/${server.siteId}/lists/${list.id}/items`,
      headers: { 'Content-Type': 'application/json' }, body: { fields: { Title: `p${i}` } },
    }));
    const batch = await client.api('/$batch').post({ requests });
    expect(batch.responses.every((r: { status: number }) => r.status === 201)).toBe(true);
    const ids: string[] = [];
    let page = await client.api(`/sites/${server.siteId}/lists/${list.id}/items`).top(6).get();
    for (;;) {
      ids.push(...page.value.map((i: { id: string }) => i.id));
      const next: string | undefined = page['@odata.nextLink'];
      if (!next) break;
      page = await client.api(next).get();
    }
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
  });

  it('retries an injected 429 (Retry-After) through its RetryHandler', async () => {
    server.setFaults({ retryAfterSeconds: 0, script: [{ mode: '429', method: 'GET', pathIncludes: '/sites/root' }] });
    const site = await client.api('/sites/root').get();
    expect(site.id).toBe(server.siteId);
  });
});
