/**
 * The app in its own process for the load bench: composed as local mode composes it (startLocal:
 * bot/runtime + bot/server + the demo organisation, the local Host guard), against a local Graph
 * server in another process (LOCAL_GRAPH_URL + LOCAL_GRAPH_TOKEN), background loops off (the
 * outbox's deliveries are not part of an operation's answer; the figures and search texts a write
 * changes are still kept up to date after each answer, as always). Commands over IPC: `usage` (this
 * process's CPU and memory), `idle` (waits for those background recounts), `hold` / `release`
 * (holds the recounts back while one operation's Graph requests are counted, then lets them go).
 */
import { startLocal } from '../../../teams-app/local/launcher';
import { serveParent, usage } from './children';

const app = await startLocal({ env: process.env, quiet: true, background: false });
const background = app.runtime.deps.background!;
const run = background.run.bind(background);
let held: [string, () => Promise<void>][] = [];
serveParent(
  { url: app.appUrl },
  {
    usage,
    idle: () => background.idle(),
    hold: () => {
      background.run = (key, task) => void held.push([key, task]);
    },
    release: () => {
      background.run = run;
      for (const [key, task] of held) run(key, task);
      held = [];
    },
  },
  () => app.close(),
);
