/**
 * Governing documents (styrdokument): the register of local instructions with link, owner, decided
 * date and review date; the list anyone can ask the bot for; the owners' review reminders (once per
 * review date, in their personal chat); and recording that a review is done.
 */
import { z } from 'zod';
import {
  AadObjectId,
  addDaysToDate,
  CalendarDate,
  canManageGoverningDocuments,
  canRecordReview,
  GOVERNING_DOCUMENT_STATUSES,
  Line,
  nextReviewAfter,
  OptionalText,
  REVIEW_NOTICE_DAYS,
  reviewReminderDue,
  reviewState,
  stockholmDate,
  SYSTEM_ACTOR,
  WebUrl,
  type RecordOf,
  type ReviewState,
} from '../../domain';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { ConflictError, NotFoundError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, notify, versionKey, type Deps } from '../platform';

const LIST = 'GoverningDocuments';
type Doc = RecordOf<typeof LIST>;
type StoredDoc = StoredOf<typeof LIST>;

export const REVIEW_REMINDER_CARD = 'governance.reviewReminder';
/** One reminder message per document and review date; recording the review updates it in place. */
export const reviewCorrelation = (docId: string, reviewAt: string) => `governing-document:${docId}:review:${reviewAt}`;

export interface GoverningDocumentView {
  id: string;
  etag: string;
  title: string;
  description: string | null;
  url: string;
  owner: { id: string; name: string | null };
  decidedAt: string;
  reviewAt: string;
  status: Doc['status'];
  reviewState: ReviewState;
  canRecordReview: boolean;
  canEdit: boolean;
}

async function toViews(deps: Pick<Deps, 'directory' | 'clock'>, actor: Actor, docs: StoredDoc[]): Promise<GoverningDocumentView[]> {
  const today = stockholmDate(deps.clock.now());
  const owners = await deps.directory.getPeople([...new Set(docs.map((d) => d.data.ownerId))]);
  const name = new Map(owners.map((p) => [p.aadObjectId.toLowerCase(), p.displayName]));
  return docs.map((d) => ({
    id: d.id,
    etag: d.etag,
    title: d.data.title,
    description: d.data.description,
    url: d.data.url,
    owner: { id: d.data.ownerId, name: name.get(d.data.ownerId.toLowerCase()) ?? null },
    decidedAt: d.data.decidedAt,
    reviewAt: d.data.reviewAt,
    status: d.data.status,
    reviewState: reviewState(d.data, today),
    canRecordReview: d.data.status !== 'repealed' && canRecordReview(actor, d.data),
    canEdit: canManageGoverningDocuments(actor),
  }));
}

/** The register, by title. Repealed documents only when asked for. Anyone in the organisation may read it. */
export async function listGoverningDocuments(deps: Deps, actor: Actor, options: { includeRepealed?: boolean } = {}): Promise<GoverningDocumentView[]> {
  const docs: StoredDoc[] = [];
  for await (const d of deps.store.queryAll(LIST)) if (options.includeRepealed || d.data.status !== 'repealed') docs.push(d);
  docs.sort((a, b) => a.data.title.localeCompare(b.data.title, 'sv'));
  return toViews(deps, actor, docs);
}

export async function getGoverningDocument(deps: Deps, actor: Actor, id: string): Promise<GoverningDocumentView> {
  const d = await deps.store.get(LIST, id);
  if (!d) throw new NotFoundError(LIST, id);
  return (await toViews(deps, actor, [d]))[0]!;
}

// ── the register (ISAM) ─────────────────────────────────────────────────────

export const GoverningDocumentInput = z.strictObject({
  title: Line(255),
  description: OptionalText(2_000).default(null),
  url: WebUrl,
  ownerId: AadObjectId,
  decidedAt: CalendarDate,
  reviewAt: CalendarDate,
  status: z.enum(GOVERNING_DOCUMENT_STATUSES).default('in_force'),
});
export type GoverningDocumentInput = z.input<typeof GoverningDocumentInput>;

const issue = (field: string, messageKey: ValidationIssue['messageKey']): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params: {} });

async function checked(deps: Deps, input: unknown, partial: boolean) {
  const schema = partial ? GoverningDocumentInput.partial() : GoverningDocumentInput;
  const result = schema.safeParse(input);
  if (!result.success) throw new RecordValidationError(LIST, issuesFromZod(result.error));
  const v = result.data as Partial<z.output<typeof GoverningDocumentInput>>;
  const issues: ValidationIssue[] = [];
  if (v.ownerId && !(await deps.directory.getPerson(v.ownerId))) issues.push(issue('ownerId', 'governance.unknownOwner'));
  if (v.decidedAt && v.reviewAt && v.reviewAt <= v.decidedAt) issues.push(issue('reviewAt', 'governance.reviewBeforeDecision'));
  if (issues.length) throw new RecordValidationError(LIST, issues);
  return v;
}

/** Adds a document to the register. `key` identifies the form submission. */
export async function createGoverningDocument(deps: Deps, actor: Actor, input: unknown, key: string): Promise<GoverningDocumentView> {
  if (!canManageGoverningDocuments(actor)) throw forbidden('governance.onlyIsam');
  const v = (await checked(deps, input, false)) as z.output<typeof GoverningDocumentInput>;
  const recordKey = `governing-document:${actor.id}:${key}`;
  const stored = await deps.store.create(LIST, recordKey, { ...v, lastReminderAt: null });
  await audit(deps, `governing_document.created:${recordKey}`, {
    actorId: actor.id,
    action: 'governing_document.created',
    target: `${LIST}/${stored.id}`,
    summary: `Styrdokument registrerat: ${stored.data.title}`.slice(0, 500),
    details: { ownerId: stored.data.ownerId, decidedAt: stored.data.decidedAt, reviewAt: stored.data.reviewAt },
  });
  return (await toViews(deps, actor, [stored]))[0]!;
}

/** Changes a document read at `etag` (any of the input's fields). */
export async function updateGoverningDocument(deps: Deps, actor: Actor, id: string, etag: string, input: unknown): Promise<GoverningDocumentView> {
  if (!canManageGoverningDocuments(actor)) throw forbidden('governance.onlyIsam');
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  const v = await checked(deps, { ...pickInput(current.data), ...(input as object) }, true);
  if (current.etag !== etag) throw new ConflictError(LIST, id);
  const patch = Object.fromEntries(Object.entries(v).filter(([f, val]) => JSON.stringify(val) !== JSON.stringify(current.data[f as keyof Doc]))) as Partial<Doc>;
  if (Object.keys(patch).length === 0) return (await toViews(deps, actor, [current]))[0]!;
  const updated = await deps.store.update(LIST, current, patch);
  await audit(deps, `governing_document.updated:${id}:${current.etag.replace(/[^A-Za-z0-9-]/g, '')}`, {
    actorId: actor.id,
    action: 'governing_document.updated',
    target: `${LIST}/${id}`,
    summary: `Styrdokument ändrat: ${updated.data.title}`.slice(0, 500),
    details: { changed: Object.keys(patch) },
  });
  return (await toViews(deps, actor, [updated]))[0]!;
}

const pickInput = (d: Doc) => ({ title: d.title, description: d.description, url: d.url, ownerId: d.ownerId, decidedAt: d.decidedAt, reviewAt: d.reviewAt, status: d.status });

// ── reviews ─────────────────────────────────────────────────────────────────

export const ReviewReminderPayload = z.object({
  documentId: z.string(),
  title: z.string(),
  url: z.string(),
  decidedAt: z.string(),
  reviewAt: z.string(),
  overdue: z.boolean(),
  /** Set once the owner has recorded the review: the card then says so instead of asking. */
  reviewed: z.object({ on: z.string(), nextReviewAt: z.string(), byName: z.string().nullable() }).nullable(),
  suggestedNextReviewAt: z.string(),
});
export type ReviewReminderPayload = z.infer<typeof ReviewReminderPayload>;

export const ReviewInput = z.strictObject({ nextReviewAt: CalendarDate.optional() });

export interface RecordedReview {
  /** False when the review had already been recorded for this date (a second click). */
  recorded: boolean;
  document: GoverningDocumentView;
  /** The reminder card's new state, for the card the owner clicked. */
  card: ReviewReminderPayload;
}

/**
 * The owner (or ISAM) records that the document has been reviewed and is still in force: the next
 * review moves to `nextReviewAt` (default a year from today), and the reminder in the owner's chat
 * says so. `reviewAt` is the date the reminder was for: a second click, or a click on an old
 * reminder after the date already moved, changes nothing.
 */
export async function recordDocumentReview(deps: Deps, actor: Actor, id: string, reviewAt: string, input: unknown): Promise<RecordedReview> {
  const current = await deps.store.get(LIST, id);
  if (!current) throw new NotFoundError(LIST, id);
  if (!canRecordReview(actor, current.data)) throw forbidden('governance.review.onlyOwner');
  if (current.data.status === 'repealed') throw forbidden('governance.review.repealed');
  const parsed = ReviewInput.safeParse(input);
  if (!parsed.success) throw new RecordValidationError(LIST, issuesFromZod(parsed.error));
  const today = stockholmDate(deps.clock.now());
  const nextReviewAt = parsed.data.nextReviewAt ?? nextReviewAfter(today);
  if (nextReviewAt <= today) throw new RecordValidationError(LIST, [issue('nextReviewAt', 'governance.review.nextInPast')]);

  if (current.data.reviewAt !== reviewAt) {
    // Already recorded (by this owner a moment ago, or by ISAM): show how things stand.
    const document = (await toViews(deps, actor, [current]))[0]!;
    return { recorded: false, document, card: reminderPayload(current, reviewAt, today, { on: today, nextReviewAt: current.data.reviewAt, byName: null }) };
  }
  const updated = await deps.store.update(LIST, current, { reviewAt: nextReviewAt, status: 'in_force' });
  // Keyed by the version reviewed: a review date the document is moved back to is reviewed anew.
  await audit(deps, `governing_document.reviewed:${id}:${versionKey(current.etag)}`, {
    actorId: actor.id,
    action: 'governing_document.reviewed',
    target: `${LIST}/${id}`,
    summary: `Styrdokument översett: ${updated.data.title}; nästa översyn ${nextReviewAt}`.slice(0, 500),
    details: { reviewAt: { from: reviewAt, to: nextReviewAt } },
  });
  const card = reminderPayload(current, reviewAt, today, { on: today, nextReviewAt, byName: actor.person?.displayName ?? null });
  // The reminder in the owner's chat, if there was one, now says the review is done.
  if (await deps.store.findByKey('Outbox', `outbox:${reviewCorrelation(id, reviewAt)}:person:${current.data.ownerId}`)) {
    await notify(deps, `${reviewCorrelation(id, reviewAt)}:done`, { to: { type: 'person', id: current.data.ownerId }, card: REVIEW_REMINDER_CARD, payload: card, correlationKey: reviewCorrelation(id, reviewAt) });
  }
  return { recorded: true, document: (await toViews(deps, actor, [updated]))[0]!, card };
}

function reminderPayload(d: StoredDoc, reviewAt: string, today: string, reviewed: ReviewReminderPayload['reviewed']): ReviewReminderPayload {
  return {
    documentId: d.id,
    title: d.data.title,
    url: d.data.url,
    decidedAt: d.data.decidedAt,
    reviewAt,
    overdue: reviewAt < today,
    reviewed,
    suggestedNextReviewAt: nextReviewAfter(today),
  };
}

export interface ReviewReminderRun {
  reminded: string[];
}

/**
 * Reminds the owner of every document in force whose review is within REVIEW_NOTICE_DAYS or
 * overdue: once per document and review date (the outbox key carries the date), however often the
 * job runs. A document reviewed since gets a new date and, in time, a new reminder.
 */
export async function queueReviewReminders(deps: Deps, now: Date): Promise<ReviewReminderRun> {
  const today = stockholmDate(now);
  const horizon = addDaysToDate(today, REVIEW_NOTICE_DAYS);
  const run: ReviewReminderRun = { reminded: [] };
  for await (const d of deps.store.queryAll(LIST, { where: [{ field: 'reviewAt', op: 'le', value: horizon }] })) {
    if (!reviewReminderDue(d.data, today)) continue;
    // Reminded for this date already: the outbox entry exists (skip the write altogether).
    const noticeFrom = addDaysToDate(d.data.reviewAt, -REVIEW_NOTICE_DAYS);
    if (d.data.lastReminderAt && stockholmDate(new Date(d.data.lastReminderAt)) >= noticeFrom) continue;
    const payload = reminderPayload(d, d.data.reviewAt, today, null);
    await notify(deps, reviewCorrelation(d.id, d.data.reviewAt), { to: { type: 'person', id: d.data.ownerId }, card: REVIEW_REMINDER_CARD, payload, correlationKey: reviewCorrelation(d.id, d.data.reviewAt) });
    try {
      await deps.store.update(LIST, d, { lastReminderAt: now.toISOString() });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // changed meanwhile: the key keeps the reminder single
    }
    await audit(deps, `governing_document.review_reminded:${d.id}:${d.data.reviewAt}`, {
      actorId: SYSTEM_ACTOR,
      action: 'governing_document.review_reminded',
      target: `${LIST}/${d.id}`,
      summary: `Påminnelse om översyn av ${d.data.title} (senast ${d.data.reviewAt})`.slice(0, 500),
      details: { ownerId: d.data.ownerId, reviewAt: d.data.reviewAt },
    });
    run.reminded.push(d.id);
  }
  return run;
}
