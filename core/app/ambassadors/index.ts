/**
 * The ambassador network: the year's meetings (årshjul) planned by ISAM, invitations and follow-ups
 * in the network's channel, attendance per unit, and the tab's view of the year.
 */
export * from './ambassadors';
export * from './register';
