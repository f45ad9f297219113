/**
 * Utbildning: completion of the mandatory courses per unit and per person, and the import of the
 * learning platform's CSV export (the request body is the file's bytes, not JSON: the use case
 * decides the encoding).
 */
import { z } from 'zod';
import { TrainingCourse } from '../domain';
import { Count, Day, MessageKeyOf, type Routes } from './common';

/** `GET /trainings?unit=`: the unit whose people are listed (everyone the actor may see when absent). */
export const TrainingQuery = z.object({ unit: z.string().optional() });
export type TrainingQuery = z.input<typeof TrainingQuery>;

export const TrainingCell = z.strictObject({ required: z.boolean(), completedAt: Day.nullable(), valid: z.boolean() });
export type TrainingCell = z.infer<typeof TrainingCell>;

export const TrainingPersonRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  management: z.boolean(),
  /** By course code. */
  courses: z.record(z.string(), TrainingCell),
  complete: z.boolean(),
});
export type TrainingPersonRow = z.infer<typeof TrainingPersonRow>;

export const TrainingUnitRow = z.strictObject({ unit: z.string(), people: Count, required: Count, completed: Count });
export type TrainingUnitRow = z.infer<typeof TrainingUnitRow>;

export const TrainingOverview = z.strictObject({
  courses: z.array(z.strictObject({ code: z.string(), name: z.string(), audience: TrainingCourse.shape.audience, validityMonths: z.number().int().nullable() })),
  units: z.array(TrainingUnitRow),
  /** The unit whose people are listed (null: everyone the actor may see). */
  unit: z.string().nullable(),
  people: z.array(TrainingPersonRow),
  /** False when the actor may see only their own row. */
  peopleVisible: z.boolean(),
  canImport: z.boolean(),
});
export type TrainingOverview = z.infer<typeof TrainingOverview>;

/** A line of the file that was skipped or is wrong, as a message key of core/i18n. */
export const ImportIssue = z.strictObject({
  /** Line in the file (the header is line 1). */
  line: z.number().int().min(1),
  messageKey: MessageKeyOf,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const TrainingImportReport = z.strictObject({
  /** True when the file was accepted (completions written or already there). */
  ok: z.boolean(),
  /** Data lines read (not counting the header and blank lines). */
  lines: Count,
  /** New completions written. */
  imported: Count,
  /** Completions that were already recorded (a re-import, or recorded by hand). */
  alreadyRecorded: Count,
  /** Lines not imported, and why; they do not stop the import. */
  skipped: z.array(ImportIssue),
  /** Lines that are wrong; any error means nothing was written. */
  errors: z.array(ImportIssue),
});
export type TrainingImportReport = z.infer<typeof TrainingImportReport>;

const IssueText = z.strictObject({ line: z.number().int().min(1), text: z.string() });

/** `POST /trainings/import`: the report, and each issue as a person reads it. 200 when accepted, 422 when nothing was saved. */
export const TrainingImportResult = z.strictObject({ report: TrainingImportReport, skipped: z.array(IssueText), errors: z.array(IssueText) });
export type TrainingImportResult = z.infer<typeof TrainingImportResult>;

export const TRAINING_ROUTES = {
  'GET /trainings': { query: TrainingQuery, response: TrainingOverview },
  'POST /trainings/import': { response: TrainingImportResult, answers: { 422: TrainingImportResult } },
} satisfies Routes;
