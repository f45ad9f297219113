/**
 * The real app in local mode (startLocal: local SharePoint server, provisioning, demo seed, app
 * server) on ephemeral loopback ports with a temporary data folder, and a small HTTP client for
 * `/api/v1` that signs in through the demo sign-in like the tab does. Every JSON answer it gets is
 * checked against its route's shape in core/api (routes.ts): an answer that drifts from its
 * schema fails the test that received it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAnswer } from '../../../core/api';
import { startLocal, type LocalApp } from '../../../teams-app/local/launcher';

/** People of the demo organisation (teams-app/local/seed/README.md). */
export const PEOPLE = {
  director: 'd0000000-0000-4000-8000-000000000001',
  isam: 'd0000000-0000-4000-8000-000000000002',
  dso: 'd0000000-0000-4000-8000-000000000003',
  classificationLead: 'd0000000-0000-4000-8000-000000000004',
  perHolmberg: 'd0000000-0000-4000-8000-000000000007',
  itsec: 'd0000000-0000-4000-8000-000000000011',
  cecilia: 'd0000000-0000-4000-8000-000000000014',
  /** Johanna Berg, an ordinary staff member in EKB. */
  staff: 'd0000000-0000-4000-8000-000000000016',
  /** Thomas Granlund, head of IFO: owner of IA-001, IA-003, IA-014. */
  thomas: 'd0000000-0000-4000-8000-000000000030',
} as const;

export interface Api {
  app: LocalApp;
  base: string;
  dataDir: string;
  token(personId: string): Promise<string>;
  call(method: string, route: string, options?: { token?: string | null; as?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startApi(): Promise<Api> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-tab-api-'));
  const app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir }, quiet: true, background: false });
  const base = `${app.appUrl}/api/v1`;
  const tokens = new Map<string, string>();
  const token = async (personId: string) => {
    if (!tokens.has(personId)) {
      const res = await fetch(`${base}/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId }) });
      if (res.status !== 200) throw new Error(`demo sign-in for ${personId}: ${res.status}`);
      tokens.set(personId, ((await res.json()) as { token: string }).token);
    }
    return tokens.get(personId)!;
  };
  return {
    app,
    base,
    dataDir,
    token,
    async call(method, route, options = {}) {
      const bearer = options.token !== undefined ? options.token : options.as ? await token(options.as) : null;
      const res = await fetch(`${base}${route}`, {
        method,
        headers: {
          Accept: 'application/json',
          'Accept-Language': 'sv-SE',
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      if (typeof body !== 'string') {
        const checked = checkAnswer(method, route, res.status, body);
        if (checked.issues.length) {
          const where = checked.issues.map((i) => `  ${i.path || '(the whole answer)'}: ${i.message}`).join('\n');
          throw new Error(`${method} ${route} → ${res.status} differs from its shape in core/api (${checked.route}):\n${where}\n${JSON.stringify(body).slice(0, 2_000)}`);
        }
      }
      return { status: res.status, body, headers: res.headers };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A complete, valid new asset as the tab's form sends it. */
export function newAsset(code: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    name: `Testsystem ${code}`,
    description: 'Ett system som används i testerna.',
    information: 'Uppgifter om ärenden och kontaktuppgifter.',
    critical: false,
    ownerId: PEOPLE.cecilia,
    delegateId: null,
    contactId: null,
    unit: 'EKB',
    systemOwnerId: null,
    confidentiality: null,
    integrity: null,
    availability: null,
    traceability: null,
    classifiedAt: null,
    priority: null,
    nextReviewAt: null,
    notes: null,
    ...overrides,
  };
}
