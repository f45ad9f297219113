/** Risker: the risk register per information asset and process, the 4×4 matrix, the heat map and review reminders. */
export { listRisks, getRisk, riskHistory, createRisk, updateRisk, archiveRisk, removeRisk, riskMatrix, riskHeatMap, exportRisks, HEATMAP_LIMIT } from './risks';
export { queueRiskReminders } from './reminders';
