/**
 * No secret is committed: every file git would commit (tracked, or new and not ignored) is scanned
 * for credential-looking values — private keys, client secrets, tokens, connection strings with
 * keys or passwords, secret-named settings with literal values — and for key and certificate
 * files. Tests that need keys or secrets generate them at run time; the few literal look-alikes
 * that are not secrets are listed below with the reason.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface Rule {
  id: string;
  what: string;
  pattern: RegExp;
  /** Extra check on the match (e.g. the value must look random). */
  accept?: (match: RegExpExecArray) => boolean;
}

const looksRandom = (value: string) => value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && new Set(value).size >= 10;
const isPlaceholder = (value: string) => /^(\$\{\{|\$\{|<|\{\{|@Microsoft\.KeyVault\(|process\.env|env\.|xxx|\*\*\*)/i.test(value);

const RULES: Rule[] = [
  { id: 'private-key', what: 'a PEM private key', pattern: new RegExp(`-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?${'PRIVATE'} KEY-----`) },
  { id: 'jwt', what: 'a signed JWT', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/ },
  // Entra ID client secrets: 3 characters, a digit, "Q~", then 31–34 characters.
  { id: 'entra-client-secret', what: 'an Entra ID client secret', pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/ },
  { id: 'connection-string-key', what: 'a storage/Service Bus/Cosmos key in a connection string', pattern: /\b(AccountKey|SharedAccessKey|AccessKey|PrimaryKey)=([A-Za-z0-9+/]{30,}={0,2})/, accept: (m) => !isPlaceholder(m[2]!) },
  { id: 'connection-string-password', what: 'a password in a connection string', pattern: /\b(Password|Pwd)=([^;'"\s<>{}$]{6,});/i, accept: (m) => !isPlaceholder(m[2]!) },
  { id: 'url-credentials', what: 'credentials in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:([^\s/@'"]{8,})@[^\s'"]+/i, accept: (m) => !isPlaceholder(m[1]!) && looksRandom(m[1]!) },
  { id: 'cloud-token', what: 'a cloud or Git host token', pattern: /\b(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})\b/ },
  {
    id: 'secret-setting',
    what: 'a secret-named setting with a literal value',
    pattern: /\b([A-Za-z0-9_]*(?:secret|password|passwd|token|api_?key|access_?key|client_?key)[A-Za-z0-9_]*)["']?\s*[:=]\s*["']?([A-Za-z0-9+/=_~.-]{16,})/gi,
    accept: (m) => !isPlaceholder(m[2]!) && looksRandom(m[2]!),
  },
];

/** Files that must never be committed, whatever they hold. */
const FORBIDDEN_FILES = /(^|\/)(id_rsa|id_ed25519|[^/]*\.(pem|key|pfx|p12|jks|keystore|publishsettings)|\.env(\.[^/]*)?\.user|\.env\.(local|production|prod))$/i;
const ALLOWED_ENV_FILES = new Set(['.env.example', 'teams-app/m365/env/.env.dev']);

/**
 * Literal look-alikes that are not secrets. Each names the file, the rule and why; an entry that
 * no longer matches anything fails the test, so the list cannot rot. Empty today: test keys,
 * tokens and secrets are generated at run time (see RUNTIME_FIXTURES) or assembled from parts.
 */
const ALLOW: { file: string; rule: string; why: string }[] = [];

/**
 * Secrets and keys that tests and local mode generate at run time. They are allowed to exist in
 * the working tree — and must stay git-ignored, which is checked.
 */
const RUNTIME_FIXTURES: { path: string; why: string }[] = [
  { path: '.data/tab-token-secret', why: 'HS256 secret of the local demo sign-in, generated on first start' },
  { path: '.data/graph.sqlite', why: 'local SharePoint-lists data' },
  { path: '.data/provision-dry-run/graph.sqlite', why: 'data of npm run provision:m365 -- --local' },
  { path: 'dist/appPackage/lis-for-teams.zip', why: 'the app package, built from the environment' },
  { path: 'teams-app/m365/env/.env.dev.user', why: 'where the Agents Toolkit writes SECRET_ values' },
  { path: 'teams-app/m365/build/aad.manifest.dev.json', why: 'the filled Entra manifest' },
  { path: '.deployment/deployment.zip', why: 'zip-deploy staging' },
  { path: '.env', why: 'a developer\'s own settings' },
];

interface Finding {
  file: string;
  line: number;
  rule: string;
  what: string;
  excerpt: string;
}

export function scan(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (rule.accept && !rule.accept(m)) continue;
      const line = text.slice(0, m.index).split('\n').length;
      // The excerpt shows where, not what: never echo a whole secret into CI logs.
      const excerpt = `${m[0].slice(0, 10)}…`;
      findings.push({ file, line, rule: rule.id, what: rule.what, excerpt });
    }
  }
  return findings;
}

/** What git would commit: tracked files plus new files that are not ignored. */
function committable(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return out.split('\0').filter(Boolean);
  } catch {
    // Not a git checkout (an unpacked archive): walk the tree, leaving out what .gitignore names.
    const skip = new Set(['.git', 'node_modules', '.data', 'dist', 'coverage']);
    const walk = (dir: string): string[] =>
      readdirSync(path.join(root, dir)).flatMap((name) => {
        const rel = dir ? `${dir}/${name}` : name;
        if (skip.has(name)) return [];
        return statSync(path.join(root, rel)).isDirectory() ? walk(rel) : [rel];
      });
    return walk('');
  }
}

describe('no secret is committed', () => {
  const files = committable().filter((f) => {
    try {
      return statSync(path.join(root, f)).isFile();
    } catch {
      return false; // deleted in the working tree
    }
  });

  it('finds the files to scan', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('package.json');
    expect(files).toContain('tests/security/no-secrets.test.ts');
  });

  it('has no key, certificate or local environment files', () => {
    const bad = files.filter((f) => FORBIDDEN_FILES.test(f) || (/(^|\/)\.env(\.|$)/.test(f) && !ALLOWED_ENV_FILES.has(f)));
    expect(bad).toEqual([]);
  });

  it('keeps what is generated at run time out of git', () => {
    const committed = RUNTIME_FIXTURES.filter((f) => {
      try {
        execFileSync('git', ['check-ignore', '-q', f.path], { cwd: root });
        return false;
      } catch (error) {
        // exit 1: not ignored; anything else (no git): nothing to check
        return (error as { status?: number }).status === 1;
      }
    });
    expect(committed.map((f) => `${f.path} (${f.why}) is not git-ignored`)).toEqual([]);
  });

  it('has no credential-looking values in any file', () => {
    const findings: Finding[] = [];
    const used = new Set<number>();
    for (const file of files) {
      const buffer = readFileSync(path.join(root, file));
      if (buffer.length > 2_000_000 || buffer.subarray(0, 8000).includes(0)) continue; // binary or huge
      for (const f of scan(file, buffer.toString('utf8'))) {
        const allowed = ALLOW.findIndex((a) => a.file === f.file && a.rule === f.rule);
        if (allowed >= 0) used.add(allowed);
        else findings.push(f);
      }
    }
    expect(findings.map((f) => `${f.file}:${f.line} ${f.what} (${f.rule}) ${f.excerpt}`)).toEqual([]);
    expect(ALLOW.filter((_, i) => !used.has(i)).map((a) => `${a.file} (${a.rule}): allow-list entry matches nothing any more`)).toEqual([]);
  });
});

describe('the scanner', () => {
  // Samples are assembled at run time, so this file holds none of them literally.
  const join = (...parts: string[]) => parts.join('');
  const random = (n: number) => Array.from({ length: n }, (_, i) => 'aZ3kP9qW2xL7mN5bV8cR1tY6uI4oE0s'[(i * 7 + 3) % 31]).join('');

  it('catches each kind of secret', () => {
    const samples: [string, string][] = [
      ['private-key', join('-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIE...')],
      ['jwt', join('Authorization: Bearer ', 'eyJ', random(20), '.eyJ', random(30), '.', random(40))],
      ['entra-client-secret', join('value: "', 'abc', '8Q~', random(34), '"')],
      ['connection-string-key', join('DefaultEndpointsProtocol=https;AccountName=lis;Account', 'Key=', random(44), '==;')],
      ['connection-string-password', join('Server=tcp:db.example;Database=lis;User Id=lis;Pass', 'word=', random(12), ';')],
      ['url-credentials', join('https://lis:', random(20), '@db.example/lis')],
      ['cloud-token', join('AKIA', 'ABCDEFGHIJKLMNOP')],
      ['secret-setting', join('MicrosoftAppPass', 'word=', random(24))],
      ['secret-setting', join('"client_sec', 'ret": "', random(32), '"')],
    ];
    for (const [rule, text] of samples) expect(scan('sample', text).map((f) => f.rule), text.slice(0, 30)).toContain(rule);
  });

  it('leaves placeholders, references and words alone', () => {
    const fine = [
      'MicrosoftAppPassword=',
      'clientSecret: m.appPassword ?? ""',
      join('MicrosoftAppPass', "word', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=bot-app-password)'"),
      'SECRET_AAD_APP_CLIENT_SECRET: ${{SECRET_AAD_APP_CLIENT_SECRET}}',
      "export const LOCAL_GRAPH_TOKEN = 'local-development-token';",
      'GRAPH_TOKEN=<a token from the admin>',
      'access_token: token-for-the-managed-identity',
    ];
    for (const text of fine) expect(scan('sample', text), text).toEqual([]);
  });

  it('never repeats a secret in full in its report', () => {
    const secret = join('xyz', '7Q~', random(33));
    const [finding] = scan('sample', `value=${secret}`);
    expect(finding?.excerpt.length).toBeLessThan(secret.length);
  });
});
