export * from './actor';
export * from './incidents';
export * from './assets';
export * from './access';
export * from './registers';
export * from './admission';
