/** `status`: the snapshots on a host, and whether the newest complete one is fresh, big enough and good. */
export * from './judge.js';
export * from './listing.js';
