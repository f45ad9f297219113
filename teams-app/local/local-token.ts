/**
 * The local Graph token: random, one per data folder, created on first start and kept in
 * `<data folder>/local-graph-token` (readable by its owner only). The local Graph server accepts no
 * other token, and the app server's `/_local/inbox` asks for it too. `LOCAL_GRAPH_TOKEN` overrides it
 * (for a local Graph server started elsewhere with the same value).
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newLocalToken } from './graph-server/local-guard';

export const LOCAL_TOKEN_FILE = 'local-graph-token';

const VALID = /^[A-Za-z0-9._~+/=-]{16,512}$/;

/** The token of a data folder, creating it when the folder has none yet. */
export function localGraphToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): { token: string; file: string; created: boolean } {
  const file = path.join(dataDir, LOCAL_TOKEN_FILE);
  const fromEnv = env.LOCAL_GRAPH_TOKEN?.trim();
  if (fromEnv) {
    if (!VALID.test(fromEnv)) throw new Error('LOCAL_GRAPH_TOKEN must be 16 to 512 characters of letters, digits and -._~+/=.');
    return { token: fromEnv, file, created: false };
  }
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (VALID.test(token)) return { token, file, created: false };
  }
  const token = newLocalToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}
