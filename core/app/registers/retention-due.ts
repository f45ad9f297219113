/**
 * What has passed retention, for a person to decide on: per register, the archived records whose
 * retention ended, oldest first, a page at a time; and a monthly note to ISAM's channel when there are
 * any. Nothing here deletes: removing is `removeRecord`, one record at a time, by a person.
 *
 * The query is a range on the indexed archive time (`archivedAt < the first instant still retained`),
 * which selects only records archived at least RETENTION_YEARS ago — bounded by what a register
 * archives in the years since it started, hundreds in a district (docs/queries.md).
 */
import { RetentionDueQuery, type RegisterPath, type RetentionDueItem, type RetentionDuePage } from '../../api/registers';
import { parseWith } from './parse';
import { addDaysToDate, addYearsToDate, fromStockholmWallTime, has, RETAINED_LISTS, retentionCutoff, retentionYearsOf, stockholmDate, SYSTEM_ACTOR, type RetainedList } from '../../domain';
import type { Condition, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, notify, type Deps } from '../platform';
import { archiveState, retentionSettings, type ArchivableList } from './lifecycle';
import { REGISTER_REMINDER_CARD } from './reminders';

/** The tab's path of each retained list. */
export const REGISTER_OF: Record<RetainedList, RegisterPath> = {
  ProcessingActivities: 'processing',
  ImpactAssessments: 'impact-assessments',
  InformationAssets: 'assets',
  Risks: 'risks',
  Audits: 'audits',
  Roles: 'roles',
  Suppliers: 'suppliers',
  Procurements: 'procurements',
  GoverningDocuments: 'governing-documents',
};
export const LIST_OF = Object.fromEntries(Object.entries(REGISTER_OF).map(([l, p]) => [p, l])) as Record<RegisterPath, RetainedList>;

/** A short label: the record's own id, or its title or role. */
export function recordLabel(list: RetainedList, data: Record<string, unknown>): string {
  if (typeof data.code === 'string' && data.code) return data.code;
  if (list === 'Roles') return `${String(data.role)}${data.unit ? ` (${String(data.unit)})` : ''}`;
  return String(data.title ?? data.name ?? '');
}

/** Who may see and decide on what has passed retention: ISAM. */
export const canDecideRetention = (actor: Actor) => has(actor, 'isam');

/** The first instant a record archived after the cutoff day has: archived before it → retention over. */
function cutoffInstant(list: RetainedList, today: string, deps: Pick<Deps, 'settings'>): string | null {
  const cutoff = retentionCutoff(list, today, retentionSettings(deps));
  if (!cutoff) return null;
  const [y, m, d] = addDaysToDate(cutoff, 1).split('-').map(Number) as [number, number, number];
  return fromStockholmWallTime({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }).toISOString();
}

function dueConditions(list: RetainedList, before: string): Condition<ArchivableList>[] {
  return (list === 'Roles'
    ? [{ field: 'endedAt', op: 'lt', value: before }, { field: 'active', op: 'eq', value: false }]
    : [{ field: 'archivedAt', op: 'lt', value: before }, { field: 'archived', op: 'eq', value: true }]) as Condition<ArchivableList>[];
}

export async function listRetentionDue(deps: Deps, actor: Actor, registerPath: unknown, cursor?: string, pageSize = 50): Promise<RetentionDuePage> {
  if (!canDecideRetention(actor)) throw forbidden('tab.error.forbidden');
  // The whole query, so a missing or unknown register is reported on its field (`register`).
  const { register } = parseWith('AuditLog', RetentionDueQuery.pick({ register: true }), { register: registerPath });
  const list = LIST_OF[register];
  const years = retentionYearsOf(list, retentionSettings(deps));
  const before = cutoffInstant(list, stockholmDate(deps.clock.now()), deps);
  if (!before) return { items: [], cursor: null, years };
  const field = list === 'Roles' ? 'endedAt' : 'archivedAt';
  const page = await deps.store.query(list as ArchivableList, { where: dueConditions(list, before), orderBy: { field: field as never, direction: 'asc' }, pageSize, ...(cursor ? { cursor } : {}) });
  const items: RetentionDueItem[] = page.items.map((s: StoredOf<ArchivableList>) => {
    const { archivedAt } = archiveState(list as ArchivableList, s.data);
    const archivedOn = stockholmDate(new Date(archivedAt!));
    return { register, id: s.id, label: recordLabel(list, s.data as Record<string, unknown>), archivedAt: archivedAt!, removableFrom: addYearsToDate(archivedOn, years!) };
  });
  return { items, cursor: page.cursor, years };
}

/**
 * Once a month, a note in ISAM's channel naming how many records per register have passed retention
 * (counted up to a page each: "50 or more"). Keyed by the month, so it is posted once.
 */
export async function queueRetentionDigest(deps: Deps, now: Date): Promise<{ counts: Partial<Record<RegisterPath, number>> } | null> {
  const today = stockholmDate(now);
  const month = today.slice(0, 7);
  const key = `retention_due:${month}`;
  if (await deps.store.findByKey('Outbox', `outbox:${key}:channel:isam`)) return null;
  const counts: Partial<Record<RegisterPath, number>> = {};
  for (const list of RETAINED_LISTS) {
    const before = cutoffInstant(list, today, deps);
    if (!before) continue;
    const page = await deps.store.query(list as ArchivableList, { where: dueConditions(list, before), pageSize: 50 });
    if (page.items.length) counts[REGISTER_OF[list]] = page.items.length;
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (!total) return { counts };
  const detail = Object.entries(counts).map(([r, n]) => `${r}: ${n >= 50 ? '50+' : n}`).join(', ');
  await notify(deps, key, {
    to: { type: 'channel', role: 'isam' },
    card: REGISTER_REMINDER_CARD,
    payload: { kind: 'retention_due', register: null, id: null, code: null, title: String(total), dueAt: today, overdue: false, detail },
    correlationKey: key,
  });
  await audit(deps, `retention.digest:${month}`, { actorId: SYSTEM_ACTOR, action: 'retention.digest_posted', target: 'AuditLog/retention', summary: `Poster som passerat bevarandetiden: ${detail}`.slice(0, 500), details: counts });
  return { counts };
}
