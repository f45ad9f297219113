/** Åtgärder: improvement actions with owner, due date and status. ISAM creates and edits them; an owner updates the status. */
import { z } from 'zod';
import { ImprovementAction, IMPROVEMENT_SOURCES, IMPROVEMENT_STATUSES } from '../domain';
import { CursorParam, Day, Direction, Instant, NextCursor, PageSize, PersonRef, type Routes } from './common';

export const ImprovementStatus = z.enum(IMPROVEMENT_STATUSES);
export type ImprovementStatus = z.infer<typeof ImprovementStatus>;
export const ImprovementSource = z.enum(IMPROVEMENT_SOURCES);
export type ImprovementSource = z.infer<typeof ImprovementSource>;

/** `GET /improvements`: filters on indexed columns, sorted on the due date. */
export const ImprovementListQuery = z.object({
  status: ImprovementStatus.optional(),
  ownerId: z.guid().optional(),
  source: ImprovementSource.optional(),
  direction: Direction.default('asc'),
  pageSize: PageSize,
  cursor: CursorParam.optional(),
});
export type ImprovementListQuery = z.input<typeof ImprovementListQuery>;

export const ImprovementRow = z.strictObject({
  id: z.string(),
  etag: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  owner: PersonRef,
  dueAt: Day,
  status: ImprovementStatus,
  source: ImprovementSource,
  sourceRef: z.string().nullable(),
  completedAt: Instant.nullable(),
  /** Open or in progress, and due before today (Stockholm). */
  overdue: z.boolean(),
  canEdit: z.boolean(),
  canUpdateStatus: z.boolean(),
});
export type ImprovementRow = z.infer<typeof ImprovementRow>;

export const ImprovementPage = z.strictObject({ items: z.array(ImprovementRow), cursor: NextCursor, direction: Direction, canCreate: z.boolean() });
export type ImprovementPage = z.infer<typeof ImprovementPage>;

const shape = ImprovementAction.shape;

/** An action as ISAM writes it. */
export const ImprovementInput = z.strictObject({
  title: shape.title,
  description: shape.description,
  ownerId: shape.ownerId,
  dueAt: shape.dueAt,
  status: shape.status,
  source: shape.source,
  sourceRef: shape.sourceRef,
});
export type ImprovementInput = z.infer<typeof ImprovementInput>;
/** `POST /improvements`: a new action is open unless said otherwise. */
export const ImprovementCreateInput = ImprovementInput.partial({ description: true, status: true, sourceRef: true });
export type ImprovementCreateInput = z.input<typeof ImprovementCreateInput>;
/** `PATCH /improvements/:id`: the fields that change (an owner: the status only). */
export const ImprovementPatchInput = ImprovementInput.partial();
export type ImprovementPatchInput = z.input<typeof ImprovementPatchInput>;

export const IMPROVEMENT_ROUTES = {
  'GET /improvements': { query: ImprovementListQuery, response: ImprovementPage },
  'POST /improvements': { body: ImprovementCreateInput, response: ImprovementRow },
  'PATCH /improvements/:id': { body: ImprovementPatchInput, response: ImprovementRow },
} satisfies Routes;
