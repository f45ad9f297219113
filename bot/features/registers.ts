/**
 * The registers of issue 14 in Teams: their reminder card, and the scheduler's jobs that queue what
 * falls due — once per record, kind and due date, however many instances run (the outbox keys) — and
 * the monthly note to ISAM's channel on records past retention. The registers themselves are kept in
 * the tab (bot/api/register-routes.ts).
 */
import { queueClassificationReminders } from '../../core/app/assets';
import { queueAuditReminders } from '../../core/app/audits';
import { queueImpactAssessmentReminders } from '../../core/app/gdpr';
import { queueRetentionDigest, REGISTER_REMINDER_CARD } from '../../core/app/registers';
import { queueRiskReminders } from '../../core/app/risks';
import { queueSupplierReminders } from '../../core/app/suppliers';
import { registerReminderCard, registerReminderSummary } from '../cards/register-reminder';
import type { BotFeature } from '../teams/turn';

const MINUTE = 60_000;

export const registersFeature: BotFeature = {
  notifications: {
    [REGISTER_REMINDER_CARD]: { card: (payload, locale, { links }) => registerReminderCard(payload, locale, links), summary: registerReminderSummary },
  },
  jobs: [
    {
      name: 'registers.reminders',
      everyMs: 60 * MINUTE,
      run: async (deps, now) => {
        await queueClassificationReminders(deps, now);
        await queueRiskReminders(deps, now);
        await queueSupplierReminders(deps, now);
        await queueAuditReminders(deps, now);
        await queueImpactAssessmentReminders(deps, now);
      },
    },
    { name: 'registers.retention-digest', everyMs: 24 * 60 * MINUTE, run: async (deps, now) => void (await queueRetentionDigest(deps, now)) },
  ],
};
