/**
 * Links from a card to a record in the tab. In Microsoft 365 mode, with the Teams app id known
 * (`TEAMS_APP_ID`), a Teams deep link that opens the personal tab at the record (the tab reads the
 * `subEntityId` as its route: tab/app/host.ts); otherwise the tab's web address with the route
 * (local mode, or before the app id is configured).
 */
export interface RecordLinks {
  /** A link to a tab route such as `/incidents/42`; null when none can be made. */
  to(path: string): string | null;
}

/** The personal tab's entity id in the manifest (manifest/manifest.template.json). */
export const TAB_ENTITY_ID = 'lis-overview';

/** Routes a link may open: a register, or one record of it. */
const ROUTE = /^\/[a-z-]+(\/[1-9]\d{0,9})?$/;

export function recordLinks(options: { publicUrl: string; teamsAppId?: string | null }): RecordLinks {
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    to(path) {
      if (!ROUTE.test(path)) return null;
      const web = `${base}/#${path}`;
      if (!options.teamsAppId) return web;
      const context = JSON.stringify({ subEntityId: path });
      return `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/${TAB_ENTITY_ID}?webUrl=${encodeURIComponent(web)}&context=${encodeURIComponent(context)}`;
    },
  };
}

/** No links (tests of cards on their own). */
export const NO_LINKS: RecordLinks = { to: () => null };
