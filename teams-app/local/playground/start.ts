/**
 * `npm run playground [-- --as thomas] [--port 56151]`: the Microsoft 365 Agents Playground — a
 * Teams-like chat in the browser — against the local bot of a running `npm start`, as one of the
 * demo organisation's people (johanna.yml, thomas.yml beside this file).
 *
 * The playground is Microsoft's (@microsoft/m365agentsplayground, a dev dependency). At start it
 * reaches for the network (the cloud metadata address 169.254.169.254 and DNS, even with telemetry
 * off) and its web UI listens on all interfaces: it is never run in tests or CI, and on a shared
 * machine it belongs in a network namespace with loopback alone (README.md › "A Teams-like client").
 * It always sends `locale: en-US`, so the bot answers in English there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const PLAYGROUND_DIR = import.meta.dirname;
const ROOT = path.resolve(PLAYGROUND_DIR, '../../..');
/** The tenant the committed configs name (CONTRACTS.md: local mode's one tenant). */
export const CONFIG_TENANT = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_PERSONA = 'johanna';
export const DEFAULT_UI_PORT = 56150;

export class PlaygroundUsageError extends Error {
  override readonly name = 'PlaygroundUsageError';
}

/** The people there is a config for: `<name>.yml` in this folder. */
export function personas(dir = PLAYGROUND_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export interface PlaygroundPlan {
  persona: string;
  /** The config the playground reads (the committed file, or a copy with LOCAL_TENANT_ID in it). */
  configPath: string;
  /** Set when the committed config needs the tenant changed: write this text to configPath first. */
  configText: string | null;
  appUrl: string;
  uiPort: number;
  logFile: string;
  args: string[];
  env: Record<string, string>;
}

/** What to run, from the command line and the environment; throws PlaygroundUsageError on bad input. */
export function planPlayground(argv: string[], env: NodeJS.ProcessEnv, dir = PLAYGROUND_DIR): PlaygroundPlan {
  let persona = DEFAULT_PERSONA;
  let uiPort = DEFAULT_UI_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--as' && value) {
      persona = value.toLowerCase();
      i++;
    } else if (arg === '--port' && value) {
      uiPort = Number(value);
      if (!Number.isInteger(uiPort) || uiPort < 1024 || uiPort > 65535) throw new PlaygroundUsageError(`--port must be a port number from 1024 to 65535, not "${value}".`);
      i++;
    } else throw new PlaygroundUsageError(`Unknown option ${arg}.`);
  }
  const known = personas(dir);
  if (!known.includes(persona)) throw new PlaygroundUsageError(`There is no playground config for "${persona}". Choose one of: ${known.join(', ')} (files in ${path.relative(ROOT, dir)}).`);

  const appPort = Number(env.PORT ?? 3978);
  if (!Number.isInteger(appPort) || appPort < 1 || appPort > 65535) throw new PlaygroundUsageError(`PORT must be the app server's port, not "${env.PORT}".`);
  const appUrl = `http://127.0.0.1:${appPort}`;
  const dataDir = path.resolve(ROOT, env.LIS_DATA_DIR ?? '.data');
  const committed = path.join(dir, `${persona}.yml`);
  const tenant = env.LOCAL_TENANT_ID?.trim().toLowerCase();
  let configPath = committed;
  let configText: string | null = null;
  if (tenant && tenant !== CONFIG_TENANT) {
    // The bot refuses activities from any other tenant than its own: follow LOCAL_TENANT_ID.
    configText = readFileSync(committed, 'utf8').replace(/^tenantId: .*$/m, `tenantId: ${tenant}`);
    configPath = path.join(dataDir, 'playground', `${persona}.yml`);
  }
  // The playground writes its log to ./devTools/ unless told otherwise: keep it out of the repository.
  const logFile = path.join(dataDir, 'playground', `${persona}.log`);
  return {
    persona,
    configPath,
    configText,
    appUrl,
    uiPort,
    logFile,
    args: ['--app-endpoint', `${appUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(uiPort), '--disable-telemetry'],
    env: { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath, M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
  };
}

/** The name a person is shown under in the config (`currentUser.name`). */
function currentUserName(configPath: string): string {
  const m = /^currentUser:\n(?: {2}.*\n)*? {2}name: (.+)$/m.exec(readFileSync(configPath, 'utf8'));
  return m?.[1] ?? '?';
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(
      [
        'Usage: npm run playground [-- --as <person>] [--port <ui port>]',
        `  --as    whom to be: ${personas().join(', ')} (default ${DEFAULT_PERSONA})`,
        `  --port  the playground's web UI (default ${DEFAULT_UI_PORT}); give each playground its own`,
        'Start the app first (npm start). Environment: PORT, LIS_DATA_DIR, LOCAL_TENANT_ID as for npm start.',
      ].join('\n'),
    );
    return;
  }
  const plan = planPlayground(argv, process.env);
  const health = await fetch(`${plan.appUrl}/healthz`, { signal: AbortSignal.timeout(3000) }).catch(() => null);
  if (!health?.ok) {
    console.error(`The app does not answer at ${plan.appUrl}/healthz. Start it first, in another terminal: npm start${process.env.PORT ? ` (with PORT=${process.env.PORT})` : ''}.`);
    process.exit(1);
  }
  mkdirSync(path.dirname(plan.logFile), { recursive: true });
  if (plan.configText !== null) writeFileSync(plan.configPath, plan.configText);
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  if (!existsSync(cli)) throw new Error('@microsoft/m365agentsplayground is not installed: run npm install.');

  const shown = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p));
  console.log(
    [
      '',
      `Microsoft 365 Agents Playground as ${currentUserName(plan.configPath)} → ${plan.appUrl}/api/messages`,
      `  Web UI   http://localhost:${plan.uiPort}/`,
      `  Config   ${shown(plan.configPath)}`,
      `  Log      ${shown(plan.logFile)}`,
      '  Note: it reaches for the network at start (169.254.169.254, DNS) and listens on all interfaces.',
      '        On a shared machine run it in a loopback-only namespace (README.md › "A Teams-like client").',
      '        It sends locale en-US: the bot answers in English here. Ctrl+C stops.',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [cli, ...plan.args], { stdio: 'inherit', env: { ...process.env, ...plan.env } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof PlaygroundUsageError ? `${error.message} Try: npm run playground -- --help` : error);
    process.exit(2);
  });
}
