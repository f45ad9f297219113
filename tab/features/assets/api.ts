/** The information-asset endpoints of `/api/v1`. */
import type { ApiClient } from '../../api/client';
import type { AssetInput, AssetListQuery, AssetPage, AssetView } from '../../../core/api';

export const assetsApi = (api: ApiClient) => ({
  list: (params: AssetListQuery) => api.get<AssetPage>('/assets', { ...params }),
  get: (id: string) => api.get<AssetView>(`/assets/${encodeURIComponent(id)}`),
  create: (input: AssetInput, idempotencyKey: string) => api.post<AssetView>('/assets', input, { idempotencyKey }),
  update: (id: string, etag: string, input: Partial<AssetInput>) => api.patch<AssetView>(`/assets/${encodeURIComponent(id)}`, input, { etag }),
});
