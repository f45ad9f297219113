/**
 * The shapes of `/api/v1`, declared once: zod schemas of every request body, query and answer, one
 * file per capability, and the route table (routes.ts). TypeScript types are inferred from them.
 * Imported by the use cases (core/app: their views are these types), the server (bot/api parses
 * queries and bodies with them) and the tab (types only; it checks what it receives in
 * development). Dates travel as ISO strings. docs/adr/010-api-shapes-in-core-api.md.
 */
export * from './common';
export * from './choices';
export * from './session';
export * from './overview';
export * from './assets';
export * from './incidents';
export * from './suppliers';
export * from './gdpr';
export * from './improvements';
export * from './training';
export * from './access';
export * from './ambassadors';
export * from './registers';
export * from './risks';
export * from './audits';
export * from './governance';
export * from './roles';
export * from './procurements';
export * from './reviews';
export * from './home';
export * from './search';
export * from './routes';
