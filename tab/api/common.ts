/** Endpoints every view may use: the session, the people picker, the units. */
import type { ApiClient } from './client';
import type { PersonSummary, SessionView } from './types';

export const commonApi = (api: ApiClient) => ({
  me: () => api.get<SessionView>('/me'),
  searchPeople: async (query: string) => (await api.get<{ people: PersonSummary[] }>('/people', { query })).people,
  units: async () => (await api.get<{ units: string[] }>('/units')).units,
});
