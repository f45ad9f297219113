/** Suppliers: the sub-supplier tree, PUB-avtal status and the procurement security checklist. */
export * from './suppliers';
export { createSupplier, getSupplierDetail, exportSuppliers, updateSupplier, archiveSupplier, removeSupplier, supplierHistory, supplierRegisterFields, queueSupplierReminders, chainAbove } from './register';
export { listProcurements, getProcurement, procurementHistory, createProcurement, updateProcurement, archiveProcurement, removeProcurement, exportProcurements, PROCESSING_LIMIT } from './procurements';
