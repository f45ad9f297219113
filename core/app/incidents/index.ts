/**
 * Security incidents: reporting, triage and the legal clocks, investigation and closing, reminders,
 * "my cases", and the register the tab shows.
 */
export * from './incidents';
export * from './register';
