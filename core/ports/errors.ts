/**
 * Errors a port may throw. Use cases catch these by class; adapters translate transport errors
 * (HTTP 412, 404, 429…) into them so that nothing above the adapter knows about HTTP.
 */
import type { ValidationIssue } from '../i18n/validation';

/** The record changed since it was read (HTTP 412 on If-Match). Re-read and decide again. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(readonly list: string, readonly id: string) {
    super(`${list}/${id} was changed by someone else`);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly list: string, readonly id: string) {
    super(`${list}/${id} does not exist`);
  }
}

/** Data did not satisfy the record schema; `issues` can be shown to the user in sv or en. */
export class RecordValidationError extends Error {
  override readonly name = 'RecordValidationError';
  constructor(readonly list: string, readonly issues: ValidationIssue[]) {
    super(`Invalid ${list} record: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.messageKey}`).join('; ')}`);
  }
}

/** The store could not be reached or kept throttling after retries. Safe to retry later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The store refused the request for a reason retrying will not fix (a bug or a misconfiguration). */
export class StoreRequestError extends Error {
  override readonly name = 'StoreRequestError';
  constructor(message: string, readonly status: number, readonly code?: string) {
    super(message);
  }
}
