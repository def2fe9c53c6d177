/**
 * The OpenSearch component against a real OpenSearch 2.19 node: snapshot, verify, reuse, restore
 * drill, retention (gone from GET _snapshot/<repo>/_all, the repository directory shrinks),
 * incremental second snapshot.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  applyOpenSearchRetention,
  createOpenSearchClient,
  type OpenSearchConnection,
  restoreDrill,
  snapshotOpenSearch,
  verifyOpenSearchSnapshot,
} from '../../src/shared/opensearch/index.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { captureLog, diskUsage, seedIndex, snapshotNames } from './opensearch-helpers.js';

let node: OpenSearchNode;
let os: OpenSearchConnection;
const repository = 'it-main-repo';
let location: string;

beforeAll(async () => {
  node = await useOpenSearch(inject('bench')?.extensions?.['opensearch']);
  os = createOpenSearchClient({ url: node.url });
  location = join(node.pathRepo, 'it-main');
  await seedIndex(os.client, 'main-orders', 1200);
  await seedIndex(os.client, 'main-users', 35);
});

afterAll(async () => {
  await os?.close();
  await node?.stop();
});

const base = () => ({ repository, location, indices: ['main-*'], timeoutMs: 60_000 });

describe('snapshotOpenSearch on a real node', () => {
  it('registers the repository, takes, polls and verifies a snapshot, and records doc counts', async () => {
    const log = captureLog();
    const result = await snapshotOpenSearch(os.client, { ...base(), date: '2026-10-31' }, log);
    expect(result).toMatchObject({
      component: 'opensearch',
      repository,
      location,
      snapshot: 'snapshot_2026-10-31',
      state: 'SUCCESS',
      verdict: 'passed',
      reused: false,
      problems: [],
      includeGlobalState: false,
      excludedIndices: ['.opendistro_security'],
      shards: { total: 2, successful: 2, failed: 0 },
      docCountsSource: 'counted-before-snapshot',
    });
    expect(result.indices['main-orders']?.docs).toBe(1200);
    expect(result.indices['main-users']?.docs).toBe(35);
    expect(result.sizes?.fileCount).toBeGreaterThan(0);
    expect(result.sizes?.sizeBytes).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(log.text()).toMatch(/registering snapshot repository 'it-main-repo'/);
    expect(log.text()).toMatch(/verified by 1 node/);
    expect(log.text()).toMatch(/snapshot_2026-10-31 SUCCESS: 2\/2 shards/);
    // The node's own view
    const get = await os.client.snapshot.get({ repository, snapshot: 'snapshot_2026-10-31' });
    const info = (get.body as { snapshots: { include_global_state: boolean; indices: string[] }[] })
      .snapshots[0]!;
    expect(info.include_global_state).toBe(false);
    expect(info.indices.sort()).toEqual(['main-orders', 'main-users']);
  });

  it('verifies an existing snapshot on its own and reuses it on a second run the same day', async () => {
    const verdict = await verifyOpenSearchSnapshot(os.client, {
      repository,
      snapshot: 'snapshot_2026-10-31',
    });
    expect(verdict.ok).toBe(true);
    expect(verdict.indices).toEqual(['main-orders', 'main-users']);
    const missing = await verifyOpenSearchSnapshot(os.client, {
      repository,
      snapshot: 'snapshot_1999-01-01',
    });
    expect(missing.ok).toBe(false);
    expect(missing.problems[0]).toMatch(/does not exist/);

    const log = captureLog();
    const again = await snapshotOpenSearch(os.client, { ...base(), date: '2026-10-31' }, log);
    expect(again.reused).toBe(true);
    expect(again.verdict).toBe('passed');
    expect(again.docCountsSource).toBe('snapshot-metadata');
    expect(again.indices['main-orders']?.docs).toBe(1200);
    expect(log.text()).toMatch(/already exists and passed verification; reusing it/);
    expect(await snapshotNames(os.client, repository)).toEqual(['snapshot_2026-10-31']);
  });

  it('restore drill: renamed indices, matching counts, cleaned up; a count mismatch fails it', async () => {
    const log = captureLog();
    const drill = await restoreDrill(
      os.client,
      { repository, snapshot: 'snapshot_2026-10-31', prefix: 'verify-2026-10-31-' },
      log,
    );
    expect(drill.problems).toEqual([]);
    expect(drill.ok).toBe(true);
    expect(drill.cleanedUp).toBe(true);
    expect(drill.indices).toEqual([
      {
        index: 'main-orders',
        restoredAs: 'verify-2026-10-31-main-orders',
        expectedDocs: 1200,
        actualDocs: 1200,
        match: true,
      },
      {
        index: 'main-users',
        restoredAs: 'verify-2026-10-31-main-users',
        expectedDocs: 35,
        actualDocs: 35,
        match: true,
      },
    ]);
    const left = await os.client.cat.indices({ index: 'verify-*', format: 'json' } as never, {
      ignore: [404],
    });
    expect(left.body).toEqual([]);
    // The live indices were not touched.
    expect(((await os.client.count({ index: 'main-orders' })).body as { count: number }).count).toBe(1200);

    const bad = await restoreDrill(
      os.client,
      {
        repository,
        snapshot: 'snapshot_2026-10-31',
        prefix: 'verify-bad-',
        expectedDocs: { 'main-orders': 1201, 'main-users': 35 },
      },
      captureLog(),
    );
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(['main-orders: 1200 documents restored, 1201 recorded at snapshot time']);
    expect(bad.cleanedUp).toBe(true);
  });

  it('a second snapshot of an unchanged cluster is incremental', async () => {
    const result = await snapshotOpenSearch(os.client, { ...base(), date: '2026-11-01' }, captureLog());
    expect(result.verdict).toBe('passed');
    expect(result.sizes).not.toBeNull();
    // Only the per-snapshot metadata is new; the segment files are shared with the first snapshot.
    expect(result.sizes!.incrementalSizeBytes).toBeLessThan(result.sizes!.sizeBytes / 4);
  });

  it('retention deletes the old snapshot through the API and the repository directory shrinks', async () => {
    // Replace the data: the 2026-10-31/11-01 snapshots now hold files no newer snapshot shares.
    await os.client.indices.delete({ index: 'main-orders' });
    await seedIndex(os.client, 'main-orders', 300, {}, 200);
    const today = await snapshotOpenSearch(os.client, { ...base(), date: '2026-11-25' }, captureLog());
    expect(today.verdict).toBe('passed');
    expect(await snapshotNames(os.client, repository)).toEqual([
      'snapshot_2026-10-31',
      'snapshot_2026-11-01',
      'snapshot_2026-11-25',
    ]);
    const before = diskUsage(location);

    const log = captureLog();
    const dry = await applyOpenSearchRetention(
      os.client,
      { repository, policy: { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 }, dryRun: true },
      log,
    );
    expect(dry.deleted.map((d) => d.snapshot)).toEqual(['snapshot_2026-11-01', 'snapshot_2026-10-31']);
    expect(await snapshotNames(os.client, repository)).toHaveLength(3);

    const result = await applyOpenSearchRetention(
      os.client,
      { repository, policy: { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 } },
      log,
    );
    expect(result.kept.map((k) => k.snapshot)).toEqual(['snapshot_2026-11-25']);
    expect(result.deleted.map((d) => d.snapshot)).toEqual(['snapshot_2026-11-01', 'snapshot_2026-10-31']);
    expect(await snapshotNames(os.client, repository)).toEqual(['snapshot_2026-11-25']);
    const after = diskUsage(location);
    expect(after).toBeLessThan(before);
    // What is left still restores.
    const drill = await restoreDrill(
      os.client,
      { repository, snapshot: 'snapshot_2026-11-25', prefix: 'verify-left-' },
      log,
    );
    expect(drill.ok).toBe(true);
  });

  it('leaves snapshots that are not ours alone', async () => {
    await os.client.snapshot.create({
      repository,
      snapshot: 'manual-before-upgrade',
      wait_for_completion: true,
      body: { indices: 'main-users', include_global_state: false },
    });
    const result = await applyOpenSearchRetention(
      os.client,
      { repository, policy: { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 } },
      captureLog(),
    );
    expect(result.ignored).toEqual(['manual-before-upgrade']);
    expect(result.deleted).toEqual([]); // the newest verified one is always kept
    expect(await snapshotNames(os.client, repository)).toEqual([
      'manual-before-upgrade',
      'snapshot_2026-11-25',
    ]);
  });
});
