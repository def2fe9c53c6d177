/**
 * The real restore of a snapshot's indices (the drill, in restore.ts, restores under new names):
 * live indices of the same name are closed or deleted first, then the snapshot's indices come back
 * under their own names: never the global state, never a system index (`.`-prefixed).
 */
import type { Client } from '@opensearch-project/opensearch';
import { describeOpenSearchError, OpenSearchError } from './errors.js';
import type { OpenSearchLog } from './types.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Indices a restore may write: never a system or hidden index. */
export function restorableIndices(indices: readonly string[]): string[] {
  return indices.filter((index) => !index.startsWith('.')).sort();
}

/**
 * The live indices among `names` (closed ones included). All indices are listed and filtered here:
 * `_cat/indices/<a>,<b>` with a missing name does not answer on 2.19 until the client times out.
 */
export async function liveIndices(client: Client, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const response = await client.cat.indices(
    { format: 'json', h: ['index'], expand_wildcards: ['all'] } as never,
    { requestTimeout: 60_000 },
  );
  const found = new Set(((response.body as { index: string }[]) ?? []).map((r) => r.index));
  return names.filter((name) => found.has(name));
}

/** Null when live indices can be closed; else why not (checked before anything changes). */
export async function whyCannotClose(client: Client): Promise<string | null> {
  const response = await client.cluster.getSettings({ include_defaults: true, flat_settings: true } as never);
  const body = response.body as Record<string, Record<string, string> | undefined>;
  const value =
    body['transient']?.['cluster.indices.close.enable'] ??
    body['persistent']?.['cluster.indices.close.enable'] ??
    body['defaults']?.['cluster.indices.close.enable'] ??
    'true';
  return String(value) === 'false'
    ? 'closing indices is disabled on this cluster (cluster.indices.close.enable: false)'
    : null;
}

export interface RestoreIndicesOptions {
  readonly repository: string;
  readonly snapshot: string;
  readonly indices: readonly string[];
  readonly existing: 'close' | 'delete';
  readonly timeoutMs: number;
}

/** Closes (or deletes) the live indices the snapshot replaces. On a failure, reopens what it closed and throws. */
export async function makeRoomForRestore(
  client: Client,
  live: readonly string[],
  existing: 'close' | 'delete',
  log: OpenSearchLog,
): Promise<void> {
  const closed: string[] = [];
  for (const index of live) {
    try {
      if (existing === 'close') {
        await client.indices.close({ index } as never, { maxRetries: 0, requestTimeout: 120_000 });
        closed.push(index);
      } else {
        await client.indices.delete({ index } as never, { maxRetries: 0, requestTimeout: 120_000 });
      }
    } catch (error) {
      if (closed.length > 0)
        await client.indices.open({ index: closed.join(',') } as never).catch(() => undefined);
      throw new OpenSearchError(
        'restore',
        `cannot ${existing} index ${index} before the restore: ${describeOpenSearchError(error, existing).message}`,
      );
    }
  }
  if (live.length > 0)
    log.info(
      `opensearch: ${existing === 'close' ? 'closed' : 'deleted'} ${live.length} live index(es): ${live.join(', ')}`,
    );
}

/**
 * Restores the indices under their own names, waits until every primary shard is active, and
 * returns each one's document count.
 */
export async function restoreIndices(
  client: Client,
  options: RestoreIndicesOptions,
  log: OpenSearchLog,
): Promise<Record<string, number | null>> {
  const indices = restorableIndices(options.indices);
  if (indices.length === 0) return {};
  log.info(
    `opensearch: restoring ${indices.length} index(es) from ${options.snapshot}: ${indices.join(', ')}`,
  );
  try {
    await client.snapshot.restore(
      {
        repository: options.repository,
        snapshot: options.snapshot,
        wait_for_completion: false,
        body: { indices: indices.join(','), include_global_state: false, include_aliases: true },
      } as never,
      { maxRetries: 0, requestTimeout: 120_000 },
    );
  } catch (error) {
    throw describeOpenSearchError(error, `restoring ${options.snapshot}`);
  }
  const health = await waitForPrimaries(client, indices, options.timeoutMs);
  if (health.status === 'yellow') {
    log.info(
      `opensearch: restored; ${health.unassigned} replica shard(s) not allocated yet (${health.nodes} data node(s)); the primaries hold the data`,
    );
  }
  await client.indices.refresh({ index: indices } as never).catch(() => undefined);
  const counts: Record<string, number | null> = {};
  for (const index of indices) {
    const count = await client.count({ index }).catch(() => null);
    counts[index] = (count?.body as { count?: number } | undefined)?.count ?? null;
  }
  return counts;
}

interface RestoredHealth {
  status: string;
  unassigned: number;
  nodes: number;
}

/**
 * Yellow is enough: once every primary shard is active the snapshot's data is in place, and
 * replicas are copied from the primaries, not the snapshot. Waiting for green would hang until
 * `opensearch-timeout` on a single node, where an index with replicas is never green.
 */
async function waitForPrimaries(
  client: Client,
  indices: string[],
  timeoutMs: number,
): Promise<RestoredHealth> {
  const deadline = Date.now() + timeoutMs;
  let health: RestoredHealth = { status: 'red', unassigned: 0, nodes: 0 };
  for (let delay = 100; Date.now() < deadline; delay = Math.min(1000, delay * 2)) {
    const response = await client.cluster.health(
      { index: indices, wait_for_status: 'yellow', timeout: '1s' } as never,
      { ignore: [408], requestTimeout: 30_000 },
    );
    const body = response.body as {
      status?: string;
      unassigned_shards?: number;
      number_of_data_nodes?: number;
    };
    health = {
      status: body.status ?? 'red',
      unassigned: body.unassigned_shards ?? 0,
      nodes: body.number_of_data_nodes ?? 0,
    };
    if (health.status !== 'red') return health;
    await sleep(delay);
  }
  throw new OpenSearchError(
    'restore',
    `the restored indices were still red (primary shards not active) after ${Math.round(timeoutMs / 1000)} s (opensearch-timeout)`,
  );
}
