/**
 * Sök: one search across the registers (incidents included), finding a word anywhere in a code, a
 * name or a title — also inside a word — at any register size (docs/adr/016-search-within-words.md).
 */
import { z } from 'zod';
import { SearchRegister } from '../domain';
import { Count, Instant, MessageKeyOf, Month, type Routes } from './common';

/**
 * `GET /search?q=&in=&before=&limit=`: `in` names registers (comma-separated; all when absent),
 * `limit` the hits per register, `before` continues the incidents further back (the `older` of
 * the previous answer).
 */
export const SearchQuery = z.object({
  q: z.string().max(200).default(''),
  in: z.string().max(200).optional(),
  before: Month.optional(),
  limit: z.coerce.number<string | number>().int().min(1).max(50).default(5),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const SearchHit = z.strictObject({
  id: z.string(),
  register: SearchRegister,
  /** IA-004, INC-2026-0042, SUP-003… */
  code: z.string().nullable(),
  title: z.string(),
  /** The record's state, as a message key the tab translates (an incident's status). */
  status: MessageKeyOf.nullable(),
  /** When it happened (an incident's report). */
  at: Instant.nullable(),
  /** The tab route that opens it. */
  path: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchGroup = z.strictObject({
  register: SearchRegister,
  hits: z.array(SearchHit),
  /** Matches the person may see in what was searched (more than `hits` when the list is longer). */
  total: Count,
  /** Incidents: the months searched (Stockholm, inclusive); null for the other registers. */
  searched: z.strictObject({ from: Month, to: Month }).nullable(),
  /** Incidents: pass as `before` to search the months before; null when nothing older exists. */
  older: Month.nullable(),
});
export type SearchGroup = z.infer<typeof SearchGroup>;

export const SearchResult = z.strictObject({
  query: z.string(),
  /** The words searched for, as compared (lower case, accents folded). */
  words: z.array(z.string()),
  /** True when the query has no word of two characters or more: nothing was searched. */
  tooShort: z.boolean(),
  groups: z.array(SearchGroup),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SEARCH_ROUTES = {
  'GET /search': { query: SearchQuery, response: SearchResult },
} satisfies Routes;
