/**
 * The dependency rules of ARCHITECTURE.md, checked by `npm run lint:deps` (part of `npm test`).
 * docs/adr/006-capability-folders-and-dependency-rules.md explains them. Paths are relative to the
 * repository root; type-only imports count like any other (a cycle of types is still a cycle).
 */

/** What core's inner layers may import from outside the repository: zod, nothing else. */
const ZOD = '(^|/)node_modules/zod/';
/** Packages that only run in Node (servers, SDKs, native modules): never in the browser tab. */
const SERVER_ONLY = '(^|/)node_modules/(botbuilder|botframework-[^/]+|better-sqlite3|express|@microsoft/microsoft-graph-client|pino|helmet|compression|jose|tsx)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules named import each other. Move the shared piece to where it belongs.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'core/domain holds the record schemas and rules: it imports zod and core/domain only (no app, ports, i18n, Node or SDK).',
      from: { path: '^core/domain/' },
      to: { pathNot: [`^core/domain/`, ZOD] },
    },
    {
      name: 'i18n-imports-only-i18n',
      severity: 'error',
      comment: 'core/i18n holds strings and validation messages: it imports zod and core/i18n only.',
      from: { path: '^core/i18n/' },
      to: { pathNot: [`^core/i18n/`, ZOD] },
    },
    {
      name: 'ports-import-only-domain-and-i18n',
      severity: 'error',
      comment: 'core/ports are interfaces: they import core/ports, and types of core/domain and core/i18n; nothing else.',
      from: { path: '^core/ports/' },
      to: { pathNot: [`^core/(ports|domain|i18n)/`, ZOD] },
    },
    {
      name: 'ports-import-domain-types-only',
      severity: 'error',
      comment: 'core/ports may use core/domain and core/i18n only as types (`import type`).',
      from: { path: '^core/ports/' },
      to: { path: '^core/(domain|i18n)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-imports-only-core',
      severity: 'error',
      comment: 'core/app (use cases) imports zod, core/domain, core/ports, core/i18n, core/api and core/app only: no Node module, no SDK (botbuilder, Graph client, express, React), no adapters.',
      from: { path: '^core/app/' },
      to: { pathNot: [`^core/(app|domain|ports|i18n|api)/`, ZOD] },
    },
    {
      name: 'api-imports-only-domain-and-i18n',
      severity: 'error',
      comment: 'core/api (the /api/v1 shapes, imported by the tab too) imports zod, core/domain and core/i18n only.',
      from: { path: '^core/api/' },
      to: { pathNot: [`^core/(api|domain|i18n)/`, ZOD] },
    },
    {
      name: 'core-not-outward',
      severity: 'error',
      comment: 'core/ is the inside: it never imports the server, the tab, the hosting or the package.',
      from: { path: '^core/' },
      to: { path: '^(bot|tab|teams-app|manifest)/' },
    },
    {
      name: 'app-capability-through-index',
      severity: 'error',
      comment: "A capability in core/app is reached through its index.ts (`core/app/access`), never a file inside it; files of one capability import each other directly.",
      from: { path: '^core/app/([^/]+)/' },
      to: { path: '^core/app/[^/]+/', pathNot: ['^core/app/$1/', '^core/app/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-app-through-index',
      severity: 'error',
      comment: "Outside core/app (bot, tests, teams-app…), a capability is imported through its index.ts (`core/app/access`), never a file inside it.",
      from: { pathNot: '^core/app/' },
      to: { path: '^core/app/[^/]+/.', pathNot: '^core/app/[^/]+/index\\.ts$' },
    },
    {
      name: 'app-no-root-modules',
      severity: 'error',
      comment: 'core/app holds one folder per capability and no modules of its own (no barrel of the whole core/app).',
      from: {},
      to: { path: '^core/app/[^/]+\\.[cm]?tsx?$' },
    },
    {
      name: 'tab-no-node',
      severity: 'error',
      comment: 'tab/ runs in the browser: no Node built-in module and no server-only package.',
      from: { path: '^tab/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'tab-no-server-packages',
      severity: 'error',
      comment: 'tab/ runs in the browser: no server-only package (botbuilder, express, the Graph client, pino, better-sqlite3…).',
      from: { path: '^tab/' },
      to: { path: SERVER_ONLY },
    },
    {
      name: 'tab-only-core-types-and-i18n',
      severity: 'error',
      comment: 'tab/ imports from the rest of the repository only core/domain, core/i18n and core/api: not bot/, core/app, core/ports, core/adapters or teams-app.',
      from: { path: '^tab/' },
      to: { path: '^(core|bot|teams-app|manifest)/', pathNot: '^core/(domain|i18n|api)/' },
    },
    {
      name: 'bot-not-to-tab',
      severity: 'error',
      comment: 'bot/ serves the built tab as files; it never imports tab/ source.',
      from: { path: '^bot/' },
      to: { path: '^tab/' },
    },
    {
      name: 'teams-app-not-to-tab-or-manifest',
      severity: 'error',
      comment: 'teams-app/ (local server, seed, launcher, Microsoft 365 project) imports core and bot only of the product.',
      from: { path: '^teams-app/' },
      to: { path: '^(tab|manifest)/' },
    },
    {
      name: 'no-tests-from-product',
      severity: 'error',
      comment: 'Product code never imports tests/ (fixtures, harnesses, fakes stay in the tests).',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
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
