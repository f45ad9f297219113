/** The data protection endpoints of `/api/v1`. */
import type { ApiClient } from '../../api/client';
import type { ProcessingPage, ProcessingSortField, ProcessingView } from '../../../core/api';

export const gdprApi = (api: ApiClient) => ({
  list: (params: { search?: string; unit?: string; sort?: ProcessingSortField; direction?: 'asc' | 'desc'; pageSize?: number; cursor?: string }) => api.get<ProcessingPage>('/processing', { ...params }),
  get: (id: string) => api.get<ProcessingView>(`/processing/${encodeURIComponent(id)}`),
});
