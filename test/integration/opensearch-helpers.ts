/** Helpers for the OpenSearch integration tests (not a test file itself). */
import { execFileSync } from 'node:child_process';
import type { Client } from '@opensearch-project/opensearch';
import type { OpenSearchLog } from '../../src/shared/opensearch/index.js';

export interface CapturedLog extends OpenSearchLog {
  lines: string[];
  text(): string;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(`info: ${line}`),
    warn: (line) => lines.push(`warn: ${line}`),
    text: () => lines.join('\n'),
  };
}

/** Create `index` (1 shard, no replica unless told) and bulk-load `count` documents. */
export async function seedIndex(
  client: Client,
  index: string,
  count: number,
  settings: Record<string, unknown> = {},
  docBytes = 40,
): Promise<void> {
  await client.indices.create({
    index,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0, ...settings } },
  } as never);
  const filler = 'x'.repeat(Math.max(0, docBytes - 20));
  for (let start = 0; start < count; start += 1000) {
    const body: unknown[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      body.push({ index: { _index: index, _id: String(i) } }, { n: i, text: `${filler}${i}` });
    }
    const response = await client.bulk({ body, refresh: 'true' } as never);
    if ((response.body as { errors?: boolean }).errors) throw new Error(`bulk into ${index} had errors`);
  }
}

/** Bytes on disk under `dir` (du -sb). */
export function diskUsage(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

export async function snapshotNames(client: Client, repository: string): Promise<string[]> {
  const response = await client.snapshot.get({ repository, snapshot: '_all' });
  return ((response.body as { snapshots?: { snapshot: string }[] }).snapshots ?? [])
    .map((s) => s.snapshot)
    .sort();
}
