/** OData query options as Graph reads them (with or without the `$` prefix). */
import { badRequest } from './errors';

/** Graph's default page size for list items. */
export const DEFAULT_PAGE_SIZE = 200;
/** SharePoint never returns more than 5 000 items in one page; larger $top values are capped. */
export const MAX_PAGE_SIZE = 5000;

export function option(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

export function parseTop(query: URLSearchParams, fallback = DEFAULT_PAGE_SIZE): number {
  const raw = option(query, 'top');
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw badRequest(`Invalid value '${raw}' for $top: expected a positive whole number.`);
  const n = Number(raw);
  if (n < 1) throw badRequest(`Invalid value '${raw}' for $top: expected a positive whole number.`);
  return Math.min(n, MAX_PAGE_SIZE);
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseSelect(raw: string | undefined): Set<string> | undefined {
  if (raw === undefined) return undefined;
  const names = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return names.length ? new Set(names) : undefined;
}

export interface Expand {
  /** name (lower-case) → nested $select, if any */
  [navigation: string]: { select?: Set<string> } | undefined;
}

/** Parses `$expand=fields`, `$expand=fields($select=A,B)` and `expand=fields(select=A,B)`. */
export function parseExpand(query: URLSearchParams, allowed: string[]): Expand {
  const raw = option(query, 'expand');
  const result: Expand = {};
  if (raw === undefined) return result;
  for (const part of splitTopLevel(raw)) {
    const m = /^([A-Za-z]+)\s*(?:\((.*)\))?$/.exec(part);
    if (!m) throw badRequest(`Invalid $expand clause '${part}'.`);
    const nav = m[1]!.toLowerCase();
    if (!allowed.includes(nav)) throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${m[1]}' on type 'microsoft.graph.${allowed.includes('fields') ? 'listItem' : 'list'}'.`);
    let select: Set<string> | undefined;
    if (m[2] !== undefined) {
      for (const opt of m[2].split(';')) {
        const om = /^\s*\$?select\s*=\s*(.*)$/i.exec(opt);
        if (!om) throw badRequest(`Only $select is supported inside $expand (got '${opt.trim()}').`);
        select = parseSelect(om[1]);
      }
    }
    result[nav] = { select };
  }
  return result;
}

/** Builds a query string the way Graph writes next links: `$name=value` with values percent-encoded. */
export function buildQuery(params: [string, string][]): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/** The query parameters of a request, minus the ones named (e.g. the old $skiptoken). */
export function carryOver(query: URLSearchParams, drop: string[]): [string, string][] {
  const out: [string, string][] = [];
  const dropped = new Set(drop.flatMap((d) => [d, `$${d}`]));
  for (const [k, v] of query) if (!dropped.has(k)) out.push([k, v]);
  return out;
}
