/** The routes every register shares (docs/api.md "What every register shares"), for one register's path. */
import type { ApiClient, Query } from '../../api/client';
import type { ArchiveInput, HistoryPage, Removed } from '../../../core/api';

export const registerApi = <Row, View>(api: ApiClient, path: string) => {
  const one = (id: string) => `/${path}/${encodeURIComponent(id)}`;
  return {
    list: (query: Query) => api.get<{ items: Row[]; cursor: string | null }>(`/${path}`, query),
    get: (id: string) => api.get<View>(one(id)),
    history: (id: string, cursor: string) => api.get<HistoryPage>(`${one(id)}/history`, { cursor }),
    create: (body: unknown, idempotencyKey: string) => api.post<View>(`/${path}`, body, { idempotencyKey }),
    update: (id: string, etag: string, body: unknown) => api.patch<View>(one(id), body, { etag }),
    /** An action on the record read at `etag` (`archive`, `review`, `screening`). */
    act: (id: string, action: string, etag: string, body: unknown, idempotencyKey: string) => api.post<View>(`${one(id)}/${action}`, body, { idempotencyKey, etag }),
    archive: (id: string, etag: string, body: ArchiveInput, idempotencyKey: string) => api.post<View>(`${one(id)}/archive`, body, { idempotencyKey, etag }),
    remove: (id: string, etag: string) => api.remove<Removed>(one(id), { etag }),
    exportXlsx: (query: Query) => api.download(`/${path}/export.xlsx`, query),
  };
};
export type RegisterApi = ReturnType<typeof registerApi>;

/** Saves a file the API made (the Excel export) under the name the server gives it. */
export function saveFile(file: { blob: Blob; fileName: string | null }, fallback: string): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName ?? fallback;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
