/**
 * What every capability shares: the ports and settings a use case gets (Deps), refusals, the audit
 * log, the outbox and leases.
 */
export * from './context';
export * from './errors';
export * from './audit';
export * from './outbox';
export * from './lease';
