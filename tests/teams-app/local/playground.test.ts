/**
 * `npm run playground`: the committed Agents Playground configs name the demo organisation's tenant
 * and real demo people in the shape the playground demands, and the launcher points the playground
 * at the local bot. The playground itself is never started here: it reaches for the network at
 * start and listens on all interfaces (PLATFORM.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_TENANT, DEFAULT_UI_PORT, personas, planPlayground, PLAYGROUND_DIR, PlaygroundUsageError } from '../../../teams-app/local/playground/start';

const root = path.resolve(import.meta.dirname, '../../..');
const people = JSON.parse(readFileSync(path.join(root, 'teams-app/local/seed/people.json'), 'utf8')) as { aadObjectId: string; displayName: string; email: string }[];

interface ConfigUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** Reads the parts of a config the checks need (the files are written in one plain layout). */
function readConfig(persona: string) {
  const text = readFileSync(path.join(PLAYGROUND_DIR, `${persona}.yml`), 'utf8');
  const scalar = (re: RegExp) => re.exec(text)?.[1];
  const user = (block: string): ConfigUser => Object.fromEntries([...block.matchAll(/(?:^|\n)\s*-?\s*(\w+): (.+)/g)].map((m) => [m[1], m[2]])) as unknown as ConfigUser;
  const current = /\ncurrentUser:\n((?: {2}\w+: .+\n){7})/.exec(text);
  const users = /\nusers:\n([\s\S]*?)\n(?=\S)/.exec(text)?.[1]?.split(/\n(?= {2}- )/).map((b) => b.replace(/^ {2}#.*\n/gm, '')) ?? [];
  return {
    text,
    version: scalar(/^version: "(.+)"$/m),
    tenantId: scalar(/^tenantId: (.+)$/m),
    botId: scalar(/^bot:\n(?: {2}#.*\n)* {2}id: (.+)$/m),
    currentUser: current ? user(current[1]!) : null,
    users: users.filter((b) => b.includes('- id:')).map((b) => user(b.replace(/^ {2}- /m, '    '))),
    personalChat: scalar(/^personalChat:\n {2}id: (.+)$/m),
    channels: [...text.matchAll(/^ {4}- id: (19:.+)$/gm)].map((m) => m[1]),
  };
}

describe('the committed playground configs', () => {
  it('are there for a staff member and an information owner', () => {
    expect(personas()).toEqual(['johanna', 'thomas']);
  });

  it.each(['johanna', 'thomas'])('%s.yml has the shape the playground demands: one current user, five users, one extra channel', (persona) => {
    const config = readConfig(persona);
    expect(config.version).toBe('0.1.1');
    expect(config.currentUser).not.toBeNull();
    expect(config.users).toHaveLength(5);
    expect(config.channels).toHaveLength(1);
    const ids = [config.currentUser!.id, ...config.users.map((u) => u.id)];
    expect(new Set(ids).size).toBe(6);
    for (const u of [config.currentUser!, ...config.users]) expect(Object.keys(u).sort()).toEqual(['aadObjectId', 'email', 'givenName', 'id', 'name', 'surname', 'userPrincipleName']);
  });

  it.each(['johanna', 'thomas'])('%s.yml names the local tenant, the bot as local mode knows it, and real demo people', (persona) => {
    const config = readConfig(persona);
    expect(config.tenantId).toBe(CONFIG_TENANT);
    expect(config.botId).toBe('28:lis-local-bot');
    expect(readFileSync(path.join(root, 'bot/teams/notifier.ts'), 'utf8')).toContain("'lis-local-bot'");
    for (const u of [config.currentUser!, ...config.users]) {
      const person = people.find((p) => p.aadObjectId === u.aadObjectId);
      expect(person, u.name).toBeDefined();
      expect([u.name, u.email, u.userPrincipleName, u.id, `${u.givenName} ${u.surname}`]).toEqual([person!.displayName, person!.email, person!.email, person!.aadObjectId, person!.displayName]);
    }
  });

  it('is the same cast seen by each person, each with a personal chat of their own', () => {
    const johanna = readConfig('johanna');
    const thomas = readConfig('thomas');
    const cast = (c: ReturnType<typeof readConfig>) => [c.currentUser!, ...c.users].map((u) => u.aadObjectId).sort();
    expect(cast(johanna)).toEqual(cast(thomas));
    expect(johanna.currentUser!.name).toBe('Johanna Berg');
    expect(thomas.currentUser!.name).toBe('Thomas Granlund');
    expect(johanna.personalChat).not.toBe(thomas.personalChat);
  });
});

describe('the launcher', () => {
  it('points the playground at the local bot, as Johanna Berg, with telemetry off and its log out of the repository', () => {
    const plan = planPlayground([], {});
    expect(plan.persona).toBe('johanna');
    expect(plan.configPath).toBe(path.join(PLAYGROUND_DIR, 'johanna.yml'));
    expect(plan.configText).toBeNull();
    expect(plan.args).toEqual(['--app-endpoint', 'http://127.0.0.1:3978/api/messages', '--channel-id', 'msteams', '--port', String(DEFAULT_UI_PORT), '--disable-telemetry']);
    expect(plan.env).toEqual({ M365_AGENTS_PLAYGROUND_CONFIG_PATH: plan.configPath, M365_AGENTS_PLAYGROUND_LOGFILE: path.join(root, '.data/playground/johanna.log') });
  });

  it('follows PORT, LIS_DATA_DIR, --as and --port', () => {
    const plan = planPlayground(['--as', 'Thomas', '--port', '56151'], { PORT: '3982', LIS_DATA_DIR: '/tmp/lis-x' });
    expect(plan.configPath).toBe(path.join(PLAYGROUND_DIR, 'thomas.yml'));
    expect(plan.args.slice(0, 6)).toEqual(['--app-endpoint', 'http://127.0.0.1:3982/api/messages', '--channel-id', 'msteams', '--port', '56151']);
    expect(plan.logFile).toBe('/tmp/lis-x/playground/thomas.log');
  });

  it('writes a copy with LOCAL_TENANT_ID when the app runs with another tenant', () => {
    const plan = planPlayground([], { LOCAL_TENANT_ID: '11111111-2222-4333-8444-555555555555', LIS_DATA_DIR: '/tmp/lis-y' });
    expect(plan.configPath).toBe('/tmp/lis-y/playground/johanna.yml');
    expect(plan.configText).toMatch(/^tenantId: 11111111-2222-4333-8444-555555555555$/m);
    expect(plan.configText!.replace(/^tenantId: .*$/m, '')).toBe(readFileSync(path.join(PLAYGROUND_DIR, 'johanna.yml'), 'utf8').replace(/^tenantId: .*$/m, ''));
  });

  it('refuses unknown people, options and ports with what to do instead', () => {
    expect(() => planPlayground(['--as', 'karin'], {})).toThrow(/no playground config for "karin". Choose one of: johanna, thomas/);
    expect(() => planPlayground(['--verbose'], {})).toThrow(PlaygroundUsageError);
    expect(() => planPlayground(['--port', '80'], {})).toThrow(/--port must be a port number/);
    expect(() => planPlayground([], { PORT: 'x' })).toThrow(/PORT must be/);
  });
});
