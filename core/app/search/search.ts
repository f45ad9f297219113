/**
 * One search across the registers. It never filters a register in SharePoint: it reads the kept
 * search texts — one request for the small registers (`bucket eq 'all'`), one for a window of
 * months of incidents (`register eq 'incidents'`, a range of buckets) — and finds every word of the
 * query anywhere in them, also inside a word. At any list size that is a few items of a list that
 * grows by one bucket a month (docs/adr/016-search-within-words.md).
 *
 * Who may see what: the asset inventory, the supplier register and the record of processing are
 * open to everyone; an incident is shown only to those canSeeIncident lets see it — first narrowed
 * on the facts kept with its text (reporter, line manager, affected asset's owner, personal data),
 * then checked against the stored incident and asset before it is shown. A count includes only
 * what the person may see.
 */
import type { SearchGroup, SearchHit, SearchQuery, SearchResult } from '../../api';
import { caseNumber, matchesAll, searchWords, SEARCH_REGISTERS, type SearchEntry, type SearchRegister } from '../../domain';
import { canSeeIncident, has } from '../../domain/policy';
import type { MessageKey } from '../../i18n';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import type { Deps } from '../platform';
import { addMonths, monthOf } from './registers';

/** Months of incidents searched per request (a window; `older` continues before it). */
export const INCIDENT_WINDOW_MONTHS = 12;

const SMALL: readonly SearchRegister[] = ['assets', 'suppliers', 'processing'];
const PATHS: Record<SearchRegister, (id: string) => string> = {
  assets: (id) => `/assets/${id}`,
  incidents: (id) => `/incidents/${id}`,
  suppliers: (id) => `/suppliers/${id}`,
  processing: (id) => `/gdpr/${id}`,
};

const text = (e: SearchEntry, k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '');

/** Registers named in `in` (comma-separated), in the product's order; all when none is named. */
export function registersOf(list: string | undefined): SearchRegister[] {
  const named = new Set((list ?? '').split(',').map((s) => s.trim()));
  const chosen = SEARCH_REGISTERS.filter((r) => named.has(r));
  return chosen.length ? chosen : [...SEARCH_REGISTERS];
}

export async function searchAll(deps: Deps, actor: Actor, query: SearchQuery): Promise<SearchResult> {
  const q = (query.q ?? '').trim().slice(0, 200);
  const words = searchWords(q);
  const registers = registersOf(query.in);
  const limit = Math.min(Math.max(Number(query.limit ?? 5) || 5, 1), 50);
  if (!words.length) return { query: q, words, tooShort: true, groups: [] };

  const wantsIncidents = registers.includes('incidents');
  const seesAllIncidents = has(actor, 'isam', 'itsec');
  const needSmall = registers.some((r) => SMALL.includes(r)) || (wantsIncidents && !seesAllIncidents);

  const now = deps.clock.now();
  const upTo = query.before ?? addMonths(monthOf(now.toISOString()), 1);
  const from = addMonths(upTo, -INCIDENT_WINDOW_MONTHS);

  const [small, months, oldest] = await Promise.all([
    needSmall ? deps.store.query('SearchIndex', { where: [{ field: 'bucket', op: 'eq', value: 'all' }], pageSize: 999 }) : null,
    wantsIncidents
      ? deps.store.query('SearchIndex', {
          where: [
            { field: 'register', op: 'eq', value: 'incidents' },
            { field: 'bucket', op: 'ge', value: from },
            { field: 'bucket', op: 'lt', value: upTo },
          ],
          pageSize: 999,
        })
      : null,
    wantsIncidents ? deps.store.query('SearchIndex', { where: [{ field: 'register', op: 'eq', value: 'incidents' }], orderBy: { field: 'bucket', direction: 'asc' }, pageSize: 1 }) : null,
  ]);

  const entriesOf = (register: SearchRegister, items: StoredOf<'SearchIndex'>[]) => {
    const byId = new Map<string, SearchEntry>();
    for (const d of items) if (d.data.register === register) for (const e of d.data.entries) byId.set(String(e.i), e);
    return [...byId.values()];
  };

  const groups: SearchGroup[] = [];
  for (const register of registers) {
    if (register === 'incidents') continue;
    const matched = entriesOf(register, small?.items ?? [])
      .map((e) => ({ e, score: matchesAll(text(e, 't'), words) ? 2 : matchesAll(`${text(e, 't')} ${text(e, 'x')}`, words) ? 1 : 0 }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score || text(a.e, 'c').localeCompare(text(b.e, 'c'), 'sv'));
    const hits: SearchHit[] = matched.slice(0, limit).map(({ e }) => ({
      id: String(e.i),
      register,
      code: text(e, 'c') || null,
      title: text(e, 'n'),
      status: null,
      at: null,
      path: PATHS[register](String(e.i)),
    }));
    groups.push({ register, hits, total: matched.length, searched: null, older: null });
  }

  if (wantsIncidents) groups.splice(registers.indexOf('incidents'), 0, await incidentGroup(deps, actor, words, limit, small?.items ?? [], months?.items ?? [], { from, upTo, oldest: oldest?.items[0]?.data.bucket ?? null }));
  return { query: q, words, tooShort: false, groups };
}

async function incidentGroup(
  deps: Deps,
  actor: Actor,
  words: string[],
  limit: number,
  small: StoredOf<'SearchIndex'>[],
  months: StoredOf<'SearchIndex'>[],
  window: { from: string; upTo: string; oldest: string | null },
): Promise<SearchGroup> {
  const me = actor.id.toLowerCase();
  const all = has(actor, 'isam', 'itsec');
  const dso = has(actor, 'dso');
  const mine = new Set<string>();
  for (const d of small) if (d.data.register === 'assets') for (const e of d.data.entries) if (e.o === me || e.g === me) mine.add(String(e.i));

  const byId = new Map<string, SearchEntry>();
  for (const d of months) for (const e of d.data.entries) byId.set(String(e.i), e);
  // Narrowed on the kept facts (the same rule as canSeeIncident); checked on the records below.
  const visible = (e: SearchEntry) => all || e.r === me || e.m === me || (typeof e.a === 'string' && mine.has(e.a)) || (dso && e.p === 1);
  const matched = [...byId.values()].filter((e) => visible(e) && matchesAll(text(e, 't'), words)).sort((a, b) => text(b, 'd').localeCompare(text(a, 'd')) || Number(b.i) - Number(a.i));

  // Read what is shown, and check it against the stored incident and its asset as they are now.
  const hits: SearchHit[] = [];
  let hidden = 0;
  for (let start = 0; hits.length < limit && start < matched.length; start += limit) {
    const slice = matched.slice(start, start + limit);
    const records = await deps.store.getMany('Incidents', slice.map((e) => String(e.i)));
    const assets = new Map(
      (await deps.store.getMany('InformationAssets', [...new Set(records.map((r) => r.data.assetId).filter((id): id is string => Boolean(id)))])).map((a) => [a.id, a.data]),
    );
    const byRecord = new Map(records.map((r) => [r.id, r]));
    for (const e of slice) {
      const r = byRecord.get(String(e.i));
      const asset = r?.data.assetId ? (assets.get(r.data.assetId) ?? null) : null;
      if (!r || !canSeeIncident(actor, r.data, asset)) {
        hidden++;
        continue;
      }
      if (hits.length < limit) {
        hits.push({
          id: r.id,
          register: 'incidents',
          code: caseNumber(r.id, r.data.reportedAt),
          title: r.data.title,
          status: `incident.status.${r.data.status}` as MessageKey,
          at: r.data.reportedAt,
          path: PATHS.incidents(r.id),
        });
      }
    }
  }

  const last = addMonths(window.upTo, -1);
  const older = window.oldest !== null && window.oldest < window.from ? window.from : null;
  const first = window.oldest && window.oldest > window.from && window.oldest <= last ? window.oldest : window.from;
  return { register: 'incidents', hits, total: Math.max(0, matched.length - hidden), searched: { from: first, to: last }, older };
}
