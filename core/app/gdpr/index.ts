/** Dataskydd: the record of processing (GDPR art. 30) and the impact assessments (art. 35). */
export * from './processing';
