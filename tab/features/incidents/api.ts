/** The incident endpoints of `/api/v1`. */
import type { ApiClient } from '../../api/client';
import type { IncidentFormOptions, IncidentListQuery, IncidentPage, IncidentPageView, IncidentReportInput, IncidentTriageInput, ReportCreated } from '../../../core/api';
import type { ClockKind } from '../../../core/domain';

export const incidentsApi = (api: ApiClient) => ({
  list: (params: IncidentListQuery) => api.get<IncidentPage>('/incidents', { ...params }),
  get: (id: string) => api.get<IncidentPageView>(`/incidents/${encodeURIComponent(id)}`),
  formOptions: () => api.get<IncidentFormOptions>('/incidents/form-options'),
  report: (input: IncidentReportInput, idempotencyKey: string) => api.post<ReportCreated>('/incidents', input, { idempotencyKey }),
  triage: (id: string, etag: string, input: IncidentTriageInput, idempotencyKey: string) =>
    api.post<IncidentPageView>(`/incidents/${encodeURIComponent(id)}/triage`, input, { idempotencyKey, etag }),
  markSent: (id: string, etag: string, kind: ClockKind, reference: string | null, idempotencyKey: string) =>
    api.post<IncidentPageView>(`/incidents/${encodeURIComponent(id)}/reports/${kind}`, { reference }, { idempotencyKey, etag }),
});
