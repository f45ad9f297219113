/**
 * The tab's weight and speed, printed by `npm run bench` (figures, not assertions):
 * - initial JavaScript: the entry chunk, what index.html preloads and the Swedish messages (loaded
 *   before the first render, tab/app/messages.ts), gzip-compressed (target ≤ 250 kB), and every
 *   lazily loaded chunk;
 * - in Chromium against the whole local app, cold cache each run, over loopback and over an
 *   emulated office Wi-Fi: time to the first render (the demo sign-in with its people), and, signed
 *   in, time until Översikt shows its figures and until Incidenter shows its rows (target: under
 *   1 s); the JavaScript that travelled (compressed) and what it decoded to.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { TAB_DIST } from '../../bot/api/static-tab';
import { startLocal } from '../../teams-app/local/launcher';
import { CHROMIUM, CHROMIUM_ARGS, ensureTabBuilt } from '../e2e/support';
import { summarise, table } from './stats';

const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gz = (file: string) => gzipSync(readFileSync(file)).length;

export interface BundleFigures {
  initialGzip: number;
  initialRaw: number;
  rows: Record<string, string | number>[];
}

/**
 * The JavaScript loaded before anything renders: the entry module, its modulepreloads, and one
 * language's messages (Swedish, the first language; English is the same size).
 */
export function measureBundle(dist = TAB_DIST): BundleFigures {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const rows: Record<string, string | number>[] = [];
  let initialGzip = 0;
  let initialRaw = 0;
  for (const name of readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js')).sort()) {
    const file = path.join(dist, 'assets', name);
    const raw = readFileSync(file).length;
    const zipped = gz(file);
    const isInitial = initial.has(`assets/${name}`) || name.startsWith('_lis-messages_sv-');
    if (isInitial) {
      initialGzip += zipped;
      initialRaw += raw;
    }
    rows.push({ chunk: name, loaded: isInitial ? 'initial' : 'lazy', 'raw kB': kB(raw), 'gzip kB': kB(zipped) });
  }
  rows.sort((a, b) => (a.loaded === b.loaded ? Number(b['gzip kB']) - Number(a['gzip kB']) : a.loaded === 'initial' ? -1 : 1));
  return { initialGzip, initialRaw, rows };
}

export async function benchTab(options: { runs?: number } = {}): Promise<string> {
  return (await benchTabFigures(options)).text;
}

/** The tab bench's text, with its headline figures for the load bench's table (load.bench.ts). */
export async function benchTabFigures(options: { runs?: number } = {}): Promise<{ text: string; initialGzipKB: number; firstRender: { p50: number; p95: number } | null }> {
  await ensureTabBuilt();
  let firstRender: { p50: number; p95: number } | null = null;
  const out: string[] = [];
  const bundle = measureBundle();
  out.push(`Initial JavaScript (entry + modulepreload + Swedish messages): ${kB(bundle.initialGzip)} kB gzip (${kB(bundle.initialRaw)} kB raw); target ≤ 250 kB gzip`);
  out.push(table(bundle.rows));

  if (!existsSync(CHROMIUM)) {
    out.push(`\nFirst render: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
    return { text: out.join('\n'), initialGzipKB: kB(bundle.initialGzip), firstRender };
  }
  const runs = options.runs ?? 9;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lis-bench-tab-'));
  const app = await startLocal({ env: { PORT: '0', LOCAL_GRAPH_PORT: '0', LIS_DATA_DIR: dataDir }, quiet: true, background: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const demo = await (await fetch(`${app.appUrl}/api/v1/auth/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: 'd0000000-0000-4000-8000-000000000002' }) })).json();
    const signedIn = JSON.stringify({ personId: 'd0000000-0000-4000-8000-000000000002', token: demo.token, expiresAt: demo.expiresAt });

    /** Loopback, and a laptop on office Wi-Fi as Chromium emulates it. */
    const NETWORKS = [
      { name: 'loopback', conditions: null },
      { name: 'Wi-Fi 30 Mbit/s, 20 ms', conditions: { offline: false, latency: 20, downloadThroughput: (30_000_000 / 8) | 0, uploadThroughput: (10_000_000 / 8) | 0 } },
    ] as const;
    type Mark = 'lis:first-render' | 'lis:overview-ready' | 'lis:register-ready';

    async function measure(mark: Mark, setup: (s: string) => void, arg: string, hash: string, network: (typeof NETWORKS)[number]) {
      const times: number[] = [];
      const jsWire: number[] = [];
      const jsRaw: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        // A new context is a cold cache, as on a first visit.
        const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
        await context.addInitScript(setup, arg);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        if (network.conditions) await cdp.send('Network.emulateNetworkConditions', network.conditions);
        // What travelled (compressed) and what the browser got (decoded), for the JavaScript.
        const jsRequests = new Set<string>();
        let wire = 0;
        let raw = 0;
        cdp.on('Network.responseReceived', (e: { requestId: string; response: { url: string } }) => {
          if (e.response.url.endsWith('.js')) jsRequests.add(e.requestId);
        });
        cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
          if (jsRequests.has(e.requestId)) raw += e.dataLength;
        });
        cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
          if (jsRequests.has(e.requestId)) wire += e.encodedDataLength;
        });
        await page.goto(`${app.appUrl}/${hash}`);
        await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 60_000 });
        const t = await page.evaluate((m) => performance.getEntriesByName(m)[0]!.startTime, mark);
        // The first run warms the server and the browser binary; it is not counted.
        if (i > 0) {
          times.push(t);
          jsWire.push(wire);
          jsRaw.push(raw);
        }
        await context.close();
      }
      const s = summarise(times);
      return { network: network.name, 'p50 ms': s.p50, 'p95 ms': s.p95, 'max ms': s.max, runs: s.n, 'JS on the wire kB': kB(Math.max(...jsWire)), 'JS decoded kB': kB(Math.max(...jsRaw)) };
    }

    const signedInSetup = (x: string) => sessionStorage.setItem('lis.demo-sign-in', x);
    const rows: Record<string, string | number>[] = [];
    for (const network of NETWORKS) {
      const first = await measure('lis:first-render', () => sessionStorage.clear(), '', '', network);
      if (!network.conditions) firstRender = { p50: first['p50 ms'], p95: first['p95 ms'] };
      rows.push({ measure: 'first render: demo sign-in with its people', ...first });
      rows.push({ measure: 'signed in: Översikt with its figures and charts', ...(await measure('lis:overview-ready', signedInSetup, signedIn, '#/overview', network)) });
      rows.push({ measure: 'signed in: Incidenter with its rows', ...(await measure('lis:register-ready', signedInSetup, signedIn, '#/incidents', network)) });
    }
    out.push(`\nTime from navigation start in Chromium at 1280×800 (headless, brotli-compressed assets, cold cache, ${runs} runs after one warm-up); target: the view with its data under 1 s`);
    out.push(table(rows));
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { text: out.join('\n'), initialGzipKB: kB(bundle.initialGzip), firstRender };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchTab());
}
