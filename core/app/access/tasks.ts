/**
 * The administrative unit's tasks: an approved request (or an expiry, a recertification removal, a
 * leaver's grant) is taken and carried out, and "done" writes the grants register — granted, changed
 * or removed — and tells the people concerned. Every write is idempotent: a task done twice, or by
 * two members at once, changes the register once.
 */
import { canCarryOutAccess, same, SYSTEM_ACTOR, type AccessGrant, type AccessRequest, type DeciderCapacity } from '../../domain';
import { ConflictError } from '../../ports/errors';
import type { AnyNewRecord, StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { today } from './dates';
import { ACCESS_CARDS, adminUnit, cardRecord, cardRecords, correlation, person, sendCard, type NoticePayload, type Outgoing } from './notify';
import { OPEN_STATUSES } from './requests';
import { peopleById, requestView, type RequestView } from './views';
import { audit, auditRecord, finish, forbidden, readEach, readJobState, readSmall, Refused, saveJobState, type Deps } from '../platform';
import { refreshLeaverCard } from './leaver-card';

export interface TaskResult {
  /** `changed`: this call moved the task. `already`: it was already there (by this person or another). */
  outcome: 'changed' | 'already';
  view: RequestView;
  stored: StoredOf<'AccessRequests'>;
}

const ATTEMPTS = 3;

async function loadTask(deps: Deps, actor: Actor, requestId: string): Promise<StoredOf<'AccessRequests'>> {
  if (!canCarryOutAccess(actor)) throw forbidden('access.task.onlyAdmin');
  const stored = await deps.store.get('AccessRequests', requestId);
  if (!stored) throw new Refused('not_found', 'access.notFound');
  return stored;
}

/** A member of the administrative unit takes an approved task: the channel sees who is on it. */
export async function takeAccessTask(deps: Deps, actor: Actor, requestId: string): Promise<TaskResult> {
  // Where the task card goes (the administrative unit) is looked up beside the task.
  const [loaded, admin] = await Promise.all([loadTask(deps, actor, requestId), adminUnit(deps)]);
  let current = loaded;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (current.data.status !== 'approved') {
      const view = await requestView(deps, current);
      // Taken by this person before (a double click, or a retry after a crash between the write and
      // its effects): whatever is missing of the audit entry and the cards is written now.
      if (current.data.status === 'in_progress' && current.data.takenBy && same(current.data.takenBy, actor.id)) {
        const { completed } = await takeEffects(deps, actor, current, view);
        return { outcome: completed ? 'changed' : 'already', stored: current, view };
      }
      return { outcome: 'already', stored: current, view };
    }
    try {
      // The task as it will be stored, shown in its card; the If-Match update with its audit entry and
      // card in one $batch (nothing of them is written when the update is refused).
      const patch = { status: 'in_progress' as const, takenBy: actor.id, takenAt: deps.clock.now().toISOString() };
      const next: StoredOf<'AccessRequests'> = { ...current, data: { ...current.data, ...patch } };
      const view = await requestView(deps, next);
      const { records, leaver } = takeRecords(deps, actor, next, view, admin);
      const { record: taken } = await deps.store.updateThenCreateAll('AccessRequests', current, patch, records);
      if (leaver) await refreshLeaverCard(deps, `access:${taken.id}:taken`, taken.data.subjectId, actor.id);
      return { outcome: 'changed', stored: taken, view };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('AccessRequests', requestId)) ?? current;
    }
  }
  return { outcome: 'already', stored: current, view: await requestView(deps, current) };
}

/** The audit entry and the task card of a taken task, in one `$batch` (idempotent by key). */
async function takeEffects(deps: Deps, actor: Actor, taken: StoredOf<'AccessRequests'>, view: RequestView): Promise<{ completed: boolean }> {
  const { records, leaver } = takeRecords(deps, actor, taken, view, leaverTask(taken) ? [] : await adminUnit(deps));
  const done = await finish(deps, records);
  if (leaver) await refreshLeaverCard(deps, `access:${taken.id}:taken`, taken.data.subjectId, actor.id);
  return done;
}

const leaverTask = (r: StoredOf<'AccessRequests'>) => (r.data.origin ?? 'request') === 'leaver';

/** The audit entry of a taken task and, unless it is a leaver's (whose card is refreshed instead), its task card. */
function takeRecords(deps: Deps, actor: Actor, taken: StoredOf<'AccessRequests'>, view: RequestView, admin: Awaited<ReturnType<typeof adminUnit>>) {
  const op = `access:${taken.id}:taken`;
  const entry = auditRecord(deps, op, { actorId: actor.id, action: 'access.task.taken', target: `AccessRequests/${taken.id}`, summary: `Uppgiften togs av administrativa enheten`, details: {}, correlationId: `AccessRequests/${taken.id}` });
  if (leaverTask(taken)) return { records: [entry], leaver: true };
  return { records: [entry, ...cardRecord(deps, op, admin, ACCESS_CARDS.task, { request: view }, correlation.task(taken.id))], leaver: false };
}

/**
 * Carries out a task: the register first (idempotent), then the request is marked done with If-Match.
 * A task that was not taken is taken by whoever completes it.
 */
export async function completeAccessTask(deps: Deps, actor: Actor, requestId: string, options: { quiet?: boolean } = {}): Promise<TaskResult> {
  let current = await loadTask(deps, actor, requestId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (current.data.status !== 'approved' && current.data.status !== 'in_progress') {
      const view = await requestView(deps, current);
      // Completed by this person before: a retry after a crash between the write and its effects
      // completes them (the register write is found, not repeated).
      if (current.data.status === 'done' && current.data.completedBy && same(current.data.completedBy, actor.id)) {
        const change = await applyToRegister(deps, actor, current, current.data.completedAt ?? deps.clock.now().toISOString());
        const { completed } = await completionEffects(deps, actor, current, view, change, options.quiet ?? false);
        return { outcome: completed ? 'changed' : 'already', stored: current, view };
      }
      return { outcome: 'already', stored: current, view };
    }
    const now = deps.clock.now().toISOString();
    const change = await applyToRegister(deps, actor, current, now);
    const patch = {
      status: 'done' as const,
      takenBy: current.data.takenBy ?? actor.id,
      takenAt: current.data.takenAt ?? now,
      completedBy: actor.id,
      completedAt: now,
      ...(change.grantId && !current.data.grantId ? { grantId: change.grantId } : {}),
    };
    // The task as it will be once done, for its cards and audit entries: those go in the same
    // `$batch` as the If-Match update, after it and only if it goes through (a person who completes
    // it a moment later gets "already done" and writes nothing). The grant just written is the one
    // the view shows: not read again. Register write, then update + follow-ups: two round trips.
    const next: StoredOf<'AccessRequests'> = { ...current, data: { ...current.data, ...patch } };
    const view = await requestView(deps, next, change.grant !== undefined && (change.grant?.id ?? null) === (next.data.grantId ?? null) ? { grant: change.grant } : {});
    const quiet = options.quiet ?? false;
    try {
      const { record: done } = await deps.store.updateThenCreateAll('AccessRequests', current, patch, await completionRecords(deps, actor, next, view, change, quiet));
      if (!quiet && (done.data.origin ?? 'request') === 'leaver') await updateTaskCards(deps, actor, `access:${done.id}:done`, done, view);
      return { outcome: 'changed', stored: done, view };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('AccessRequests', requestId)) ?? current;
    }
  }
  return { outcome: 'already', stored: current, view: await requestView(deps, current) };
}

export interface RegisterChange {
  change: 'granted' | 'changed' | 'removed' | 'none';
  grantId: string | null;
  /** The grant as written or found (the task's view shows it without reading it again); undefined: not known. */
  grant?: StoredOf<'AccessGrants'> | null;
}

const REMOVAL_REASON: Record<NonNullable<AccessRequest['origin']>, NonNullable<AccessGrant['removalReason']>> = {
  request: 'request',
  expiry: 'expiry',
  recertification: 'recertification',
  leaver: 'leaver',
};

/** Writes the grants register for a task. Safe to repeat: a repeat finds its own earlier write. */
async function applyToRegister(deps: Deps, actor: Actor, task: StoredOf<'AccessRequests'>, now: string): Promise<RegisterChange> {
  const r = task.data;
  if (r.kind === 'new') {
    const { record } = await deps.store.createOrGet('AccessGrants', `access:grant:${task.id}`, {
      subjectId: r.subjectId,
      assetId: r.assetId,
      role: r.role,
      status: 'active',
      grantedAt: now,
      validUntil: r.validUntil,
      requestId: task.id,
      removedAt: null,
      removedBy: null,
      removalReason: null,
      lastReview: null,
    });
    return { change: 'granted', grantId: record.id, grant: record };
  }
  if (!r.grantId) return { change: 'none', grantId: null };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const grant = await deps.store.get('AccessGrants', r.grantId);
    // Ended by this task already (a retry after a crash): that was this task's change.
    if (!grant || grant.data.status !== 'active') return { change: grant && grant.data.requestId === task.id && r.kind === 'termination' ? 'removed' : 'none', grantId: r.grantId, grant };
    const origin = r.origin ?? 'request';
    const patch: Partial<AccessGrant> =
      r.kind === 'change'
        ? { role: r.role, validUntil: r.validUntil, requestId: task.id }
        : { status: origin === 'expiry' ? 'expired' : 'removed', removedAt: now, removedBy: actor.id, removalReason: REMOVAL_REASON[origin], requestId: task.id };
    if (r.kind === 'change' && grant.data.role === r.role && grant.data.validUntil === r.validUntil && grant.data.requestId === task.id) return { change: 'changed', grantId: grant.id, grant };
    try {
      const written = await deps.store.update('AccessGrants', grant, patch);
      return { change: r.kind === 'change' ? 'changed' : 'removed', grantId: grant.id, grant: written };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return { change: 'none', grantId: r.grantId };
}

/** `quiet`: the caller updates the cards itself (a leaver's "all done" updates their card once). */
async function completionEffects(deps: Deps, actor: Actor, done: StoredOf<'AccessRequests'>, view: RequestView, change: RegisterChange, quiet: boolean): Promise<{ completed: boolean }> {
  const result = await finish(deps, await completionRecords(deps, actor, done, view, change, quiet));
  if (!quiet && (done.data.origin ?? 'request') === 'leaver') await updateTaskCards(deps, actor, `access:${done.id}:done`, done, view);
  return result;
}

/** The audit entries, the task card and the messages to the people concerned: one $batch. */
async function completionRecords(deps: Deps, actor: Actor, done: StoredOf<'AccessRequests'>, view: RequestView, change: RegisterChange, quiet: boolean): Promise<AnyNewRecord[]> {
  const r = done.data;
  const op = `access:${done.id}:done`;
  const origin = r.origin ?? 'request';
  const told = new Map<string, 'requester' | 'subject'>();
  if (origin === 'request') told.set(r.requesterId.toLowerCase(), same(r.requesterId, r.subjectId) ? 'subject' : 'requester');
  // The person whose access changed is told too — except a leaver, whose account is ending.
  if (origin !== 'leaver' && !told.has(r.subjectId.toLowerCase())) told.set(r.subjectId.toLowerCase(), 'subject');
  const ids = new Map([r.requesterId, r.subjectId].map((id) => [id.toLowerCase(), id]));
  // The audit entries, the task card and the messages to the people concerned: one $batch.
  const items: Outgoing[] = [...told].map(([id, audience]) => ({
    to: [person(ids.get(id)!)],
    card: ACCESS_CARDS.notice,
    payload: { event: 'done', audience, request: view } satisfies NoticePayload,
    correlationKey: correlation.notice(done.id, `done:${audience}`),
  }));
  if (!quiet && origin !== 'leaver') items.unshift({ to: await adminUnit(deps), card: ACCESS_CARDS.task, payload: { request: view }, correlationKey: correlation.task(done.id) });
  return [
    auditRecord(deps, op, {
      actorId: actor.id,
      action: 'access.task.completed',
      target: `AccessRequests/${done.id}`,
      summary: `Utfört: ${r.kind} ${r.role} för ${view.subject.name ?? r.subjectId} i ${view.asset?.code ?? r.assetId}`,
      details: { change: change.change, grantId: change.grantId, origin },
      correlationId: `AccessRequests/${done.id}`,
    }),
    ...(change.grantId && change.change !== 'none'
      ? [
          auditRecord(deps, `${op}:grant`, {
            actorId: actor.id,
            action: `access.grant.${change.change}`,
            target: `AccessGrants/${change.grantId}`,
            summary: `Behörighetsregistret: ${r.role} för ${view.subject.name ?? r.subjectId} i ${view.asset?.code ?? r.assetId} (${change.change})`,
            details: { requestId: done.id, subjectId: r.subjectId, assetId: r.assetId, role: r.role, validUntil: r.validUntil },
            correlationId: `AccessRequests/${done.id}`,
          }),
        ]
      : []),
    ...cardRecords(deps, op, items),
  ];
}

async function updateTaskCards(deps: Deps, actor: Actor, op: string, task: StoredOf<'AccessRequests'>, view: RequestView): Promise<void> {
  // A leaver's grants are listed together on the leaver's card, which is updated instead.
  if ((task.data.origin ?? 'request') === 'leaver') {
    await refreshLeaverCard(deps, op, task.data.subjectId, actor.id);
    return;
  }
  await sendCard(deps, op, await adminUnit(deps), ACCESS_CARDS.task, { request: view }, correlation.task(task.id));
}

// ── tasks the system starts ────────────────────────────────────────────────

export interface NewTask {
  key: string;
  grant: StoredOf<'AccessGrants'>;
  origin: 'expiry' | 'recertification' | 'leaver';
  /** The person whose decision started it, or null (a date decided). */
  decidedBy: string | null;
  /** Their capacity (a recertification: the reviewer's), when a person decided. */
  decidedAs?: DeciderCapacity | null;
  requesterId: string;
  ownerId: string;
  delegateId: string | null;
  validUntil: string | null;
}

/** Creates termination tasks (idempotent by key) and returns them stored, in input order. */
export async function createTerminationTasks(deps: Deps, tasks: NewTask[]): Promise<StoredOf<'AccessRequests'>[]> {
  if (!tasks.length) return [];
  const now = deps.clock.now().toISOString();
  return deps.store.createMany(
    'AccessRequests',
    tasks.map((t) => ({
      key: t.key,
      data: {
        kind: 'termination',
        subjectId: t.grant.data.subjectId,
        requesterId: t.requesterId,
        assetId: t.grant.data.assetId,
        role: t.grant.data.role,
        justification: null,
        validUntil: t.validUntil,
        grantId: t.grant.id,
        ownerId: t.ownerId,
        delegateId: t.delegateId,
        status: 'approved',
        decidedBy: t.decidedBy,
        decidedAt: now,
        decidedAs: t.decidedAs ?? null,
        decisionComment: null,
        takenBy: null,
        takenAt: null,
        completedBy: null,
        completedAt: null,
        requestedAt: now,
        origin: t.origin,
      } satisfies AccessRequest,
    })),
  );
}

/**
 * Which of `grantIds` already have a termination on its way (by default: a request waiting, or a task
 * not yet done). One look-up per grant on the derived key `openTermination` (at most one or two per
 * grant), twenty to a `$batch`.
 */
export async function grantsWithOpenTermination(deps: Pick<Deps, 'store'>, grantIds: readonly string[], statuses: readonly AccessRequest['status'][] = OPEN_STATUSES): Promise<Set<string>> {
  const ids = [...new Set(grantIds)];
  const found = await readEach(deps.store, 'AccessRequests', ids.map((id) => [{ field: 'openTermination' as const, op: 'eq' as const, value: id }]), 50);
  const out = new Set<string>();
  found.forEach((rows, i) => {
    if (rows.some((r) => statuses.includes(r.data.status))) out.add(ids[i]!);
  });
  return out;
}

/** Posts each new task to the administrative unit and audits its creation. */
export async function announceTasks(deps: Deps, tasks: StoredOf<'AccessRequests'>[], actorId: string, summary: (t: StoredOf<'AccessRequests'>) => string): Promise<void> {
  if (!tasks.length) return;
  const [admin, people, assets] = await Promise.all([
    adminUnit(deps),
    peopleById(deps, tasks.flatMap((t) => [t.data.subjectId, t.data.requesterId, t.data.ownerId, t.data.delegateId, t.data.decidedBy])),
    deps.store.getMany('InformationAssets', [...new Set(tasks.map((t) => t.data.assetId))]),
  ]);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  await forEachLimited(tasks, 8, async (task) => {
    const op = `access:${task.id}:created`;
    await audit(deps, op, { actorId, action: 'access.task.created', target: `AccessRequests/${task.id}`, summary: summary(task), details: { origin: task.data.origin ?? 'request', grantId: task.data.grantId }, correlationId: `AccessRequests/${task.id}` });
    if ((task.data.origin ?? 'request') === 'leaver') return; // the leaver's card lists them
    const view = await requestView(deps, task, { asset: assetById.get(task.data.assetId) ?? null, people });
    await sendCard(deps, op, admin, ACCESS_CARDS.task, { request: view }, correlation.task(task.id));
  });
}

/** Runs `work` over `items` with at most `limit` at a time (Graph likes a few parallel requests, not hundreds). */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!, i);
    }),
  );
}

// ── expiry ─────────────────────────────────────────────────────────────────

/**
 * Scheduler job: grants whose valid-until date has passed (a Stockholm calendar date: access is valid
 * through that day) become termination tasks for the administrative unit. The grant stays active in
 * the register until the unit has removed it, then it is `expired`.
 *
 * A window, not a scan: the active grants whose date passed since the last run (the derived key
 * `activeUntil`, the valid-until date of an active grant), the end of the window kept in JobState.
 * The first run takes every active grant past its date: bounded by what the unit has yet to remove.
 */
export async function createExpiryTasks(deps: Deps, now: Date): Promise<number> {
  const date = today(now);
  const state = await readJobState(deps, EXPIRY_JOB);
  const since = state?.data.value && /^\d{4}-\d{2}-\d{2}$/.test(state.data.value) ? state.data.value : null;
  if (since && since >= date) return 0;
  const expired = await readSmall(deps.store, 'AccessGrants', {
    where: [...(since ? [{ field: 'activeUntil' as const, op: 'ge' as const, value: since }] : []), { field: 'activeUntil', op: 'lt', value: date }],
  }, 4_995);
  const count = await expire(deps, expired.filter((g) => g.data.status === 'active' && g.data.validUntil !== null && g.data.validUntil < date));
  await saveJobState(deps, EXPIRY_JOB, date, state);
  return count;
}

const EXPIRY_JOB = 'access.expiry';

async function expire(deps: Deps, expired: StoredOf<'AccessGrants'>[]): Promise<number> {
  if (!expired.length) return 0;
  const open = await grantsWithOpenTermination(deps, expired.map((g) => g.id));
  const due = expired.filter((g) => !open.has(g.id));
  if (!due.length) return 0;
  const assets = new Map((await deps.store.getMany('InformationAssets', [...new Set(due.map((g) => g.data.assetId))])).map((a) => [a.id, a]));
  const tasks = await createTerminationTasks(
    deps,
    due.map((g) => {
      const asset = assets.get(g.data.assetId);
      return {
        key: `access:expiry:${g.id}:${g.data.validUntil}`,
        grant: g,
        origin: 'expiry' as const,
        decidedBy: null,
        requesterId: g.data.subjectId,
        ownerId: asset?.data.ownerId ?? g.data.subjectId,
        delegateId: asset?.data.delegateId ?? null,
        validUntil: g.data.validUntil,
      };
    }),
  );
  await announceTasks(deps, tasks, SYSTEM_ACTOR, (t) => `Giltighetstiden gick ut ${t.data.validUntil}: ${t.data.role} ska tas bort`);
  return tasks.length;
}
