/**
 * The route table of core/api: which route a request is for, and how an answer is checked against
 * its shapes (2xx, the routes' own other answers, errors, a conflict's current record).
 */
import { describe, expect, it } from 'vitest';
import { AssetListQuery, AssetRow, checkAnswer, findRoute, IncidentListQuery, SupplierNode, TrainingImportResult } from '../../../core/api';

const row = {
  id: '1',
  etag: '"e,1"',
  code: 'IA-001',
  name: 'Procapita',
  unit: 'IFO',
  critical: true,
  owner: { id: 'd0000000-0000-4000-8000-000000000030', name: 'Thomas Granlund' },
  levels: { confidentiality: 3, integrity: 3, availability: 2, traceability: 3 },
  summary: { state: 'classified', maxLevel: 3, securityProtectionFlag: false },
  priority: 1,
  classifiedAt: '2026-03-12',
  nextReviewAt: '2027-03-12',
  canEdit: false,
};

describe('findRoute', () => {
  it('finds a route by method and path, ignoring the query string and a trailing slash', () => {
    expect(findRoute('GET', '/assets?search=IA&pageSize=5')?.key).toBe('GET /assets');
    expect(findRoute('get', '/assets/12/')?.key).toBe('GET /assets/:id');
    expect(findRoute('PATCH', '/suppliers/6/checklist')?.key).toBe('PATCH /suppliers/:id/checklist');
    expect(findRoute('POST', '/incidents/25/reports/imy_notification')?.key).toBe('POST /incidents/:id/reports/:key');
  });

  it('prefers a literal segment to a parameter', () => {
    expect(findRoute('GET', '/incidents/form-options')?.key).toBe('GET /incidents/form-options');
    expect(findRoute('GET', '/incidents/7')?.key).toBe('GET /incidents/:id');
  });

  it('finds nothing for another method, a longer path or an empty parameter', () => {
    expect(findRoute('DELETE', '/assets/1')?.key ?? null).toBeNull();
    expect(findRoute('GET', '/assets/1/history')?.key ?? null).toBeNull();
    expect(findRoute('POST', '/incidents//triage')?.key ?? null).toBeNull();
    expect(findRoute('GET', '/nowhere')?.key ?? null).toBeNull();
  });
});

describe('checkAnswer', () => {
  it('accepts a 2xx answer in its shape and names the place of every difference', () => {
    expect(checkAnswer('GET', '/assets', 200, { items: [row], cursor: null, sort: 'code', direction: 'asc' })).toEqual({ route: 'GET /assets', issues: [] });
    const { issues } = checkAnswer('GET', '/assets', 200, { items: [{ ...row, levels: { ...row.levels, integrity: 5 }, extra: 1 }], cursor: 3, sort: 'code', direction: 'asc' });
    expect(issues.map((i) => i.path).sort()).toEqual(['cursor', 'items.0', 'items.0.levels.integrity']);
  });

  it('checks dates as ISO strings: a calendar day where a day is meant, UTC instants elsewhere', () => {
    expect(AssetRow.safeParse({ ...row, classifiedAt: '2026-03-12T00:00:00Z' }).success).toBe(false);
    expect(AssetRow.safeParse({ ...row, nextReviewAt: '12/03/2027' }).success).toBe(false);
    const view = checkAnswer('GET', '/dashboard', 200, { today: '2026-11-28', generatedAt: '2026-11-28T09:00:00+01:00' });
    expect(view.issues.find((i) => i.path === 'generatedAt')).toBeDefined();
    expect(view.issues.find((i) => i.path === 'today')).toBeUndefined();
  });

  it('checks error answers against ErrorBody, and the current record of a 409 against the route’s answer', () => {
    expect(checkAnswer('POST', '/assets', 400, { error: 'validation', message: 'Kontrollera fälten.', issues: [{ path: ['code'], field: 'code', message: 'Fel.' }] }).issues).toEqual([]);
    expect(checkAnswer('GET', '/assets/1', 404, { error: 'not_found' }).issues.map((i) => i.path)).toEqual(['message']);
    expect(checkAnswer('PATCH', '/assets/1', 409, { error: 'conflict', message: 'Ändrad.', current: null }).issues).toEqual([]);
    expect(checkAnswer('PATCH', '/assets/1', 409, { error: 'conflict', message: 'Ändrad.', current: row }).issues.map((i) => i.path)).toContain('current.description');
  });

  it('checks a route’s own answers besides 2xx: the training import’s 422 carries its report', () => {
    const rejected = {
      report: { ok: false, lines: 1, imported: 0, alreadyRecorded: 0, skipped: [], errors: [{ line: 2, messageKey: 'training.import.badDate', params: { value: 'igår' } }] },
      skipped: [],
      errors: [{ line: 2, text: 'Rad 2: …' }],
    };
    expect(TrainingImportResult.safeParse(rejected).success).toBe(true);
    expect(checkAnswer('POST', '/trainings/import', 422, rejected).issues).toEqual([]);
    const unknownKey = { ...rejected, report: { ...rejected.report, errors: [{ line: 2, messageKey: 'no.such.key', params: {} }] } };
    expect(checkAnswer('POST', '/trainings/import', 422, unknownKey).issues.map((i) => i.path)).toEqual(['report.errors.0.messageKey']);
  });

  it('checks nothing on a path no route has', () => {
    expect(checkAnswer('GET', '/nowhere', 404, 'Not found')).toEqual({ route: null, issues: [] });
  });
});

describe('queries', () => {
  it('take text values and fill in their defaults', () => {
    expect(AssetListQuery.parse({ pageSize: '10' })).toEqual({ sort: 'code', direction: 'asc', pageSize: 10 });
    expect(IncidentListQuery.parse({})).toEqual({ direction: 'desc', pageSize: 25 });
    expect(IncidentListQuery.safeParse({ status: 'nonsense' }).success).toBe(false);
    expect(AssetListQuery.safeParse({ pageSize: '500' }).success).toBe(false);
  });
});

describe('the supplier tree', () => {
  it('is checked at every depth', () => {
    const node = (id: string, children: unknown[] = []) => ({
      id,
      code: `SUP-00${id}`,
      name: `Leverantör ${id}`,
      parentId: null,
      services: 'Drift',
      processesPersonalData: true,
      dpaStatus: 'signed',
      dpaExpiresAt: null,
      dpaExpiry: null,
      systems: [],
      checklist: { done: 1, total: 10 },
      children,
    });
    expect(SupplierNode.safeParse(node('1', [node('2', [node('3')])])).success).toBe(true);
    const deep = SupplierNode.safeParse(node('1', [node('2', [{ ...node('3'), dpaStatus: 'lost' }])]));
    expect(deep.error?.issues.map((i) => i.path.join('.'))).toEqual(['children.0.children.0.dpaStatus']);
  });
});
