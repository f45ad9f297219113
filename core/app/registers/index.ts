/**
 * What the registers of issue 14 share: people named on records, parsing a body with its schema, a
 * record's history from the audit log, archiving and removal under the retention rules, the list of
 * what has passed retention, the export table, and reminders of what falls due.
 */
export * from './people';
export * from './parse';
export * from './history';
export * from './lifecycle';
export * from './export';
export * from './reminders';
export * from './retention-due';
export * from './codes';
