/**
 * The search's healing pass (core/app/search/heal.ts): the writes keep the search texts up to date
 * by themselves; this catches what went round them (a crash before a rebuild, the seed, a change
 * made in SharePoint itself) — the small registers and the incidents of this month and the last.
 */
import { healSearch } from '../../core/app/search';
import type { BotFeature } from '../teams/turn';

export const searchFeature: BotFeature = {
  jobs: [{ name: 'search-heal', everyMs: 30 * 60_000, run: async (deps) => void (await healSearch(deps)) }],
};
