/**
 * Restoring an index that has replicas onto a single node: the replicas can never be allocated,
 * so the index stays yellow. The restore must finish once the primaries hold the data, not wait
 * for green until `opensearch-timeout` (30 minutes by default) and then fail a good restore.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createOpenSearchClient,
  makeRoomForRestore,
  type OpenSearchConnection,
  restoreIndices,
  snapshotOpenSearch,
} from '../../src/shared/opensearch/index.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { captureLog, seedIndex } from './opensearch-helpers.js';

let node: OpenSearchNode;
let os: OpenSearchConnection;
const repository = 'it-replicas-repo';

beforeAll(async () => {
  node = await useOpenSearch(inject('bench')?.extensions?.['opensearch']);
  os = createOpenSearchClient({ url: node.url });
  await os.client.indices.delete({ index: 'replicas-*' } as never).catch(() => undefined);
  await seedIndex(os.client, 'replicas-docs', 40, { number_of_replicas: 1 });
});

afterAll(async () => {
  await os?.client.indices.delete({ index: 'replicas-*' } as never).catch(() => undefined);
  await os?.close();
  await node?.stop();
});

describe('restoreIndices on a single node', () => {
  it('restores an index with a replica (yellow for ever here) as soon as its primaries are active', async () => {
    const health = await os.client.cluster.health({ index: 'replicas-docs' } as never);
    expect((health.body as { status: string }).status).toBe('yellow');
    const location = join(node.pathRepo, 'it-replicas');
    const taken = await snapshotOpenSearch(
      os.client,
      { repository, location, indices: ['replicas-*'], timeoutMs: 60_000, date: '2026-11-30' },
      captureLog(),
    );
    expect(taken.verdict).toBe('passed');
    await os.client.index({ index: 'replicas-docs', id: 'after', body: { n: -1 }, refresh: true } as never);

    const log = captureLog();
    await makeRoomForRestore(os.client, ['replicas-docs'], 'close', log);
    const started = Date.now();
    const counts = await restoreIndices(
      os.client,
      {
        repository,
        snapshot: taken.snapshot,
        indices: ['replicas-docs'],
        existing: 'close',
        timeoutMs: 60_000,
      },
      log,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(counts).toEqual({ 'replicas-docs': 40 });
    expect(log.text()).toMatch(/[1-9]\d* replica shard\(s\) not allocated yet \(1 data node\(s\)\)/);
  });
});
