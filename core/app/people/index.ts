/**
 * Who acts and who is who: the entry check (who may use LIS at all), the actor and their roles
 * from the Roles list, and for the tab the session, people search, units and the organisation.
 */
export * from './actor';
export * from './admission';
export * from './tab-session';
