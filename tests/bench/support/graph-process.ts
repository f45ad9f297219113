/**
 * The local SharePoint-lists server in its own process for the load bench, so that its CPU is not
 * counted as the app's. Environment: LOAD_GRAPH_DB (SQLite file), LOAD_GRAPH_TOKEN. Commands over
 * IPC: `traffic` (requests, Graph operations — inside `$batch` too — and round trips since the last
 * `reset`), `reset`, `faults` (set the fault config, e.g. added latency), `usage`.
 */
import { startLocalGraphServer } from '../../../teams-app/local/graph-server';
import { serveParent, usage } from './children';

const server = await startLocalGraphServer({ port: 0, dbPath: process.env.LOAD_GRAPH_DB!, token: process.env.LOAD_GRAPH_TOKEN! });
serveParent(
  { url: server.url },
  {
    traffic: () => {
      const { requests, operations, waves } = server.traffic();
      return { requests, operations, waves };
    },
    reset: () => server.resetRequestCount(),
    faults: (f) => server.setFaults(f as never),
    usage,
  },
  () => server.close(),
);
