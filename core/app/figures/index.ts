/**
 * Kept figures: counts the overview (and the management review) read instead of counting records on
 * a page load. Each figure is recounted from one bounded query of its bucket when a write changes it
 * (keep.ts, off the person's request) and by a background pass that follows Graph delta (refresh.ts).
 * Who sees which scope: scopes.ts. docs/queries.md, "Figures".
 */
export { keepingFigures } from './keep';
export { refreshFigures, rebuildFigures, type RefreshReport, type RefreshOptions } from './refresh';
export { bucketsOf, recount, COUNTED_LISTS, type Bucket } from './buckets';
export { incidentScopeFor, ORG, PERSONAL_DATA, managerScope, assetScope, unitScope } from './scopes';
export { addIncident, asIncidentMonth, hasClockTally, emptyMonth, incidentScopes, REPORTING_CLOCKS, type ClockTally, type IncidentMonth } from './incidents';
export { activeGrantsPerAsset, type OpenRequests } from './access';
export { classificationOn } from './classification';
export { countUnit, mandatoryCourses, organisationUnits, trainingFigures, unitCompletions, NO_UNIT, type TrainingUnitValues } from './training';
export { figureKey } from './store';
