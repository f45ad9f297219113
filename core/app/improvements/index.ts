/** Improvement actions (åtgärder): created by ISAM, their status updated by their owners. */
export * from './improvements';
