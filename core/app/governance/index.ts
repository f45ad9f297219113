/** Governing documents (styrdokument): the register, review reminders, and recording a review. */
export * from './documents';
export * from './register';
