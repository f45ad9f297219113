import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { LIST_NAMES, RECORD_SCHEMAS } from '../../../../core/domain';
import { KEY_COLUMN, MAX_INDEXED_COLUMNS } from '../../../../core/adapters/sharepoint/columns';
import { LISTS, listDef } from '../../../../core/adapters/sharepoint/lists';
import { columnDefinition } from '../../../../core/adapters/sharepoint/provision';
import { atSharePointPrecision, decodeFields, encodeNew, encodePatch, holdsPatch, odataLiteral, toSharePointInstant } from '../../../../core/adapters/sharepoint/codec';
import { incident } from '../../domain/fixtures';

/** The zod schema under nullable/optional wrappers. */
function inner(schema: z.ZodType): z.ZodType {
  let s = schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } };
  while (['nullable', 'optional', 'default'].includes(s._zod.def.type)) s = s._zod.def.innerType as never;
  return s as never;
}

describe('list schema as code', () => {
  it('has one list per record type and one column per field', () => {
    expect(LISTS.map((l) => l.name).sort()).toEqual([...LIST_NAMES].sort());
    for (const def of LISTS) {
      const shape = (RECORD_SCHEMAS[def.name] as unknown as { shape: Record<string, z.ZodType> }).shape;
      expect(def.columns.map((c) => c.field).sort(), def.name).toEqual(Object.keys(shape).sort());
    }
  });

  it('stays within SharePoint limits: ≤ 20 indexed columns, single-line text ≤ 255', () => {
    for (const def of LISTS) {
      expect(def.columns.filter((c) => c.indexed).length + 1, def.name).toBeLessThanOrEqual(MAX_INDEXED_COLUMNS);
      const shape = (RECORD_SCHEMAS[def.name] as unknown as { shape: Record<string, z.ZodType> }).shape;
      for (const col of def.columns.filter((c) => c.type === 'text')) {
        const s = inner(shape[col.field]!) as unknown as { maxLength?: number | null; format?: string | null; _zod: { def: { type: string } } };
        if (s._zod.def.type === 'union') continue; // guid | 'system'
        expect(s._zod.def.type, `${def.name}.${col.field}`).toBe('string');
        const bounded = ['guid', 'uuid', 'date', 'datetime'].includes(s.format ?? '') || (s.maxLength ?? Infinity) <= 255;
        expect(bounded, `${def.name}.${col.field} fits single-line text (≤ 255)`).toBe(true);
      }
    }
  });

  it('maps choice columns to the enum values of the schema', () => {
    for (const def of LISTS) {
      const shape = (RECORD_SCHEMAS[def.name] as unknown as { shape: Record<string, z.ZodType> }).shape;
      for (const col of def.columns.filter((c) => c.type === 'choice')) {
        const s = inner(shape[col.field]!) as unknown as { options: string[] };
        expect([...col.choices!].sort(), `${def.name}.${col.field}`).toEqual([...s.options].sort());
      }
    }
  });

  it('never names a column like a SharePoint built-in', () => {
    const reserved = ['ID', 'Created', 'Modified', 'Author', 'Editor', 'ContentType', 'Attachments', 'Edit', 'LinkTitle', 'DocIcon', '_UIVersionString'];
    for (const def of LISTS) for (const c of def.columns) expect(reserved, `${def.name}.${c.column}`).not.toContain(c.column);
  });

  it('defines the idempotency key as an indexed unique column', () => {
    expect(columnDefinition({ column: KEY_COLUMN, type: 'text', indexed: true }, true)).toMatchObject({ name: KEY_COLUMN, indexed: true, enforceUniqueValues: true, text: { allowMultipleLines: false } });
  });
});

describe('codec', () => {
  const def = listDef('Incidents');

  it('round-trips a record through SharePoint fields', () => {
    const record = incident({
      clocks: [{ kind: 'imy_notification', key: 'imy_notification', basis: 'provisional', startedAt: '2026-03-10T09:30:00.000Z', dueAt: '2026-03-13T09:30:00.000Z', completedAt: null, completedBy: null, recordedAt: null, reference: null, outcome: null, stoppedBy: null, rationale: null, lateReason: null, evidenceId: null, requestReference: null }],
      nextDueAt: '2026-03-13T09:30:00.000Z',
    });
    const fields = encodeNew(def, 'k1', record as never);
    expect(fields).toMatchObject({ IdempotencyKey: 'k1', Title: record.title, Category: 'misdirected', Clocks: expect.any(String) });
    expect(fields).not.toHaveProperty('Severity'); // nulls are left out of a create
    const stored = decodeFields(def, { ...fields, id: '5', '@odata.etag': '"x,1"', Created: '2026-03-10T10:00:00Z', Modified: '2026-03-10T10:00:00Z' });
    expect(stored).toMatchObject({ id: '5', key: 'k1', etag: '"x,1"' });
    expect(stored.data).toEqual(record);
  });

  it('decodes missing arrays as empty and missing values as null', () => {
    const stored = decodeFields<Record<string, unknown>>(def, { id: '1', Title: 't', Created: '2026-01-01T00:00:00Z', Modified: '2026-01-01T00:00:00Z' });
    expect(stored.data.clocks).toEqual([]);
    expect(stored.data.severity).toBeNull();
  });

  it('clears a column with null in a patch and sends only patched fields', () => {
    expect(encodePatch(def, { severity: null, status: 'triaged' })).toEqual({ Severity: null, Status: 'triaged' });
  });

  it('recognises a patch the item already holds', () => {
    const fields = encodeNew(def, 'k', incident({ status: 'triaged' }) as never);
    expect(holdsPatch(def, fields, { Status: 'triaged' })).toBe(true);
    expect(holdsPatch(def, fields, { Status: 'closed' })).toBe(false);
  });

  it('escapes quotes in OData literals', () => {
    expect(odataLiteral({ field: 'x', column: 'X', type: 'text' }, "O'Brien")).toBe("'O''Brien'");
    expect(odataLiteral({ field: 'x', column: 'X', type: 'number' }, 3)).toBe('3');
    expect(odataLiteral({ field: 'x', column: 'X', type: 'dateTime' }, '2026-01-01T01:00:00+01:00')).toBe("'2026-01-01T00:00:00Z'");
  });

  it('writes Yes/No literals as 1 and 0 (SharePoint answers `eq true` with the items set to No)', () => {
    expect(odataLiteral({ field: 'x', column: 'X', type: 'boolean' }, true)).toBe('1');
    expect(odataLiteral({ field: 'x', column: 'X', type: 'boolean' }, false)).toBe('0');
    expect(() => odataLiteral({ field: 'x', column: 'X', type: 'boolean' }, 'yes')).toThrow(/Yes\/No/);
  });

  it('keeps dateTime values at whole seconds, as SharePoint stores them', () => {
    const fields = encodeNew(def, 'k', incident({ reportedAt: '2026-03-01T10:00:00.987Z' }) as never);
    expect(fields.ReportedAt).toBe('2026-03-01T10:00:00Z');
    expect(toSharePointInstant('2026-03-01T10:00:00.999+01:00')).toBe('2026-03-01T09:00:00Z');
    expect(atSharePointPrecision(def, { reportedAt: '2026-03-01T10:00:00.5Z', title: 'x' })).toEqual({ reportedAt: '2026-03-01T10:00:00.000Z', title: 'x' });
  });
});

describe('docs/lists.md', () => {
  it('matches the list schema (run `npm run docs:lists` after changing lists.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const { renderListsDoc } = await import('../../../../core/adapters/sharepoint/lists-doc');
    expect(readFileSync(new URL('../../../../docs/lists.md', import.meta.url), 'utf8')).toBe(renderListsDoc());
  });
});
