/**
 * Security incidents: reporting, triage and the legal clocks, investigation and closing, reminders,
 * "my cases", and the register the tab shows.
 */
export { InvestigationInput } from './inputs';
export { incidentView } from './view';
export * from './report';
export * from './triage';
export * from './investigation';
export * from './reminders';
export * from './my-cases';
export * from './register';
