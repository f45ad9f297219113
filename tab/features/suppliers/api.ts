/** The supplier endpoints of `/api/v1`. */
import type { ApiClient } from '../../api/client';
import type { ChecklistPoint, SupplierDetail, SupplierTree, SupplierView } from '../../../core/api';

export const suppliersApi = (api: ApiClient) => ({
  tree: (search?: string, archived?: string) => api.get<SupplierTree>('/suppliers', { search, archived }),
  get: (id: string) => api.get<SupplierDetail | SupplierView>(`/suppliers/${encodeURIComponent(id)}`),
  saveChecklist: (id: string, etag: string, items: ChecklistPoint[]) => api.patch<SupplierView>(`/suppliers/${encodeURIComponent(id)}/checklist`, { items }, { etag }),
});
