/**
 * Done-when of the OpenSearch part of the backup: the backup action's bundle (run as the runner
 * runs it) over SSH against the bench host, with the real OpenSearch node behind the SSH tunnel.
 * It takes and verifies the snapshot, writes opensearch/snapshot.json into the manifest, and its
 * retention removes the old snapshot from the repository (gone from GET _snapshot/<repo>/_all, the
 * directory shrinks); the restore drill on the result matches the recorded counts.
 * Needs the whole bench (the integration project's global setup) and a built bundle (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createOpenSearchClient,
  type OpenSearchConnection,
  restoreDrill,
  snapshotOpenSearch,
} from '../../src/shared/opensearch/index.js';
import { openDockerDouble } from '../bench/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../bench/opensearch.js';
import { runBundle } from '../helpers/action-runner.js';
import { captureLog, diskUsage, seedIndex, snapshotNames } from './opensearch-helpers.js';

const bench = inject('bench');
const CONTAINER = 'gwops-action-opensearch';
const PASSWORD = 'Act10n-0pensearch-pw';
const repository = 'action-repo';
let node: OpenSearchNode;
let os: OpenSearchConnection;
let location: string;

beforeAll(async () => {
  node = await useOpenSearch(bench?.extensions?.['opensearch']);
  os = createOpenSearchClient({ url: node.url });
  location = join(node.pathRepo, 'action');
  openDockerDouble(bench.docker.stateDir).createContainer({
    name: CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: PASSWORD },
  });
});

afterAll(async () => {
  await os?.close();
  await node?.stop();
});

function deployDir(name: string): string {
  const dir = join(bench.workDir, name);
  mkdirSync(dir, { recursive: true });
  spawnSync('chown', ['-R', `${bench.user.uid}:${bench.user.gid}`, dir]);
  return dir;
}

describe('actions/backup with the OpenSearch component, over SSH, against the real node', () => {
  it('takes and verifies the snapshot, records it in the manifest, prunes the old one', async () => {
    await seedIndex(os.client, 'action-items', 321);
    // An old snapshot of other data: retention must remove it, and its files with it.
    await seedIndex(os.client, 'action-old', 2000, {}, 300);
    const old = await snapshotOpenSearch(
      os.client,
      { repository, location, date: '2025-01-15', indices: ['action-*'], timeoutMs: 60_000 },
      captureLog(),
    );
    expect(old.verdict).toBe('passed');
    await os.client.indices.delete({ index: 'action-old' });

    const dir = deployDir('action-opensearch');
    const r = runBundle('backup', {
      'ssh-host': bench.ssh.host,
      'ssh-port': String(bench.ssh.port),
      'ssh-user': bench.ssh.username,
      'ssh-private-key': bench.ssh.clientKey.privateKey,
      'ssh-known-hosts': bench.ssh.knownHostsLine,
      'deploy-dir': dir,
      components: 'opensearch',
      'opensearch-container': CONTAINER,
      'opensearch-url': `http://127.0.0.1:${node.port}`,
      'snapshot-repository': repository,
      'snapshot-location': location,
      indices: 'action-*',
      'keep-daily': '1',
      'keep-weekly': '0',
      'keep-monthly': '0',
    });
    expect(r.stderr + r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    // Registered as a secret before anything could print it, and printed nowhere else.
    expect(r.stdout).toContain(`::add-mask::${PASSWORD}`);
    expect(r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr + r.summary).not.toContain(PASSWORD);
    const date = r.outputs['snapshot-date']!;
    const manifest = JSON.parse(r.outputs['manifest']!);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['opensearch/snapshot.json']);
    expect(manifest.components.opensearch).toMatchObject({
      verdict: 'passed',
      details: { snapshot: `snapshot_${date}`, repository, state: 'SUCCESS', reused: false },
    });
    const record = JSON.parse(
      readFileSync(join(dir, 'data/backups', date, 'opensearch/snapshot.json'), 'utf8'),
    );
    expect(record).toMatchObject({
      snapshot: `snapshot_${date}`,
      verdict: 'passed',
      shards: { failed: 0 },
      indices: { 'action-items': { docs: 321 } },
    });

    // Retention ran through the API: only today's snapshot is left, and the old files are gone.
    expect(await snapshotNames(os.client, repository)).toEqual([`snapshot_${date}`]);
    expect(diskUsage(location)).toBeLessThan(old.sizes!.sizeBytes);

    // The restore drill against the counts the manifest recorded.
    const drill = await restoreDrill(
      os.client,
      {
        repository,
        snapshot: record.snapshot,
        expectedDocs: { 'action-items': record.indices['action-items'].docs },
        prefix: `verify-${date}-`,
      },
      captureLog(),
    );
    expect(drill.ok).toBe(true);
    expect(drill.indices[0]).toMatchObject({ actualDocs: 321, match: true });
  });
});
