/** Time comes from here, so tests can move it (ARCHITECTURE.md). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
