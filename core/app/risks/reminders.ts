/** The risk owner is reminded before a risk's review date (once per date; core/app/registers/reminders.ts). */
import type { Deps } from '../platform';
import { queueDueReminders } from '../registers';

export function queueRiskReminders(deps: Deps, now: Date): Promise<string[]> {
  return queueDueReminders(deps, now, {
    kind: 'risk_review',
    list: 'Risks',
    field: 'reviewAt',
    where: [{ field: 'archived', op: 'eq', value: false }],
    due: (s) => s.data.status !== 'closed',
    to: (s) => ({ type: 'person', id: s.data.ownerId }),
    payload: (s) => ({ register: 'risks', id: s.id, code: s.data.code, title: s.data.title, detail: null }),
    marks: true,
  });
}
