/**
 * Local SharePoint-lists server: the subset of Microsoft Graph v1.0 that LIS for Teams uses, backed
 * by SQLite, with fault injection. See README.md in this folder.
 */
export { startLocalGraphServer } from './server';
export type { LocalGraphServer, LocalGraphServerOptions } from './server';
export { faultsFromEnv, parseFaultConfig } from './faults';
export type { FaultConfig, ScriptedFault, ScriptedFaultMode } from './faults';
