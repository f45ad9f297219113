/** The home's calls to `/api/v1` (shapes in core/api/home.ts). */
import type { AccessDecisionInput, AccessDecisionResult, AccessRequestDetail, AccessRequestInput, HomeView, RequestFormOptions, RequestFormQuery } from '../../../core/api';
import { newIdempotencyKey, type ApiClient } from '../../api/client';

export function homeApi(api: ApiClient) {
  return {
    home: () => api.get<HomeView>('/home'),
    requestForm: (query: RequestFormQuery) => api.get<RequestFormOptions>('/access/request-form', { ...query }),
    /** `formId` names the filled-in form: a double click or a retry sends the same one and makes one request. */
    submitRequest: (body: AccessRequestInput, formId: string) => api.post<AccessRequestDetail>('/access/requests', body, { idempotencyKey: formId }),
    /** `etag`: the version of the request the person decided on. */
    decide: (id: string, etag: string, body: AccessDecisionInput) => api.post<AccessDecisionResult>(`/access/requests/${encodeURIComponent(id)}/decision`, body, { idempotencyKey: newIdempotencyKey(), etag }),
  };
}

export type HomeApi = ReturnType<typeof homeApi>;
