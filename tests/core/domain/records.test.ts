import { describe, expect, it } from 'vitest';
import { AccessRequest, Incident, InformationAsset, RECORD_SCHEMAS, Supplier, isListName } from '../../../core/domain';
import { issuesFromZod, formatIssues } from '../../../core/i18n/validation';
import { accessRequest, asset, incident, supplier } from './fixtures';

function messages(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown, locale: 'sv' | 'en' = 'sv') {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return formatIssues(locale, issuesFromZod(r.error as never));
}

describe('record schemas', () => {
  it('has a schema for every list name in CONTRACTS.md', () => {
    for (const name of ['Incidents', 'AccessRequests', 'AccessGrants', 'AccessReviews', 'InformationAssets', 'Suppliers', 'ProcessingActivities', 'ImpactAssessments', 'Trainings', 'ImprovementActions', 'AmbassadorMeetings', 'ManagementReviews', 'Roles', 'Channels', 'Outbox', 'AuditLog']) {
      expect(isListName(name), name).toBe(true);
    }
    expect(isListName('toString')).toBe(false);
    expect(Object.keys(RECORD_SCHEMAS).length).toBeGreaterThanOrEqual(16);
  });

  it('accepts valid records', () => {
    expect(Incident.safeParse(incident()).success).toBe(true);
    expect(InformationAsset.safeParse(asset()).success).toBe(true);
    expect(AccessRequest.safeParse(accessRequest()).success).toBe(true);
    expect(Supplier.safeParse(supplier()).success).toBe(true);
  });

  it('explains a missing description in Swedish and English', () => {
    expect(messages(Incident, incident({ description: '   ' }))).toEqual(['Beskrivning måste fyllas i.']);
    expect(messages(Incident, incident({ description: '' }), 'en')).toEqual(['Description is required.']);
  });

  it('refuses an incident that happened after it was discovered', () => {
    expect(messages(Incident, incident({ occurredAt: '2026-03-10T12:00:00.000Z' }))).toEqual(['Händelsen kan inte ha inträffat efter att den upptäcktes.']);
  });

  it('compares times as instants, not as strings of different precision', () => {
    // Same instant written with and without milliseconds: not "after".
    expect(Incident.safeParse(incident({ occurredAt: '2026-03-10T09:30:00Z', discoveredAt: '2026-03-10T09:30:00.000Z' })).success).toBe(true);
  });

  it('requires a written rationale when an incident is judged not significant', () => {
    expect(messages(Incident, incident({ significant: 'no' }), 'en')).toEqual(['Deciding that the incident is not significant requires a written rationale.']);
    expect(Incident.safeParse(incident({ significant: 'no', significanceRationale: 'Ingen driftpåverkan, en person berörd.' })).success).toBe(true);
  });

  it('refuses contradictory personal-data answers', () => {
    const r = messages(Incident, incident({ personalData: { involved: 'no', approxSubjects: 0, categories: [], protectedIdentity: true } }));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/skyddad identitet/);
  });

  it('keeps KLASSA levels within 0–4 and whole', () => {
    expect(messages(InformationAsset, asset({ confidentiality: 5 as never }))).toEqual(['Konfidentialitet får vara högst 4.']);
    expect(messages(InformationAsset, asset({ integrity: 2.5 as never }), 'en')).toEqual(['Integrity must be a whole number.']);
  });

  it('wants all four aspects classified or none', () => {
    expect(InformationAsset.safeParse(asset({ confidentiality: null, integrity: null, availability: null, traceability: null, classifiedAt: null })).success).toBe(true);
    expect(messages(InformationAsset, asset({ traceability: null }))).toEqual(['Ange nivå för alla fyra aspekterna (K, R, T, S) eller ingen.']);
  });

  it('checks calendar dates for real', () => {
    expect(messages(InformationAsset, asset({ nextReviewAt: '2027-02-30' }))).toEqual(['Nästa översyn måste vara ett datum (ÅÅÅÅ-MM-DD).']);
  });

  it('requires a justification for new access and the grant for a termination', () => {
    expect(messages(AccessRequest, accessRequest({ justification: null }))).toEqual(['Beskriv varför behörigheten behövs.']);
    expect(messages(AccessRequest, accessRequest({ kind: 'termination', justification: null }), 'en')).toEqual(['Choose the existing access to change or end.']);
    expect(AccessRequest.safeParse(accessRequest({ kind: 'termination', justification: null, grantId: '7' })).success).toBe(true);
  });

  it('refuses a decided request without decision maker', () => {
    expect(messages(AccessRequest, accessRequest({ status: 'approved' }), 'en')).toEqual(['A decided request must have a decision maker and a decision time.']);
  });

  it('requires a PUB-avtal of suppliers processing personal data', () => {
    expect(messages(Supplier, supplier({ dpaStatus: 'not_required', dpaSignedAt: null }))).toEqual(['En leverantör som behandlar personuppgifter behöver ett personuppgiftsbiträdesavtal.']);
    expect(messages(Supplier, supplier({ orgNumber: '5560000001' }))).toEqual(['Organisationsnummer skrivs NNNNNN-NNNN.']);
  });

  it('refuses forged ids where a person is expected', () => {
    expect(messages(Incident, incident({ reporterId: 'admin' as never }), 'en')).toEqual(['Reporter must be a person or an entry from the register.']);
  });
});
