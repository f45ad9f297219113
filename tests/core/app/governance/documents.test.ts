/** Governing documents: review rules (core/domain/governance.ts) and the register's use cases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../../../core/app/people';
import type { Deps } from '../../../../core/app/platform';
import { createGoverningDocument, listGoverningDocuments, recordDocumentReview, updateGoverningDocument } from '../../../../core/app/governance';
import { nextReviewAfter, reviewReminderDue, reviewState } from '../../../../core/domain';
import { ConflictError, RecordValidationError } from '../../../../core/ports/errors';
import { PEOPLE, startBotHarness, type BotHarness } from '../../../support/bot-harness';

describe('review rules', () => {
  it('is due 30 days ahead and when overdue, for documents in force only', () => {
    expect(reviewState({ reviewAt: '2026-12-28', status: 'in_force' }, '2026-11-28')).toBe('due_soon');
    expect(reviewState({ reviewAt: '2026-12-29', status: 'in_force' }, '2026-11-28')).toBe('ok');
    expect(reviewState({ reviewAt: '2026-11-27', status: 'in_force' }, '2026-11-28')).toBe('overdue');
    expect(reviewState({ reviewAt: '2020-01-01', status: 'repealed' }, '2026-11-28')).toBe('repealed');
    expect(reviewReminderDue({ reviewAt: '2026-11-27', status: 'in_force' }, '2026-11-28')).toBe(true);
    expect(reviewReminderDue({ reviewAt: '2026-11-27', status: 'under_review' }, '2026-11-28')).toBe(false);
    expect(nextReviewAfter('2028-02-29')).toBe('2029-02-28');
  });
});

describe('the register', () => {
  let h: BotHarness;
  let deps: Deps;
  beforeAll(async () => {
    h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
    deps = h.app.runtime.deps;
  });
  afterAll(async () => h?.close());

  it('lists the documents in force by title; repealed ones on request', async () => {
    const staff = await loadActor(deps, 'd0000000-0000-4000-8000-000000000016');
    const docs = await listGoverningDocuments(deps, staff);
    expect(docs).toHaveLength(8);
    expect(docs[0]).toMatchObject({ title: 'Informationssäkerhetspolicy för Stadsdelsförvaltning Söderbyn', owner: { name: 'Karin Ekström' }, reviewState: 'due_soon', canRecordReview: false, canEdit: false });
    expect(await listGoverningDocuments(deps, staff, { includeRepealed: true })).toHaveLength(9);
  });

  it('lets ISAM add and change documents, checked against the directory and the stored version', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const input = { title: 'Instruktion för loggning och logguppföljning', url: 'https://intranat.soderbyn.example/styrdokument/loggning', ownerId: 'd0000000-0000-4000-8000-000000000011', decidedAt: '2026-11-20', reviewAt: '2027-11-20' };
    const doc = await createGoverningDocument(deps, isam, input, 'form-1');
    expect(await createGoverningDocument(deps, isam, input, 'form-1')).toMatchObject({ id: doc.id });
    const bad = await createGoverningDocument(deps, isam, { ...input, ownerId: 'd0000000-0000-4000-8000-0000000000ff', reviewAt: '2026-01-01' }, 'form-2').catch((e: unknown) => e);
    expect((bad as RecordValidationError).issues.map((i) => i.messageKey)).toEqual(['governance.unknownOwner', 'governance.reviewBeforeDecision']);
    const staff = await loadActor(deps, 'd0000000-0000-4000-8000-000000000016');
    await expect(createGoverningDocument(deps, staff, input, 'form-3')).rejects.toMatchObject({ reason: 'forbidden' });

    const changed = await updateGoverningDocument(deps, isam, doc.id, doc.etag, { status: 'under_review' });
    expect(changed.status).toBe('under_review');
    await expect(updateGoverningDocument(deps, isam, doc.id, doc.etag, { status: 'in_force' })).rejects.toBeInstanceOf(ConflictError);

    // ISAM may record a review for the owner; the next review defaults to a year from today.
    const reviewed = await recordDocumentReview(deps, isam, doc.id, '2027-11-20', {});
    expect(reviewed.document).toMatchObject({ reviewAt: '2027-11-28', status: 'in_force' });
    await expect(recordDocumentReview(deps, isam, doc.id, '2027-11-28', { nextReviewAt: '2026-01-01' })).rejects.toBeInstanceOf(RecordValidationError);
  });
});
