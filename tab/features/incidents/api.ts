/** The incident endpoints of `/api/v1`. */
import type { ApiClient } from '../../api/client';
import type {
  AwarenessInput,
  CorrectionInput,
  DraftInput,
  FactsInput,
  IncidentFormOptions,
  IncidentListQuery,
  IncidentPage,
  IncidentPageView,
  IncidentReportInput,
  IncidentTriageInput,
  IntermediateRequestInput,
  ReportCreated,
  ReportDraftView,
  SentInput,
} from '../../../core/api';
import type { ReportLanguage } from '../../../core/domain';

const at = (id: string) => `/incidents/${encodeURIComponent(id)}`;
const report = (id: string, key: string) => `${at(id)}/reports/${encodeURIComponent(key)}`;

export const incidentsApi = (api: ApiClient) => {
  /** An action on the incident read at `etag`; the answer is the page after it. */
  const act = (id: string, path: string, etag: string, body: unknown, idempotencyKey: string) => api.post<IncidentPageView>(`${at(id)}${path}`, body, { idempotencyKey, etag });
  return {
    list: (params: IncidentListQuery) => api.get<IncidentPage>('/incidents', { ...params }),
    get: (id: string) => api.get<IncidentPageView>(at(id)),
    formOptions: () => api.get<IncidentFormOptions>('/incidents/form-options'),
    report: (input: IncidentReportInput, idempotencyKey: string) => api.post<ReportCreated>('/incidents', input, { idempotencyKey }),
    triage: (id: string, etag: string, input: IncidentTriageInput, key: string) => act(id, '/triage', etag, input, key),
    facts: (id: string, etag: string, input: FactsInput, key: string) => act(id, '/facts', etag, input, key),
    awareness: (id: string, etag: string, input: AwarenessInput, key: string) => act(id, '/awareness', etag, input, key),
    requestIntermediate: (id: string, etag: string, input: IntermediateRequestInput, key: string) => act(id, '/intermediate-requests', etag, input, key),
    markSent: (id: string, etag: string, reportKey: string, input: SentInput, key: string) => act(id, `/reports/${encodeURIComponent(reportKey)}`, etag, input, key),
    correct: (id: string, etag: string, reportKey: string, input: CorrectionInput, key: string) => act(id, `/reports/${encodeURIComponent(reportKey)}/correction`, etag, input, key),
    notRequired: (id: string, etag: string, reportKey: string, rationale: string, key: string) => act(id, `/reports/${encodeURIComponent(reportKey)}/not-required`, etag, { rationale }, key),
    investigation: (id: string, etag: string, input: { findings: string; actions: string }, key: string) => act(id, '/investigation', etag, input, key),
    close: (id: string, etag: string, key: string) => act(id, '/close', etag, {}, key),
    reopen: (id: string, etag: string, reason: string, key: string) => act(id, '/reopen', etag, { reason }, key),
    draft: (id: string, reportKey: string, options: { language?: ReportLanguage; fresh?: boolean } = {}) =>
      api.get<ReportDraftView>(`${report(id, reportKey)}/draft`, { language: options.language, fresh: options.fresh ? '1' : undefined }),
    saveDraft: (id: string, reportKey: string, input: DraftInput, etag: string | null, idempotencyKey: string) => api.put<ReportDraftView>(`${report(id, reportKey)}/draft`, input, { idempotencyKey, etag }),
    document: (id: string, reportKey: string, options: { language?: ReportLanguage; fresh?: boolean } = {}) =>
      api.download(`${report(id, reportKey)}/document.docx`, { language: options.language, fresh: options.fresh ? '1' : undefined }),
  };
};
