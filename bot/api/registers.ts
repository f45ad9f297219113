/**
 * The registers of `/api/v1` besides the asset inventory (issue 5):
 *
 * | Route | |
 * |---|---|
 * | `GET /incidents?status=&category=&direction=&pageSize=&cursor=` | Incidenter: what the actor may see |
 * | `GET /incidents/form-options` | assets and suppliers for the report form |
 * | `POST /incidents` | report an incident (Idempotency-Key) — the bot's `reportIncident` |
 * | `GET /incidents/:id` | the incident page: incident, clocks, timeline, what the actor may do |
 * | `POST /incidents/:id/…`, `…/reports/:key/draft`, `…/document.docx` | what is done on an incident: bot/api/incident-actions.ts |
 * | `GET /suppliers`, `GET /suppliers/:id`, `PATCH /suppliers/:id/checklist` | Leverantörer |
 * | `GET /processing?search=&unit=&sort=&direction=&pageSize=&cursor=`, `GET /processing/:id` | Dataskydd |
 * | `GET /improvements?status=&ownerId=&source=`, `POST /improvements`, `PATCH /improvements/:id` | Åtgärder |
 * | `GET /trainings?unit=`, `POST /trainings/import` (the file's bytes, application/octet-stream or text/csv, ≤ 1 MB, Idempotency-Key) | Utbildning |
 * | `GET /access/requests?status=`, `GET /access/grants?status=`, `GET /access/campaigns` | Behörigheter (read-only) |
 * | `GET /ambassadors?year=` | Ambassadörsnätverket: the year's meetings and attendance per unit |
 *
 * Queries and bodies are parsed with their shapes in core/api (the use cases parse bodies again:
 * the bot calls them too). The actor comes from the validated token (`res.locals.actor`);
 * authorization is in the use cases.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import {
  AccessGrantListQuery,
  AccessRequestListQuery,
  AmbassadorYearQuery,
  ImprovementListQuery,
  IncidentListQuery,
  ProcessingListQuery,
  SupplierListQuery,
  TrainingQuery,
  type ReportCreated,
  type TrainingImportResult,
} from '../../core/api';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import { getIncidentPage, incidentFormOptions, listIncidents, reportIncident } from '../../core/app/incidents';
import { listProcessing } from '../../core/app/gdpr';
import { createImprovement, getImprovement, listImprovements, updateImprovement } from '../../core/app/improvements';
import { importIssueText, importTrainingCsv, trainingOverview } from '../../core/app/training';
import { listAccessCampaigns, listAccessGrants, listAccessRequests } from '../../core/app/access';
import { ambassadorYear } from '../../core/app/ambassadors';
import { getSupplier, listSuppliers, updateSupplierChecklist } from '../../core/app/suppliers';
import { t } from '../../core/i18n';
import { ConflictError } from '../../core/ports/errors';
import { BadRequest, localeOf, idempotencyKey, ifMatch, itemId } from './http';
import { mountIncidentActionRoutes } from './incident-actions';
import { parseQuery } from './request';

type ActorResponse = Response<unknown, { actor: Actor; conflictCurrent?: unknown }>;





export function mountRegisterRoutes(router: Router, deps: Deps): void {
  // ── Incidenter ────────────────────────────────────────────────────────
  router.get('/incidents', async (req, res: ActorResponse) => {
    res.json(await listIncidents(deps, res.locals.actor, parseQuery(req, IncidentListQuery)));
  });

  router.get('/incidents/form-options', async (_req, res: ActorResponse) => {
    res.json(await incidentFormOptions(deps));
  });

  router.post('/incidents', async (req, res: ActorResponse) => {
    const key = idempotencyKey(req);
    const actor = res.locals.actor;
    const result = await reportIncident(deps, actor, req.body, `tab:${actor.id}:${key}`);
    res
      .status(result.created ? 201 : 200)
      .set('Location', `${req.baseUrl}/incidents/${result.incident.id}`)
      .json({ id: result.incident.id, caseNumber: result.caseNumber, created: result.created } satisfies ReportCreated);
  });

  router.get('/incidents/:id', async (req, res: ActorResponse) => {
    const view = await getIncidentPage(deps, res.locals.actor, itemId(req), localeOf(req));
    res.set('ETag', view.etag).json(view);
  });

  mountIncidentActionRoutes(router, deps);

  // ── Leverantörer ──────────────────────────────────────────────────────
  router.get('/suppliers', async (req, res: ActorResponse) => {
    res.json(await listSuppliers(deps, res.locals.actor, parseQuery(req, SupplierListQuery)));
  });

  // `GET /suppliers/:id` (with the register's fields) is in register-routes.ts.

  router.patch('/suppliers/:id/checklist', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    try {
      const view = await updateSupplierChecklist(deps, res.locals.actor, id, etag, req.body);
      res.set('ETag', view.etag).json(view);
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await getSupplier(deps, res.locals.actor, id).catch(() => null);
      throw error;
    }
  });

  // ── Dataskydd ─────────────────────────────────────────────────────────
  router.get('/processing', async (req, res: ActorResponse) => {
    res.json(await listProcessing(deps, res.locals.actor, parseQuery(req, ProcessingListQuery)));
  });

  // `GET /processing/:id` (with the register's fields) is in register-routes.ts.

  // ── Åtgärder ──────────────────────────────────────────────────────────
  router.get('/improvements', async (req, res: ActorResponse) => {
    res.json(await listImprovements(deps, res.locals.actor, parseQuery(req, ImprovementListQuery)));
  });

  router.post('/improvements', async (req, res: ActorResponse) => {
    const view = await createImprovement(deps, res.locals.actor, idempotencyKey(req), req.body);
    res.status(201).set('ETag', view.etag).set('Location', `${req.baseUrl}/improvements/${view.id}`).json(view);
  });

  router.patch('/improvements/:id', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    try {
      const view = await updateImprovement(deps, res.locals.actor, id, etag, req.body);
      res.set('ETag', view.etag).json(view);
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await getImprovement(deps, res.locals.actor, id).catch(() => null);
      throw error;
    }
  });

  // ── Utbildning ────────────────────────────────────────────────────────
  router.get('/trainings', async (req, res: ActorResponse) => {
    res.json(await trainingOverview(deps, res.locals.actor, parseQuery(req, TrainingQuery)));
  });

  router.post(
    '/trainings/import',
    // The file's bytes as they are on disk: the use case decides the encoding (UTF-8, or the
    // Windows-1252 of an older Excel), which a text body parsed here as UTF-8 would already have lost.
    express.raw({ type: TRAINING_CSV_TYPES, limit: TRAINING_CSV_LIMIT }),
    (error: unknown, req: Request, res: Response, next: NextFunction) => {
      if ((error as { type?: string }).type === 'entity.too.large') {
        res.status(413).json({ error: 'too_large', message: t(localeOf(req), 'tab.training.tooLarge') });
        return;
      }
      next(error);
    },
    async (req: Request, res: ActorResponse) => {
      const key = idempotencyKey(req);
      if (!Buffer.isBuffer(req.body)) throw new BadRequest('tab.training.notCsv', 'unsupported_media_type');
      const report = await importTrainingCsv(deps, res.locals.actor, req.body, key);
      const locale = localeOf(req);
      res.status(report.ok ? 200 : 422).json({
        report,
        skipped: report.skipped.map((i) => ({ line: i.line, text: importIssueText(locale, i) })),
        errors: report.errors.map((i) => ({ line: i.line, text: importIssueText(locale, i) })),
      } satisfies TrainingImportResult);
    },
  );
  // ── Behörigheter (read-only) ──────────────────────────────────────────
  router.get('/access/requests', async (req, res: ActorResponse) => {
    res.json(await listAccessRequests(deps, res.locals.actor, parseQuery(req, AccessRequestListQuery)));
  });
  router.get('/access/grants', async (req, res: ActorResponse) => {
    res.json(await listAccessGrants(deps, res.locals.actor, parseQuery(req, AccessGrantListQuery)));
  });
  router.get('/access/campaigns', async (_req, res: ActorResponse) => {
    res.json({ campaigns: await listAccessCampaigns(deps, res.locals.actor) });
  });

  // ── Ambassadörsnätverket ──────────────────────────────────────────────
  router.get('/ambassadors', async (req, res: ActorResponse) => {
    res.json(await ambassadorYear(deps, res.locals.actor, parseQuery(req, AmbassadorYearQuery)));
  });
}

/** The largest CSV export the tab uploads (the use case itself accepts up to MAX_IMPORT_BYTES). */
export const TRAINING_CSV_LIMIT = 1_048_576;
/**
 * Media types the import takes as raw bytes: what the tab sends (application/octet-stream), and
 * what a browser, curl or Windows with Excel installed label a .csv file with.
 */
export const TRAINING_CSV_TYPES = ['application/octet-stream', 'text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];
