/**
 * The `$filter` / `$orderby` subset Graph accepts on SharePoint list items:
 * `fields/Name op literal` (eq ne gt ge lt le), `startswith(fields/Name,'x')`, `and` / `or`, parentheses.
 * Literals: 'string' ('' escapes a quote), numbers, true/false, null, ISO dates (quoted or bare).
 */
import { badRequest, invalidRequest } from './errors';
import { type ColumnDef, isCaseInsensitive, normalizeDateTime } from './columns';
import { type StoredColumn, collatedExpr, columnExpr } from './item-tables';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LiteralValue = string | number | boolean | null;
export type FilterLiteral = 'string' | 'number' | 'boolean' | 'null' | 'date';

export type FilterNode =
  | { kind: 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'cmp'; op: CompareOp; field: string; value: LiteralValue; literal: FilterLiteral }
  | { kind: 'startswith'; field: string; prefix: string };

type Token =
  | { t: 'lparen' | 'rparen' | 'comma'; pos: number }
  | { t: 'word'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'date'; v: string; pos: number };

const COMPARE_OPS = new Set<CompareOp>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

const invalidFilter = (detail: string) => badRequest(`Invalid filter clause: ${detail}`);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(') { tokens.push({ t: 'lparen', pos: i++ }); continue; }
    if (ch === ')') { tokens.push({ t: 'rparen', pos: i++ }); continue; }
    if (ch === ',') { tokens.push({ t: 'comma', pos: i++ }); continue; }
    if (ch === "'") {
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= input.length) throw invalidFilter(`unterminated string literal at position ${start}.`);
        const c = input[i]!;
        if (c === "'") {
          if (input[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++;
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ t: 'string', v: value, pos: start });
      continue;
    }
    const rest = input.slice(i);
    const date = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/.exec(rest);
    if (date) { tokens.push({ t: 'date', v: date[0], pos: i }); i += date[0].length; continue; }
    const num = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (num) { tokens.push({ t: 'number', v: Number(num[0]), pos: i }); i += num[0].length; continue; }
    const word = /^[A-Za-z_$][A-Za-z0-9_/.$]*/.exec(rest);
    if (word) { tokens.push({ t: 'word', v: word[0], pos: i }); i += word[0].length; continue; }
    throw invalidFilter(`unexpected character '${ch}' at position ${i}.`);
  }
  return tokens;
}

/** Maps `fields/Name`, `id` or `fields/ID` to a column name; other properties are refused. */
function fieldName(word: string): string {
  if (word === 'id' || word === 'fields/id' || word === 'fields/ID') return 'ID';
  if (word.startsWith('fields/')) {
    const name = word.slice('fields/'.length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw invalidFilter(`'${word}' is not a valid field reference.`);
    return name;
  }
  throw invalidFilter(`'${word}' cannot be used in a filter here: reference columns as fields/{name}.`);
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    const extra = this.tokens[this.i];
    if (extra) throw invalidFilter(`unexpected token at position ${extra.pos}.`);
    return node;
  }

  private peekWord(v: string): boolean {
    const tok = this.tokens[this.i];
    return tok?.t === 'word' && tok.v.toLowerCase() === v;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.peekWord('or')) { this.i++; left = { kind: 'or', left, right: this.and() }; }
    return left;
  }

  private and(): FilterNode {
    let left = this.primary();
    while (this.peekWord('and')) { this.i++; left = { kind: 'and', left, right: this.primary() }; }
    return left;
  }

  private expect(t: 'lparen' | 'rparen' | 'comma'): void {
    const tok = this.tokens[this.i];
    if (tok?.t !== t) throw invalidFilter(`expected '${t === 'lparen' ? '(' : t === 'rparen' ? ')' : ','}'${tok ? ` at position ${tok.pos}` : ' at end'}.`);
    this.i++;
  }

  private primary(): FilterNode {
    const tok = this.tokens[this.i];
    if (!tok) throw invalidFilter('unexpected end of expression.');
    if (tok.t === 'lparen') {
      this.i++;
      const inner = this.or();
      this.expect('rparen');
      return inner;
    }
    if (tok.t !== 'word') throw invalidFilter(`expected a field at position ${tok.pos}.`);
    if (tok.v.toLowerCase() === 'startswith' && this.tokens[this.i + 1]?.t === 'lparen') {
      this.i += 2;
      const fieldTok = this.tokens[this.i];
      if (fieldTok?.t !== 'word') throw invalidFilter('startswith expects a field as its first argument.');
      this.i++;
      this.expect('comma');
      const prefixTok = this.tokens[this.i];
      if (prefixTok?.t !== 'string') throw invalidFilter("startswith expects a 'string' as its second argument.");
      this.i++;
      this.expect('rparen');
      return { kind: 'startswith', field: fieldName(fieldTok.v), prefix: prefixTok.v };
    }
    if (tok.v.toLowerCase() === 'not') throw invalidFilter("the 'not' operator is not supported on list items.");
    this.i++;
    const field = fieldName(tok.v);
    const opTok = this.tokens[this.i];
    if (opTok?.t !== 'word' || !COMPARE_OPS.has(opTok.v.toLowerCase() as CompareOp)) {
      throw invalidFilter(`expected one of eq, ne, gt, ge, lt, le after '${tok.v}'.`);
    }
    this.i++;
    const op = opTok.v.toLowerCase() as CompareOp;
    const lit = this.tokens[this.i];
    if (!lit) throw invalidFilter(`missing value after '${op}'.`);
    this.i++;
    switch (lit.t) {
      case 'string': return { kind: 'cmp', op, field, value: lit.v, literal: 'string' };
      case 'number': return { kind: 'cmp', op, field, value: lit.v, literal: 'number' };
      case 'date': return { kind: 'cmp', op, field, value: lit.v, literal: 'date' };
      case 'word': {
        const w = lit.v.toLowerCase();
        if (w === 'true' || w === 'false') return { kind: 'cmp', op, field, value: w === 'true', literal: 'boolean' };
        if (w === 'null') return { kind: 'cmp', op, field, value: null, literal: 'null' };
        throw invalidFilter(`'${lit.v}' is not a literal; comparing two fields is not supported.`);
      }
      default: throw invalidFilter(`expected a literal at position ${lit.pos}.`);
    }
  }
}

/** Parses a `$filter` expression. Throws a 400 GraphError on syntax errors. */
export function parseFilter(input: string): FilterNode {
  if (!input.trim()) throw invalidFilter('the expression is empty.');
  return new Parser(tokenize(input)).parse();
}

export interface OrderBy { field: string; desc: boolean }

/** Parses `$orderby=fields/A desc,fields/B`. */
export function parseOrderBy(input: string): OrderBy[] {
  return input.split(',').map((part) => {
    const m = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw badRequest(`Invalid $orderby clause: '${part.trim()}'.`);
    return { field: fieldName(m[1]!), desc: (m[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}

/** Every column a filter references. */
export function referencedFields(node: FilterNode): string[] {
  if (node.kind === 'and' || node.kind === 'or') return [...referencedFields(node.left), ...referencedFields(node.right)];
  return [node.field];
}

/** The conjuncts at the top of a filter (a or b is one conjunct). */
export function topLevelConjuncts(node: FilterNode): FilterNode[] {
  return node.kind === 'and' ? [...topLevelConjuncts(node.left), ...topLevelConjuncts(node.right)] : [node];
}

const SQL_OPS: Record<CompareOp, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };

/** An ISO instant with an explicit zone (`Z` or `+01:00`), date and time. */
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Converts a filter literal to the stored representation of the column's values, or refuses it the
 * way the comparison would go wrong in SharePoint.
 */
export function literalFor(c: ColumnDef, value: LiteralValue, literal: FilterLiteral): string | number {
  const bad = () => invalidRequest(`The value ${JSON.stringify(value)} cannot be compared with field '${c.name}' (${c.type}).`);
  switch (c.type) {
    case 'text':
    case 'choice':
      // A bare date is an Edm.DateTimeOffset to OData, not text: quote dates kept in text columns.
      if (literal === 'date') throw bad();
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw bad();
    case 'number':
    case 'counter': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && literal === 'string' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw bad();
      return n;
    }
    case 'boolean':
      // SharePoint compares a Yes/No column with 1 and 0. The literals true/false (and 'true'/'false')
      // are accepted but select the OPPOSITE items, through Graph and SharePoint REST alike
      // (SharePoint/sp-dev-docs#4750, #5594; PnP-JS-Core#747). The local server does the same, so
      // code that filters with true/false fails here as it would in Microsoft 365.
      if (value === 1 || value === 0) return value;
      if (value === true || value === 'true') return 0;
      if (value === false || value === 'false') return 1;
      throw bad();
    case 'dateTime': {
      if (typeof value !== 'string') throw bad();
      if (!ZONED_INSTANT.test(value.trim())) {
        // SharePoint reads a date or time without a zone in the site's time zone (Europe/Stockholm
        // for LIS), the local server would read it as UTC: refuse it so nothing depends on it.
        throw invalidRequest(
          `The date/time literal '${value}' for field '${c.name}' has no time zone. Compare dateTime columns with a UTC instant such as '2024-01-31T00:00:00Z'.`,
        );
      }
      const normalized = normalizeDateTime(value, false);
      if (!normalized) throw bad();
      return normalized;
    }
    default:
      throw bad();
  }
}

/** Escapes LIKE wildcards so that a prefix matches literally (ESCAPE '\\'). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Compiles a filter to a SQL condition plus bound parameters. `resolve` maps a field name to its column. */
export function compileFilter(
  node: FilterNode,
  resolve: (field: string) => StoredColumn,
): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const walk = (n: FilterNode): string => {
    if (n.kind === 'and' || n.kind === 'or') return `(${walk(n.left)} ${n.kind.toUpperCase()} ${walk(n.right)})`;
    const column = resolve(n.field);
    const raw = columnExpr(column);
    const expr = collatedExpr(column);
    if (n.kind === 'startswith') {
      if (!isCaseInsensitive(column.def)) throw invalidRequest(`startswith can only be used on text fields; '${column.def.name}' is ${column.def.type}.`);
      // The range lets SQLite use the index; LIKE is the exact (case-insensitive) test.
      params.push(n.prefix, `${n.prefix}\u{10FFFF}`, likePrefix(n.prefix));
      return `(${expr} >= ? AND ${expr} < ? AND ${raw} LIKE ? ESCAPE '\\')`;
    }
    if (n.value === null) {
      if (n.op === 'eq') return `${raw} IS NULL`;
      if (n.op === 'ne') return `${raw} IS NOT NULL`;
      throw invalidRequest(`null can only be compared with eq or ne (field '${column.def.name}').`);
    }
    params.push(literalFor(column.def, n.value, n.literal));
    return `${expr} ${SQL_OPS[n.op]} ?`;
  };
  return { sql: walk(node), params };
}
