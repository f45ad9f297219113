/**
 * What a background job remembers between runs — a Graph delta link, the end of the last window it
 * handled — in the `JobState` list, one item per job, written with If-Match. Two instances that run
 * the same job at once both read the same state; the second write fails with a conflict and that
 * run's work is simply done again next time (every job is idempotent by its records' keys).
 */
import { ConflictError } from '../../ports/errors';
import type { StoredOf } from '../../ports/record-store';
import type { Deps } from './context';

const key = (name: string) => `job:${name}`;

export async function readJobState(deps: Pick<Deps, 'store'>, name: string): Promise<StoredOf<'JobState'> | null> {
  return deps.store.findByKey('JobState', key(name));
}

/** Saves a job's state; false when another instance saved it first (this run's result is dropped). */
export async function saveJobState(deps: Pick<Deps, 'store' | 'clock'>, name: string, value: string, current: StoredOf<'JobState'> | null): Promise<boolean> {
  const data = { name, value, updatedAt: deps.clock.now().toISOString() };
  try {
    if (!current) {
      const { created, record } = await deps.store.createOrGet('JobState', key(name), data);
      if (created) return true;
      await deps.store.update('JobState', record, data);
      return true;
    }
    await deps.store.update('JobState', current, data);
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
