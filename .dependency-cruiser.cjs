/**
 * The dependency rules of ARCHITECTURE.md, checked by `npm run lint:deps` (part of `npm test`).
 * docs/adr/006-capability-folders-and-dependency-rules.md explains them. Paths are relative to the
 * repository root; type-only imports count like any other (a cycle of types is still a cycle).
 */

/** What core's inner layers may import from outside the repository: zod, nothing else. */
const ZOD = '(^|/)node_modules/zod/';
/**
 * core/app may also use csv-parse: a parser with no dependencies and no I/O, for the training
 * import (docs/adr/009-libraries-for-formats.md).
 */
const CSV_PARSE = '(^|/)node_modules/csv-parse/';
/** Packages that only run in Node (servers, SDKs, native modules): never in the browser tab. */
const SERVER_ONLY = '(^|/)node_modules/(botbuilder|botframework-[^/]+|better-sqlite3|express|@microsoft/microsoft-graph-client|pino|helmet|compression|jose|tsx)/';

/** A rule whose violation fails the check; `comment` is what the output says about it. */
const rule = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });
/** Modules under core/<layer> import zod and the core folders in `allowed`: nothing else. */
const coreLayer = (name, layer, allowed, comment, libraries = [ZOD]) =>
  rule(name, comment, { path: `^core/${layer}/` }, { pathNot: [`^core/(${allowed.join('|')})/`, ...libraries] });

module.exports = {
  forbidden: [
    rule(
      'no-circular',
      'An import cycle: the modules named import each other. Move the shared piece to where it belongs.',
      {},
      { circular: true },
    ),
    coreLayer(
      'domain-imports-only-domain',
      'domain',
      ['domain'],
      'core/domain holds the record schemas and rules: it imports zod and core/domain only (no app, ports, i18n, Node or SDK).',
    ),
    coreLayer(
      'i18n-imports-only-i18n',
      'i18n',
      ['i18n'],
      'core/i18n holds strings and validation messages: it imports zod and core/i18n only.',
    ),
    coreLayer(
      'ports-import-only-domain-and-i18n',
      'ports',
      ['ports', 'domain', 'i18n'],
      'core/ports are interfaces: they import core/ports, and types of core/domain and core/i18n; nothing else.',
    ),
    rule(
      'ports-import-domain-types-only',
      'core/ports may use core/domain and core/i18n only as types (`import type`).',
      { path: '^core/ports/' },
      { path: '^core/(domain|i18n)/', dependencyTypesNot: ['type-only'] },
    ),
    coreLayer(
      'app-imports-only-core',
      'app',
      ['app', 'domain', 'ports', 'i18n', 'api'],
      'core/app (use cases) imports zod, csv-parse, core/domain, core/ports, core/i18n, core/api and core/app only: no Node module, no SDK (botbuilder, Graph client, express, React), no adapters.',
      [ZOD, CSV_PARSE],
    ),
    coreLayer(
      'api-imports-only-domain-and-i18n',
      'api',
      ['api', 'domain', 'i18n'],
      'core/api (the /api/v1 shapes, imported by the tab too) imports zod, core/domain and core/i18n only.',
    ),
    rule(
      'choices-import-nothing',
      'core/domain/choices.ts and core/api/choices.ts are plain arrays the tab imports as values: they import nothing (no zod), so the tab bundle stays free of zod.',
      { path: '^core/(domain|api)/choices\\.ts$' },
      { path: '.' },
    ),
    rule(
      'core-not-outward',
      'core/ is the inside: it never imports the server, the tab, the hosting or the package.',
      { path: '^core/' },
      { path: '^(bot|tab|teams-app|manifest)/' },
    ),
    rule(
      'app-capability-through-index',
      "A capability in core/app is reached through its index.ts (`core/app/access`), never a file inside it; files of one capability import each other directly.",
      { path: '^core/app/([^/]+)/' },
      { path: '^core/app/[^/]+/', pathNot: ['^core/app/$1/', '^core/app/[^/]+/index\\.ts$'] },
    ),
    rule(
      'outside-app-through-index',
      "Outside core/app (bot, tests, teams-app…), a capability is imported through its index.ts (`core/app/access`), never a file inside it.",
      { pathNot: '^core/app/' },
      { path: '^core/app/[^/]+/.', pathNot: '^core/app/[^/]+/index\\.ts$' },
    ),
    rule(
      'app-no-root-modules',
      'core/app holds one folder per capability and no modules of its own (no barrel of the whole core/app).',
      {},
      { path: '^core/app/[^/]+\\.[cm]?tsx?$' },
    ),
    rule(
      'tab-no-node',
      'tab/ runs in the browser: no Node built-in module and no server-only package.',
      { path: '^tab/' },
      { dependencyTypes: ['core'] },
    ),
    rule(
      'tab-no-server-packages',
      'tab/ runs in the browser: no server-only package (botbuilder, express, the Graph client, pino, better-sqlite3…).',
      { path: '^tab/' },
      { path: SERVER_ONLY },
    ),
    rule(
      'tab-only-core-types-and-i18n',
      'tab/ imports from the rest of the repository only core/domain, core/i18n and core/api: not bot/, core/app, core/ports, core/adapters or teams-app.',
      { path: '^tab/' },
      { path: '^(core|bot|teams-app|manifest)/', pathNot: '^core/(domain|i18n|api)/' },
    ),
    rule(
      'tab-api-as-types',
      "tab/ imports core/api's schemas as types only (`import type`): zod stays out of its bundle. Values come from core/api/choices.ts; the schemas themselves are loaded on demand in development only (tab/api/dev-check.ts).",
      { path: '^tab/' },
      { path: '^core/api/', pathNot: '^core/api/choices\\.ts$', dependencyTypesNot: ['type-only', 'dynamic-import'] },
    ),
    rule(
      'bot-not-to-tab',
      'bot/ serves the built tab as files; it never imports tab/ source.',
      { path: '^bot/' },
      { path: '^tab/' },
    ),
    rule(
      'teams-app-not-to-tab-or-manifest',
      'teams-app/ (local server, seed, launcher, Microsoft 365 project) imports core and bot only of the product.',
      { path: '^teams-app/' },
      { path: '^(tab|manifest)/' },
    ),
    rule(
      'no-tests-from-product',
      'Product code never imports tests/ (fixtures, harnesses, fakes stay in the tests).',
      { pathNot: '^tests/' },
      { path: '^tests/' },
    ),
    // `virtual:lis-messages/*` is made by the tab's build (tab/vite.config.ts).
    rule('not-to-unresolvable', 'An import that resolves to nothing.', {}, { couldNotResolve: true, pathNot: '^virtual:lis-messages/(sv|en)$' }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // node_modules may be a link (a worktree sharing one install): keep its paths as written.
    preserveSymlinks: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
    cache: false,
  },
};
