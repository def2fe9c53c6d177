/**
 * The OpenSearch component end to end over SSH, as the backup runs it: the bench's sshd is the
 * production host, the docker double holds an OpenSearch "container" whose environment has the
 * credentials, and the real node is reached through the remote room's SSH tunnel.
 * Needs the whole bench (the integration project's global setup).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  applyOpenSearchRetention,
  connectThroughTunnel,
  discoverOpenSearch,
  restoreDrill,
  snapshotOpenSearch,
} from '../../src/shared/opensearch/index.js';
import { connectRemoteHost, type SshRemoteHost } from '../../src/shared/remote/index.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import {
  captureLog,
  diskUsage,
  makeCertificates,
  seedIndex,
  snapshotNames,
  startTlsProxy,
} from './opensearch-helpers.js';

const bench = inject('bench');
const CONTAINER = 'sds-gateway-test-opensearch';
const PASSWORD = 'Adm1n-S3cret-for-ssh-test';
let node: OpenSearchNode;
let remote: SshRemoteHost;

beforeAll(async () => {
  node = await useOpenSearch(bench?.extensions?.['opensearch']);
  remote = await connectRemoteHost({
    host: bench.ssh.host,
    port: bench.ssh.port,
    username: bench.ssh.username,
    privateKey: bench.ssh.clientKey.privateKey,
    knownHosts: bench.ssh.knownHostsLine,
  });
  openDockerDouble(bench.docker.stateDir).createContainer({
    name: CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: PASSWORD },
  });
});

afterAll(async () => {
  await remote?.close();
  await node?.stop();
});

describe('OpenSearch over SSH', () => {
  it('discovers the container, tunnels to the node, snapshots, drills a restore and prunes', async () => {
    const secrets: string[] = [];
    const auto = await discoverOpenSearch(remote, {
      container: CONTAINER,
      userVariable: 'OPENSEARCH_ADMIN_USER',
      passwordVariable: 'OPENSEARCH_INITIAL_ADMIN_PASSWORD',
      onSecret: (s) => secrets.push(s),
    });
    // The docker double reports 127.0.0.1 for every network; the default is https on 9200.
    expect(auto).toEqual({ url: 'https://127.0.0.1:9200', username: 'admin', password: PASSWORD });
    expect(secrets).toEqual([PASSWORD]);

    // The test node speaks http on its own port: opensearch-url says so, as a user would.
    const found = await discoverOpenSearch(remote, {
      container: CONTAINER,
      url: `http://127.0.0.1:${node.port}`,
      userVariable: 'OPENSEARCH_ADMIN_USER',
      passwordVariable: 'OPENSEARCH_INITIAL_ADMIN_PASSWORD',
    });
    const log = captureLog();
    const os = await connectThroughTunnel(remote, found, log);
    try {
      expect(os.tunnel.localPort).not.toBe(node.port);
      await seedIndex(os.client, 'ssh-docs', 500);
      const repository = 'ssh-repo';
      const location = join(node.pathRepo, 'ssh');
      const options = { repository, location, indices: ['ssh-*'], timeoutMs: 60_000 };

      const first = await snapshotOpenSearch(os.client, { ...options, date: '2026-11-24' }, log);
      const today = await snapshotOpenSearch(os.client, { ...options, date: '2026-11-25' }, log);
      expect(first.verdict).toBe('passed');
      expect(today).toMatchObject({
        verdict: 'passed',
        state: 'SUCCESS',
        indices: { 'ssh-docs': { docs: 500 } },
      });

      const drill = await restoreDrill(
        os.client,
        {
          repository,
          snapshot: today.snapshot,
          expectedDocs: { 'ssh-docs': 500 },
          prefix: 'verify-2026-11-25-',
        },
        log,
      );
      expect(drill.ok).toBe(true);
      expect(drill.indices[0]).toMatchObject({
        restoredAs: 'verify-2026-11-25-ssh-docs',
        actualDocs: 500,
        match: true,
      });

      // Make the old snapshot hold files of its own, then prune it.
      await os.client.indices.delete({ index: 'ssh-docs' });
      await seedIndex(os.client, 'ssh-docs', 200, {}, 300);
      await snapshotOpenSearch(os.client, { ...options, date: '2026-11-26' }, log);
      const before = diskUsage(location);
      const pruned = await applyOpenSearchRetention(
        os.client,
        { repository, policy: { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 } },
        log,
      );
      expect(pruned.deleted.map((d) => d.snapshot)).toEqual(['snapshot_2026-11-25', 'snapshot_2026-11-24']);
      expect(await snapshotNames(os.client, repository)).toEqual(['snapshot_2026-11-26']);
      expect(diskUsage(location)).toBeLessThan(before);
      expect(log.text()).not.toContain(PASSWORD);
    } finally {
      await os.close();
    }
  });

  it('https through the real SSH tunnel: the certificate is checked against the URL host, not the tunnel end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwops-os-ssh-tls-'));
    const certs = makeCertificates(dir, ['127.0.0.1']);
    const proxy = await startTlsProxy(node.port, certs.keyPem, certs.certPem);
    try {
      const good = await connectThroughTunnel(remote, {
        url: `https://127.0.0.1:${proxy.port}`,
        ca: certs.caPem,
      });
      try {
        const health = await good.client.cluster.health();
        expect(['green', 'yellow']).toContain((health.body as { status: string }).status);
      } finally {
        await good.close();
      }
      // Same tunnel, a CA that did not sign it: refused with a TLS message.
      const other = makeCertificates(mkdtempSync(join(tmpdir(), 'gwops-os-ssh-tls2-')), ['127.0.0.1']);
      const bad = await connectThroughTunnel(remote, {
        url: `https://127.0.0.1:${proxy.port}`,
        ca: other.caPem,
      });
      try {
        const error = await snapshotOpenSearch(
          bad.client,
          {
            repository: 'ssh-tls',
            location: join(node.pathRepo, 'ssh-tls'),
            date: '2026-11-25',
            timeoutMs: 10_000,
          },
          captureLog(),
        ).catch((e: unknown) => e as { code?: string; message: string });
        expect((error as { code?: string }).code).toBe('tls');
        expect((error as Error).message).toMatch(/TLS with .* failed/);
      } finally {
        await bad.close();
      }
    } finally {
      proxy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
