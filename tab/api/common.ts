/** Endpoints every view may use: the session, the people picker, the units. */
import type { ApiClient } from './client';
import type { PeopleFound, SessionView, UnitList } from '../../core/api';

export const commonApi = (api: ApiClient) => ({
  me: () => api.get<SessionView>('/me'),
  searchPeople: async (query: string) => (await api.get<PeopleFound>('/people', { query })).people,
  units: async () => (await api.get<UnitList>('/units')).units,
});
