/** Suppliers: the sub-supplier tree, PUB-avtal status and the procurement security checklist. */
export * from './suppliers';
