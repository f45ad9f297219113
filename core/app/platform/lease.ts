/**
 * Leases over the store's ETags: with several server instances, one acts per scheduler tick. A lease
 * is only an optimisation — every job is idempotent by its records' keys — so a lost race is harmless.
 */
import { ConflictError } from '../../ports/errors';
import type { Deps } from './context';

export async function tryAcquireLease(deps: Pick<Deps, 'store' | 'clock'>, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  const { record: lease, created } = await deps.store.createOrGet('Leases', `lease:${name}`, { name, holder, until });
  if (created) return true;
  if (Date.parse(lease.data.until) > now.getTime()) return false; // someone holds it, ourselves included
  try {
    await deps.store.update('Leases', lease, { holder, until });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/** Hands a lease back (a stopping instance whose job did not finish): expired now, if still ours. */
export async function releaseLease(deps: Pick<Deps, 'store' | 'clock'>, name: string, holder: string): Promise<void> {
  const lease = await deps.store.findByKey('Leases', `lease:${name}`);
  if (!lease || lease.data.holder !== holder) return;
  try {
    await deps.store.update('Leases', lease, { until: deps.clock.now().toISOString() });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
