/**
 * Faults of the OpenSearch component against the real node: each gives a clear message and the
 * component fails; nothing earlier is deleted.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  applyOpenSearchRetention,
  createOpenSearchClient,
  ensureRepository,
  type OpenSearchConnection,
  OpenSearchError,
  restoreDrill,
  snapshotOpenSearch,
} from '../../src/shared/opensearch/index.js';
import { type OpenSearchNode, startOpenSearch, useOpenSearch } from '../services/opensearch.js';
import { captureLog, seedIndex, snapshotNames } from './opensearch-helpers.js';

let node: OpenSearchNode;
let os: OpenSearchConnection;

beforeAll(async () => {
  node = await useOpenSearch(inject('bench')?.extensions?.['opensearch']);
  os = createOpenSearchClient({ url: node.url });
  await seedIndex(os.client, 'fault-ok', 20);
});

afterAll(async () => {
  await os?.client.cluster
    .putSettings({ body: { persistent: { 'snapshot.max_concurrent_operations': null } } } as never)
    .catch(() => undefined);
  await os?.close();
  await node?.stop();
});

async function failure(promise: Promise<unknown>): Promise<OpenSearchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenSearchError);
    return error as OpenSearchError;
  }
  throw new Error('expected a failure');
}

describe('repository faults', () => {
  it('a location outside path.repo: not registered, and the message says why', async () => {
    const log = captureLog();
    const error = await failure(
      ensureRepository(
        os.client,
        { repository: 'fault-outside', location: '/var/tmp/not-under-path-repo' },
        log,
      ),
    );
    expect(error.code).toBe('repository-outside-path-repo');
    expect(error.message).toMatch(
      /location \/var\/tmp\/not-under-path-repo is outside OpenSearch's path.repo/,
    );
    expect(error.hint).toMatch(/path.repo/);
    const repos = await os.client.snapshot.getRepository({ repository: 'fault-outside' }, { ignore: [404] });
    expect(repos.statusCode).toBe(404);
  });

  it('a node without path.repo (a second, short-lived node): the message says to set it', async () => {
    const bare = await startOpenSearch({ noPathRepo: true, heap: '384m' });
    const bareClient = createOpenSearchClient({ url: bare.url });
    try {
      const error = await failure(
        ensureRepository(
          bareClient.client,
          { repository: 'my-fs-repository', location: '/mnt/snapshots' },
          captureLog(),
        ),
      );
      expect(error.code).toBe('repository-path-repo-unset');
      expect(error.message).toMatch(/OpenSearch has no path.repo/);
      expect(error.hint).toMatch(/Set path.repo to include \/mnt\/snapshots/);
    } finally {
      await bareClient.close();
      await bare.stop();
    }
  });

  it('a repository directory the OpenSearch user cannot write', async () => {
    // As root the node runs as the bench's non-root user, so a root-owned 0755 directory is really
    // not writable for it; as a normal user the node runs as us and 0555 does the same.
    const dir = join(node.pathRepo, 'fault-readonly');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, process.getuid?.() === 0 ? 0o755 : 0o555);
    if (process.getuid?.() === 0) {
      expect(node.user.uid).not.toBe(0);
      expect(statSync(dir).uid).toBe(0);
    }
    try {
      const error = await failure(
        ensureRepository(os.client, { repository: 'fault-readonly', location: dir }, captureLog()),
      );
      expect(error.code).toBe('repository-not-writable');
      expect(error.message).toMatch(/OpenSearch cannot write to .*fault-readonly/);
      expect(error.hint).toMatch(/chown/);

      // The same directory registered while writable, then made read-only: _verify catches it.
      chmodSync(dir, 0o777);
      await os.client.snapshot.createRepository({
        repository: 'fault-readonly',
        body: { type: 'fs', settings: { location: dir } },
      });
      chmodSync(dir, process.getuid?.() === 0 ? 0o755 : 0o555);
      const later = await failure(
        ensureRepository(os.client, { repository: 'fault-readonly', location: dir }, captureLog()),
      );
      expect(later.code).toBe('repository-not-writable');
    } finally {
      chmodSync(dir, 0o755);
      await os.client.snapshot.deleteRepository({ repository: 'fault-readonly' }, { ignore: [404] });
    }
  });
});

describe('snapshot faults', () => {
  it('a red index with partial: true ends PARTIAL and fails our verdict; without partial it is refused', async () => {
    await os.client.indices.create({
      index: 'fault-red',
      body: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          'index.routing.allocation.require._name': 'no-such-node',
        },
      },
      wait_for_active_shards: '0',
    } as never);
    const repository = 'fault-red-repo';
    const location = join(node.pathRepo, 'fault-red');
    const log = captureLog();
    const error = await failure(
      snapshotOpenSearch(
        os.client,
        {
          repository,
          location,
          date: '2026-11-20',
          indices: ['fault-ok', 'fault-red'],
          partial: true,
          timeoutMs: 60_000,
        },
        log,
      ),
    );
    expect(error.code).toBe('snapshot-failed');
    expect(error.message).toMatch(
      /snapshot snapshot_2026-11-20 failed verification: state is PARTIAL, not SUCCESS/,
    );
    expect(error.message).toMatch(/1 of 2 shards failed/);
    expect(error.details).toMatchObject({
      verdict: 'failed',
      state: 'PARTIAL',
      shards: { total: 2, failed: 1 },
    });
    expect(log.text()).toMatch(/red indices .*fault-red/);

    const refused = await failure(
      snapshotOpenSearch(
        os.client,
        { repository, location, date: '2026-11-21', indices: ['fault-ok', 'fault-red'], timeoutMs: 60_000 },
        captureLog(),
      ),
    );
    expect(refused.code).toBe('snapshot-failed');
    expect(refused.message).toMatch(/creating snapshot snapshot_2026-11-21/);
    expect(refused.hint).toMatch(/Red indices .*fault-red/);

    // The next run the same day does not reuse the PARTIAL one: it deletes it through the API and retakes it.
    await os.client.indices.delete({ index: 'fault-red' });
    const retake = captureLog();
    const ok = await snapshotOpenSearch(
      os.client,
      { repository, location, date: '2026-11-20', indices: ['fault-ok'], timeoutMs: 60_000 },
      retake,
    );
    expect(ok.verdict).toBe('passed');
    expect(retake.text()).toMatch(/exists but fails verification \(state is PARTIAL/);
  });

  it('a snapshot still running at the timeout fails the component, and a concurrent one gets a clear 503 message', async () => {
    // A throttled repository makes the snapshot slow for real.
    const repository = 'fault-slow-repo';
    const location = join(node.pathRepo, 'fault-slow');
    await seedIndex(os.client, 'fault-big', 3000, {}, 400);
    await os.client.snapshot.createRepository({
      repository,
      body: { type: 'fs', settings: { location, max_snapshot_bytes_per_sec: '4kb' } },
    } as never);
    const log = captureLog();
    const started = Date.now();
    const error = await failure(
      snapshotOpenSearch(
        os.client,
        {
          repository,
          location,
          date: '2026-11-22',
          indices: ['fault-big'],
          timeoutMs: 3_000,
          progressEveryMs: 1_000,
        },
        log,
      ),
    );
    const took = Date.now() - started;
    expect(error.code).toBe('snapshot-timeout');
    expect(error.message).toMatch(
      /snapshot_2026-11-22 was still IN_PROGRESS after 3 s \(opensearch-timeout\)/,
    );
    expect(error.hint).toMatch(/keeps running .* not deleted/);
    expect(took).toBeLessThan(20_000);
    expect(log.text()).toMatch(/snapshot_2026-11-22 (STARTED|IN_PROGRESS|INIT): 0\/1 shards/);

    // While it runs, and with one snapshot operation allowed at a time, another snapshot is refused (503).
    await os.client.cluster.putSettings({
      body: { persistent: { 'snapshot.max_concurrent_operations': 1 } },
    } as never);
    try {
      const concurrent = await failure(
        snapshotOpenSearch(
          os.client,
          { repository, location, date: '2026-11-23', indices: ['fault-ok'], timeoutMs: 30_000 },
          captureLog(),
        ),
      );
      expect(concurrent.code).toBe('concurrent-snapshot');
      expect(concurrent.status).toBe(503);
      expect(concurrent.message).toMatch(/another snapshot operation is running on the cluster \(HTTP 503\)/);
      expect(await snapshotNames(os.client, repository)).toEqual(['snapshot_2026-11-22']);
    } finally {
      await os.client.cluster.putSettings({
        body: { persistent: { 'snapshot.max_concurrent_operations': null } },
      } as never);
      // Deleting a running snapshot aborts it.
      await os.client.snapshot.delete({ repository, snapshot: 'snapshot_2026-11-22' });
      await os.client.indices.delete({ index: 'fault-big' });
    }
  });

  it('a shard whose files were removed: the index still looks green, the snapshot ends PARTIAL, our verdict fails', async () => {
    const repository = 'fault-files-repo';
    const location = join(node.pathRepo, 'fault-files');
    const options = { repository, location, indices: ['files-*'], timeoutMs: 60_000 };
    await seedIndex(os.client, 'files-ok', 10);
    await seedIndex(os.client, 'files-broken', 500);
    await os.client.indices.flush({ index: 'files-broken' });
    // An earlier good snapshot, which must survive the failure.
    const earlier = await snapshotOpenSearch(os.client, { ...options, date: '2026-11-10' }, captureLog());
    expect(earlier.verdict).toBe('passed');

    const settings = await os.client.indices.getSettings({ index: 'files-broken' });
    const uuid = (settings.body as Record<string, { settings: { index: { uuid: string } } }>)['files-broken']!
      .settings.index.uuid;
    const shardDir = join(node.dataPath, 'nodes', '0', 'indices', uuid, '0', 'index');
    // New documents, so that the next commit has segment files no snapshot holds yet; then remove them.
    await os.client.bulk({
      body: Array.from({ length: 50 }, (_, i) => [
        { index: { _index: 'files-broken', _id: `new-${i}` } },
        { n: i },
      ]).flat(),
      refresh: 'true',
    } as never);
    await os.client.indices.flush({ index: 'files-broken' });
    for (const f of readdirSync(shardDir))
      if (!f.startsWith('segments') && f !== 'write.lock') rmSync(join(shardDir, f));
    try {
      const health = await os.client.cluster.health({ index: 'files-broken' });
      expect((health.body as { status: string }).status).toBe('green'); // nothing else notices

      const error = await failure(
        snapshotOpenSearch(os.client, { ...options, date: '2026-11-11' }, captureLog()),
      );
      expect(error.code).toBe('snapshot-failed');
      expect(error.message).toMatch(
        /state is PARTIAL, not SUCCESS; 1 of 2 shards failed; 1 shard failure\(s\): files-broken\[0\]/,
      );
      expect(error.message).toMatch(/NoSuchFileException/);
      expect(error.details).toMatchObject({ state: 'PARTIAL', verdict: 'failed', shards: { failed: 1 } });
      // Nothing earlier was deleted.
      expect(await snapshotNames(os.client, repository)).toEqual([
        'snapshot_2026-11-10',
        'snapshot_2026-11-11',
      ]);
      // Retention: the PARTIAL day does not take the daily slot; the verified one keeps it.
      const kept = await applyOpenSearchRetention(
        os.client,
        { repository, policy: { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 } },
        captureLog(),
      );
      expect(kept.deleted).toEqual([]);
      expect(kept.kept).toEqual([
        {
          snapshot: 'snapshot_2026-11-11',
          date: '2026-11-11',
          verified: false,
          why: ['unverified, newer than every verified snapshot (kept for inspection)'],
        },
        { snapshot: 'snapshot_2026-11-10', date: '2026-11-10', verified: true, why: ['daily 2026-11-10'] },
      ]);
    } finally {
      await os.client.indices.delete({ index: 'files-broken' });
    }
  });

  it('a closed index is taken (SUCCESS on 2.19), its count is unknown, the drill restores it', async () => {
    await seedIndex(os.client, 'closed-a', 7);
    await os.client.indices.close({ index: 'closed-a' });
    // A closed index is briefly red while its (closed) shard is allocated again.
    await os.client.cluster.health({ index: 'closed-a', wait_for_status: 'green', timeout: '30s' } as never);
    const repository = 'fault-closed-repo';
    const result = await snapshotOpenSearch(
      os.client,
      {
        repository,
        location: join(node.pathRepo, 'fault-closed'),
        date: '2026-11-12',
        indices: ['closed-*'],
        timeoutMs: 60_000,
      },
      captureLog(),
    );
    expect(result).toMatchObject({ verdict: 'passed', state: 'SUCCESS' });
    expect(result.indices['closed-a']).toEqual({ docs: null, health: 'green', status: 'close' });
    const drill = await restoreDrill(
      os.client,
      { repository, snapshot: result.snapshot, prefix: 'verify-closed-' },
      captureLog(),
    );
    expect(drill.ok).toBe(true);
    expect(drill.indices).toEqual([
      {
        index: 'closed-a',
        restoredAs: 'verify-closed-closed-a',
        expectedDocs: null,
        actualDocs: 7,
        match: true,
      },
    ]);
    await os.client.indices.delete({ index: 'closed-a' });
  });

  it('an index that does not exist', async () => {
    const error = await failure(
      snapshotOpenSearch(
        os.client,
        {
          repository: 'fault-red-repo',
          location: join(node.pathRepo, 'fault-red'),
          date: '2026-11-24',
          indices: ['no-such-index'],
          timeoutMs: 10_000,
        },
        captureLog(),
      ),
    );
    expect(error.code).toBe('index-missing');
    expect(error.message).toMatch(/no such index \[no-such-index\]/);
  });
});
