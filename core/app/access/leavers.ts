/**
 * Leavers (avslutad anställning): a manager (for their own staff) or the administrative unit records
 * that someone leaves, with their last day. On that day every active grant of the person becomes a
 * termination task for the administrative unit, listed together on one card; open requests for the
 * person are cancelled. IMY: deactivate access immediately when employment ends. Accounts the
 * directory reports disabled are treated as leaving today.
 */
import { z } from 'zod';
import { AadObjectId, CalendarDate, canCarryOutAccess, canRecordLeaver, has, same, SYSTEM_ACTOR, type Leaver } from '../../domain';
import type { MessageKey } from '../../i18n';
import { issuesFromZod, type ValidationIssue } from '../../i18n/validation';
import { ConflictError, RecordValidationError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, auditRecord, finish, forbidden, readEach, readSmall, Refused, versionKey, type Deps } from '../platform';
import { addDays, today } from './dates';
import { decidersOf } from './deciders';
import { leaverView, refreshLeaverCard, tellRecorder } from './leaver-card';
import { ACCESS_CARDS, adminUnit, cardRecord, correlation, person, sendCard, type LeaverView, type NoticePayload } from './notify';
import { announceTasks, completeAccessTask, createTerminationTasks, forEachLimited } from './tasks';
import { requestView, type PersonRef } from './views';

/** How far back a last day may be recorded (it is then processed at once) and how far ahead. */
const MAX_DAYS_BACK = 30;
const MAX_DAYS_AHEAD = 366;

const issue = (field: string, messageKey: MessageKey, params: Record<string, string | number> = {}): ValidationIssue => ({ path: [field], code: 'rule', messageKey, params });

export interface LeaverForm {
  personId: string | null;
  lastDay: string | null;
}

const FormSchema = z.object({ personId: AadObjectId, lastDay: CalendarDate });

export interface LeaverFormOptions {
  /** A manager's own staff (static choices); the administrative unit searches the whole directory. */
  people: PersonRef[];
  anyone: boolean;
}

export async function leaverFormOptions(deps: Deps, actor: Actor): Promise<LeaverFormOptions> {
  const anyone = has(actor, 'admin_unit');
  if (!anyone && !has(actor, 'manager')) throw forbidden('access.leaver.notAllowed');
  const reports = has(actor, 'manager') ? await deps.directory.reportsOf(actor.id) : [];
  return {
    anyone,
    people: reports
      .filter((p) => p.accountEnabled)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'))
      .map((p) => ({ id: p.aadObjectId, name: p.displayName, unit: p.unit })),
  };
}

/** Records (or moves) a person's last day. Idempotent per person and date. */
export async function recordLeaver(deps: Deps, actor: Actor, form: LeaverForm): Promise<LeaverView> {
  const parsed = FormSchema.safeParse({ personId: form.personId ?? undefined, lastDay: form.lastDay ?? undefined });
  const issues: ValidationIssue[] = parsed.success ? [] : issuesFromZod(parsed.error);
  const who = parsed.success ? await deps.directory.getPerson(parsed.data.personId) : null;
  if (parsed.success && !who) issues.push(issue('personId', 'access.form.unknownPerson'));
  if (who && !canRecordLeaver(actor, who.managerAadObjectId)) throw forbidden('access.leaver.notYourStaff', { name: who.displayName });
  const date = today(deps.clock.now());
  if (parsed.success && (parsed.data.lastDay < addDays(date, -MAX_DAYS_BACK) || parsed.data.lastDay > addDays(date, MAX_DAYS_AHEAD))) {
    issues.push(issue('lastDay', 'access.leaver.lastDayRange', { from: addDays(date, -MAX_DAYS_BACK), to: addDays(date, MAX_DAYS_AHEAD) }));
  }
  if (issues.length) throw new RecordValidationError('Leavers', issues);
  const { personId, lastDay } = parsed.data!;

  const pending = await unprocessedLeaver(deps, personId);
  let stored: StoredOf<'Leavers'>;
  if (pending && pending.data.lastDay !== lastDay) {
    stored = await moveLastDay(deps, pending, lastDay);
    // Processed meanwhile (the day came): nothing was moved, nothing to record.
    if (stored.data.lastDay !== lastDay) return leaverView(deps, stored);
    // Keyed by the version moved from: moving back to an earlier date is a change of its own.
    const op = `access:leaver:${stored.id}:moved:${versionKey(pending.etag)}`;
    await audit(deps, op, {
      actorId: actor.id,
      action: 'access.leaver.changed',
      target: `Leavers/${stored.id}`,
      summary: `Sista dag ändrad till ${lastDay} för ${who!.displayName}`,
      details: { personId, lastDay, previous: pending.data.lastDay },
      correlationId: `Leavers/${stored.id}`,
    });
    await sendCard(deps, op, await adminUnit(deps), ACCESS_CARDS.leaver, { mode: 'registered', leaver: await leaverView(deps, stored) }, correlation.leaver(stored.id));
  } else {
    // Found with this last day (a double click, or a request that crashed after storing it): its
    // audit entry and card are written now if missing (both keyed) — never a quiet early return.
    stored =
      pending ??
      (
        await deps.store.createOrGet('Leavers', `access:leaver:${personId.toLowerCase()}:${lastDay}`, {
          personId,
          lastDay,
          recordedBy: actor.id,
          recordedAt: deps.clock.now().toISOString(),
          processedAt: null,
        })
      ).record;
    const op = `access:leaver:${stored.id}:recorded`;
    await audit(deps, op, {
      actorId: stored.data.recordedBy,
      action: 'access.leaver.recorded',
      target: `Leavers/${stored.id}`,
      summary: `${who!.displayName} slutar, sista dag ${lastDay}`,
      details: { personId, lastDay },
      correlationId: `Leavers/${stored.id}`,
    });
    await sendCard(deps, op, await adminUnit(deps), ACCESS_CARDS.leaver, { mode: 'registered', leaver: await leaverView(deps, stored) }, correlation.leaver(stored.id));
  }
  // A last day that has come already (today, or recorded late) is carried out now.
  if (!stored.data.processedAt && stored.data.lastDay <= date) stored = await processLeaver(deps, stored);
  return leaverView(deps, stored);
}

async function unprocessedLeaver(deps: Pick<Deps, 'store'>, personId: string): Promise<StoredOf<'Leavers'> | null> {
  const page = await deps.store.query('Leavers', { where: [{ field: 'personId', op: 'eq', value: personId }], pageSize: 50 });
  return page.items.find((l) => !l.data.processedAt) ?? null;
}

async function moveLastDay(deps: Deps, leaver: StoredOf<'Leavers'>, lastDay: string): Promise<StoredOf<'Leavers'>> {
  let current = leaver;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (current.data.processedAt) return current;
    try {
      return await deps.store.update('Leavers', current, { lastDay });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('Leavers', leaver.id)) ?? current;
    }
  }
  return current;
}

// ── the day comes ──────────────────────────────────────────────────────────

/** Scheduler job: every leaver whose last day has come (within the last month) and is not processed. */
export async function processDueLeavers(deps: Deps, now: Date): Promise<number> {
  const date = today(now);
  let processed = 0;
  for (const l of await readSmall(deps.store, 'Leavers', { where: [{ field: 'lastDay', op: 'le', value: date }, { field: 'lastDay', op: 'ge', value: addDays(date, -MAX_DAYS_BACK) }] })) {
    if (l.data.processedAt) continue;
    await processLeaver(deps, l);
    processed++;
  }
  return processed;
}

/**
 * Every active grant becomes a termination task (one key per leaver and grant: a repeat creates
 * nothing); requests for the person that are waiting are cancelled; the administrative unit gets
 * one card listing all the tasks.
 */
export async function processLeaver(deps: Deps, leaver: StoredOf<'Leavers'>): Promise<StoredOf<'Leavers'>> {
  const l = leaver.data;
  const system = l.recordedBy === SYSTEM_ACTOR;
  const grants: StoredOf<'AccessGrants'>[] = [];
  const requests: StoredOf<'AccessRequests'>[] = [];
  await Promise.all([
    (async () => {
      for (const g of await readSmall(deps.store, 'AccessGrants', { where: [{ field: 'subjectId', op: 'eq', value: l.personId }] })) if (g.data.status === 'active') grants.push(g);
    })(),
    (async () => {
      for (const r of await readSmall(deps.store, 'AccessRequests', { where: [{ field: 'subjectId', op: 'eq', value: l.personId }] })) requests.push(r);
    })(),
  ]);
  const assets = new Map((await deps.store.getMany('InformationAssets', [...new Set(grants.map((g) => g.data.assetId))])).map((a) => [a.id, a]));
  // Every active grant gets a task on the leaver's card — also one that already had a termination
  // waiting (an expiry, a review's removal, a request): that one is cancelled below as superseded.
  const tasks = await createTerminationTasks(
    deps,
    grants.map((g) => ({
      key: `access:leaver:${leaver.id}:${g.id}`,
      grant: g,
      origin: 'leaver' as const,
      decidedBy: system ? null : l.recordedBy,
      requesterId: system ? l.personId : l.recordedBy,
      ownerId: assets.get(g.data.assetId)?.data.ownerId ?? l.personId,
      delegateId: assets.get(g.data.assetId)?.data.delegateId ?? null,
      validUntil: l.lastDay,
    })),
  );
  const own = new Set(tasks.map((t) => t.id));
  const others = requests.filter((r) => !own.has(r.id) && (r.data.origin ?? 'request') !== 'leaver');
  await cancelOpenRequests(deps, others.filter((r) => r.data.status === 'pending' || r.data.status === 'approved'), leaver);
  // Requests cancelled by an earlier run of this processing that crashed before their audit entry
  // and cards (only a leaver's processing cancels requests): those are completed now.
  await finishCancelled(deps, others.filter((r) => r.data.status === 'cancelled'), leaver);

  // Every step above and below is keyed; the leaver is marked processed last, so a crash anywhere
  // before leaves it due and the next run (the scheduler's, or the same request again) completes it.
  // The cards already show it processed, at the time that is then stored (the first run's stands).
  const processedAt = leaver.data.processedAt ?? deps.clock.now().toISOString();
  const done: StoredOf<'Leavers'> = { ...leaver, data: { ...l, processedAt } };
  const op = `access:leaver:${leaver.id}:processed`;
  await audit(deps, op, {
    actorId: SYSTEM_ACTOR,
    action: 'access.leaver.processed',
    target: `Leavers/${leaver.id}`,
    summary: `Sista dag ${l.lastDay}: ${tasks.length} behörigheter blev avslutsuppgifter`,
    details: { personId: l.personId, tasks: tasks.map((t) => t.id), recordedBy: l.recordedBy },
    correlationId: `Leavers/${leaver.id}`,
  });
  await announceTasks(deps, tasks, system ? SYSTEM_ACTOR : l.recordedBy, (t) => `Anställningen upphör ${l.lastDay}: ${t.data.role} ska tas bort`);
  const view = await leaverView(deps, done);
  const admin = await adminUnit(deps);
  // The card posted when the leaver was recorded now says what happened (leavers recorded before
  // this app, or detected by the directory, had no such card: only the task card is posted).
  if (await deps.store.findByKey('AuditLog', `audit:access:leaver:${leaver.id}:recorded`)) {
    await sendCard(deps, op, admin, ACCESS_CARDS.leaver, { mode: 'registered', leaver: view }, correlation.leaver(leaver.id));
  }
  await sendCard(deps, op, admin, ACCESS_CARDS.leaver, { mode: 'tasks', leaver: view }, correlation.leaverTasks(leaver.id));
  if (view.tasks.length && view.tasks.every((t) => t.status === 'done' || t.status === 'cancelled')) await tellRecorder(deps, done, view, SYSTEM_ACTOR);

  let current = leaver;
  for (let attempt = 0; attempt < 3 && !current.data.processedAt; attempt++) {
    try {
      current = await deps.store.update('Leavers', current, { processedAt });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await deps.store.get('Leavers', leaver.id)) ?? current;
    }
  }
  return current;
}

async function cancelOpenRequests(deps: Deps, requests: StoredOf<'AccessRequests'>[], leaver: StoredOf<'Leavers'>): Promise<void> {
  await forEachLimited(requests, 4, async (r) => {
    let cancelled: StoredOf<'AccessRequests'>;
    try {
      cancelled = await deps.store.update('AccessRequests', r, { status: 'cancelled' });
    } catch (error) {
      if (error instanceof ConflictError) return; // decided a moment ago: the owner's decision stands
      throw error;
    }
    await cancelledFollowUps(deps, r.data.status, cancelled, leaver);
  });
}

/**
 * Requests found cancelled without their audit entry: only a leaver's processing cancels requests,
 * and one that crashed after the update left the entry and the cards unwritten. They are one
 * `$batch` (≤ 20 records, which the server carries out whole once it has it), so a missing entry
 * means missing cards: both are written now.
 */
async function finishCancelled(deps: Deps, cancelled: StoredOf<'AccessRequests'>[], leaver: StoredOf<'Leavers'>): Promise<void> {
  if (!cancelled.length) return;
  const audited = new Set((await deps.store.findByKeys('AuditLog', cancelled.map((r) => `audit:access:${r.id}:cancelled`))).map((e) => e.key));
  // What it was before it was cancelled decides who was told: a decided request was a task.
  await forEachLimited(cancelled.filter((r) => !audited.has(`audit:access:${r.id}:cancelled`)), 4, (r) => cancelledFollowUps(deps, r.data.decidedAt ? 'approved' : 'pending', r, leaver));
}

/** The audit entry and the cards of one cancelled request, in one `$batch`. */
async function cancelledFollowUps(deps: Deps, was: StoredOf<'AccessRequests'>['data']['status'], cancelled: StoredOf<'AccessRequests'>, leaver: StoredOf<'Leavers'>): Promise<void> {
  const r = cancelled;
  const op = `access:${r.id}:cancelled`;
  const view = await requestView(deps, cancelled);
  const to = was === 'pending' ? (await decidersOf(deps, { ownerId: r.data.ownerId, delegateId: r.data.delegateId }, r.data.subjectId)).map((d) => person(d.id)) : await adminUnit(deps);
  await finish(deps, [
    auditRecord(deps, op, { actorId: SYSTEM_ACTOR, action: 'access.cancelled', target: `AccessRequests/${r.id}`, summary: `Ärendet avbröts: personen slutar ${leaver.data.lastDay}`, details: { leaverId: leaver.id }, correlationId: `AccessRequests/${r.id}` }),
    ...(was === 'pending' ? cardRecord(deps, op, to, ACCESS_CARDS.decision, { request: view }, correlation.decider(r.id)) : cardRecord(deps, op, to, ACCESS_CARDS.task, { request: view }, correlation.task(r.id))),
    ...((r.data.origin ?? 'request') === 'request' && !same(r.data.requesterId, r.data.subjectId) ? cardRecord(deps, op, [person(r.data.requesterId)], ACCESS_CARDS.notice, { event: 'cancelled', request: view } satisfies NoticePayload, correlation.notice(r.id, 'cancelled')) : []),
  ]);
}

/** "All done" on the leaver's card: completes every open task of the leaver, then updates the card once. */
export async function completeAllLeaverTasks(deps: Deps, actor: Actor, leaverId: string): Promise<LeaverView> {
  if (!canCarryOutAccess(actor)) throw forbidden('access.task.onlyAdmin');
  const leaver = await deps.store.get('Leavers', leaverId);
  if (!leaver) throw new Refused('not_found', 'access.notFound');
  const before = await leaverView(deps, leaver);
  const open = before.tasks.filter((t) => t.status === 'approved' || t.status === 'in_progress');
  await forEachLimited(open, 4, async (t) => {
    await completeAccessTask(deps, actor, t.requestId, { quiet: true });
  });
  if (open.length) await refreshLeaverCard(deps, `access:leaver:${leaverId}:all:${open.length}:${open.map((t) => t.requestId).sort()[0]}`, leaver.data.personId, actor.id);
  return leaverView(deps, leaver);
}

/** The leaver's view for the administrative unit's card (any member may look). */
export async function getLeaverView(deps: Deps, actor: Actor, leaverId: string): Promise<LeaverView> {
  if (!canCarryOutAccess(actor)) throw forbidden('access.task.onlyAdmin');
  const leaver = await deps.store.get('Leavers', leaverId);
  if (!leaver) throw new Refused('not_found', 'access.notFound');
  return leaverView(deps, leaver);
}

// ── accounts disabled in the directory ─────────────────────────────────────

/**
 * Scheduler job (daily): people whose account the directory reports disabled and who still hold
 * active grants are recorded as leaving today (by `system`) and processed at once. In Microsoft 365
 * the Directory port asks Entra ID for the disabled accounts; locally people.json can set it.
 *
 * Per disabled person, not per grant: their leaver records and their grants (`subjectId`: what one
 * person holds) are looked up twenty people to a `$batch`.
 */
export async function detectDisabledAccounts(deps: Deps, now: Date): Promise<number> {
  const disabledAccounts = await deps.directory.disabledPeople();
  if (!disabledAccounts.length) return 0;
  const date = today(now);
  const [leavers, grants] = await Promise.all([
    readEach(deps.store, 'Leavers', disabledAccounts.map((p) => [{ field: 'personId' as const, op: 'eq' as const, value: p.aadObjectId }]), 50),
    readEach(deps.store, 'AccessGrants', disabledAccounts.map((p) => [{ field: 'subjectId' as const, op: 'eq' as const, value: p.aadObjectId }]), 999),
  ]);
  let recorded = 0;
  for (const [i, p] of disabledAccounts.entries()) {
    if (!grants[i]!.some((g) => g.data.status === 'active')) continue;
    // Someone already recorded the person: their date stands (processing then removes the rest).
    if (leavers[i]!.some((l) => !l.data.processedAt || l.data.lastDay >= addDays(date, -MAX_DAYS_BACK))) continue;
    const data: Leaver = { personId: p.aadObjectId, lastDay: date, recordedBy: SYSTEM_ACTOR, recordedAt: now.toISOString(), processedAt: null };
    const { record, created } = await deps.store.createOrGet('Leavers', `access:leaver:${p.aadObjectId.toLowerCase()}:${date}`, data);
    if (created) {
      await audit(deps, `access:leaver:${record.id}:detected`, {
        actorId: SYSTEM_ACTOR,
        action: 'access.leaver.detected',
        target: `Leavers/${record.id}`,
        summary: `Kontot för ${p.displayName} är inaktiverat i katalogen: behandlas som avslutad anställning`,
        details: { personId: p.aadObjectId },
        correlationId: `Leavers/${record.id}`,
      });
      recorded++;
    }
    if (!record.data.processedAt) await processLeaver(deps, record);
  }
  return recorded;
}
