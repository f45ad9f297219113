export * from './errors';
export * from './record-store';
export * from './clock';
export * from './directory';
export * from './notifier';
