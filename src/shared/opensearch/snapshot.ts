/**
 * Taking an OpenSearch snapshot that is proven good.
 *
 * - Created WITHOUT wait_for_completion and with no client retry: a long request that timed out
 *   and was sent again would collide with itself (HTTP 503).
 * - Polled with backoff (first poll after 100 ms, at most every 500 ms so the verdict follows the
 *   node's SUCCESS within a second), with a progress line from `_status` every `progressEveryMs`,
 *   bounded by `timeoutMs`.
 * - Judged from `GET _snapshot/<repo>/<snap>` alone: state SUCCESS, shards.failed 0, no failures,
 *   every expected index present. `_status` is used for progress, file counts and sizes only.
 */
import type { Client } from '@opensearch-project/opensearch';
import { plural } from '../report/summary.js';
import { settingRef } from '../setting-ref.js';
import { formatBytes } from '../text.js';
import { describeOpenSearchError, OpenSearchError } from './errors.js';
import { countDocuments, metadataFor, recordedCounts, resolveIndices } from './indices.js';
import { ensureRepository } from './repository.js';
import { deleteSnapshot, getSnapshot, snapshotSizes, waitForSnapshot } from './snapshot-status.js';
import {
  DEFAULT_NAME_PATTERN,
  judgeSnapshot,
  type SnapshotInfoLike,
  snapshotName,
} from './snapshot-verdict.js';
import {
  DEFAULT_EXCLUDED_INDICES,
  type IndexRecord,
  type OpenSearchComponentResult,
  type OpenSearchLog,
  type SnapshotSizes,
  type SnapshotVerdict,
} from './types.js';

export * from './indices.js';
export * from './snapshot-status.js';
export * from './snapshot-verdict.js';

export interface SnapshotOpenSearchOptions {
  repository: string;
  location: string;
  /** The snapshot's day, 'YYYY-MM-DD'. */
  date: string;
  namePattern?: string;
  /** Index names or patterns; default ['*']. */
  indices?: readonly string[];
  /** Never taken; default ['.opendistro_security']. */
  excludeIndices?: readonly string[];
  includeGlobalState?: boolean;
  /** Let OpenSearch take a PARTIAL snapshot when some primaries are unavailable (it still fails our verdict). */
  partial?: boolean;
  /** opensearch-timeout: the snapshot must end within it. */
  timeoutMs: number;
  progressEveryMs?: number;
  pollMaxMs?: number;
  /** Register the repository when missing (default true). */
  registerRepository?: boolean;
}

function componentResult(
  base: {
    repository: string;
    location: string;
    snapshot: string;
    reused: boolean;
    includeGlobalState: boolean;
    excludedIndices: string[];
    started: number;
  },
  info: SnapshotInfoLike | undefined,
  verdict: SnapshotVerdict,
  indices: Record<string, IndexRecord>,
  docCountsSource: OpenSearchComponentResult['docCountsSource'],
  sizes: SnapshotSizes | null,
): OpenSearchComponentResult {
  return {
    component: 'opensearch',
    repository: base.repository,
    location: base.location,
    snapshot: base.snapshot,
    uuid: info?.uuid ?? null,
    state: verdict.state,
    reused: base.reused,
    verdict: verdict.ok ? 'passed' : 'failed',
    problems: verdict.problems,
    includeGlobalState: info?.include_global_state ?? base.includeGlobalState,
    excludedIndices: base.excludedIndices,
    startTime: info?.start_time ?? null,
    endTime: info?.end_time ?? null,
    snapshotDurationMs: info?.duration_in_millis ?? null,
    durationMs: Date.now() - base.started,
    shards: verdict.shards,
    failures: verdict.failures,
    indices,
    docCountsSource,
    sizes,
  };
}

type ResultBase = Parameters<typeof componentResult>[0];

/**
 * The backup's OpenSearch step: ensure + verify the repository, reuse today's snapshot when it is
 * good (or wait for it when it is still running), otherwise take it, wait for it and judge it.
 * Resolves with the manifest record only when the verdict passed; otherwise throws an
 * OpenSearchError whose `details` hold the failed record.
 */
export async function snapshotOpenSearch(
  client: Client,
  options: SnapshotOpenSearchOptions,
  log: OpenSearchLog,
): Promise<OpenSearchComponentResult> {
  const started = Date.now();
  const { repository } = options;
  const name = snapshotName(options.namePattern ?? DEFAULT_NAME_PATTERN, options.date);
  const excludedIndices = [...(options.excludeIndices ?? DEFAULT_EXCLUDED_INDICES)];
  const includeGlobalState = options.includeGlobalState ?? false;

  const repo = await ensureRepository(
    client,
    { repository, location: options.location, register: options.registerRepository ?? true },
    log,
  );
  const base: Omit<ResultBase, 'reused'> = {
    repository,
    location: repo.location,
    snapshot: name,
    includeGlobalState,
    excludedIndices,
    started,
  };
  const reused = await reuseExisting(client, options, base, log);
  if (reused) return reused;
  const { counts, expected } = await createSnapshot(client, options, base, log);

  const info = await waitForSnapshot(client, repository, name, options, log);
  const verdict = judgeSnapshot(info, expected, name);
  const sizes = await snapshotSizes(client, repository, name);
  const result = componentResult(
    { ...base, reused: false },
    info,
    verdict,
    counts,
    'counted-before-snapshot',
    sizes,
  );
  if (!verdict.ok) {
    throw new OpenSearchError(
      'snapshot-failed',
      `snapshot ${name} failed verification: ${verdict.problems.join('; ')}`,
      {
        details: result as unknown as Record<string, unknown>,
        hint: `GET _snapshot/${repository}/${name} shows the snapshot; its failures name the shards and the reasons.`,
      },
    );
  }
  log.info(
    `opensearch: ${name} SUCCESS: ${verdict.shards.successful}/${verdict.shards.total} shards, ${plural(verdict.indices.length, 'index', 'indices')}${sizes ? `, ${formatBytes(sizes.incrementalSizeBytes)} new of ${formatBytes(sizes.sizeBytes)}` : ''}`,
  );
  return result;
}

/**
 * An existing snapshot for the day: reused when good (its record returned), waited for when
 * running, deleted through the API when it fails its verdict (undefined: take it again).
 */
async function reuseExisting(
  client: Client,
  options: SnapshotOpenSearchOptions,
  base: Omit<ResultBase, 'reused'>,
  log: OpenSearchLog,
): Promise<OpenSearchComponentResult | undefined> {
  const { repository, snapshot: name } = base;
  let existing = await getSnapshot(client, repository, name);
  if (existing?.state === 'IN_PROGRESS') {
    log.info(`opensearch: ${name} is already running; waiting for it`);
    existing = await waitForSnapshot(client, repository, name, options, log);
  }
  if (!existing) return undefined;
  const recorded = recordedCounts(existing);
  const rows = await resolveIndices(client, options.indices ?? ['*'], base.excludedIndices);
  const expected = recorded ? Object.keys(recorded) : rows.map((r) => r.index);
  const verdict = judgeSnapshot(existing, expected, name);
  if (!verdict.ok) {
    log.warn(
      `opensearch: ${name} exists but fails verification (${verdict.problems.join('; ')}); deleting it through the API and taking it again`,
    );
    await deleteSnapshot(client, repository, name, log);
    return undefined;
  }
  const indices: Record<string, IndexRecord> = recorded
    ? Object.fromEntries(
        Object.entries(recorded).map(([k, docs]) => {
          const row = rows.find((r) => r.index === k);
          return [k, { docs, health: row?.health ?? 'unknown', status: row?.status ?? 'unknown' }];
        }),
      )
    : await countDocuments(
        client,
        rows.filter((r) => verdict.indices.includes(r.index)),
      );
  log.info(`opensearch: ${name} already exists and passed verification; reusing it`);
  const sizes = await snapshotSizes(client, repository, name);
  return componentResult(
    { ...base, reused: true },
    existing,
    verdict,
    indices,
    recorded ? 'snapshot-metadata' : 'counted-now',
    sizes,
  );
}

/** Counts the documents, then asks for the snapshot (without waiting, without retry). */
async function createSnapshot(
  client: Client,
  options: SnapshotOpenSearchOptions,
  base: Omit<ResultBase, 'reused'>,
  log: OpenSearchLog,
): Promise<{ counts: Record<string, IndexRecord>; expected: string[] }> {
  const { repository, snapshot: name, excludedIndices } = base;
  const rows = await resolveIndices(client, options.indices ?? ['*'], excludedIndices);
  const red = rows.filter((r) => r.health === 'red');
  if (red.length > 0) {
    log.warn(
      `opensearch: red indices (some primary shards unavailable): ${red.map((r) => r.index).join(', ')}`,
    );
  }
  if (rows.length === 0) {
    throw new OpenSearchError(
      'index-missing',
      `no index matches ${(options.indices ?? ['*']).join(',')} (after leaving out ${excludedIndices.join(', ')}): nothing to snapshot`,
      { hint: `Check ${settingRef('indices')} and that OpenSearch holds the data you expect.` },
    );
  }
  const counts = await countDocuments(client, rows);
  const expected = rows.map((r) => r.index);
  const totalDocs = Object.values(counts).reduce((sum, c) => sum + (c.docs ?? 0), 0);
  log.info(
    `opensearch: taking ${name} of ${plural(expected.length, 'index', 'indices')} (${plural(totalDocs, 'document')}) into '${repository}'`,
  );
  try {
    await client.snapshot.create(
      {
        repository,
        snapshot: name,
        wait_for_completion: false,
        body: {
          // An explicit list: the verdict checks exactly these; an empty cluster takes an empty snapshot.
          indices: expected.join(','),
          ignore_unavailable: false,
          include_global_state: base.includeGlobalState,
          partial: options.partial ?? false,
          metadata: metadataFor(counts),
        },
      },
      { maxRetries: 0, requestTimeout: 120_000 },
    );
  } catch (error) {
    const described = describeOpenSearchError(error, `creating snapshot ${name}`);
    if (described.code === 'api' && red.length > 0) {
      throw new OpenSearchError('snapshot-failed', `${described.message}`, {
        ...(described.status === undefined ? {} : { status: described.status }),
        hint: `Red indices cannot be snapshotted completely: ${red.map((r) => r.index).join(', ')}. Fix the cluster (GET _cluster/allocation/explain), or exclude them with ${settingRef('indices')}.`,
      });
    }
    throw described;
  }
  return { counts, expected };
}
