/** Översikt: what needs the signed-in person now, and the state of the LIS in figures. */
export * from './dashboard';
