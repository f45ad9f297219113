/**
 * The access feature of the bot: requesting access (card, `behörighet` / `access`), the owner's
 * decision, the administrative unit's tasks, recertification campaigns and reviews, leavers, the
 * people and asset typeahead, the notification cards the outbox sends, and the scheduler's jobs.
 * Handlers are thin: parse the card data (zod) → one use case → a card. Who acts is always the
 * activity's `from.aadObjectId` (turn.actor), never anything in the data.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  campaignStartView,
  completeAccessTask,
  completeAllLeaverTasks,
  createExpiryTasks,
  decideAccessRequest,
  decideReview,
  detectDisabledAccounts,
  getCampaign,
  getLeaverView,
  getRequestView,
  getReview,
  leaverFormOptions,
  processDueLeavers,
  proposeRecertification,
  recordLeaver,
  remindReviewers,
  requestFormOptions,
  searchAssets,
  searchPeople,
  startRecertification,
  submitAccessRequest,
  takeAccessTask,
  today,
  type LeaverForm,
  type LeaverView,
  type NoticePayload,
  type ReminderPayload,
  type RequestForm,
  type RequestView,
  type ReviewView,
} from '../../core/app/access';
import { ItemId } from '../../core/domain';
import { t } from '../../core/i18n';
import { formatIssue } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';
import { Refused } from '../../core/app/platform';
import { assetLabel, personName } from '../cards/access-format';
import { accessCampaignCard, type CampaignCardInput } from '../cards/access-campaign';
import { accessDecisionCard } from '../cards/access-decision';
import { accessLeaverCard, accessLeaverFormCard } from '../cards/access-leaver';
import { accessNoticeCard } from '../cards/access-notice';
import { accessRequestCard } from '../cards/access-request';
import { accessReminderCard, accessReviewCard } from '../cards/access-review';
import { accessTaskCard } from '../cards/access-task';
import type { AdaptiveCard } from '../cards/render';
import type { ActionResult, BotFeature, Turn } from '../teams/turn';

const HOUR = 3_600_000;

// ── card data ──────────────────────────────────────────────────────────────

/** An input's value as the card sent it: trimmed text, or null when empty or not text. */
const text = (value: unknown, max = 4_000): string | null => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null);
const FormId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const RequestRef = z.object({ requestId: ItemId });
const ReviewRef = z.object({ reviewId: ItemId, page: z.coerce.number().int().min(0).max(10_000).catch(0) });
const requestIdOf = (data: Record<string, unknown>) => {
  const r = RequestRef.safeParse(data);
  if (!r.success) throw new Refused('invalid', 'bot.unknownAction');
  return r.data.requestId;
};

function requestFormOf(data: Record<string, unknown>): RequestForm {
  return {
    kind: text(data.kind, 20),
    subjectId: text(data.subjectId, 64),
    assetId: text(data.assetId, 12),
    role: text(data.role, 400),
    justification: text(data.justification, 4_000),
    validUntil: text(data.validUntil, 10),
    grantId: text(data.grantId, 12),
  };
}

const EMPTY_FORM: RequestForm = { kind: null, subjectId: null, assetId: null, role: null, justification: null, validUntil: null, grantId: null };

// ── requests ───────────────────────────────────────────────────────────────

async function requestForm(turn: Turn, values: RequestForm = EMPTY_FORM, formId: string = randomUUID(), issues: RecordValidationError['issues'] = []): Promise<AdaptiveCard> {
  const actor = await turn.actor();
  const options = await requestFormOptions(turn.deps, actor, values);
  return accessRequestCard(turn.locale, { formId, options, values, issues, today: today(turn.deps.clock.now()) });
}

async function submitRequest(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const formId = FormId.safeParse(data.formId);
  if (!formId.success) return { card: await requestForm(turn) };
  const values = requestFormOf(data);
  try {
    const view = await submitAccessRequest(turn.deps, await turn.actor(), values, formId.data);
    return { card: accessNoticeCard(turn.locale, { event: 'submitted', request: view }) };
  } catch (error) {
    if (error instanceof RecordValidationError) return { card: await requestForm(turn, values, formId.data, error.issues) };
    throw error;
  }
}

async function decide(turn: Turn, data: Record<string, unknown>, decision: 'approve' | 'deny'): Promise<ActionResult> {
  const requestId = requestIdOf(data);
  const comment = text(data.comment, 4_000);
  const actor = await turn.actor();
  try {
    const result = await decideAccessRequest(turn.deps, actor, requestId, decision, comment);
    const l = turn.locale;
    const note =
      result.outcome === 'decided'
        ? { text: t(l, 'access.decision.saved'), tone: 'good' as const }
        : result.outcome === 'lost'
          ? { text: t(l, 'access.decision.lost', { name: personName(l, result.view.decidedBy) }), tone: 'warning' as const }
          : { text: t(l, 'access.decision.already'), tone: 'accent' as const };
    return { card: accessDecisionCard(l, result.view, { note }) };
  } catch (error) {
    if (!(error instanceof RecordValidationError)) throw error;
    const { view } = await getRequestView(turn.deps, requestId);
    return { card: accessDecisionCard(turn.locale, view, { comment: comment ?? '', error: error.issues.map((i) => formatIssue(turn.locale, i)).join(' ') }) };
  }
}

// ── tasks ──────────────────────────────────────────────────────────────────

async function task(turn: Turn, data: Record<string, unknown>, step: 'take' | 'done'): Promise<ActionResult> {
  const requestId = requestIdOf(data);
  const actor = await turn.actor();
  const result = step === 'take' ? await takeAccessTask(turn.deps, actor, requestId) : await completeAccessTask(turn.deps, actor, requestId);
  if (data.view === 'leaver' && result.view.origin === 'leaver') {
    const leaver = await leaverOfTask(turn, result.view);
    if (leaver) return { card: accessLeaverCard(turn.locale, 'tasks', leaver) };
  }
  const l = turn.locale;
  const note =
    result.outcome === 'changed'
      ? { text: t(l, step === 'take' ? 'access.task.taken' : 'access.task.completed'), tone: 'good' as const }
      : { text: t(l, result.view.status === 'done' ? 'access.task.alreadyDone' : 'access.task.alreadyTaken'), tone: 'accent' as const };
  return { card: accessTaskCard(l, result.view, note) };
}

async function leaverOfTask(turn: Turn, view: RequestView): Promise<LeaverView | null> {
  const page = await turn.deps.store.query('Leavers', { where: [{ field: 'personId', op: 'eq', value: view.subject.id }], pageSize: 50 });
  const leaver = page.items.filter((x) => x.data.processedAt).sort((a, b) => (b.data.processedAt ?? '').localeCompare(a.data.processedAt ?? ''))[0];
  return leaver ? getLeaverView(turn.deps, await turn.actor(), leaver.id) : null;
}

// ── recertification ────────────────────────────────────────────────────────

async function campaignCard(turn: Turn, error?: string, due?: string | null): Promise<AdaptiveCard> {
  const start = await campaignStartView(turn.deps, await turn.actor());
  return accessCampaignCard(turn.locale, { mode: 'start', start, error: error ?? '', due: due ?? null });
}

async function startCampaign(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const dueDate = text(data.dueDate, 10);
  try {
    const result = await startRecertification(turn.deps, await turn.actor(), { dueDate });
    return { card: accessNoticeCard(turn.locale, { event: 'campaignStarted', campaign: result.campaign, started: result.started }) };
  } catch (error) {
    if (error instanceof RecordValidationError) return { card: await campaignCard(turn, error.issues.map((i) => formatIssue(turn.locale, i)).join(' '), dueDate) };
    throw error;
  }
}

/** Keep/remove choices from the review card: inputs named `g_<grantId>`. */
function reviewChoices(data: Record<string, unknown>): { grantId: string; decision: 'keep' | 'remove' }[] {
  return Object.entries(data)
    .map(([k, v]) => ({ m: /^g_(\d{1,10})$/.exec(k), v }))
    .filter((x): x is { m: RegExpExecArray; v: 'keep' | 'remove' } => Boolean(x.m) && (x.v === 'keep' || x.v === 'remove'))
    .slice(0, 200)
    .map((x) => ({ grantId: x.m[1]!, decision: x.v }));
}

async function saveReview(turn: Turn, data: Record<string, unknown>, keepAll: boolean): Promise<ActionResult> {
  const ref = ReviewRef.safeParse(data);
  if (!ref.success) throw new Refused('invalid', 'bot.unknownAction');
  const actor = await turn.actor();
  const l = turn.locale;
  const choices = keepAll ? 'keepAll' : reviewChoices(data);
  if (choices !== 'keepAll' && choices.length === 0) {
    return { card: accessReviewCard(l, await getReview(turn.deps, actor, ref.data.reviewId, ref.data.page), { text: t(l, 'access.review.nothingChosen'), tone: 'warning' }) };
  }
  // The activity's key names this save (a retried invoke saves once); hashed, as Teams ids are long.
  const op = createHash('sha256').update(turn.activityKey).digest('base64url').slice(0, 22);
  const result = await decideReview(turn.deps, actor, ref.data.reviewId, choices, ref.data.page, op);
  const note = result.notYours
    ? { text: [result.decided ? t(l, 'access.review.saved', { count: result.decided }) : '', t(l, 'access.review.notYours', { count: result.notYours })].filter(Boolean).join(' '), tone: 'warning' as const }
    : result.decided
      ? { text: t(l, 'access.review.saved', { count: result.decided }), tone: 'good' as const }
      : { text: t(l, 'access.review.nothingNew'), tone: 'accent' as const };
  return { card: accessReviewCard(l, result.view, note) };
}

// ── leavers ────────────────────────────────────────────────────────────────

const DATE_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})\b/;

async function leaverForm(turn: Turn, values: LeaverForm = { personId: null, lastDay: null }, issues: RecordValidationError['issues'] = []): Promise<AdaptiveCard> {
  const options = await leaverFormOptions(turn.deps, await turn.actor());
  // A person found by the typeahead is not among the static choices: keep them selectable.
  if (values.personId && !options.people.some((p) => p.id.toLowerCase() === values.personId!.toLowerCase())) {
    const p = z.guid().safeParse(values.personId).success ? await turn.deps.directory.getPerson(values.personId) : null;
    if (p) options.people.unshift({ id: p.aadObjectId, name: p.displayName, unit: p.unit });
  }
  return accessLeaverFormCard(turn.locale, options, values, issues);
}

/** `slutar [namn eller e-post] [ÅÅÅÅ-MM-DD]`: opens the form, filled in with what could be understood. */
async function leaverCommand(turn: Turn, rest: string | undefined): Promise<void> {
  const values: LeaverForm = { personId: null, lastDay: null };
  const words = (rest ?? '').trim();
  const date = DATE_IN_TEXT.exec(words)?.[1] ?? null;
  if (date) values.lastDay = date;
  const who = words.replace(DATE_IN_TEXT, '').trim();
  if (who) {
    const found = await turn.deps.directory.search(who, 2);
    if (found.length === 1) values.personId = found[0]!.aadObjectId;
  }
  await turn.reply(await leaverForm(turn, values));
}

async function submitLeaver(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const values: LeaverForm = { personId: text(data.personId, 64), lastDay: text(data.lastDay, 10) };
  try {
    const leaver = await recordLeaver(turn.deps, await turn.actor(), values);
    return { card: accessNoticeCard(turn.locale, { event: 'leaverRecorded', leaver }) };
  } catch (error) {
    if (error instanceof RecordValidationError) return { card: await leaverForm(turn, values, error.issues) };
    throw error;
  }
}

// ── the feature ────────────────────────────────────────────────────────────

export const accessFeature: BotFeature = {
  commands: [
    { pattern: /^(behörighet|behörigheter|begär behörighet|access|request access)$/, in: ['personal'], run: async (turn) => turn.reply(await requestForm(turn)) },
    { pattern: /^(slutar|avslutad anställning|leaver)(?:\s+(.*))?$/, in: ['personal'], run: (turn, match) => leaverCommand(turn, match[2]) },
    {
      pattern: /^(behörighetsrevision|revision|starta revision|starta behörighetsrevision|recertification|start recertification)$/,
      in: ['personal', 'channel'],
      run: async (turn) => turn.reply(await campaignCard(turn)),
    },
  ],
  actions: [
    { verb: 'access.request.start', run: async (turn) => ({ card: await requestForm(turn) }) },
    { verb: 'access.request.submit', run: submitRequest },
    { verb: 'access.request.approve', run: (turn, data) => decide(turn, data, 'approve') },
    { verb: 'access.request.deny', run: (turn, data) => decide(turn, data, 'deny') },
    { verb: 'access.task.take', run: (turn, data) => task(turn, data, 'take') },
    { verb: 'access.task.done', run: (turn, data) => task(turn, data, 'done') },
    { verb: 'access.campaign.open', run: async (turn) => ({ card: await campaignCard(turn) }) },
    { verb: 'access.campaign.start', run: startCampaign },
    {
      verb: 'access.campaign.view',
      run: async (turn, data) => {
        const id = ItemId.safeParse(data.campaignId);
        if (!id.success) throw new Refused('invalid', 'bot.unknownAction');
        return { card: accessCampaignCard(turn.locale, { mode: 'status', campaign: await getCampaign(turn.deps, await turn.actor(), id.data) }) };
      },
    },
    {
      verb: 'access.review.open',
      run: async (turn, data) => {
        const ref = ReviewRef.safeParse(data);
        if (!ref.success) throw new Refused('invalid', 'bot.unknownAction');
        return { card: accessReviewCard(turn.locale, await getReview(turn.deps, await turn.actor(), ref.data.reviewId, ref.data.page)) };
      },
    },
    { verb: 'access.review.save', run: (turn, data) => saveReview(turn, data, false) },
    { verb: 'access.review.keepAll', run: (turn, data) => saveReview(turn, data, true) },
    { verb: 'access.leaver.start', run: async (turn) => ({ card: await leaverForm(turn) }) },
    { verb: 'access.leaver.submit', run: submitLeaver },
    {
      verb: 'access.leaver.doneAll',
      run: async (turn, data) => {
        const id = ItemId.safeParse(data.leaverId);
        if (!id.success) throw new Refused('invalid', 'bot.unknownAction');
        return { card: accessLeaverCard(turn.locale, 'tasks', await completeAllLeaverTasks(turn.deps, await turn.actor(), id.data)) };
      },
    },
  ],
  searches: [
    {
      dataset: 'access.people',
      run: async (turn, query, limit) => (await searchPeople(turn.deps, query, limit)).map((p) => ({ title: p.unit ? `${personName(turn.locale, p)} · ${p.unit}` : personName(turn.locale, p), value: p.id })),
    },
    {
      dataset: 'access.assets',
      run: async (turn, query, limit) => (await searchAssets(turn.deps, query, limit)).map((a) => ({ title: assetLabel(turn.locale, a), value: a.id })),
    },
  ],
  notifications: {
    'access.decision': (payload, locale, { links }) => accessDecisionCard(locale, payload.request as RequestView, {}, links),
    'access.notice': (payload, locale, { links }) => accessNoticeCard(locale, payload as unknown as NoticePayload, links),
    'access.task': (payload, locale, { links }) => accessTaskCard(locale, payload.request as RequestView, null, links),
    'access.review': (payload, locale, { links }) => accessReviewCard(locale, payload.review as ReviewView, null, links),
    'access.reminder': (payload, locale, { links }) => accessReminderCard(locale, payload as unknown as ReminderPayload, links),
    'access.campaign': (payload, locale, { links }) => accessCampaignCard(locale, payload as unknown as CampaignCardInput, links),
    'access.leaver': (payload, locale, { links }) => accessLeaverCard(locale, payload.mode === 'tasks' ? 'tasks' : 'registered', payload.leaver as LeaverView, links),
  },
  jobs: [
    { name: 'access.expiry', everyMs: HOUR, run: async (deps, now) => void (await createExpiryTasks(deps, now)) },
    { name: 'access.leavers', everyMs: HOUR, run: async (deps, now) => void (await processDueLeavers(deps, now)) },
    {
      name: 'access.recertification',
      everyMs: 6 * HOUR,
      run: async (deps, now) => {
        await proposeRecertification(deps, now);
        await remindReviewers(deps, now);
      },
    },
    { name: 'access.disabled-accounts', everyMs: 24 * HOUR, run: async (deps, now) => void (await detectDisabledAccounts(deps, now)) },
  ],
};

