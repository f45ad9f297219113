/** Information assets: the inventory, one asset, and creating and classifying assets (KLASSA). */
export * from './assets';
export * from './register';
