import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, retryAfterMs } from '../../../../core/adapters/sharepoint/middleware';
import { relativeGraphPath } from '../../../../core/adapters/sharepoint/client';

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, DEFAULT_RETRY, () => 1)).toBe(500);
    expect(backoffMs(3, DEFAULT_RETRY, () => 1)).toBe(4000);
    expect(backoffMs(20, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0)).toBe(0);
  });
});

describe('nextLink handling', () => {
  it('reduces absolute links to the path after the version', () => {
    expect(relativeGraphPath('http://127.0.0.1:4010/v1.0/sites/a/lists/b/items?$top=2&$skiptoken=Paged%3DTRUE')).toBe('/sites/a/lists/b/items?$top=2&$skiptoken=Paged%3DTRUE');
    expect(relativeGraphPath('https://graph.microsoft.com/v1.0/sites/x/lists')).toBe('/sites/x/lists');
  });
});
