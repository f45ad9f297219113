/**
 * The other side of the CPU bench (tests/bench/cpu.bench.ts), in its own process so that its CPU is
 * not counted as the app's: the local SharePoint-lists server (an empty site in a temporary SQLite
 * file; the app provisions and seeds it as `npm start` does) and the fake Bot Connector. Started
 * with `fork` (IPC): it sends `{ url, token, serviceUrl }` once listening, answers `'cpu'` with its
 * own process.cpuUsage(), and stops on `'stop'` or when the parent goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalGraphServer } from '../../teams-app/local/graph-server';
import { startFakeConnector } from '../support/fake-connector';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lis-cpu-graph-'));
const graph = await startLocalGraphServer({ port: 0, dbPath: path.join(dir, 'graph.sqlite') });
const connector = await startFakeConnector();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([graph.close(), connector.close()]);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('message', (m) => {
  if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
  // The connector keeps what it was sent: forget it between measurements (memory, not CPU).
  else if (m === 'reset') connector.reset();
  else if (m === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.send!({ url: graph.url, token: graph.token, serviceUrl: connector.serviceUrl });
