/** Dataskydd: the record of processing (GDPR art. 30) and the impact assessments (art. 35). */
export * from './processing';
export { createProcessing, updateProcessing, screenProcessing, archiveProcessing, removeProcessing, processingHistory, getProcessingDetail, processingRegisterFields, exportProcessing } from './register';
export {
  listImpactAssessments,
  getImpactAssessment,
  impactAssessmentHistory,
  startImpactAssessment,
  updateImpactAssessment,
  archiveImpactAssessment,
  removeImpactAssessment,
  queueImpactAssessmentReminders,
} from './impact-assessments';
