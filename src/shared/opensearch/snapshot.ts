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
import { describeOpenSearchError, OpenSearchError } from './errors.js';
import { ensureRepository } from './repository.js';
import {
  DEFAULT_EXCLUDED_INDICES,
  type IndexRecord,
  type OpenSearchComponentResult,
  type OpenSearchLog,
  type ShardFailure,
  type SnapshotSizes,
  type SnapshotVerdict,
} from './types.js';

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

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
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

function globMatch(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const re = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${re.join('.*')}$`).test(name);
}

interface IndexRow {
  index: string;
  health: string;
  status: string;
}

/** The indices a snapshot should contain, resolved now: open and closed, minus the excluded ones. */
export async function resolveIndices(
  client: Client,
  patterns: readonly string[],
  excluded: readonly string[],
): Promise<IndexRow[]> {
  // Exclusions are applied here, not in the expression: excluding a concrete index that does not
  // exist (no security plugin, no .opendistro_security) is an index_not_found error.
  const expression = patterns.join(',');
  try {
    const response = await client.cat.indices({
      index: expression,
      format: 'json',
      h: ['index', 'health', 'status'],
      expand_wildcards: ['open', 'closed'],
    } as Parameters<Client['cat']['indices']>[0]);
    const rows = (response.body as { index: string; health?: string; status?: string }[]) ?? [];
    return rows
      .filter((r) => !excluded.some((e) => globMatch(e, r.index)))
      .map((r) => ({ index: r.index, health: r.health ?? 'unknown', status: r.status ?? 'unknown' }))
      .sort((a, b) => a.index.localeCompare(b.index));
  } catch (error) {
    const e = describeOpenSearchError(error, `listing the indices ${expression}`);
    if (/index_not_found_exception/.test(e.message)) {
      throw new OpenSearchError('index-missing', e.message, { hint: `Check ${settingRef('indices')}.` });
    }
    throw e;
  }
}

/**
 * `_count` of each open index (after a refresh); null for closed and red ones (a refresh that
 * includes a red index waits for it until the request times out).
 */
export async function countDocuments(
  client: Client,
  rows: readonly IndexRow[],
): Promise<Record<string, IndexRecord>> {
  const countable = (r: IndexRow) => r.status === 'open' && r.health !== 'red';
  const open = rows.filter(countable).map((r) => r.index);
  if (open.length > 0) {
    await client.indices
      .refresh({ index: open, ignore_unavailable: true, expand_wildcards: 'open' } as never, {
        requestTimeout: 60_000,
      })
      .catch(() => undefined);
  }
  const out: Record<string, IndexRecord> = {};
  for (const row of rows) {
    let docs: number | null = null;
    if (countable(row)) {
      try {
        const response = await client.count({ index: row.index });
        docs = (response.body as { count?: number }).count ?? null;
      } catch {
        docs = null; // red index: no count; the snapshot verdict says what is wrong with it
      }
    }
    out[row.index] = { docs, health: row.health, status: row.status };
  }
  return out;
}

const METADATA_KEY = 'gateway_ops';
const METADATA_LIMIT = 1000; // OpenSearch refuses snapshot metadata of 1024 bytes or more

function metadataFor(counts: Record<string, IndexRecord>): Record<string, unknown> {
  const docCounts = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.docs]));
  const full = { [METADATA_KEY]: { taken_by: 'gateway-ops', doc_counts: docCounts } };
  if (JSON.stringify(full).length < METADATA_LIMIT) return full;
  return { [METADATA_KEY]: { taken_by: 'gateway-ops', doc_counts_omitted: Object.keys(counts).length } };
}

/** Document counts recorded in a snapshot's metadata by us, if they fitted. */
export function recordedCounts(
  info: SnapshotInfoLike | undefined,
): Record<string, number | null> | undefined {
  const meta = info?.metadata?.[METADATA_KEY] as { doc_counts?: Record<string, number | null> } | undefined;
  return meta?.doc_counts;
}

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
  const base = {
    repository,
    location: repo.location,
    snapshot: name,
    includeGlobalState,
    excludedIndices,
    started,
  };
  const fail = (
    message: string,
    result: OpenSearchComponentResult,
    code: 'snapshot-failed' | 'index-missing' = 'snapshot-failed',
  ) =>
    new OpenSearchError(code, message, {
      details: result as unknown as Record<string, unknown>,
      hint: `GET _snapshot/${repository}/${name} shows the snapshot; its failures name the shards and the reasons.`,
    });

  // An existing snapshot for the day: reuse it when good, wait for it when running, replace it when failed.
  let existing = await getSnapshot(client, repository, name);
  if (existing?.state === 'IN_PROGRESS') {
    log.info(`opensearch: ${name} is already running; waiting for it`);
    existing = await waitForSnapshot(client, repository, name, options, log);
  }
  if (existing) {
    const recorded = recordedCounts(existing);
    const rows = await resolveIndices(client, options.indices ?? ['*'], excludedIndices);
    const expected = recorded ? Object.keys(recorded) : rows.map((r) => r.index);
    const verdict = judgeSnapshot(existing, expected, name);
    if (verdict.ok) {
      const now = recorded
        ? undefined
        : await countDocuments(
            client,
            rows.filter((r) => verdict.indices.includes(r.index)),
          );
      const indices: Record<string, IndexRecord> = recorded
        ? Object.fromEntries(
            Object.entries(recorded).map(([k, docs]) => {
              const row = rows.find((r) => r.index === k);
              return [k, { docs, health: row?.health ?? 'unknown', status: row?.status ?? 'unknown' }];
            }),
          )
        : now!;
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
    log.warn(
      `opensearch: ${name} exists but fails verification (${verdict.problems.join('; ')}); deleting it through the API and taking it again`,
    );
    await deleteSnapshot(client, repository, name, log);
  }

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
          include_global_state: includeGlobalState,
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
    throw fail(`snapshot ${name} failed verification: ${verdict.problems.join('; ')}`, result);
  }
  log.info(
    `opensearch: ${name} SUCCESS: ${verdict.shards.successful}/${verdict.shards.total} shards, ${plural(verdict.indices.length, 'index', 'indices')}${sizes ? `, ${formatBytes(sizes.incrementalSizeBytes)} new of ${formatBytes(sizes.sizeBytes)}` : ''}`,
  );
  return result;
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
