/**
 * Access management: requests decided by information owners, the administrative unit's tasks,
 * leavers, recertification campaigns, and the access registers the tab shows.
 */
export * from './dates';
export * from './notify';
export * from './views';
export * from './requests';
export * from './tasks';
export * from './leavers';
export * from './recertification';
export * from './register';
