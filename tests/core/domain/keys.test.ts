/** Derived keys (core/domain/keys.ts): pure functions of a record, as the store writes them. */
import { describe, expect, it } from 'vitest';
import { keyValues, monthBounds, openOrYear, stockholmMonthOf, stockholmYear, yearBounds } from '../../../core/domain';
import { accessRequest, incident, PERSON_A, PERSON_B } from './fixtures';

describe('incident keys', () => {
  it('put an open incident in its people’s open bucket, a closed one in the Stockholm year it was reported', () => {
    expect(keyValues('Incidents', incident())).toMatchObject({ reporterKey: `${PERSON_A}|open`, managerKey: `${PERSON_B}|open`, assetKey: '3|open' });
    // 23:30 UTC on New Year's Eve is already the new year in Stockholm.
    const closed = incident({ reportedAt: '2025-12-31T23:30:00.000Z', discoveredAt: '2025-12-31T23:00:00.000Z', occurredAt: null, status: 'closed', closedAt: '2026-01-05T10:00:00.000Z', closedBy: PERSON_B });
    expect(keyValues('Incidents', closed)).toMatchObject({ reporterKey: `${PERSON_A}|2026`, managerKey: `${PERSON_B}|2026` });
    expect(keyValues('Incidents', incident({ managerId: null, assetId: null }))).toMatchObject({ managerKey: null, assetKey: null });
  });
});

describe('access request keys', () => {
  it('file a request under its owner and delegate, and under who asked only when that is someone else', () => {
    const own = accessRequest({ subjectId: PERSON_A, requesterId: PERSON_A.toUpperCase() });
    expect(keyValues('AccessRequests', own).requesterKey).toBeNull();
    const forOther = accessRequest({ subjectId: PERSON_A, requesterId: PERSON_B, status: 'done', decidedBy: PERSON_B, decidedAt: '2026-01-02T10:00:00.000Z', requestedAt: '2025-06-01T10:00:00.000Z' });
    const k = keyValues('AccessRequests', forOther);
    expect(k.requesterKey).toBe(`${PERSON_B}|2025`);
    expect(k.ownerKey).toBe(openOrYear(forOther.ownerId, 2025));
  });

  it('name the grant of a termination still to be carried out, and nothing once it is done', () => {
    const t = accessRequest({ kind: 'termination', grantId: '42', justification: null, status: 'approved', decidedBy: PERSON_B, decidedAt: '2026-01-02T10:00:00.000Z' });
    expect(keyValues('AccessRequests', t).openTermination).toBe('42');
    expect(keyValues('AccessRequests', { ...t, status: 'done' }).openTermination).toBeNull();
  });
});

describe('buckets', () => {
  it('are Stockholm calendar years and months, as UTC ranges', () => {
    expect(yearBounds(2026)).toEqual({ from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' });
    expect(monthBounds('2026-07')).toEqual({ from: '2026-06-30T22:00:00.000Z', to: '2026-07-31T22:00:00.000Z' });
    expect(monthBounds('2026-12').to).toBe('2026-12-31T23:00:00.000Z');
    expect(stockholmYear('2026-12-31T23:30:00.000Z')).toBe(2027);
    expect(stockholmMonthOf('2026-06-30T22:30:00.000Z')).toBe('2026-07');
  });
});
