/**
 * The registers of issue 14 under `/api/v1` (docs/api.md). Every register has the same routes:
 *
 * | Route | |
 * |---|---|
 * | `GET /<register>?…&cursor=` | a page of the list: filters and sort on indexed columns |
 * | `GET /<register>/export.xlsx?…` | the same selection as an Excel file (MAX_EXPORT_ROWS rows at most) |
 * | `GET /<register>/:id` | one record with its retention and the first page of its history |
 * | `GET /<register>/:id/history?cursor=` | the next page of its history |
 * | `POST /<register>` | create (Idempotency-Key) |
 * | `PATCH /<register>/:id` | change (If-Match) |
 * | `POST /<register>/:id/archive` | archive (If-Match) |
 * | `DELETE /<register>/:id` | remove once retention has ended (If-Match) |
 *
 * plus a few of their own (the risk matrix and heat map, a processing's screening, a document's
 * review, information owners, recertification campaigns, what has passed retention). Handlers are
 * thin: request → use case → JSON. Identity is the validated token's (`res.locals.actor`);
 * authorization is in the use cases, against the stored records.
 */
import type { Request, Response, Router } from 'express';
import { ArchiveInput, CampaignStartInput } from '../../core/api';
import { startRecertification, campaignStartView, getCampaign } from '../../core/app/access';
import { archiveAsset, assetHistory, exportAssets, removeAsset } from '../../core/app/assets';
import { archiveAudit, auditHistory, createAudit, exportAudits, getAudit, listAudits, removeAudit, updateAudit } from '../../core/app/audits';
import {
  archiveImpactAssessment,
  archiveProcessing,
  createProcessing,
  exportProcessing,
  getImpactAssessment,
  getProcessingDetail,
  impactAssessmentHistory,
  listImpactAssessments,
  processingHistory,
  removeImpactAssessment,
  removeProcessing,
  screenProcessing,
  startImpactAssessment,
  updateImpactAssessment,
  updateProcessing,
} from '../../core/app/gdpr';
import {
  archiveGoverningDocument,
  createGoverningDocumentDetail,
  exportGoverningDocuments,
  getGoverningDocumentDetail,
  governingDocumentHistory,
  listGoverningDocumentPage,
  reviewGoverningDocument,
  updateGoverningDocumentDetail,
} from '../../core/app/governance';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import { listRetentionDue, type ExportTable } from '../../core/app/registers';
import { archiveRisk, createRisk, exportRisks, getRisk, listRisks, removeRisk, riskHeatMap, riskHistory, riskMatrix, updateRisk } from '../../core/app/risks';
import { assignInformationOwner, assignRole, endRole, exportRoles, getRole, listRoles, removeRole, roleHistory, updateRole } from '../../core/app/roles';
import {
  archiveProcurement,
  archiveSupplier,
  createProcurement,
  createSupplier,
  exportProcurements,
  exportSuppliers,
  getProcurement,
  getSupplierDetail,
  listProcurements,
  procurementHistory,
  removeProcurement,
  removeSupplier,
  supplierHistory,
  updateProcurement,
  updateSupplier,
} from '../../core/app/suppliers';
import { RecordValidationError } from '../../core/ports/errors';
import { issuesFromZod } from '../../core/i18n/validation';
import { ConflictError } from '../../core/ports/errors';
import { sendXlsx } from '../export/xlsx';
import { localeOf, idempotencyKey, ifMatch, itemId } from './http';
import { parseBody } from './request';

type ActorResponse = Response<unknown, { actor: Actor; conflictCurrent?: unknown }>;
type Body = unknown;





/** The query string as the use case's schema reads it: text values; an empty or repeated parameter counts as absent (as parseQuery). */
const queryOf = (req: Request) => Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

function archiveBody(body: unknown): { reason?: string | null | undefined } {
  const r = ArchiveInput.safeParse(body ?? {});
  if (!r.success) throw new RecordValidationError('AuditLog', issuesFromZod(r.error));
  return r.data;
}

/** What a register offers; each use case checks who may. */
export interface RegisterDef {
  path: string;
  list?: (deps: Deps, actor: Actor, query: unknown) => Promise<unknown>;
  export?: (deps: Deps, actor: Actor, query: unknown) => Promise<ExportTable>;
  get: (deps: Deps, actor: Actor, id: string) => Promise<unknown>;
  history: (deps: Deps, actor: Actor, id: string, cursor?: string) => Promise<unknown>;
  create?: (deps: Deps, actor: Actor, key: string, body: Body) => Promise<{ id: string }>;
  update?: (deps: Deps, actor: Actor, id: string, etag: string, body: Body) => Promise<unknown>;
  archive?: (deps: Deps, actor: Actor, id: string, etag: string, input: { reason?: string | null | undefined }) => Promise<unknown>;
  remove?: (deps: Deps, actor: Actor, id: string, etag: string) => Promise<void>;
  /** Routes of its own, mounted before `/:id` (so that `/risks/matrix` is not an id). */
  extra?: (router: Router) => void;
}

/** Answers a record view with its ETag (views carry `etag`). */
function sendView(res: ActorResponse, view: unknown, status = 200) {
  const etag = (view as { etag?: unknown })?.etag;
  if (typeof etag === 'string') res.set('ETag', etag);
  res.status(status).json(view);
}

export function mountRegister(router: Router, deps: Deps, def: RegisterDef): void {
  const base = `/${def.path}`;
  /** Runs a write read at If-Match; a stale etag is 409 with the record as it is now. */
  const write = async (req: Request, res: ActorResponse, run: (id: string, etag: string) => Promise<unknown>) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    try {
      sendView(res, await run(id, etag));
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await def.get(deps, res.locals.actor, id).catch(() => null);
      throw error;
    }
  };

  if (def.list) {
    const list = def.list;
    router.get(base, async (req, res: ActorResponse) => {
      res.json(await list(deps, res.locals.actor, queryOf(req)));
    });
  }
  if (def.export) {
    const exporter = def.export;
    router.get(`${base}/export.xlsx`, async (req, res: ActorResponse) => {
      const table = await exporter(deps, res.locals.actor, queryOf(req));
      await sendXlsx(res, localeOf(req), table);
    });
  }
  def.extra?.(router);
  if (def.create) {
    const create = def.create;
    router.post(base, async (req, res: ActorResponse) => {
      const view = await create(deps, res.locals.actor, idempotencyKey(req), req.body);
      res.set('Location', `${req.baseUrl}${base}/${view.id}`);
      sendView(res, view, 201);
    });
  }
  router.get(`${base}/:id`, async (req, res: ActorResponse) => {
    sendView(res, await def.get(deps, res.locals.actor, itemId(req)));
  });
  router.get(`${base}/:id/history`, async (req, res: ActorResponse) => {
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor ? req.query.cursor : undefined;
    res.json(await def.history(deps, res.locals.actor, itemId(req), cursor));
  });
  if (def.update) {
    const update = def.update;
    router.patch(`${base}/:id`, (req, res: ActorResponse) => write(req, res, (id, etag) => update(deps, res.locals.actor, id, etag, req.body)));
  }
  if (def.archive) {
    const archive = def.archive;
    router.post(`${base}/:id/archive`, (req, res: ActorResponse) => write(req, res, (id, etag) => archive(deps, res.locals.actor, id, etag, archiveBody(req.body))));
  }
  if (def.remove) {
    const remove = def.remove;
    router.delete(`${base}/:id`, async (req, res: ActorResponse) => {
      const id = itemId(req);
      const etag = ifMatch(req, res);
      if (!etag) return;
      try {
        await remove(deps, res.locals.actor, id, etag);
      } catch (error) {
        if (error instanceof ConflictError) res.locals.conflictCurrent = await def.get(deps, res.locals.actor, id).catch(() => null);
        throw error;
      }
      res.json({ id, removed: true });
    });
  }
}

/** A write of a register's own (screening, review) at If-Match, answered with the record's view. */
function ownWrite(deps: Deps, get: RegisterDef['get'], run: (deps: Deps, actor: Actor, id: string, etag: string, body: unknown) => Promise<unknown>) {
  return async (req: Request, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    try {
      await run(deps, res.locals.actor, id, etag, req.body);
    } catch (error) {
      if (error instanceof ConflictError) res.locals.conflictCurrent = await get(deps, res.locals.actor, id).catch(() => null);
      throw error;
    }
    sendView(res, await get(deps, res.locals.actor, id));
  };
}

export function mountIssue14Registers(router: Router, deps: Deps): void {
  // ── Risker ────────────────────────────────────────────────────────────
  mountRegister(router, deps, {
    path: 'risks',
    list: listRisks,
    export: exportRisks,
    get: getRisk,
    history: riskHistory,
    create: createRisk,
    update: updateRisk,
    archive: archiveRisk,
    remove: removeRisk,
    extra: (r) => {
      r.get('/risks/matrix', (_req, res) => {
        res.json(riskMatrix());
      });
      r.get('/risks/heatmap', async (req, res: ActorResponse) => {
        res.json(await riskHeatMap(deps, res.locals.actor, queryOf(req)));
      });
    },
  });

  // ── Internrevision ────────────────────────────────────────────────────
  mountRegister(router, deps, { path: 'audits', list: listAudits, export: exportAudits, get: getAudit, history: auditHistory, create: createAudit, update: updateAudit, archive: archiveAudit, remove: removeAudit });

  // ── Styrdokument ──────────────────────────────────────────────────────
  mountRegister(router, deps, {
    path: 'governing-documents',
    list: listGoverningDocumentPage,
    export: exportGoverningDocuments,
    get: getGoverningDocumentDetail,
    history: governingDocumentHistory,
    create: createGoverningDocumentDetail,
    update: updateGoverningDocumentDetail,
    archive: archiveGoverningDocument,
    // No removal: governing documents are kept for good (arkivlagen; core/domain/retention.ts).
  });
  router.post('/governing-documents/:id/review', ownWrite(deps, getGoverningDocumentDetail, reviewGoverningDocument));

  // ── Roller ────────────────────────────────────────────────────────────
  mountRegister(router, deps, {
    path: 'roles',
    list: listRoles,
    export: exportRoles,
    get: getRole,
    history: roleHistory,
    create: assignRole,
    update: updateRole,
    archive: endRole,
    remove: removeRole,
    extra: (r) => {
      r.post('/roles/information-owners', async (req, res: ActorResponse) => {
        res.json(await assignInformationOwner(deps, res.locals.actor, idempotencyKey(req), req.body));
      });
    },
  });

  // ── Anskaffningar ─────────────────────────────────────────────────────
  mountRegister(router, deps, {
    path: 'procurements',
    list: listProcurements,
    export: exportProcurements,
    get: getProcurement,
    history: procurementHistory,
    create: createProcurement,
    update: updateProcurement,
    archive: archiveProcurement,
    remove: removeProcurement,
  });

  // ── Konsekvensbedömningar ─────────────────────────────────────────────
  mountRegister(router, deps, {
    path: 'impact-assessments',
    list: listImpactAssessments,
    get: getImpactAssessment,
    history: impactAssessmentHistory,
    create: startImpactAssessment,
    update: updateImpactAssessment,
    archive: archiveImpactAssessment,
    remove: removeImpactAssessment,
  });

  // ── Registerförteckningen (the list and page are issue 5's, in registers.ts) ──
  const processingDetail = (d: Deps, a: Actor, id: string) => getProcessingDetail(d, a, id);
  mountRegister(router, deps, {
    path: 'processing',
    export: exportProcessing,
    get: processingDetail,
    history: processingHistory,
    create: async (d, a, key, body) => processingDetail(d, a, (await createProcessing(d, a, key, body)).id),
    update: async (d, a, id, etag, body) => processingDetail(d, a, (await updateProcessing(d, a, id, etag, body)).id),
    archive: async (d, a, id, etag, input) => processingDetail(d, a, (await archiveProcessing(d, a, id, etag, input)).id),
    remove: removeProcessing,
  });
  router.post('/processing/:id/screening', ownWrite(deps, processingDetail, screenProcessing));

  // ── Leverantörer (the tree is issue 5's, in registers.ts) ─────────────
  mountRegister(router, deps, {
    path: 'suppliers',
    export: (d, a, q) => exportSuppliers(d, a, q as { search?: string; archived?: string }),
    get: getSupplierDetail,
    history: supplierHistory,
    create: async (d, a, key, body) => getSupplierDetail(d, a, (await createSupplier(d, a, key, body)).id),
    update: async (d, a, id, etag, body) => getSupplierDetail(d, a, (await updateSupplier(d, a, id, etag, body)).id),
    archive: async (d, a, id, etag, input) => getSupplierDetail(d, a, (await archiveSupplier(d, a, id, etag, input)).id),
    remove: removeSupplier,
  });

  // ── Informationstillgångar (list, page, create and edit in router.ts) ─
  router.get('/assets/export.xlsx', async (req, res: ActorResponse) => {
    await sendXlsx(res, localeOf(req), await exportAssets(deps, res.locals.actor, queryOf(req)));
  });
  router.get('/assets/:id/history', async (req, res: ActorResponse) => {
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor ? req.query.cursor : undefined;
    res.json(await assetHistory(deps, res.locals.actor, itemId(req), cursor));
  });
  router.post('/assets/:id/archive', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    sendView(res, await archiveAsset(deps, res.locals.actor, id, etag, archiveBody(req.body)));
  });
  router.delete('/assets/:id', async (req, res: ActorResponse) => {
    const id = itemId(req);
    const etag = ifMatch(req, res);
    if (!etag) return;
    await removeAsset(deps, res.locals.actor, id, etag);
    res.json({ id, removed: true });
  });

  // ── Behörighetsrevision: ISAM and the administrative unit start and follow ──
  router.get('/access/campaigns/start', async (_req, res: ActorResponse) => {
    res.json(await campaignStartView(deps, res.locals.actor));
  });
  router.post('/access/campaigns', async (req, res: ActorResponse) => {
    idempotencyKey(req);
    const { dueDate } = parseBody(req, CampaignStartInput);
    const result = await startRecertification(deps, res.locals.actor, { dueDate: dueDate ?? null });
    res.status(result.started ? 201 : 200).json(result);
  });
  router.get('/access/campaigns/:id', async (req, res: ActorResponse) => {
    res.json(await getCampaign(deps, res.locals.actor, itemId(req)));
  });

  // ── Bevarande: what has passed retention, for ISAM to decide on ───────
  router.get('/retention/due', async (req, res: ActorResponse) => {
    const register = typeof req.query.register === 'string' ? req.query.register : '';
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor ? req.query.cursor : undefined;
    res.json(await listRetentionDue(deps, res.locals.actor, register as never, cursor));
  });
}
