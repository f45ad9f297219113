/** Ledningens genomgång: the management review — figures, written parts, decision, lock, document. */
export * from './reviews';
export { buildReviewFigures, incidentsHref } from './figures';
export * from './document';
