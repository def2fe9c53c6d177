/**
 * Reading a snapshot's state: GET (the verdict's only source), `_status` for progress and sizes,
 * polling with backoff until it ends, and deleting one through the API.
 */
import type { Client } from '@opensearch-project/opensearch';
import { settingRef } from '../setting-ref.js';
import { formatBytes } from '../text.js';
import { describeOpenSearchError, OpenSearchError } from './errors.js';
import { recordedCounts } from './indices.js';
import { judgeSnapshot, nextPollDelay, type SnapshotInfoLike } from './snapshot-verdict.js';
import type { OpenSearchLog, SnapshotSizes, SnapshotVerdict } from './types.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function getSnapshot(
  client: Client,
  repository: string,
  snapshot: string,
): Promise<SnapshotInfoLike | undefined> {
  try {
    const response = await client.snapshot.get({ repository, snapshot }, { ignore: [404] });
    if (response.statusCode === 404) return undefined;
    return ((response.body as { snapshots?: SnapshotInfoLike[] }).snapshots ?? [])[0];
  } catch (error) {
    throw describeOpenSearchError(error, `reading snapshot ${repository}/${snapshot}`);
  }
}

export async function snapshotSizes(
  client: Client,
  repository: string,
  snapshot: string,
): Promise<SnapshotSizes | null> {
  try {
    const response = await client.snapshot.status({ repository, snapshot }, { requestTimeout: 120_000 });
    const stats = (
      response.body as {
        snapshots?: {
          stats?: {
            total?: { file_count?: number; size_in_bytes?: number };
            incremental?: { file_count?: number; size_in_bytes?: number };
          };
        }[];
      }
    ).snapshots?.[0]?.stats;
    if (!stats) return null;
    return {
      fileCount: stats.total?.file_count ?? 0,
      sizeBytes: stats.total?.size_in_bytes ?? 0,
      incrementalFileCount: stats.incremental?.file_count ?? 0,
      incrementalSizeBytes: stats.incremental?.size_in_bytes ?? 0,
    };
  } catch {
    return null;
  }
}

async function progressLine(
  client: Client,
  repository: string,
  snapshot: string,
  elapsedMs: number,
): Promise<string> {
  try {
    const response = await client.snapshot.status({ repository, snapshot }, { requestTimeout: 10_000 });
    const s = (
      response.body as {
        snapshots?: {
          state?: string;
          shards_stats?: { done?: number; total?: number; failed?: number };
          stats?: { processed?: { size_in_bytes?: number }; total?: { size_in_bytes?: number } };
        }[];
      }
    ).snapshots?.[0];
    const shards = s?.shards_stats;
    const done = s?.stats?.processed?.size_in_bytes ?? 0;
    const total = s?.stats?.total?.size_in_bytes ?? 0;
    return `opensearch: ${snapshot} ${s?.state ?? 'IN_PROGRESS'}: ${shards?.done ?? 0}/${shards?.total ?? '?'} shards${shards?.failed ? `, ${shards.failed} failed` : ''}, ${formatBytes(done)} of ${formatBytes(total)}, ${Math.round(elapsedMs / 1000)} s`;
  } catch {
    return `opensearch: ${snapshot} in progress, ${Math.round(elapsedMs / 1000)} s`;
  }
}

export interface WaitOptions {
  timeoutMs: number;
  progressEveryMs?: number;
  pollInitialMs?: number;
  pollMaxMs?: number;
}

/** Poll until the snapshot is no longer IN_PROGRESS; the final SnapshotInfo. */
export async function waitForSnapshot(
  client: Client,
  repository: string,
  snapshot: string,
  options: WaitOptions,
  log: OpenSearchLog,
): Promise<SnapshotInfoLike> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const progressEvery = options.progressEveryMs ?? 10_000;
  let nextProgress = started + progressEvery;
  let delay: number | undefined;
  let missingSince: number | undefined;
  for (;;) {
    const info = await getSnapshot(client, repository, snapshot);
    if (info && info.state !== 'IN_PROGRESS') return info;
    if (!info) {
      // Registered in the cluster state before create answered, so this is at most a short race.
      missingSince ??= Date.now();
      if (Date.now() - missingSince > 10_000) {
        throw new OpenSearchError(
          'snapshot-failed',
          `snapshot ${snapshot} disappeared from repository '${repository}'`,
          {
            hint: 'Someone deleted it, or the repository was re-registered elsewhere.',
          },
        );
      }
    }
    const now = Date.now();
    if (now >= deadline) {
      throw new OpenSearchError(
        'snapshot-timeout',
        `snapshot ${snapshot} was still ${info?.state ?? 'starting'} after ${Math.round(options.timeoutMs / 1000)} s (opensearch-timeout)`,
        {
          hint: `It keeps running on the cluster and was not deleted; follow it with GET _snapshot/${repository}/${snapshot}/_status. Raise ${settingRef('opensearch-timeout')} if snapshots are this slow.`,
          details: { snapshot, state: info?.state ?? null },
        },
      );
    }
    if (now >= nextProgress) {
      log.info(await progressLine(client, repository, snapshot, now - started));
      nextProgress = now + progressEvery;
    }
    delay = nextPollDelay(delay, options.pollInitialMs, options.pollMaxMs);
    await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
  }
}

export interface VerifySnapshotOptions {
  repository: string;
  snapshot: string;
  /** Indices that must be in it; default: those its own metadata recorded (or none). */
  expectedIndices?: readonly string[];
}

/** Judge an existing snapshot (no side effects). API failures throw; a bad snapshot is a verdict. */
export async function verifyOpenSearchSnapshot(
  client: Client,
  options: VerifySnapshotOptions,
): Promise<SnapshotVerdict> {
  const info = await getSnapshot(client, options.repository, options.snapshot);
  const expected = options.expectedIndices ?? Object.keys(recordedCounts(info) ?? {});
  return judgeSnapshot(info, expected, options.snapshot);
}

/** Delete one snapshot through the API (never by removing files). */
export async function deleteSnapshot(
  client: Client,
  repository: string,
  snapshot: string,
  log: OpenSearchLog,
): Promise<void> {
  try {
    await client.snapshot.delete({ repository, snapshot }, { maxRetries: 0, requestTimeout: 600_000 });
  } catch (error) {
    throw describeOpenSearchError(error, `deleting snapshot ${repository}/${snapshot}`);
  }
  log.info(`opensearch: deleted snapshot ${snapshot} from '${repository}'`);
}
