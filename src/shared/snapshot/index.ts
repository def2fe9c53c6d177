export * from './catalog.js';
export * from './compression.js';
export * from './layout.js';
export * from './listing.js';
export * from './lock.js';
export * from './manifest.js';
export * from './snapshot.js';
export * from './verify.js';
