/**
 * Training follow-up: courses and completions, monthly reminders, the CSV import, and completion per
 * unit and person for the tab.
 */
export * from './training';
export * from './csv';
export * from './csv-dates';
export * from './csv-encoding';
export * from './import';
export * from './register';
