/**
 * The incident report wizard carries what the person has typed in its buttons' data (nothing is
 * stored before they submit). To keep every step's card within Teams' size limit (render.ts), the
 * draft travels once per button as deflated, base64url-encoded JSON (`z1.` prefix) instead of JSON
 * inside JSON, where each `"` grew to four bytes: a description of 10 000 quotes made the card 100 kB
 * and the wizard fail at step 2 (issue 17). Decoding is bounded (no inflation bomb).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const PREFIX = 'z1.';
/** The most a decoded draft may be (the largest draft is about 10 000 characters of description). */
export const MAX_DRAFT_BYTES = 64_000;

export function encodeDraft(draft: object): string {
  return PREFIX + deflateRawSync(Buffer.from(JSON.stringify(draft)), { level: 9 }).toString('base64url');
}

/** The draft object, or null when `raw` is not a draft this code wrote (or an older plain-JSON one). */
export function decodeDraft(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.length > MAX_DRAFT_BYTES) return null;
  try {
    if (!raw.startsWith(PREFIX)) return JSON.parse(raw); // cards sent before this encoding
    const bytes = inflateRawSync(Buffer.from(raw.slice(PREFIX.length), 'base64url'), { maxOutputLength: MAX_DRAFT_BYTES });
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
