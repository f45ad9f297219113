/**
 * Access management: requests decided by information owners, the administrative unit's tasks,
 * leavers, recertification campaigns, and the access registers the tab shows.
 */
export * from './dates';
export * from './notify';
export * from './views';
export * from './requests';
export { decidersOf, independentApprovers, independentFor } from './deciders';
export * from './tasks';
export * from './leavers';
export { leaverView, refreshLeaverCard } from './leaver-card';
export { campaignKey, campaignName, campaignStartView, REVIEW_PAGE_SIZE, type CampaignStartView, type ReviewRow, type ReviewView } from './recertification-views';
export * from './recertification';
export * from './recertification-schedule';
export * from './register';
