export * from './container.js';
export * from './dump.js';
export * from './dump-args.js';
export * from './dump-scan.js';
export * from './dump-script.js';
export * from './restore.js';
export * from './restore-script.js';
export * from './row-counts.js';
