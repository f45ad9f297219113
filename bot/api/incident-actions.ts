/**
 * What ISAM, the IT security officer, the DSO and the line manager do on an incident's page in
 * the tab — the same use cases as the bot's cards (issue 13):
 *
 * | Route | |
 * |---|---|
 * | `POST /incidents/:id/triage` | assess or reassess (`reason` when it changes) |
 * | `POST /incidents/:id/facts` | the facts the reports are drafted from |
 * | `POST /incidents/:id/awareness` | correct when the organisation became aware (ISAM, with reason) |
 * | `POST /incidents/:id/reports/:key` | record a report sent: `sentAt`, `reference`, `lateReason` |
 * | `POST /incidents/:id/reports/:key/correction` | correct it, with `reason` |
 * | `POST /incidents/:id/reports/:key/not-required` | decide it is not needed, with `rationale` |
 * | `POST /incidents/:id/intermediate-requests` | MCF asks for an intermediate report by a date |
 * | `POST /incidents/:id/investigation`, `/close`, `/reopen` | the investigation, closing, reopening |
 * | `GET /incidents/:id/reports/:key/draft?language=&fresh=` | the report's text (sent, saved draft or fresh) |
 * | `PUT /incidents/:id/reports/:key/draft` | save the edited draft (If-Match once saved, Idempotency-Key) |
 * | `GET /incidents/:id/reports/:key/document.docx?language=&fresh=` | the report as a Word document |
 *
 * Writes need `Idempotency-Key` and `If-Match` (the page's etag); the answer is the incident's page.
 * A stale etag is 409 with the current page — unless the record shows this very operation already
 * applied (a retry whose first answer was lost), which completes it instead.
 */
import type { Request, Response, Router } from 'express';
import { DraftQuery, ReopenInput } from '../../core/api';
import {
  closeIncident,
  correctAwareness,
  correctReportSent,
  decideReportNotRequired,
  getIncidentPage,
  getReportDraft,
  recordInvestigation,
  recordReportSent,
  reopenIncident,
  reportDocument,
  requestIntermediateReport,
  saveReportDraft,
  triageIncident,
  updateReportFacts,
} from '../../core/app/incidents';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import { renderDocx } from '../../core/adapters/docx/docx-renderer';
import { t } from '../../core/i18n';
import { DOCX_MEDIA_TYPE } from '../../core/ports/document';
import { ConflictError } from '../../core/ports/errors';
import { BadRequest, localeOf, idempotencyKey, itemId } from './http';
import { parseBody, parseQuery } from './request';

type ActorResponse = Response<unknown, { actor: Actor; conflictCurrent?: unknown }>;

const REPORT_KEY = /^[a-z_]{3,40}(:\d{1,3})?$/;


function reportKeyOf(req: Request): string {
  const key = String(req.params.key ?? '');
  if (!REPORT_KEY.test(key)) throw new BadRequest('tab.error.badRequest');
  return key;
}


function draftOptions(req: Request) {
  const q = parseQuery(req, DraftQuery);
  return { ...(q.language ? { language: q.language } : {}), fresh: q.fresh !== undefined };
}

export function mountIncidentActionRoutes(router: Router, deps: Deps): void {
  /** An update of an incident read at If-Match; answers with the page after it. */
  const write = async (req: Request, res: ActorResponse, run: (id: string, operationKey: string) => Promise<unknown>) => {
    const id = itemId(req);
    const key = idempotencyKey(req);
    const etag = req.get('if-match');
    if (!etag) {
      res.status(428).json({ error: 'precondition_required', message: t(localeOf(req), 'tab.error.ifMatch') });
      return;
    }
    const actor = res.locals.actor;
    const operationKey = `tab:${actor.id}:${key}`;
    const locale = localeOf(req);
    // One read for the check; the whole page only for the answer (or the conflict's current state).
    const stored = await deps.store.get('Incidents', id);
    if (stored && stored.etag !== etag && !stored.data.lastOperation?.endsWith(`:${operationKey}`)) {
      res.locals.conflictCurrent = await getIncidentPage(deps, actor, id, locale);
      throw new ConflictError('Incidents', id);
    }
    await run(id, operationKey);
    const view = await getIncidentPage(deps, actor, id, locale);
    res.set('ETag', view.etag).json(view);
  };
  const a = (res: ActorResponse) => res.locals.actor;

  router.post('/incidents/:id/triage', (req, res: ActorResponse) => write(req, res, (id, op) => triageIncident(deps, a(res), id, req.body, op)));
  router.post('/incidents/:id/facts', (req, res: ActorResponse) => write(req, res, (id, op) => updateReportFacts(deps, a(res), id, req.body, op)));
  router.post('/incidents/:id/awareness', (req, res: ActorResponse) => write(req, res, (id, op) => correctAwareness(deps, a(res), id, req.body, op)));
  router.post('/incidents/:id/intermediate-requests', (req, res: ActorResponse) => write(req, res, (id, op) => requestIntermediateReport(deps, a(res), id, req.body, op)));
  router.post('/incidents/:id/reports/:key', (req, res: ActorResponse) => write(req, res, (id, op) => recordReportSent(deps, a(res), id, reportKeyOf(req), req.body, op)));
  router.post('/incidents/:id/reports/:key/correction', (req, res: ActorResponse) => write(req, res, (id, op) => correctReportSent(deps, a(res), id, reportKeyOf(req), req.body, op)));
  router.post('/incidents/:id/reports/:key/not-required', (req, res: ActorResponse) => write(req, res, (id, op) => decideReportNotRequired(deps, a(res), id, reportKeyOf(req), req.body, op)));
  router.post('/incidents/:id/investigation', (req, res: ActorResponse) => write(req, res, (id, op) => recordInvestigation(deps, a(res), id, req.body, op)));
  router.post('/incidents/:id/close', (req, res: ActorResponse) => write(req, res, (id, op) => closeIncident(deps, a(res), id, op)));
  router.post('/incidents/:id/reopen', (req, res: ActorResponse) => write(req, res, (id, op) => reopenIncident(deps, a(res), id, parseBody(req, ReopenInput).reason, op)));

  router.get('/incidents/:id/reports/:key/draft', async (req, res: ActorResponse) => {
    const view = await getReportDraft(deps, a(res), itemId(req), reportKeyOf(req), draftOptions(req));
    if (view.etag) res.set('ETag', view.etag);
    res.json(view);
  });

  router.put('/incidents/:id/reports/:key/draft', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const key = reportKeyOf(req);
    const op = `tab:${a(res).id}:${idempotencyKey(req)}`;
    try {
      const view = await saveReportDraft(deps, a(res), id, key, req.body, req.get('if-match') ?? null, op);
      if (view.etag) res.set('ETag', view.etag);
      res.json(view);
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await getReportDraft(deps, a(res), id, key).catch(() => null);
      throw error;
    }
  });

  router.get('/incidents/:id/reports/:key/document.docx', async (req, res: ActorResponse) => {
    const { document, fileName } = await reportDocument(deps, a(res), itemId(req), reportKeyOf(req), draftOptions(req));
    const bytes = await renderDocx(document);
    res
      .status(200)
      .set('Content-Type', DOCX_MEDIA_TYPE)
      .set('Content-Disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
      .set('Content-Length', String(bytes.byteLength))
      .send(Buffer.from(bytes));
  });
}
