/**
 * One timeline of everything that happened to an incident, in words: when it occurred, was
 * discovered and the organisation became aware; the report; every assessment and its reasons; each
 * report sent (at the time it went), decided not needed, corrected; the authority's requests; the
 * deadlines that passed unmet; the investigation, closing and reopening; drafts saved. Built from
 * the audit log (the indexed `target` column: one incident's entries) and, for what older records
 * hold without audit entries, from the record itself.
 */
import type { TimelineEntry } from '../../api';
import { formatStockholm, isLegalKind, isOpen, type AuditEntry, type Incident, type LegalClock } from '../../domain';
import { isMessageKey, t, type Locale } from '../../i18n';
import type { StoredOf } from '../../ports/record-store';
import type { Deps } from '../platform';

/** The most audit entries one incident's timeline reads (one page of the indexed target). */
const MAX_ENTRIES = 500;

export async function incidentTimeline(deps: Deps, stored: StoredOf<'Incidents'>, locale: Locale): Promise<TimelineEntry[]> {
  const page = await deps.store.query('AuditLog', { where: [{ field: 'target', op: 'eq', value: `Incidents/${stored.id}` }], pageSize: MAX_ENTRIES });
  const entries = page.items.map((e) => e.data);
  const i = stored.data;
  const ids = new Set<string>([i.reporterId, ...entries.map((e) => e.actorId), ...i.assessments.map((a) => a.by), ...i.clocks.map((c) => c.completedBy ?? '')]);
  if (i.closedBy) ids.add(i.closedBy);
  if (i.investigation) ids.add(i.investigation.recordedBy);
  ids.delete('');
  ids.delete('system');
  const people = ids.size ? await deps.directory.getPeople([...ids]) : [];
  const name = (id: string | null) => (id ? (people.find((p) => p.aadObjectId.toLowerCase() === id.toLowerCase())?.displayName ?? null) : null);
  return buildTimeline(i, entries, locale, deps.clock.now(), name);
}

const reportName = (l: Locale, key: string) => {
  const kind = key.split(':')[0]!;
  const k = `incident.clock.${kind}`;
  return isMessageKey(k) ? t(l, k) : key;
};

/** The timeline from the record and its audit entries (pure: for tests and the page). */
export function buildTimeline(i: Incident, audit: AuditEntry[], l: Locale, now: Date, name: (id: string | null) => string | null): TimelineEntry[] {
  const at = (iso: string) => formatStockholm(iso, l);
  const out: TimelineEntry[] = [];
  const actor = (id: string | null) => (id ? { id, name: name(id) } : null);
  const push = (when: string, event: string, text: string, by: string | null) => out.push({ at: when, event, text, actor: actor(by) });
  const has = (action: string) => audit.some((e) => e.action === action);
  const ref = (r: unknown) => (typeof r === 'string' && r ? t(l, 'incident.timeline.reference', { reference: r }) : '');
  const yn = (b: unknown) => t(l, b === true ? 'incident.yes' : b === false ? 'incident.no' : 'incident.unknown');
  const assessmentText = (d: Record<string, unknown>) => {
    const sev = `incident.severity.${String(d.severity)}`;
    const sig = `incident.significant.${String(d.significant)}`;
    const base = t(l, 'incident.timeline.assessment', {
      severity: isMessageKey(sev) ? t(l, sev).toLowerCase() : String(d.severity),
      significant: isMessageKey(sig) ? t(l, sig).toLowerCase() : String(d.significant),
      breach: yn(d.personalDataBreach).toLowerCase(),
    });
    return `${base}${typeof d.rationale === 'string' && d.rationale ? t(l, 'incident.timeline.rationale', { rationale: d.rationale }) : ''}`;
  };

  // What the record says happened before anyone acted.
  if (i.occurredAt) push(i.occurredAt, 'occurred', t(l, 'incident.timeline.occurred'), null);
  push(i.discoveredAt, 'discovered', t(l, 'incident.timeline.discovered'), null);
  push(i.awareAt, 'aware', t(l, 'incident.timeline.aware'), null);

  for (const e of audit) {
    const d = e.details as Record<string, unknown>;
    const key = typeof d.key === 'string' ? d.key : '';
    switch (e.action) {
      case 'incident.reported':
        push(e.at, e.action, t(l, 'incident.timeline.reported'), e.actorId);
        break;
      case 'incident.triaged':
        push(e.at, e.action, t(l, 'incident.timeline.triaged', { assessment: assessmentText(d) }), e.actorId);
        break;
      case 'incident.reassessed':
        push(e.at, e.action, t(l, 'incident.timeline.reassessed', { assessment: assessmentText(d), reason: String(d.reason ?? '') }), e.actorId);
        break;
      case 'incident.facts_updated':
        push(e.at, e.action, t(l, 'incident.timeline.facts_updated'), e.actorId);
        break;
      case 'incident.report_sent': {
        const sentAt = typeof d.sentAt === 'string' ? d.sentAt : e.at;
        const recorded = Math.abs(Date.parse(e.at) - Date.parse(sentAt)) > 15 * 60_000 ? t(l, 'incident.timeline.recordedLater', { at: at(e.at) }) : '';
        push(sentAt, e.action, sentText(l, key, d.late === true, ref(d.reference), String(d.lateReason ?? '')) + recorded, e.actorId);
        break;
      }
      case 'incident.report_corrected': {
        const after = (d.after ?? {}) as Record<string, unknown>;
        push(e.at, e.action, t(l, 'incident.timeline.report_corrected', { report: reportName(l, key), sentAt: typeof after.sentAt === 'string' ? at(after.sentAt) : '', reference: ref(after.reference), reason: String(d.reason ?? '') }), e.actorId);
        break;
      }
      case 'incident.report_not_required':
        push(e.at, e.action, t(l, 'incident.timeline.report_not_required', { report: reportName(l, key), rationale: String(d.rationale ?? '') }), e.actorId);
        break;
      case 'incident.intermediate_requested':
        push(typeof d.requestedAt === 'string' ? d.requestedAt : e.at, e.action, t(l, 'incident.timeline.intermediate_requested', { due: typeof d.dueAt === 'string' ? at(d.dueAt) : '', reference: ref(d.reference) }), e.actorId);
        break;
      case 'incident.awareness_corrected':
        push(e.at, e.action, t(l, 'incident.timeline.awareness_corrected', { from: typeof d.from === 'string' ? at(d.from) : t(l, 'incident.timeline.unknownFrom'), to: typeof d.to === 'string' ? at(d.to) : '', reason: String(d.reason ?? '') }), e.actorId);
        break;
      case 'incident.investigated':
        push(e.at, e.action, t(l, 'incident.timeline.investigated'), e.actorId);
        break;
      case 'incident.closed': {
        const open = Array.isArray(d.openObligations) ? (d.openObligations as string[]) : [];
        push(e.at, e.action, open.length ? t(l, 'incident.timeline.closedOpen', { list: open.map((k) => reportName(l, k)).join(', ') }) : t(l, 'incident.timeline.closed'), e.actorId);
        break;
      }
      case 'incident.reopened':
        push(e.at, e.action, t(l, 'incident.timeline.reopened', { reason: String(d.reason ?? '') }), e.actorId);
        break;
      case 'incident.draft_saved':
        push(e.at, e.action, t(l, 'incident.timeline.draft_saved', { report: reportName(l, key) }), e.actorId);
        break;
      default:
        push(e.at, e.action, e.summary, e.actorId);
    }
  }

  // Older records (and the demo data) hold facts without audit entries: the record tells them.
  if (!has('incident.reported')) push(i.reportedAt, 'incident.reported', t(l, 'incident.timeline.reported'), i.reporterId);
  if (!has('incident.triaged') && !has('incident.reassessed')) {
    i.assessments.forEach((a, n) =>
      push(
        a.at,
        n === 0 ? 'incident.triaged' : 'incident.reassessed',
        n === 0 ? t(l, 'incident.timeline.triaged', { assessment: assessmentText(a) }) : t(l, 'incident.timeline.reassessed', { assessment: assessmentText(a), reason: a.reason ?? '' }),
        a.by,
      ),
    );
  }
  const auditedSends = new Set(audit.filter((e) => e.action === 'incident.report_sent').map((e) => String((e.details as Record<string, unknown>).key ?? '')));
  for (const c of i.clocks) {
    if (!isLegalKind(c.kind)) continue;
    if (c.outcome === 'sent' && c.completedAt && !auditedSends.has(c.key)) push(c.completedAt, 'incident.report_sent', sentText(l, c.key, Date.parse(c.completedAt) > Date.parse(c.dueAt), ref(c.reference), c.lateReason ?? ''), c.completedBy);
    const unmet = isOpen(c) ? Date.parse(c.dueAt) < now.getTime() : c.outcome === 'sent' && c.completedAt !== null && Date.parse(c.completedAt) > Date.parse(c.dueAt);
    if (unmet) push(c.dueAt, 'deadline', t(l, c.basis === 'provisional' && isOpen(c) ? 'incident.timeline.deadlineProvisional' : 'incident.timeline.deadline', { report: reportName(l, c.key) }), null);
  }
  if (i.investigation && !has('incident.investigated')) push(i.investigation.recordedAt, 'incident.investigated', t(l, 'incident.timeline.investigated'), i.investigation.recordedBy);
  if (i.status === 'closed' && i.closedAt && !has('incident.closed')) push(i.closedAt, 'incident.closed', t(l, 'incident.timeline.closed'), i.closedBy);

  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order(a.event) - order(b.event));
}

/** Same-minute events in the order they happen. */
function order(event: string): number {
  return ['occurred', 'discovered', 'aware', 'incident.reported'].indexOf(event) + 1 || 10;
}

function sentText(l: Locale, key: string, late: boolean, reference: string, lateReason: string): string {
  const kind = key.split(':')[0];
  if (kind === 'data_subjects') return t(l, 'incident.timeline.informed', { reference });
  if (kind === 'breach_documentation') return t(l, 'incident.timeline.documented');
  const report = reportName(l, key);
  return late && lateReason ? t(l, 'incident.timeline.report_sent_late', { report, reference, lateReason }) : t(l, 'incident.timeline.report_sent', { report, reference });
}

/** The reports a timeline names, for the clocks table: label per key. */
export function clockLabel(l: Locale, c: Pick<LegalClock, 'key'>): string {
  return reportName(l, c.key);
}
