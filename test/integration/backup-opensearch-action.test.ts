/**
 * Issue 5's end to end, through the backup action's bundle: PostgreSQL + OpenSearch over SSH in
 * one snapshot, the OpenSearch credentials read from the container and masked, verify, the restore
 * drill with the manifest's counts, and retention on disk and in the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restoreDrill } from '../../src/shared/opensearch/index.js';
import { inputsForMode, runBundle } from '../helpers/action-runner.js';
import { deployDir, hostInputs } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { captureLog, diskUsage, seedIndex, snapshotNames } from './opensearch-helpers.js';

const bench = inject('bench');
const docker = openDockerDouble(bench.docker.stateDir);
const CONTAINER = 'sds-gateway-e2e-opensearch';
const PASSWORD = 'E2e-OpenSearch-Pa55word';
const REPO = 'e2e-action-repo';
let node: OpenSearchNode;
let client: Client;
let location: string;

beforeAll(async () => {
  node = await useOpenSearch(bench.extensions['opensearch']);
  client = new Client({ node: node.url });
  location = join(node.pathRepo, 'e2e-action');
  mkdirSync(location, { recursive: true });
  spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  docker.createContainer({
    name: CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: PASSWORD },
  });
  await seedIndex(client, 'e2e-captures', 1500);
  await seedIndex(client, 'e2e-files', 300);
});

afterAll(async () => {
  docker.removeContainer(CONTAINER);
  await client?.close();
});

function inputs(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...hostInputs(bench, dir),
    components: 'postgres,opensearch',
    'opensearch-container': CONTAINER,
    'opensearch-url': node.url,
    'snapshot-repository': REPO,
    'snapshot-location': location,
    indices: 'e2e-*',
    'opensearch-timeout': '5m',
    ...extra,
  };
}

describe('backup action: PostgreSQL + OpenSearch over SSH', () => {
  it('takes, verifies, drills and prunes', async () => {
    const dir = deployDir(bench, 'e2e-opensearch');
    // An old snapshot in the repository, holding data no later snapshot has, and an old day on disk.
    await seedIndex(client, 'e2e-old', 5000, {}, 400);
    await client.snapshot
      .create({
        repository: REPO,
        snapshot: 'snapshot_2025-01-01',
        body: { indices: 'e2e-old', include_global_state: false },
        wait_for_completion: true,
      } as never)
      .catch(async () => {
        // The repository is registered by the action itself; register it first for this setup step.
        await client.snapshot.createRepository({
          repository: REPO,
          body: { type: 'fs', settings: { location } },
        } as never);
        await client.snapshot.create({
          repository: REPO,
          snapshot: 'snapshot_2025-01-01',
          body: { indices: 'e2e-old', include_global_state: false },
          wait_for_completion: true,
        } as never);
      });
    await client.indices.delete({ index: 'e2e-old' } as never);
    const oldDay = join(dir, 'data/backups/2025-01-01');
    mkdirSync(oldDay, { recursive: true });
    writeFileSync(join(oldDay, 'manifest.json'), '{}');
    spawnSync('chown', ['-R', `${bench.user.uid}:${bench.user.gid}`, join(dir, 'data')]);
    const repoBefore = diskUsage(location);

    const r = runBundle(
      'backup',
      inputs(dir, { 'keep-daily': '1', 'keep-weekly': '0', 'keep-monthly': '0' }),
    );
    expect(r.stdout.match(/::error::.*/g) ?? []).toEqual([]);
    expect(r.status).toBe(0);
    const date = r.outputs['snapshot-date']!;
    const manifest = JSON.parse(r.outputs['manifest']!);
    expect(Object.keys(manifest.components).sort()).toEqual(['opensearch', 'postgres']);
    const os = manifest.components.opensearch.details;
    expect(os.snapshot).toBe(`snapshot_${date}`);
    expect(os.state).toBe('SUCCESS');
    expect(os.shards.failed).toBe(0);
    expect(os.indices['e2e-captures'].docs).toBe(1500);
    expect(os.indices['e2e-files'].docs).toBe(300);
    const described = JSON.parse(
      readFileSync(join(dir, 'data/backups', date, 'opensearch/snapshot.json'), 'utf8'),
    );
    expect(described.snapshot).toBe(`snapshot_${date}`);

    // The password was read from the container, masked first, and printed nowhere.
    expect(r.stdout).toContain(`::add-mask::${PASSWORD}`);
    const printed = r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr + r.summary;
    expect(printed).not.toContain(PASSWORD);

    // Retention: the old day is gone from disk, the old snapshot from the repository, which shrank.
    expect(
      spawnSync('ls', [join(dir, 'data/backups')], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n'),
    ).toEqual([date]);
    expect(await snapshotNames(client, REPO)).toEqual([`snapshot_${date}`]);
    expect(diskUsage(location)).toBeLessThan(repoBefore);

    // Verify mode re-reads both files.
    const verify = runBundle('backup', inputsForMode(inputs(dir, { mode: 'verify' }), 'verify'));
    expect(verify.status).toBe(0);
    expect(verify.summary).toContain('verified: 2 files');
    expect(verify.summary).toContain('OpenSearch snapshot checked');
    expect(verify.summary).toContain('Restore drill: 2 indices restored under new names');
    // The drill cleaned up after itself.
    const left = await client.cat
      .indices({ index: 'verify-*', format: 'json' } as never)
      .catch(() => ({ body: [] }));
    expect(left.body).toEqual([]);

    // The restore drill restores into renamed indices and finds the manifest's counts.
    const expectedDocs = Object.fromEntries(
      Object.entries(os.indices as Record<string, { docs: number }>).map(([k, v]) => [k, v.docs]),
    );
    const log = captureLog();
    const drill = await restoreDrill(client, { repository: REPO, snapshot: os.snapshot, expectedDocs }, log);
    expect(drill.ok, log.text()).toBe(true);
  });
});
