/** The search's call to `/api/v1` (shapes in core/api/search.ts). */
import type { RecordRef, SearchQuery, SearchResult } from '../../../core/api';
import type { ApiClient } from '../../api/client';

export function searchApi(api: ApiClient) {
  const search = (query: SearchQuery) => api.get<SearchResult>('/search', { ...query });
  return {
    search,
    /** Systems (information assets) whose code or name holds the text anywhere, for pickers. */
    assets: async (text: string): Promise<RecordRef[]> => {
      const r = await search({ q: text, in: 'assets', limit: 20 });
      return (r.groups.find((g) => g.register === 'assets')?.hits ?? []).map((h) => ({ id: h.id, code: h.code ?? '', name: h.title }));
    },
  };
}
