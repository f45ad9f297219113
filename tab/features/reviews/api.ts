/** The management review's calls of `/api/v1/reviews` (shapes in core/api/reviews.ts). */
import type { ReviewCreateInput, ReviewDecisionInput, ReviewList, ReviewPatchInput, ReviewView } from '../../../core/api';
import type { ApiClient } from '../../api/client';

export const reviewsApi = (api: ApiClient) => ({
  list: () => api.get<ReviewList>('/reviews'),
  get: (id: string) => api.get<ReviewView>(`/reviews/${encodeURIComponent(id)}`),
  create: (input: ReviewCreateInput, key: string) => api.post<ReviewView>('/reviews', input, { idempotencyKey: key }),
  update: (id: string, etag: string, input: ReviewPatchInput) => api.patch<ReviewView>(`/reviews/${encodeURIComponent(id)}`, input, { etag }),
  present: (id: string, etag: string, key: string) => api.post<ReviewView>(`/reviews/${encodeURIComponent(id)}/present`, {}, { idempotencyKey: key, etag }),
  reopen: (id: string, etag: string, key: string) => api.post<ReviewView>(`/reviews/${encodeURIComponent(id)}/reopen`, {}, { idempotencyKey: key, etag }),
  decide: (id: string, etag: string, input: ReviewDecisionInput, key: string) => api.post<ReviewView>(`/reviews/${encodeURIComponent(id)}/decision`, input, { idempotencyKey: key, etag }),
  document: (id: string, lang: string) => api.download(`/reviews/${encodeURIComponent(id)}/document.docx`, { lang }),
});

/** The roles that read reviews (core/domain/policy: canReadReviews); the menu and the list use it. */
export const REVIEW_READERS = ['isam', 'itsec', 'dso', 'director'] as const;
