/**
 * Who acts and who is who: the actor and their roles from the Roles list, and for the tab the
 * session, people search, units and the organisation.
 */
export * from './actor';
export * from './tab-session';
