/**
 * Reminders in Teams for what falls due in the registers: a classification or a risk to review, a
 * supplier follow-up, an agreement that expires, an audit about to start, an impact assessment to
 * review. One card (`registers.reminder`), one message per record, kind and due date.
 *
 * Each kind is a bounded query: the records whose indexed due date lies in a window from a year back
 * to the notice period ahead (bounded by what falls due in about a year in a register of hundreds).
 * The outbox entry's key carries the kind, the record and the due date, so a reminder is written once
 * however often the job runs, on however many instances (the scheduler's lease makes it one run per
 * period; the key makes a lost race harmless). A new due date (after a review) starts over.
 */
import { z } from 'zod';
import { REGISTER_PATHS } from '../../api';
import { addDaysToDate, stockholmDate, SYSTEM_ACTOR, type ListName, type MutableListName } from '../../domain';
import { ConflictError } from '../../ports/errors';
import type { Condition, FieldOf, StoredOf } from '../../ports/record-store';
import { audit, notify, type Deps, type Recipient } from '../platform';

export const REGISTER_REMINDER_CARD = 'registers.reminder';

/** Kinds of the register card: due dates, plus the DSO's opinion asked for and the monthly retention note. */
export const REMINDER_KINDS = ['classification_review', 'risk_review', 'supplier_follow_up', 'dpa_expiry', 'contract_end', 'audit_planned', 'dpia_review', 'dpia_opinion', 'retention_due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const RegisterReminderPayload = z.object({
  kind: z.enum(REMINDER_KINDS),
  /** The register and record it is about; null for the monthly retention note (it links to the list). */
  register: z.enum(REGISTER_PATHS).nullable(),
  id: z.string().nullable(),
  code: z.string().nullable(),
  title: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** One more line, already in Swedish and English where it is text people wrote (a follow-up's focus). */
  detail: z.string().nullable(),
});
export type RegisterReminderPayload = z.infer<typeof RegisterReminderPayload>;

/** Days ahead a reminder is sent, per kind. */
export const REMINDER_NOTICE_DAYS: Record<Exclude<ReminderKind, 'retention_due' | 'dpia_opinion'>, number> = {
  classification_review: 30,
  risk_review: 30,
  supplier_follow_up: 14,
  dpa_expiry: 60,
  contract_end: 90,
  audit_planned: 14,
  dpia_review: 30,
};

/** How far back an overdue date is still reminded of (one reminder per date, ever). */
const LOOKBACK_DAYS = 366;

export interface DueSpec<L extends ListName & MutableListName> {
  kind: Exclude<ReminderKind, 'retention_due' | 'dpia_opinion'>;
  list: L;
  /** An indexed `YYYY-MM-DD` column. */
  field: FieldOf<L>;
  /** More conditions after the window (e.g. not archived). */
  where?: Condition<L>[];
  /** Whether the record still needs the reminder (status, the date being set). */
  due: (s: StoredOf<L>) => boolean;
  /** Who gets it; null: nobody (the record names no one). */
  to: (s: StoredOf<L>) => Promise<Recipient | null> | Recipient | null;
  payload: (s: StoredOf<L>) => Omit<RegisterReminderPayload, 'kind' | 'dueAt' | 'overdue'> & { dueAt?: string };
  /** Sets `lastReminderAt` on the record when it has one. */
  marks?: boolean;
}

export const reminderCorrelation = (kind: string, id: string, dueAt: string) => `${kind}:${id}:${dueAt}`;

const targetOf = (to: Recipient) => (to.type === 'channel' ? to.role : to.id);

/** Queues the reminders of one kind that are due on `now`. Returns the ids reminded. */
export async function queueDueReminders<L extends ListName & MutableListName>(deps: Deps, now: Date, spec: DueSpec<L>): Promise<string[]> {
  const today = stockholmDate(now);
  const horizon = addDaysToDate(today, REMINDER_NOTICE_DAYS[spec.kind]);
  const floor = addDaysToDate(today, -LOOKBACK_DAYS);
  const where: Condition<L>[] = [{ field: spec.field, op: 'ge', value: floor }, { field: spec.field, op: 'le', value: horizon }, ...(spec.where ?? [])];
  const reminded: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: StoredOf<L>[]; cursor: string | null } = await deps.store.query(spec.list, { where, orderBy: { field: spec.field, direction: 'asc' }, pageSize: 200, ...(cursor ? { cursor } : {}) });
    for (const s of page.items) {
      const dueAt = (s.data as Record<string, unknown>)[spec.field] as string | null;
      if (!dueAt || !spec.due(s)) continue;
      const to = await spec.to(s);
      if (!to) continue;
      const correlation = reminderCorrelation(spec.kind, s.id, dueAt);
      // Reminded for this date already: skip the write altogether.
      if (await deps.store.findByKey('Outbox', `outbox:${correlation}:${to.type}:${targetOf(to)}`)) continue;
      const payload: RegisterReminderPayload = { ...spec.payload(s), kind: spec.kind, dueAt, overdue: dueAt < today };
      await notify(deps, correlation, { to, card: REGISTER_REMINDER_CARD, payload, correlationKey: correlation });
      if (spec.marks) {
        try {
          await deps.store.update(spec.list, s, { lastReminderAt: now.toISOString() } as never);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error; // changed meanwhile: the key keeps the reminder single
        }
      }
      await audit(deps, `${spec.kind}.reminded:${s.id}:${dueAt}`, {
        actorId: SYSTEM_ACTOR,
        action: `${spec.kind}.reminded`,
        target: `${spec.list}/${s.id}`,
        summary: `Påminnelse (${spec.kind}) om ${payload.code ?? payload.title}, senast ${dueAt}`.slice(0, 500),
        details: { kind: spec.kind, dueAt, to: to.type },
      });
      reminded.push(s.id);
    }
    cursor = page.cursor;
  } while (cursor);
  return reminded;
}
