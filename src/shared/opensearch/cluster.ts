/**
 * Reading the cluster's state for the health check (the runbook's cluster health, disk
 * allocation and cluster settings), and changing the disk watermarks. Each call is one request;
 * every failure becomes an OpenSearchError that says what was being read.
 */
import type { Client } from '@opensearch-project/opensearch';
import type {
  AllocationExplainBody,
  CatAllocationRow,
  ClusterHealthBody,
  UnassignedShard,
} from '../health/opensearch.js';
import { explainUnassigned, pathRepoOf } from '../health/opensearch.js';
import { type ClusterSettingsBody, WATERMARK_KEYS, type WatermarkLevel } from '../health/watermarks.js';
import { describeOpenSearchError, OpenSearchError } from './errors.js';

async function read<T>(doing: string, request: () => Promise<{ body: unknown }>): Promise<T> {
  try {
    return (await request()).body as T;
  } catch (error) {
    throw describeOpenSearchError(error, doing);
  }
}

export function readClusterHealth(client: Client): Promise<ClusterHealthBody> {
  return read('reading the cluster health', () => client.cluster.health());
}

/** Up to `max` unassigned shards, primaries first, each with what allocation/explain says. */
export async function readUnassignedShards(client: Client, max: number): Promise<UnassignedShard[]> {
  const rows = await read<
    { index?: string; shard?: string; prirep?: string; state?: string; 'unassigned.reason'?: string }[]
  >('listing the shards', () =>
    client.cat.shards({ format: 'json', h: ['index', 'shard', 'prirep', 'state', 'unassigned.reason'] }),
  );
  const unassigned = rows
    .filter((row) => row.state === 'UNASSIGNED')
    .map((row) => ({
      index: row.index ?? '?',
      shard: Number(row.shard),
      primary: row.prirep === 'p',
      reason: row['unassigned.reason'] ?? 'unknown',
      explanation: '',
    }))
    .sort(
      (a, b) => Number(b.primary) - Number(a.primary) || a.index.localeCompare(b.index) || a.shard - b.shard,
    )
    .slice(0, max);
  const explained: UnassignedShard[] = [];
  for (const shard of unassigned) {
    try {
      const body = await read<AllocationExplainBody>(`explaining ${shard.index}[${shard.shard}]`, () =>
        client.cluster.allocationExplain({
          body: { index: shard.index, shard: shard.shard, primary: shard.primary },
        }),
      );
      explained.push(explainUnassigned(body, shard));
    } catch (error) {
      // The shard may have been assigned since it was listed: keep what the listing said.
      explained.push({ ...shard, explanation: `allocation/explain failed: ${(error as Error).message}` });
    }
  }
  return explained;
}

export function readDiskAllocation(client: Client): Promise<CatAllocationRow[]> {
  return read('reading the disk allocation (_cat/allocation)', () =>
    client.cat.allocation({ format: 'json', bytes: 'b' }),
  );
}

export function readClusterSettings(client: Client): Promise<ClusterSettingsBody> {
  return read('reading the cluster settings', () =>
    client.cluster.getSettings({ include_defaults: true, flat_settings: true }),
  );
}

/** Each node's name and path.repo. */
export async function readPathRepo(client: Client): Promise<{ name: string; pathRepo: string[] }[]> {
  const body = await read<{ nodes?: Record<string, { name?: string; settings?: Record<string, unknown> }> }>(
    'reading the nodes settings (path.repo)',
    () => client.nodes.info({ metric: ['settings'] }),
  );
  return Object.entries(body.nodes ?? {}).map(([id, node]) => ({
    name: node.name ?? id,
    pathRepo: pathRepoOf(node.settings),
  }));
}

/** The registered repository's type and location, or null when it is not registered. */
export async function readRepository(
  client: Client,
  repository: string,
): Promise<{ type: string; location: string } | null> {
  try {
    const response = await client.snapshot.getRepository({ repository }, { ignore: [404] });
    if (response.statusCode === 404) return null;
    const found = (response.body as Record<string, { type?: string; settings?: { location?: string } }>)[
      repository
    ];
    return found ? { type: found.type ?? 'unknown', location: found.settings?.location ?? '' } : null;
  } catch (error) {
    throw describeOpenSearchError(error, `reading snapshot repository '${repository}'`);
  }
}

/**
 * Sets the given watermark levels (null: remove the override) in one request; fails unless the
 * cluster acknowledged it.
 */
export async function putWatermarks(
  client: Client,
  scope: 'persistent' | 'transient',
  values: Partial<Record<WatermarkLevel, string | null>>,
): Promise<void> {
  const settings: Record<string, string | null> = {};
  for (const [level, value] of Object.entries(values) as [WatermarkLevel, string | null][]) {
    settings[WATERMARK_KEYS[level]] = value;
  }
  const body = await read<{ acknowledged?: boolean }>('changing the disk watermarks', () =>
    client.cluster.putSettings({ body: { [scope]: settings } }),
  );
  if (body.acknowledged !== true) {
    throw new OpenSearchError('api', 'changing the disk watermarks: the cluster did not acknowledge it', {
      hint: 'GET _cluster/settings shows what it holds now; run set-watermarks again.',
    });
  }
}
