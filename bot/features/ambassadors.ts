/**
 * The ambassador network, training follow-up and governing documents in the bot (issue 7):
 *
 * - `årshjul` shows the year's meetings; ISAM plans and edits them from there (`planera träff`).
 *   The scheduler posts each invitation to the ambassador channel and the follow-up after the
 *   meeting; ambassadors mark attendance on either card (`ambassadors.attend`).
 * - `utbildning` shows a person's (and a manager's team's) mandatory training; `registrera
 *   utbildning` records a completion by hand; the scheduler sends every manager a monthly card.
 * - `styrdokument` lists the governing documents; the scheduler reminds owners of reviews.
 *
 * Handlers are thin: parse the card data → one use case in core/app → a card.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  cancelMeeting,
  FOLLOW_UP_CARD,
  getMeeting,
  listMeetings,
  markAttendance,
  MEETING_CARD,
  NO_CHANNEL_CARD,
  planMeeting,
  runAmbassadorCalendar,
  updateMeeting,
  type MeetingView,
} from '../../core/app/ambassadors';
import { forbidden, Refused, wrongState } from '../../core/app/platform';
import { listGoverningDocuments, queueReviewReminders, recordDocumentReview, REVIEW_REMINDER_CARD } from '../../core/app/governance';
import { listCourses, myTraining, queueMonthlyTrainingReminders, recordTraining, TRAINING_REMINDER_CARD } from '../../core/app/training';
import { canPlanMeetings, canRecordTraining, stockholmDate } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';
import { formatIssues } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';
import { formatDay, formatMeetingDay } from '../cards/ambassador-format';
import { meetingFormCard, type MeetingFormValues } from '../cards/ambassador-form';
import { meetingFollowUpCard, meetingInvitationCard } from '../cards/ambassador-meeting';
import { ambassadorPlanCard } from '../cards/ambassador-plan';
import { governanceListCard } from '../cards/governance-list';
import { reviewReminderCard } from '../cards/governance-reminder';
import { messageCard } from '../cards/message';
import type { AdaptiveCard } from '../cards/render';
import { trainingFormCard } from '../cards/training-form';
import { myTrainingCard, trainingReminderCard } from '../cards/training-reminder';
import type { ActionResult, BotFeature, Turn } from '../teams/turn';

const MINUTE = 60_000;
const ALL: ('personal' | 'channel' | 'groupChat')[] = ['personal', 'channel', 'groupChat'];

/** Card data is untrusted input: bounded strings, ids of the shape the store uses. */
const Id = z.string().regex(/^\d{1,10}$/);
// The data of the card actions, made once (ADR 023).
const MeetingRef = z.object({ meetingId: Id });
const AttendData = z.object({ meetingId: Id, card: z.enum(['invitation', 'followUp']).catch('invitation').default('invitation') });
const CancelData = z.object({ meetingId: Id, etag: z.string().max(300) });
/** A text input: anything but a string counts as empty; an over-long one is cut (the use case then says it is too long). */
const text = (max: number) => z.unknown().optional().transform((v) => (typeof v === 'string' ? v.slice(0, max) : ''));

// ── årshjul ──────────────────────────────────────────────────────────────────

async function planCard(turn: Turn, notice = ''): Promise<AdaptiveCard> {
  const actor = await turn.actor();
  const now = turn.deps.clock.now();
  const meetings = await listMeetings(turn.deps, actor);
  // Buttons only in personal chat: a channel card is seen by everyone, and they would only refuse.
  const personal = turn.conversationType === 'personal';
  const shown: MeetingView[] = meetings.map((m) => ({ ...m, canEdit: personal && m.canEdit }));
  return ambassadorPlanCard(turn.locale, shown, {
    year: Number(stockholmDate(now).slice(0, 4)),
    inviteDays: turn.deps.settings.ambassadorInviteDays,
    canPlan: personal && canPlanMeetings(actor),
    notice,
  });
}

const MeetingForm = z.object({
  meetingId: z.union([Id, z.literal('')]).catch('').default(''),
  etag: text(300),
  formId: text(100),
  date: text(20),
  time: text(10),
  theme: text(600),
  description: text(4_100),
  materialUrl: text(2_100),
  checklist: text(8_000),
});

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-•*☐]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);

function formValues(f: z.infer<typeof MeetingForm>): MeetingFormValues {
  return { date: f.date, time: f.time.slice(0, 5), theme: f.theme, description: f.description, materialUrl: f.materialUrl, checklist: f.checklist };
}

function formFor(turn: Turn, meeting: { id: string; etag: string } | null, values: Partial<MeetingFormValues> = {}, error = '', formId: string = randomUUID()): AdaptiveCard {
  return meetingFormCard(turn.locale, { meeting, formId, today: stockholmDate(turn.deps.clock.now()), inviteDays: turn.deps.settings.ambassadorInviteDays, values, error });
}

async function saveMeeting(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const f = MeetingForm.parse(data);
  const actor = await turn.actor();
  if (!canPlanMeetings(actor)) throw forbidden('ambassadors.meeting.onlyIsam');
  const meeting = f.meetingId ? { id: f.meetingId, etag: f.etag } : null;
  const points = lines(f.checklist);
  if (points.length > 20) return { card: formFor(turn, meeting, formValues(f), t(turn.locale, 'ambassadors.form.tooManyPoints'), f.formId || undefined) };
  const input = { date: f.date, time: f.time.slice(0, 5), theme: f.theme, description: f.description.trim() || null, materialUrl: f.materialUrl.trim() || null, checklist: points };
  try {
    const l = turn.locale;
    if (meeting) {
      const view = await updateMeeting(turn.deps, actor, meeting.id, meeting.etag, input);
      return { card: await planCard(turn, t(l, view.invitationSentAt ? 'ambassadors.plan.updatedPosted' : 'ambassadors.plan.updated', { date: formatMeetingDay(view.startsAt, l) })) };
    }
    // The form's id makes a double click plan one meeting; the activity's id is the fallback.
    const view = await planMeeting(turn.deps, actor, input, f.formId || turn.activityKey);
    return { card: await planCard(turn, t(l, 'ambassadors.plan.planned', { date: formatMeetingDay(view.startsAt, l), invite: formatDay(view.invitationDate, l) })) };
  } catch (error) {
    if (error instanceof RecordValidationError) return { card: formFor(turn, meeting, formValues(f), formatIssues(turn.locale, error.issues).join('\n'), f.formId || undefined) };
    throw error;
  }
}

async function editForm(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const { meetingId } = MeetingRef.parse(data);
  const actor = await turn.actor();
  if (!canPlanMeetings(actor)) throw forbidden('ambassadors.meeting.onlyIsam');
  const m = await getMeeting(turn.deps, actor, meetingId);
  if (!m.canEdit) throw wrongState(m.phase === 'cancelled' ? 'ambassadors.meeting.isCancelled' : 'ambassadors.meeting.alreadyHeld');
  return {
    card: formFor(turn, { id: m.id, etag: m.etag }, { date: m.date, time: m.time, theme: m.theme, description: m.description ?? '', materialUrl: m.materialUrl ?? '', checklist: m.checklist.join('\n') }),
  };
}

function attendanceNote(l: Locale, recorded: boolean, unit: string | null): string {
  if (recorded) return unit ? t(l, 'ambassadors.card.youAttended', { unit }) : t(l, 'ambassadors.card.youAttendedNoUnit');
  return unit ? t(l, 'ambassadors.card.youAlready', { unit }) : t(l, 'ambassadors.card.youAlreadyNoUnit');
}

// ── training and governing documents ────────────────────────────────────────

const TrainingForm = z.object({ email: text(300), courseCode: text(40), completedAt: text(20) });

async function saveTraining(turn: Turn, data: Record<string, unknown>): Promise<ActionResult> {
  const f = TrainingForm.parse(data);
  const actor = await turn.actor();
  const l = turn.locale;
  try {
    const r = await recordTraining(turn.deps, actor, { email: f.email.trim(), courseCode: f.courseCode.trim(), completedAt: f.completedAt.trim() });
    const params = { course: r.course.name, name: r.person.name, date: formatDay(r.completion.data.completedAt, l) };
    return { card: messageCard(l, r.created ? 'success' : 'info', t(l, r.created ? 'training.record.done' : 'training.record.already', params)) };
  } catch (error) {
    if (error instanceof RecordValidationError) {
      const courses = await listCourses(turn.deps);
      return { card: trainingFormCard(l, { courses, today: stockholmDate(turn.deps.clock.now()), values: f, error: formatIssues(l, error.issues).join('\n') }) };
    }
    throw error;
  }
}

const ReviewDone = z.object({ documentId: Id, reviewAt: z.iso.date(), nextReviewAt: z.union([z.iso.date(), z.literal('')]).catch('').default('') });

// ── the feature ─────────────────────────────────────────────────────────────

export const ambassadorsFeature: BotFeature = {
  commands: [
    {
      pattern: /^(årshjul(et)?|arshjul(et)?|ambassadörsträffar|ambassadorstraffar|annual plan|ambassador meetings)$/,
      in: ALL,
      run: async (turn) => turn.reply(await planCard(turn)),
    },
    {
      pattern: /^(planera (ambassadörs)?träff|plan (a )?meeting)$/,
      in: ['personal'],
      run: async (turn) => {
        if (!canPlanMeetings(await turn.actor())) throw forbidden('ambassadors.meeting.onlyIsam');
        await turn.reply(formFor(turn, null));
      },
    },
    {
      pattern: /^(styrdokument(en)?|governing documents?)$/,
      in: ALL,
      run: async (turn) => turn.reply(governanceListCard(turn.locale, await listGoverningDocuments(turn.deps, await turn.actor()), turn.links)),
    },
    {
      pattern: /^(utbildning(ar)?|min utbildning|mina utbildningar|training|my training)$/,
      in: ['personal'],
      run: async (turn) => turn.reply(myTrainingCard(turn.locale, await myTraining(turn.deps, await turn.actor()))),
    },
    {
      pattern: /^(registrera utbildning|record training)$/,
      in: ['personal'],
      run: async (turn) => {
        if (!canRecordTraining(await turn.actor())) throw forbidden('training.record.onlyAdmin');
        await turn.reply(trainingFormCard(turn.locale, { courses: await listCourses(turn.deps), today: stockholmDate(turn.deps.clock.now()) }));
      },
    },
  ],

  actions: [
    {
      verb: 'ambassadors.attend',
      run: async (turn, data) => {
        const { meetingId, card } = AttendData.parse(data);
        const r = await markAttendance(turn.deps, await turn.actor(), meetingId);
        const note = attendanceNote(turn.locale, r.recorded, r.unit);
        // The clicker sees the card at once with their note; everyone else's copy follows through the outbox.
        if (card === 'followUp' && r.cards.followUp) return { card: meetingFollowUpCard(r.cards.followUp, turn.locale, { note }) };
        return { card: meetingInvitationCard(r.cards.invitation ?? r.cards.preview, turn.locale, { note }) };
      },
    },
    {
      verb: 'ambassadors.meeting.new',
      run: async (turn) => {
        if (!canPlanMeetings(await turn.actor())) throw forbidden('ambassadors.meeting.onlyIsam');
        return { card: formFor(turn, null) };
      },
    },
    { verb: 'ambassadors.meeting.edit', run: editForm },
    { verb: 'ambassadors.meeting.save', run: saveMeeting },
    {
      verb: 'ambassadors.meeting.cancel',
      run: async (turn, data) => {
        const { meetingId, etag } = CancelData.parse(data);
        const view = await cancelMeeting(turn.deps, await turn.actor(), meetingId, etag);
        return { card: await planCard(turn, t(turn.locale, 'ambassadors.plan.cancelledDone', { date: formatMeetingDay(view.startsAt, turn.locale) })) };
      },
    },
    { verb: 'training.record.save', run: saveTraining },
    {
      verb: 'governance.review.done',
      run: async (turn, data) => {
        const parsed = ReviewDone.safeParse(data);
        if (!parsed.success) throw new Refused('invalid', 'bot.unknownAction');
        const { documentId, reviewAt, nextReviewAt } = parsed.data;
        const r = await recordDocumentReview(turn.deps, await turn.actor(), documentId, reviewAt, nextReviewAt ? { nextReviewAt } : {});
        return { card: reviewReminderCard(r.card, turn.locale) };
      },
    },
  ],

  notifications: {
    [MEETING_CARD]: (p, l) => meetingInvitationCard(p, l),
    [FOLLOW_UP_CARD]: (p, l) => meetingFollowUpCard(p, l),
    [NO_CHANNEL_CARD]: (p, l) => messageCard(l, 'warning', t(l, 'ambassadors.noChannel', { date: formatMeetingDay(String(p.startsAt), l), title: String(p.title) })),
    [TRAINING_REMINDER_CARD]: trainingReminderCard,
    [REVIEW_REMINDER_CARD]: reviewReminderCard,
  },

  jobs: [
    { name: 'ambassadors.calendar', everyMs: 15 * MINUTE, run: async (deps, now) => void (await runAmbassadorCalendar(deps, now)) },
    { name: 'training.monthly-reminders', everyMs: 60 * MINUTE, run: async (deps, now) => void (await queueMonthlyTrainingReminders(deps, now)) },
    { name: 'governance.review-reminders', everyMs: 60 * MINUTE, run: async (deps, now) => void (await queueReviewReminders(deps, now)) },
  ],
};
