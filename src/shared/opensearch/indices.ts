/** The indices a snapshot takes, their document counts, and the counts recorded in its metadata. */
import type { Client } from '@opensearch-project/opensearch';
import { settingRef } from '../setting-ref.js';
import { describeOpenSearchError, OpenSearchError } from './errors.js';
import type { SnapshotInfoLike } from './snapshot-verdict.js';
import type { IndexRecord } from './types.js';

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

export function metadataFor(counts: Record<string, IndexRecord>): Record<string, unknown> {
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
