/**
 * What every capability shares: the ports and settings a use case gets (Deps), refusals, the audit
 * log, the outbox, leases, bounded reads (reads.ts: how every view and job queries a list) and the
 * background queue.
 */
export * from './context';
export * from './errors';
export * from './audit';
export * from './outbox';
export * from './lease';
export * from './reads';
export * from './background';
export * from './job-state';
export * from './read-cache';
