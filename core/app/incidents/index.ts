/**
 * Security incidents: reporting, the assessment and the legal clocks, the reports to MCF and IMY
 * with their drafts and the text that was sent, investigation and closing, reminders, "my cases",
 * the register and the incident's page with its timeline.
 */
export { InvestigationInput, ReportInput, TriageInput, type AwarenessInput, type CorrectionInput, type DraftInput, type FactsInput, type IntermediateRequestInput, type SentInput } from './inputs';
export { incidentView, type IncidentView } from './view';
export { reportKey } from './keys';
export { generateDraft, regimeOf, type DraftContext } from './draft-text';
export { draftDocument, getReportDraft, reportDocument, reportSlots, saveReportDraft, textBlocks, type DraftOptions, type ReportDraftView, type ReportSlot } from './drafts';
export * from './report';
export * from './triage';
export * from './reports';
export * from './investigation';
export * from './reminders';
export * from './my-cases';
export * from './register';
export * from './page';
export { buildTimeline, incidentTimeline } from './timeline';
