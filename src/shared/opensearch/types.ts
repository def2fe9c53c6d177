/** Shapes shared by the OpenSearch room. Everything in a result is JSON-serialisable (it goes into the manifest). */

/** Where progress and warnings go (core.info / core.warning in the actions, stderr in the CLI). */
export interface OpenSearchLog {
  info(line: string): void;
  warn(line: string): void;
}

export const silentLog: OpenSearchLog = { info: () => {}, warn: () => {} };

/** Indices never taken or restored by default: restoring them breaks a cluster with the security plugin on. */
export const DEFAULT_EXCLUDED_INDICES: readonly string[] = ['.opendistro_security'];

export interface ShardCounts {
  total: number;
  successful: number;
  failed: number;
}

export interface ShardFailure {
  index: string;
  shard: number | null;
  reason: string;
  status: string;
}

/** The judgement of one snapshot, from `GET _snapshot/<repo>/<snap>` only. */
export interface SnapshotVerdict {
  ok: boolean;
  snapshot: string;
  state: string;
  shards: ShardCounts;
  failures: ShardFailure[];
  indices: string[];
  missingIndices: string[];
  /** Why it is not ok; empty when ok. */
  problems: string[];
}

export interface SnapshotSizes {
  /** All files the snapshot refers to. */
  fileCount: number;
  sizeBytes: number;
  /** Files this snapshot added to the repository (the rest were there already). */
  incrementalFileCount: number;
  incrementalSizeBytes: number;
}

export interface IndexRecord {
  /** Documents (`_count`) when the snapshot was taken; null for a closed index. */
  docs: number | null;
  health: string;
  status: string;
}

export interface OpenSearchComponentResult {
  component: 'opensearch';
  repository: string;
  location: string;
  snapshot: string;
  uuid: string | null;
  state: string;
  /** An existing snapshot for the day was verified and reused instead of taking a new one. */
  reused: boolean;
  verdict: 'passed' | 'failed';
  problems: string[];
  includeGlobalState: boolean;
  excludedIndices: string[];
  startTime: string | null;
  endTime: string | null;
  /** As reported by OpenSearch. */
  snapshotDurationMs: number | null;
  /** Our whole step: repository check, counts, snapshot, polling, verdict. */
  durationMs: number;
  shards: ShardCounts;
  failures: ShardFailure[];
  /** Per index, in the snapshot. */
  indices: Record<string, IndexRecord>;
  /** Where the document counts come from. */
  docCountsSource: 'counted-before-snapshot' | 'snapshot-metadata' | 'counted-now';
  sizes: SnapshotSizes | null;
}

export interface RestoreDrillIndex {
  index: string;
  restoredAs: string;
  expectedDocs: number | null;
  actualDocs: number | null;
  match: boolean;
}

export interface RestoreDrillResult {
  ok: boolean;
  repository: string;
  snapshot: string;
  indices: RestoreDrillIndex[];
  problems: string[];
  /** The renamed indices were deleted afterwards. */
  cleanedUp: boolean;
  durationMs: number;
}
