/**
 * A leaver's card for the administrative unit: the view of the leaver with their termination tasks,
 * and keeping the card current as tasks are done — when all are, whoever recorded the leaver is told.
 * Used by the tasks (a leaver's task done) and by the leavers' use cases.
 */
import { SYSTEM_ACTOR } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { audit, readSmall, type Deps } from '../platform';
import { ACCESS_CARDS, adminUnit, correlation, person, sendCard, type LeaverTaskRow, type LeaverView, type NoticePayload } from './notify';
import { assetRef, peopleById, personRef } from './views';

export async function leaverView(deps: Pick<Deps, 'store' | 'directory'>, leaver: StoredOf<'Leavers'>): Promise<LeaverView> {
  const l = leaver.data;
  let tasks: StoredOf<'AccessRequests'>[] = [];
  let active = 0;
  if (l.processedAt) {
    const prefix = `access:leaver:${leaver.id}:`;
    for (const r of await readSmall(deps.store, 'AccessRequests', { where: [{ field: 'subjectId', op: 'eq', value: l.personId }] })) if (r.key.startsWith(prefix)) tasks.push(r);
  } else {
    for (const g of await readSmall(deps.store, 'AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: l.personId }] })) if (g.data.status === 'active') active++;
  }
  const [people, assets] = await Promise.all([
    peopleById(deps, [l.personId, l.recordedBy, ...tasks.map((t) => t.data.completedBy)]),
    tasks.length ? deps.store.getMany('InformationAssets', [...new Set(tasks.map((t) => t.data.assetId))]) : Promise.resolve([]),
  ]);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const rows: LeaverTaskRow[] = tasks
    .map((t) => ({
      requestId: t.id,
      asset: assetRef(assetById.get(t.data.assetId) ?? null),
      role: t.data.role,
      status: t.data.status,
      completedBy: t.data.completedBy ? personRef(t.data.completedBy, people) : null,
      completedAt: t.data.completedAt,
    }))
    .sort((a, b) => (a.asset?.code ?? '').localeCompare(b.asset?.code ?? '') || a.role.localeCompare(b.role, 'sv'));
  return {
    id: leaver.id,
    person: personRef(l.personId, people),
    lastDay: l.lastDay,
    recordedBy: l.recordedBy === SYSTEM_ACTOR ? null : personRef(l.recordedBy, people),
    recordedAt: l.recordedAt,
    processedAt: l.processedAt,
    activeGrants: l.processedAt ? rows.filter((r) => r.status === 'approved' || r.status === 'in_progress').length : active,
    tasks: rows,
  };
}

/**
 * After one of a leaver's tasks changed (by `actorId`): the card shows it, and when all are done the
 * recorder is told.
 */
export async function refreshLeaverCard(deps: Deps, op: string, personId: string, actorId: string): Promise<void> {
  const page = await deps.store.query('Leavers', { where: [{ field: 'personId', op: 'eq', value: personId }], pageSize: 50 });
  const leaver = page.items.filter((l) => l.data.processedAt).sort((a, b) => (b.data.processedAt ?? '').localeCompare(a.data.processedAt ?? ''))[0];
  if (!leaver) return;
  const view = await leaverView(deps, leaver);
  await sendCard(deps, op, await adminUnit(deps), ACCESS_CARDS.leaver, { mode: 'tasks', leaver: view }, correlation.leaverTasks(leaver.id));
  if (view.tasks.every((t) => t.status === 'done' || t.status === 'cancelled')) await tellRecorder(deps, leaver, view, actorId);
}

/** Once per leaver (keyed by it): the audit entry and the message to whoever recorded the leaver. */
export async function tellRecorder(deps: Deps, leaver: StoredOf<'Leavers'>, view: LeaverView, actorId: string): Promise<void> {
  const op = `access:leaver:${leaver.id}:all-done`;
  await audit(deps, op, {
    actorId,
    action: 'access.leaver.completed',
    target: `Leavers/${leaver.id}`,
    summary: `Alla behörigheter borttagna för ${view.person.name ?? leaver.data.personId}`,
    details: { tasks: view.tasks.length },
    correlationId: `Leavers/${leaver.id}`,
  });
  if (leaver.data.recordedBy !== SYSTEM_ACTOR) {
    await sendCard(deps, op, [person(leaver.data.recordedBy)], ACCESS_CARDS.notice, { event: 'leaverDone', leaver: view } satisfies NoticePayload, correlation.leaver(`${leaver.id}:done`));
  }
}
