/**
 * One incident's page for the tab: the incident (refused to those who may not see it), its
 * obligations with their state in words, the assessments with who, when and why, the reports and
 * their drafts, one timeline of everything that happened, and what the actor may do now.
 */
import type { AssessmentView, ClockState, ClockView, IncidentPageView, IncidentView } from '../../api';
import {
  canCorrectAwareness,
  canEditReportFacts,
  canHandleReport,
  canInvestigateIncident,
  canReopenIncident,
  canTriageIncident,
  isLate,
  isLegalKind,
  isOpen,
  missingLateReason,
  openLegalObligations,
  recordableKeys,
  type Assessment,
  type ClockKind,
  type LegalClock,
  type SignificanceHint,
} from '../../domain';
import type { Locale } from '../../i18n';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import type { Deps } from '../platform';
import { reportSlots } from './drafts';
import { reportKey } from './keys';
import { viewIncident } from './report';
import { incidentTimeline } from './timeline';
import { triageHints } from './triage';

export function clockState(c: LegalClock, nowIso: string): ClockState {
  if (c.completedAt === null) {
    if (c.basis === 'provisional') return c.kind === 'cs_final_report' ? 'waiting' : 'provisional';
    return isLate(c, nowIso) ? 'overdue' : 'running';
  }
  if (c.outcome === 'not_required') return c.stoppedBy === 'decision' ? 'decided' : 'not_required';
  return isLate(c, c.completedAt) ? 'sent_late' : 'sent';
}

/** An incident's obligations as the actor may act on them (the reports card in chat; part of the page). */
export interface IncidentObligations {
  stored: StoredOf<'Incidents'>;
  view: IncidentView;
  clocks: ClockView[];
  assessments: AssessmentView[];
  reportable: string[];
  openObligations: string[];
  permissions: IncidentPageView['permissions'];
}

export async function incidentObligations(deps: Deps, actor: Actor, id: string): Promise<IncidentObligations> {
  const { stored, view } = await viewIncident(deps, actor, id);
  const i = stored.data;
  const nowIso = deps.clock.now().toISOString();
  const ids = [...new Set([...i.clocks.map((c) => c.completedBy), ...i.assessments.map((a) => a.by)].filter((x): x is string => Boolean(x)))];
  const people = ids.length ? await deps.directory.getPeople(ids) : [];
  const name = (pid: string | null) => (pid ? (people.find((p) => p.aadObjectId.toLowerCase() === pid.toLowerCase())?.displayName ?? null) : null);
  const recordable = recordableKeys(i);
  const mayTriage = canTriageIncident(actor);
  const clocks: ClockView[] = [...i.clocks]
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((c) => {
      const legal = isLegalKind(c.kind);
      const mine = legal && canHandleReport(actor, c.kind);
      return {
        ...c,
        state: clockState(c, nowIso),
        overdue: c.completedAt === null && isLate(c, nowIso),
        completedByName: name(c.completedBy),
        legal,
        missingLateReason: missingLateReason(c),
        can: {
          record: mine && recordable.includes(c.key),
          waive: mine && isOpen(c),
          correct: mine && c.outcome === 'sent',
          draft: mine && c.outcome !== 'not_required',
        },
      };
    });
  const reportable = recordable.filter((k) => canHandleReport(actor, reportKey(k).kind as ClockKind));
  const closed = i.status === 'closed';
  return {
    stored,
    view,
    clocks,
    assessments: i.assessments.map((a) => ({ ...a, byName: name(a.by) })),
    openObligations: openLegalObligations(i.clocks).map((c) => c.key),
    permissions: {
      triage: mayTriage && !closed && i.assessments.length === 0,
      reassess: mayTriage && !closed && i.assessments.length > 0,
      markSent: reportable.length > 0,
      correctAwareness: canCorrectAwareness(actor),
      editFacts: canEditReportFacts(actor),
      requestIntermediate: canHandleReport(actor, 'cs_intermediate_report') && i.significant !== 'no',
      investigate: canInvestigateIncident(actor, i) && !closed && i.status !== 'reported',
      close: canInvestigateIncident(actor, i) && !closed && Boolean(i.investigation) && i.status !== 'reported',
      reopen: canReopenIncident(actor) && closed,
    },
    reportable,
  };
}

export async function getIncidentPage(deps: Deps, actor: Actor, id: string, locale: Locale = 'sv'): Promise<IncidentPageView> {
  const o = await incidentObligations(deps, actor, id);
  const [timeline, reports, hints] = await Promise.all([
    incidentTimeline(deps, o.stored, locale),
    reportSlots(deps, actor, o.stored),
    canTriageIncident(actor) ? triageHints(deps, o.stored) : Promise.resolve([]),
  ]);
  return { etag: o.stored.etag, incident: o.view, clocks: o.clocks, assessments: o.assessments, timeline, reports, openObligations: o.openObligations, permissions: o.permissions, reportable: o.reportable, hints };
}
