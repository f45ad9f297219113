/** The scheduler's job: reminders of the legal clocks and of reports nobody has triaged yet. */
import { caseNumber, reminderStages } from '../../domain';
import { notify, type Deps, type Recipient } from '../platform';

/** Untriaged reports are raised to ISAM after this long (the 24-hour clock may already be running). */
export const UNTRIAGED_AFTER_MS = 2 * 3_600_000;

/**
 * Reminders before each deadline and when it has passed, to the ISAM channel (and the manager for
 * the investigation). Each reminder's outbox key names incident, clock, stage and due time, so it is
 * sent exactly once however often and on however many instances this runs.
 */
export async function sendIncidentReminders(deps: Deps, now: Date): Promise<number> {
  let queued = 0;
  for (const status of ['reported', 'triaged', 'investigating'] as const) {
    for await (const stored of deps.store.queryAll('Incidents', { where: [{ field: 'status', op: 'eq', value: status }] })) {
      const i = stored.data;
      if (status === 'reported' && now.getTime() - Date.parse(i.reportedAt) >= UNTRIAGED_AFTER_MS) {
        await notify(deps, `reminder:${stored.id}:untriaged`, {
          to: { type: 'channel', role: 'isam' },
          card: 'incident.reminder',
          payload: { id: stored.id, caseNumber: caseNumber(stored.id, i.reportedAt), kind: 'untriaged', stage: 'overdue', dueAt: i.reportedAt, detailed: !i.personalData.protectedIdentity, title: i.personalData.protectedIdentity ? null : i.title },
          correlationKey: `incident:${stored.id}:reminder:untriaged`,
        });
        queued++;
      }
      for (const clock of i.clocks) {
        for (const stage of reminderStages(clock, now)) {
          const recipients: Recipient[] = [{ type: 'channel', role: 'isam' }];
          if (clock.kind === 'internal_investigation' && i.managerId) recipients.push({ type: 'person', id: i.managerId });
          if (clock.kind === 'imy_notification') recipients.push({ type: 'channel', role: 'dso' });
          for (const to of recipients) {
            const detailed = to.type === 'person' || !i.personalData.protectedIdentity;
            await notify(deps, `reminder:${stored.id}:${clock.kind}:${stage}:${clock.dueAt}`, {
              to,
              card: 'incident.reminder',
              payload: { id: stored.id, caseNumber: caseNumber(stored.id, i.reportedAt), kind: clock.kind, stage, dueAt: clock.dueAt, detailed, title: detailed ? i.title : null },
              correlationKey: `incident:${stored.id}:reminder:${clock.kind}`,
            });
            queued++;
          }
        }
      }
    }
  }
  return queued;
}
