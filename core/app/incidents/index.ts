/**
 * Security incidents: reporting, the assessment and the legal clocks, the reports to MCF and IMY
 * with their drafts and the text that was sent, investigation and closing, reminders, "my cases",
 * the register and the incident's page with its timeline. The shapes the tab sees are core/api's.
 */
export { InvestigationInput } from './inputs';
export { incidentView } from './view';
export { reportKey } from './keys';
export { generateDraft, regimeOf, type DraftContext } from './draft-text';
export { draftDocument, getReportDraft, reportDocument, reportSlots, saveReportDraft, textBlocks, type DraftOptions } from './drafts';
export * from './report';
export * from './triage';
export * from './reports';
export * from './investigation';
export * from './reminders';
export * from './my-cases';
export * from './register';
export * from './page';
export { buildTimeline, incidentTimeline } from './timeline';
