/**
 * Primitives shared by every record schema.
 *
 * Stored times are UTC ISO strings ending in `Z` (SharePoint returns dateTime columns that way);
 * calendar dates (a review date, a last working day) are `YYYY-MM-DD` and mean Europe/Stockholm days.
 * Validation messages are not written here: `core/i18n/validation.ts` turns zod issues into Swedish
 * or English text, and custom rules carry an `i18n:` message key.
 */
import { z } from 'zod';

/** Entra ID object id (`aadObjectId` in activities, `oid` in tokens). */
export const AadObjectId = z.guid();
/** A SharePoint list item id as Graph returns it: a string of digits. */
export const ItemId = z.string().max(10).regex(/^[1-9]\d{0,9}$/);
/** A point in time, stored in UTC. */
export const UtcDateTime = z.iso.datetime();
/** A calendar date (YYYY-MM-DD), interpreted in Europe/Stockholm. */
export const CalendarDate = z.iso.date();
/** One line of user text: trimmed, never empty. */
export const Line = (max = 255) => z.string().trim().min(1).max(max);
/** Free text written by a person: trimmed, may be long. */
export const Text = (max = 10_000) => z.string().trim().min(1).max(max);
/** Optional free text: null when absent. */
export const OptionalText = (max = 10_000) => z.string().trim().max(max).nullable();
/** An http(s) URL. */
export const WebUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** Marks a custom-rule message as an i18n key (see core/i18n/validation.ts). */
export const i18nKey = (key: string) => `i18n:${key}`;

/** The administration's own ids of assets, suppliers, processing activities: IA-001, SUP-012. */
export const RecordCode = (messageKey?: string) =>
  z.string().trim().max(20).regex(/^[A-Z]{2,6}-\d{1,6}$/, messageKey ? { message: i18nKey(messageKey) } : undefined);

/** Sorted, de-duplicated list of item ids (links between records). */
export const ItemIdList = z.array(ItemId).max(500);

/** True when UTC time `a` is strictly later than `b` (ISO strings of any precision). */
export const isLater = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b);
