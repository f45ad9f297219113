/** Internrevision: the audit programme (ISO 27001 9.2), findings, and corrective actions that become improvement actions. */
export { listAudits, getAudit, auditHistory, createAudit, updateAudit, archiveAudit, removeAudit, exportAudits, queueAuditReminders } from './audits';
