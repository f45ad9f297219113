/** The supplier endpoints of `/api/v1`. */
import type { ApiClient } from '../../api/client';
import type { ChecklistPoint, SupplierTree, SupplierView } from '../../../core/api';

export const suppliersApi = (api: ApiClient) => ({
  tree: (search?: string) => api.get<SupplierTree>('/suppliers', { search }),
  get: (id: string) => api.get<SupplierView>(`/suppliers/${encodeURIComponent(id)}`),
  saveChecklist: (id: string, etag: string, items: ChecklistPoint[]) => api.patch<SupplierView>(`/suppliers/${encodeURIComponent(id)}/checklist`, { items }, { etag }),
});
