/**
 * Signing in and who is here: how the tab gets a token (`/config`, local mode's demo sign-in), the
 * session, the people picker and the units.
 */
import { z } from 'zod';
import { RoleKey } from '../domain';
import { Instant, type Routes } from './common';

/** `GET /config` (public): the demo sign-in in local mode, Entra ID (Nested App Auth) in Microsoft 365 mode. */
export const TabAuthConfig = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('local'), tenantId: z.string(), auth: z.strictObject({ kind: z.literal('local') }) }),
  z.strictObject({
    mode: z.literal('m365'),
    tenantId: z.string(),
    auth: z.strictObject({ kind: z.literal('entra'), clientId: z.string(), authority: z.string(), scopes: z.array(z.string()) }),
  }),
]);
export type TabAuthConfig = z.infer<typeof TabAuthConfig>;

/** Someone to act as in local mode's demo sign-in. */
export const DemoPerson = z.strictObject({ id: z.string(), name: z.string(), unit: z.string().nullable(), roles: z.array(RoleKey) });
export type DemoPerson = z.infer<typeof DemoPerson>;
/** An account of the demo directory that LIS refuses (a guest, a disabled account): listed apart, to try the entry check. */
export const DemoRefusedAccount = z.strictObject({ id: z.string(), name: z.string(), unit: z.string().nullable(), reason: z.enum(['disabled', 'guest']) });
export type DemoRefusedAccount = z.infer<typeof DemoRefusedAccount>;
export const DemoPeople = z.strictObject({ people: z.array(DemoPerson), refused: z.array(DemoRefusedAccount) });
export type DemoPeople = z.infer<typeof DemoPeople>;

/** `POST /auth/demo`: whom to act as. */
export const DemoSignIn = z.object({ personId: z.guid() });
export type DemoSignIn = z.input<typeof DemoSignIn>;

/** A token for `/api/v1` and when it runs out. */
export const IssuedToken = z.strictObject({ token: z.string(), expiresAt: Instant });
export type IssuedToken = z.infer<typeof IssuedToken>;

/** A person as the tab shows them. */
export const PersonSummary = z.strictObject({ id: z.string(), name: z.string(), email: z.string().nullable(), unit: z.string().nullable() });
export type PersonSummary = z.infer<typeof PersonSummary>;

/** `GET /me`: the signed-in person with roles, and what the tab may offer (the API checks again on every write). */
export const SessionView = PersonSummary.extend({
  roles: z.array(RoleKey),
  permissions: z.strictObject({ createAsset: z.boolean(), governAssets: z.boolean() }),
});
export type SessionView = z.infer<typeof SessionView>;

/** `GET /people?query=`: the people picker (the use case trims and shortens the text). */
export const PeopleQuery = z.object({ query: z.string().optional() });
export type PeopleQuery = z.input<typeof PeopleQuery>;
export const PeopleFound = z.strictObject({ people: z.array(PersonSummary) });
export type PeopleFound = z.infer<typeof PeopleFound>;

/** `GET /units`: the units people belong to, sorted. */
export const UnitList = z.strictObject({ units: z.array(z.string()) });
export type UnitList = z.infer<typeof UnitList>;

export const SESSION_ROUTES = {
  'GET /config': { response: TabAuthConfig },
  'GET /auth/demo-people': { response: DemoPeople },
  'POST /auth/demo': { body: DemoSignIn, response: IssuedToken },
  'GET /me': { response: SessionView },
  'GET /people': { query: PeopleQuery, response: PeopleFound },
  'GET /units': { response: UnitList },
} satisfies Routes;
