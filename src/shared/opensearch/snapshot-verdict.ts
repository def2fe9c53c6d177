/**
 * The names of our snapshots and the verdict on one: pure, the only place that decides whether an
 * OpenSearch snapshot is good (state SUCCESS, shards.failed 0, no failures, every expected index).
 */
import type { ShardFailure, SnapshotVerdict } from './types.js';

export const DEFAULT_NAME_PATTERN = 'snapshot_{date}';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function snapshotName(pattern: string, date: string): string {
  if (!pattern.includes('{date}')) throw new Error(`snapshot name pattern must contain '{date}': ${pattern}`);
  if (!DATE.test(date)) throw new Error(`not a date YYYY-MM-DD: ${date}`);
  return pattern.replace('{date}', date);
}

/** The date of a snapshot named by `pattern`, or undefined when the name is not one of ours. */
export function dateFromSnapshotName(pattern: string, name: string): string | undefined {
  const [before, after] = pattern.split('{date}') as [string, string];
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${quote(before)}(\\d{4}-\\d{2}-\\d{2})${quote(after)}$`).exec(name);
  return m?.[1];
}

/** The subset of SnapshotInfo we read. */
export interface SnapshotInfoLike {
  snapshot?: string;
  uuid?: string;
  state?: string;
  indices?: string[];
  failures?: { index?: string; shard_id?: number | string; reason?: string; status?: string }[];
  shards?: { total?: number; successful?: number; failed?: number };
  include_global_state?: boolean;
  start_time?: string;
  end_time?: string;
  duration_in_millis?: number;
  metadata?: Record<string, unknown>;
}

/** The verdict on a snapshot. Pure: the only place that decides whether a snapshot is good. */
export function judgeSnapshot(
  info: SnapshotInfoLike | undefined,
  expectedIndices: readonly string[],
  name = info?.snapshot ?? '?',
): SnapshotVerdict {
  if (!info) {
    return {
      ok: false,
      snapshot: name,
      state: 'MISSING',
      shards: { total: 0, successful: 0, failed: 0 },
      failures: [],
      indices: [],
      missingIndices: [...expectedIndices],
      problems: [`snapshot ${name} does not exist in the repository`],
    };
  }
  const state = info.state ?? 'UNKNOWN';
  const shards = {
    total: info.shards?.total ?? 0,
    successful: info.shards?.successful ?? 0,
    failed: info.shards?.failed ?? 0,
  };
  const failures: ShardFailure[] = (info.failures ?? []).map((f) => ({
    index: f.index ?? '?',
    shard: f.shard_id === undefined ? null : Number(f.shard_id),
    reason: f.reason ?? '',
    status: f.status ?? '',
  }));
  const indices = [...(info.indices ?? [])].sort();
  const present = new Set(indices);
  const missingIndices = expectedIndices.filter((i) => !present.has(i));
  const problems: string[] = [];
  if (state !== 'SUCCESS') problems.push(`state is ${state}, not SUCCESS`);
  if (shards.failed !== 0) problems.push(`${shards.failed} of ${shards.total} shards failed`);
  if (info.shards === undefined) problems.push('the snapshot reports no shard counts');
  if (failures.length > 0) {
    const shown = failures
      .slice(0, 5)
      .map((f) => `${f.index}[${f.shard ?? '?'}]: ${f.reason}`)
      .join('; ');
    problems.push(`${failures.length} shard failure(s): ${shown}${failures.length > 5 ? '; ...' : ''}`);
  }
  if (missingIndices.length > 0)
    problems.push(`expected indices missing from the snapshot: ${missingIndices.join(', ')}`);
  return {
    ok: problems.length === 0,
    snapshot: info.snapshot ?? name,
    state,
    shards,
    failures,
    indices,
    missingIndices,
    problems,
  };
}

/** Delay before the next poll: grows by half each time from `initialMs`, capped at `maxMs`. */
export function nextPollDelay(previousMs: number | undefined, initialMs = 100, maxMs = 500): number {
  if (previousMs === undefined) return initialMs;
  return Math.min(maxMs, Math.ceil(previousMs * 1.5));
}
