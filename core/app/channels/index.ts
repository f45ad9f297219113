/** Teams channels linked to a role's notifications (`koppla <roll>`), and a role's channel. */
export * from './channels';
