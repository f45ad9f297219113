/**
 * Åtgärder over HTTP: ISAM creates (idempotent per key and person) and edits; the owner changes
 * only the status; everyone else is refused; a stale If-Match is 409 with the current row; overdue
 * is judged in Stockholm days; the list sorts on the indexed due date.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const action = (o: Record<string, unknown> = {}) => ({ title: 'Inför MFA för e-post', description: null, ownerId: PEOPLE.thomas, dueAt: '2026-01-31', status: 'open', source: 'incident', sourceRef: 'Incidents/17', ...o });

describe('improvement actions', () => {
  it('lists the actions sorted by due date with overdue marked', async () => {
    const res = await api.call('GET', '/improvements', { as: PEOPLE.staff });
    expect(res.status).toBe(200);
    expect(res.body.canCreate).toBe(false);
    const dues = res.body.items.map((r: { dueAt: string }) => r.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    for (const r of res.body.items) expect(r.overdue).toBe((r.status === 'open' || r.status === 'in_progress') && r.dueAt < today);
    const open = await api.call('GET', '/improvements?status=open', { as: PEOPLE.staff });
    expect(open.body.items.every((r: { status: string }) => r.status === 'open')).toBe(true);
  });

  it('lets ISAM create once per key; refuses others', async () => {
    expect((await api.call('POST', '/improvements', { as: PEOPLE.thomas, body: action(), headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(403);
    const bad = await api.call('POST', '/improvements', { as: PEOPLE.isam, body: action({ title: '', dueAt: 'snart' }), headers: { 'Idempotency-Key': randomUUID() } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['dueAt', 'title']);
    const key = randomUUID();
    const a = await api.call('POST', '/improvements', { as: PEOPLE.isam, body: action(), headers: { 'Idempotency-Key': key } });
    const b = await api.call('POST', '/improvements', { as: PEOPLE.isam, body: action(), headers: { 'Idempotency-Key': key } });
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body).toMatchObject({ overdue: true, owner: { name: 'Thomas Granlund' }, canEdit: true });
  });

  it('lets the owner change the status only, with If-Match', async () => {
    const created = await api.call('POST', '/improvements', { as: PEOPLE.isam, body: action({ title: 'Rutin för utskrifter' }), headers: { 'Idempotency-Key': randomUUID() } });
    const { id, etag } = created.body;
    expect((await api.call('PATCH', `/improvements/${id}`, { as: PEOPLE.staff, body: { status: 'done' }, headers: { 'If-Match': etag } })).status).toBe(403);
    const other = await api.call('PATCH', `/improvements/${id}`, { as: PEOPLE.thomas, body: { dueAt: '2027-01-01' }, headers: { 'If-Match': etag } });
    expect(other.status).toBe(403);
    expect((await api.call('PATCH', `/improvements/${id}`, { as: PEOPLE.thomas, body: { status: 'done' } })).status).toBe(428);
    const done = await api.call('PATCH', `/improvements/${id}`, { as: PEOPLE.thomas, body: { status: 'done' }, headers: { 'If-Match': etag } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false, completedAt: expect.any(String) });
    const stale = await api.call('PATCH', `/improvements/${id}`, { as: PEOPLE.isam, body: { title: 'Nytt namn' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.status).toBe('done');
    const edited = await api.call('PATCH', `/improvements/${id}`, { as: PEOPLE.isam, body: { title: 'Nytt namn', status: 'in_progress' }, headers: { 'If-Match': done.body.etag } });
    expect(edited.body).toMatchObject({ title: 'Nytt namn', status: 'in_progress', completedAt: null });
  });
});
