/** The badge colour of an incident's status, in the register and on the incident's page. */
export const statusColor = { reported: 'warning', triaged: 'informative', investigating: 'brand', closed: 'subtle' } as const;
