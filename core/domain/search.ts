/**
 * Kept search texts (docs/adr/016-search-within-words.md): for each searchable register, the folded
 * text of every record and the few facts the search needs to leave out what a person may not see,
 * kept in the `SearchIndex` list — a small register in one bucket (`all`), the incidents one
 * bucket per Stockholm month of their report. A bucket's entries are split into parts so that each
 * item stays well under SharePoint's limit for a multi-line text column (63 999 characters).
 *
 * A search reads a handful of these items (one request for the small registers, one for a window
 * of months) and finds a word anywhere in the text, also inside a word ("lön" in "HR- och
 * lönesystem"), at any list size: no query ever asks SharePoint to filter the registers themselves.
 */
import { z } from 'zod';
import { SEARCH_REGISTERS } from './choices';
import { UtcDateTime } from './common';

export const SearchRegister = z.enum(SEARCH_REGISTERS);
export type SearchRegister = z.infer<typeof SearchRegister>;

/** `all` for a small register, `YYYY-MM` (Stockholm month) for the incidents. */
export const SearchBucket = z.string().max(7).regex(/^(all|\d{4}-(0[1-9]|1[0-2]))$/);

/** One record in a bucket: short keys, since a month of incidents is thousands of them. */
export const SearchEntry = z.record(z.string().max(2), z.union([z.string().max(2_000), z.number(), z.null()]));
export type SearchEntry = z.infer<typeof SearchEntry>;

export const SearchDigest = z.object({
  register: SearchRegister,
  bucket: SearchBucket,
  /** 0, 1, …: a bucket larger than one item is split. */
  part: z.number().int().min(0).max(999),
  entries: z.array(SearchEntry),
  /** When the rebuild that wrote it started reading: an older rebuild never overwrites a newer one. */
  computedAt: UtcDateTime,
  /** Records of the bucket the rebuild read. */
  sourceItems: z.number().int().min(0),
});
export type SearchDigest = z.infer<typeof SearchDigest>;

export const searchDigestKey = (register: SearchRegister, bucket: string, part: number) => `search:${register}:${bucket}:${part}`;
