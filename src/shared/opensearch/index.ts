/** The OpenSearch room: what the backup, verify and restore operations call. */
export {
  clientOptions,
  connectThroughTunnel,
  createOpenSearchClient,
  type OpenSearchConnection,
  type OpenSearchConnectionOptions,
  type RemoteOpenSearchOptions,
} from './client.js';
export {
  putWatermarks,
  readClusterHealth,
  readClusterSettings,
  readDiskAllocation,
  readPathRepo,
  readRepository,
  readUnassignedShards,
} from './cluster.js';
export { type DiscoveredOpenSearch, type DiscoverOptions, discoverOpenSearch } from './discover.js';
export { describeOpenSearchError, maskSecrets, OpenSearchError, type OpenSearchErrorCode } from './errors.js';
export {
  ensureRepository,
  explainRepositoryFailure,
  type RepositoryOptions,
  type RepositoryState,
} from './repository.js';
export { type RestoreDrillOptions, restoreDrill } from './restore.js';
export * from './restore-indices.js';
export {
  applyOpenSearchRetention,
  listSnapshots,
  type OpenSearchRetentionOptions,
  type OpenSearchRetentionResult,
} from './retention.js';
export {
  DEFAULT_NAME_PATTERN,
  dateFromSnapshotName,
  deleteSnapshot,
  judgeSnapshot,
  type SnapshotOpenSearchOptions,
  snapshotName,
  snapshotOpenSearch,
  verifyOpenSearchSnapshot,
} from './snapshot.js';
export * from './types.js';
