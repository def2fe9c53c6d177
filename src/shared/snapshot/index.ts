export * from './catalog.js';
export * from './compression.js';
export * from './layout.js';
export * from './lock.js';
export * from './manifest.js';
export { shellQuote, shellWords } from './shell.js';
export * from './snapshot.js';
export * from './verify.js';
