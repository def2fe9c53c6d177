/**
 * The restore drill: restore a snapshot into renamed indices next to the live ones
 * (`rename_pattern`/`rename_replacement`, no aliases, no global state, no replicas), compare their
 * document counts with the ones recorded when the snapshot was taken, then delete the renamed
 * indices again, whatever happened.
 */

import type { Client } from '@opensearch-project/opensearch';
import { plural } from '../report/summary.js';
import { describeOpenSearchError, OpenSearchError } from './errors.js';
import { getSnapshot, recordedCounts } from './snapshot.js';
import {
  DEFAULT_EXCLUDED_INDICES,
  type OpenSearchLog,
  type RestoreDrillIndex,
  type RestoreDrillResult,
} from './types.js';

export interface RestoreDrillOptions {
  repository: string;
  snapshot: string;
  /** Per index, the document count recorded at snapshot time (the manifest's); default: the snapshot's metadata. */
  expectedDocs?: Record<string, number | null>;
  /** Restored indices are named `<prefix><index>`; default `verify-<date>-` (today, UTC). Must be lower case. */
  prefix?: string;
  /** How long the restore may take; default 10 minutes. */
  timeoutMs?: number;
  excludeIndices?: readonly string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function deleteIndices(client: Client, names: readonly string[]): Promise<void> {
  // Explicit names: wildcard deletes may be disabled (action.destructive_requires_name).
  for (let i = 0; i < names.length; i += 50) {
    await client.indices.delete({ index: names.slice(i, i + 50), ignore_unavailable: true } as never, {
      ignore: [404],
      maxRetries: 0,
      requestTimeout: 120_000,
    });
  }
}

async function existingWithPrefix(client: Client, prefix: string): Promise<string[]> {
  const response = await client.cat.indices(
    { index: `${prefix}*`, format: 'json', h: ['index'], expand_wildcards: ['all'] } as never,
    { ignore: [404] },
  );
  if (response.statusCode === 404) return [];
  return ((response.body as { index: string }[]) ?? [])
    .map((r) => r.index)
    .filter((n) => n.startsWith(prefix));
}

/** What a drill restores: the snapshot's indices it has counts for, and what is missing from it. */
async function planDrill(
  client: Client,
  options: RestoreDrillOptions,
): Promise<{ expected: Record<string, number | null>; toRestore: string[]; problems: string[] }> {
  const { repository, snapshot } = options;
  const excluded = new Set(options.excludeIndices ?? DEFAULT_EXCLUDED_INDICES);
  const info = await getSnapshot(client, repository, snapshot);
  if (!info) {
    throw new OpenSearchError('restore', `restore drill: snapshot ${repository}/${snapshot} does not exist`);
  }
  const expected = options.expectedDocs ?? recordedCounts(info);
  if (!expected) {
    throw new OpenSearchError(
      'restore',
      `restore drill: no document counts to compare with for ${snapshot} (neither given nor in the snapshot's metadata)`,
    );
  }
  const inSnapshot = new Set(info.indices ?? []);
  const sources = Object.keys(expected)
    .filter((i) => !excluded.has(i))
    .sort();
  const problems = sources
    .filter((s) => !inSnapshot.has(s))
    .map((s) => `index ${s} is not in snapshot ${snapshot}`);
  return { expected, toRestore: sources.filter((s) => inSnapshot.has(s)), problems };
}

/** Restores `indices` as `<prefix><index>` and waits for them to be green; returns a problem, or null. */
async function restoreRenamed(
  client: Client,
  options: RestoreDrillOptions,
  indices: readonly string[],
  prefix: string,
  timeoutMs: number,
): Promise<string | null> {
  const { repository, snapshot } = options;
  try {
    await client.snapshot.restore(
      {
        repository,
        snapshot,
        wait_for_completion: false,
        body: {
          indices: indices.join(','),
          include_global_state: false,
          include_aliases: false,
          rename_pattern: '(.+)',
          rename_replacement: `${prefix}$1`,
          index_settings: { 'index.number_of_replicas': 0 },
        },
      } as never,
      { maxRetries: 0, requestTimeout: 120_000 },
    );
  } catch (error) {
    throw describeOpenSearchError(error, `restoring ${snapshot} into ${prefix}*`);
  }
  const restoredNames = indices.map((s) => `${prefix}${s}`);
  const deadline = Date.now() + timeoutMs;
  let status = 'red';
  let delay = 100;
  while (Date.now() < deadline) {
    const health = await client.cluster.health(
      { index: restoredNames, wait_for_status: 'green', timeout: '1s' } as never,
      { ignore: [408], requestTimeout: 30_000 },
    );
    status = (health.body as { status?: string }).status ?? 'red';
    if (status === 'green') break;
    await sleep(delay);
    delay = Math.min(1000, delay * 2);
  }
  await client.indices.refresh({ index: restoredNames } as never).catch(() => undefined);
  return status === 'green'
    ? null
    : `the restored indices were still ${status} after ${Math.round(timeoutMs / 1000)} s`;
}

/** Each restored index's document count against the recorded one; differences go into `problems`. */
async function compareCounts(
  client: Client,
  toRestore: readonly string[],
  prefix: string,
  expected: Record<string, number | null>,
  problems: string[],
): Promise<RestoreDrillIndex[]> {
  const indices: RestoreDrillIndex[] = [];
  for (const source of toRestore) {
    const restoredAs = `${prefix}${source}`;
    const expectedDocs = expected[source] ?? null;
    let actualDocs: number | null = null;
    try {
      const count = await client.count({ index: restoredAs });
      actualDocs = (count.body as { count?: number }).count ?? null;
    } catch (error) {
      problems.push(`counting ${restoredAs}: ${describeOpenSearchError(error, 'count').message}`);
    }
    const match = expectedDocs === null ? actualDocs !== null : actualDocs === expectedDocs;
    if (!match) {
      problems.push(
        `${source}: ${actualDocs ?? 'no'} documents restored, ${expectedDocs ?? 'unknown'} recorded at snapshot time`,
      );
    }
    indices.push({ index: source, restoredAs, expectedDocs, actualDocs, match });
  }
  return indices;
}

export async function restoreDrill(
  client: Client,
  options: RestoreDrillOptions,
  log: OpenSearchLog,
): Promise<RestoreDrillResult> {
  const started = Date.now();
  const { repository, snapshot } = options;
  const prefix = options.prefix ?? `verify-${new Date().toISOString().slice(0, 10)}-`;
  if (!/^[a-z0-9][a-z0-9_.-]*-$/.test(prefix)) {
    throw new OpenSearchError(
      'restore',
      `restore drill: prefix '${prefix}' must be lower case and end with '-'`,
    );
  }
  const { expected, toRestore, problems } = await planDrill(client, options);
  const restoredNames = toRestore.map((s) => `${prefix}${s}`);

  const leftovers = await existingWithPrefix(client, prefix);
  if (leftovers.length > 0) {
    log.warn(
      `opensearch: deleting ${leftovers.length} index(es) left by an earlier drill: ${leftovers.join(', ')}`,
    );
    await deleteIndices(client, leftovers);
  }

  let indices: RestoreDrillIndex[] = [];
  let cleanedUp = false;
  try {
    if (toRestore.length > 0) {
      log.info(
        `opensearch: restore drill of ${snapshot}: ${plural(toRestore.length, 'index', 'indices')} as ${prefix}*`,
      );
      const problem = await restoreRenamed(client, options, toRestore, prefix, options.timeoutMs ?? 600_000);
      if (problem) problems.push(problem);
    }
    indices = await compareCounts(client, toRestore, prefix, expected, problems);
  } finally {
    try {
      await deleteIndices(client, restoredNames);
      cleanedUp = true;
      if (restoredNames.length > 0)
        log.info(`opensearch: deleted the ${restoredNames.length} drill index(es) ${prefix}*`);
    } catch (error) {
      log.warn(
        `opensearch: could not delete the drill indices ${prefix}*: ${describeOpenSearchError(error, 'delete').message}`,
      );
    }
  }

  const ok = problems.length === 0;
  const result: RestoreDrillResult = {
    ok,
    repository,
    snapshot,
    indices,
    problems,
    cleanedUp,
    durationMs: Date.now() - started,
  };
  log.info(
    `opensearch: restore drill of ${snapshot}: ${ok ? 'passed' : 'FAILED'} (${indices.filter((i) => i.match).length}/${indices.length} indices match)`,
  );
  return result;
}
