/**
 * `gateway-ops health` and `set-watermarks` through the CLI's own entry point, against the bench:
 * sshd as the production host, the docker double's containers, the real PostgreSQL 15 and the
 * real OpenSearch node (a second node without path.repo for that fault). Every fault of issue 13's
 * list: a red cluster, a cluster without path.repo, a node past flood-stage, a collation mismatch,
 * an unreachable OpenSearch, watermarks out of order.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli.js';
import { preflight } from '../../src/commands/health.js';
import { ACTIONS } from '../../src/runner/metadata.js';
import { runAction } from '../../src/runner/run-action.js';
import { OperationError } from '../../src/shared/errors.js';
import type { Finding } from '../../src/shared/health/findings.js';
import { connectRemoteHost } from '../../src/shared/remote/index.js';
import { ConsoleLog } from '../../src/shared/report/log.js';
import { loadSettings } from '../../src/shared/settings/index.js';
import { readRunnerFiles, runnerEnvironment } from '../helpers/action-runner.js';
import { deployDir } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, startOpenSearch, useOpenSearch } from '../services/opensearch.js';

const bench = inject('bench');
const docker = openDockerDouble(bench.docker.stateDir);
const CONTAINER = 'sds-gateway-health-opensearch';
const PASSWORD = 'Health-Check-Pa55word';
const REPO = 'health-repo';
const WEIRD_DB = 'health "mixed" Db';
let node: OpenSearchNode;
let client: Client;
let files: string;
let dir: string;

beforeAll(async () => {
  node = await useOpenSearch(bench.extensions['opensearch']);
  client = new Client({ node: node.url });
  docker.createContainer({
    name: CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: PASSWORD },
  });
  files = mkdtempSync(join(tmpdir(), 'gwops-health-'));
  writeFileSync(join(files, 'known_hosts'), `${bench.ssh.knownHostsLine}\n`);
  dir = deployDir(bench, 'health');
});

afterAll(async () => {
  docker.removeContainer(CONTAINER);
  await client?.close();
  rmSync(files, { recursive: true, force: true });
});

function settingValues(extra: Record<string, string> = {}, command = 'health'): Record<string, string> {
  return {
    'ssh-host': bench.ssh.host,
    'ssh-port': String(bench.ssh.port),
    'ssh-user': bench.ssh.username,
    'ssh-known-hosts-file': join(files, 'known_hosts'),
    'opensearch-container': CONTAINER,
    'opensearch-url': node.url,
    ...(command === 'set-watermarks'
      ? {}
      : {
          'deploy-dir': dir,
          'postgres-container': bench.containers.postgres,
          'snapshot-repository': REPO,
          'snapshot-location': join(node.pathRepo, 'health'),
        }),
    ...extra,
  };
}

function flags(extra: Record<string, string> = {}, command = 'health'): string[] {
  return Object.entries(settingValues(extra, command)).flatMap(([k, v]) => [`--${k}`, v]);
}

async function cli(command: string, extra: Record<string, string> = {}, args: string[] = []) {
  let stdout = '';
  const stderr: string[] = [];
  const code = await main([command, ...flags(extra, command), ...args], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (l) => stderr.push(l),
    env: { GATEWAY_OPS_SSH_PRIVATE_KEY: bench.ssh.clientKey.privateKey },
  });
  return { code, stdout, stderr: stderr.join('\n') };
}

async function health(extra: Record<string, string> = {}) {
  const run = await cli('health', extra, ['--format', 'json']);
  expect(run.stderr).not.toContain(PASSWORD);
  const report = JSON.parse(run.stdout) as { status: string; findings: Finding[] };
  const find = (check: string) => report.findings.filter((f) => f.check.startsWith(check));
  return { ...run, report, find };
}

async function withPg<T>(database: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: bench.postgres.url, database });
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}

async function transientWatermarks(): Promise<Record<string, unknown>> {
  const { body } = await client.cluster.getSettings({ flat_settings: true });
  return Object.fromEntries(Object.entries(body.transient ?? {}).filter(([k]) => k.includes('watermark')));
}

describe('gateway-ops health', () => {
  it('reports every part; a collation mismatch warns with the exact statement, refresh-collation applies it', async () => {
    await withPg('postgres', async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "health ""mixed"" Db"`);
      // ICU records a collation version (the bench's C.UTF-8 records none); then fake an old one.
      await c.query(
        `CREATE DATABASE "health ""mixed"" Db" LOCALE_PROVIDER icu ICU_LOCALE 'und' TEMPLATE template0`,
      );
      await c.query(`UPDATE pg_database SET datcollversion = '1.0' WHERE datname = $1`, [WEIRD_DB]);
    });
    const before = await health();
    expect(before.code).not.toBe(2);
    expect(before.find('server')[0]!.summary).toMatch(/^PostgreSQL 15\.\d+/);
    const mismatch = before.find(`collation ${WEIRD_DB}`)[0]!;
    expect(mismatch.status).toBe('warn');
    expect(mismatch.summary).toMatch(/records 1\.0, the system provides \d+\.\d+/);
    expect(mismatch.fix).toContain(`ALTER DATABASE "health ""mixed"" Db" REFRESH COLLATION VERSION;`);
    expect(before.find('backups disk')[0]!.status).toBe('ok');
    expect(before.find('disk ')[0]!.summary).toContain('below every watermark');
    // The test node runs with threshold_enabled: false, and says so.
    expect(before.find('watermarks')[0]!.summary).toContain('threshold_enabled is false');
    expect(before.find(`repository ${REPO}`)[0]).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining('not registered'),
    });
    expect(before.find('path.repo')[0]!.status).toBe('ok');

    const refreshed = await health({ 'refresh-collation': 'true' });
    expect(refreshed.find(`collation ${WEIRD_DB}`)[0]).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining('refreshed'),
    });
    const row = await withPg('postgres', (c) =>
      c.query(
        `SELECT datcollversion, pg_database_collation_actual_version(oid) AS actual FROM pg_database WHERE datname = $1`,
        [WEIRD_DB],
      ),
    );
    expect(row.rows[0].datcollversion).toBe(row.rows[0].actual);
    expect(row.rows[0].datcollversion).not.toBe('1.0');
    const after = await health();
    expect(after.find(`collation ${WEIRD_DB}`)).toEqual([]);
    await withPg('postgres', (c) => c.query(`DROP DATABASE "health ""mixed"" Db"`));
  });

  it('verifies a registered repository, and fails a location outside path.repo', async () => {
    await client.snapshot.createRepository({
      repository: REPO,
      body: { type: 'fs', settings: { location: join(node.pathRepo, 'health') } },
    });
    try {
      const ok = await health();
      expect(ok.find(`repository ${REPO}`)[0]).toMatchObject({
        status: 'ok',
        summary: expect.stringContaining('_verify passed on 1 node'),
      });
      const outside = await health({
        'snapshot-repository': 'health-unregistered',
        'snapshot-location': '/var/tmp/not-path-repo',
      });
      expect(outside.code).toBe(1);
      expect(outside.find('path.repo')[0]).toMatchObject({
        status: 'fail',
        summary: expect.stringContaining('outside'),
      });
    } finally {
      await client.snapshot.deleteRepository({ repository: REPO });
    }
  });

  it('a red cluster fails, with the unassigned primary and why; the pre-flight refuses to start', async () => {
    await client.indices.create({
      index: 'health-red',
      wait_for_active_shards: '0',
      body: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          'index.routing.allocation.require._name': 'no-such-node',
        },
      },
    });
    try {
      const red = await health();
      expect(red.code).toBe(1);
      expect(red.report.status).toBe('fail');
      expect(red.find('cluster health')[0]).toMatchObject({
        status: 'fail',
        blocking: true,
        summary: expect.stringMatching(/^red/),
      });
      const shard = red.find('unassigned health-red[0] primary')[0]!;
      expect(shard.summary).toMatch(/^INDEX_CREATED: /);
      expect(shard.summary).toContain('no-such-node');
      const settings = loadSettings('backup', {
        surface: 'cli',
        explicit: settingValues(),
        env: { GATEWAY_OPS_SSH_PRIVATE_KEY: bench.ssh.clientKey.privateKey },
      }).settings;
      const remote = await connectRemoteHost({
        host: bench.ssh.host,
        port: bench.ssh.port,
        username: bench.ssh.username,
        privateKey: bench.ssh.clientKey.privateKey,
        knownHosts: bench.ssh.knownHostsLine,
      });
      try {
        const lines: string[] = [];
        const error = await preflight(remote, settings, new ConsoleLog((l) => lines.push(l))).catch((e) => e);
        expect(error).toBeInstanceOf(OperationError);
        expect(error.message).toMatch(/^Pre-flight on .* failed, nothing was started: cluster health: red/);
        expect(error.message).toContain('health-red[0] primary');
      } finally {
        await remote.close();
      }
      // The backup itself runs the pre-flight before anything is written.
      const backup = await cli('backup', { components: 'postgres,opensearch' });
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain('Pre-flight on');
      expect(backup.stderr).toContain('cluster health: red');
      expect(existsSync(join(dir, 'data/backups'))).toBe(false);
    } finally {
      await client.indices.delete({ index: 'health-red' });
    }
  });

  it('a node past flood-stage fails (watermarks set below the real disk use through set-watermarks, then reset)', async () => {
    expect(await transientWatermarks()).toEqual({});
    try {
      const set = await cli(
        'set-watermarks',
        { low: '1%', high: '2%', 'flood-stage': '3%', persistence: 'transient' },
        ['--format', 'json'],
      );
      expect(set.code).toBe(0);
      const change = JSON.parse(set.stdout);
      expect(change.before.low).toBe('85% used (default)');
      expect(change.after).toEqual({
        low: '1% used (transient)',
        high: '2% used (transient)',
        'flood-stage': '3% used (transient)',
      });
      expect(await transientWatermarks()).toEqual({
        'cluster.routing.allocation.disk.watermark.low': '1%',
        'cluster.routing.allocation.disk.watermark.high': '2%',
        'cluster.routing.allocation.disk.watermark.flood_stage': '3%',
      });
      const full = await health();
      expect(full.code).toBe(1);
      expect(full.find('disk ')[0]).toMatchObject({
        status: 'fail',
        blocking: true,
        summary: expect.stringContaining('past the flood-stage watermark (3% used, transient)'),
      });
    } finally {
      const reset = await cli('set-watermarks', {
        low: 'default',
        high: 'default',
        'flood-stage': 'default',
        persistence: 'transient',
      });
      expect(reset.code).toBe(0);
    }
    expect(await transientWatermarks()).toEqual({});
  });

  it('set-watermarks refuses levels out of order before the API is called, given or kept by the cluster', async () => {
    const before = await client.cluster.getSettings({ flat_settings: true });
    const given = await cli('set-watermarks', { low: '95%', high: '90%' });
    expect(given.code).toBe(2);
    expect(given.stderr).toContain("'low' is 95% and 'high' is 90%; expected low <= high");
    try {
      await client.cluster.putSettings({
        body: { transient: { 'cluster.routing.allocation.disk.watermark.high': '90%' } },
      });
      const kept = await cli('set-watermarks', { low: '92%', persistence: 'persistent' });
      expect(kept.code).toBe(2);
      expect(kept.stderr).toContain('high 90% from transient');
      expect(kept.stderr).toContain('Nothing was changed');
      const now = await client.cluster.getSettings({ flat_settings: true });
      expect(now.body.persistent).toEqual(before.body.persistent);
    } finally {
      await client.cluster.putSettings({
        body: { transient: { 'cluster.routing.allocation.disk.watermark.high': null } },
      });
    }
    expect((await client.cluster.getSettings({ flat_settings: true })).body).toEqual(before.body);
  });

  it('an unreachable OpenSearch is one blocking failure; PostgreSQL and the disk are still checked', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const down = await health({ 'opensearch-url': `http://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    const reach = down.find('reach OpenSearch')[0]!;
    expect(reach).toMatchObject({ status: 'fail', blocking: true });
    expect(reach.summary).toContain('cannot reach OpenSearch');
    expect(down.find('server')[0]!.status).toBe('ok');
    expect(down.find('backups disk')[0]!.status).toBe('ok');
  });

  it('a node started without path.repo fails the path.repo check', async () => {
    const bare = await startOpenSearch({ noPathRepo: true });
    try {
      const none = await health({ 'opensearch-url': bare.url, components: 'opensearch' });
      expect(none.code).toBe(1);
      expect(none.find('path.repo')[0]).toMatchObject({
        status: 'fail',
        summary: expect.stringContaining('no path.repo'),
      });
      expect(none.find('server')).toEqual([]);
    } finally {
      await bare.stop();
    }
  });
  it('mode: health of the backup action: the table in the job summary, the report in the outputs', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'gwops-health-action-'));
    const values = settingValues();
    const inputs: Record<string, string> = {
      ...Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'ssh-known-hosts-file')),
      'ssh-known-hosts': readFileSync(join(files, 'known_hosts'), 'utf8'),
      'ssh-private-key': bench.ssh.clientKey.privateKey,
      mode: 'health',
    };
    const { env, files: runner } = runnerEnvironment(runDir, inputs);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const exitCode = process.exitCode;
    try {
      await runAction(ACTIONS.find((a) => a.directory === 'backup')!);
      const { summary, outputs } = readRunnerFiles(runner);
      expect(outputs['health-status']).toMatch(/^(ok|warn)$/);
      const report = JSON.parse(outputs['health']!) as { findings: Finding[] };
      expect(report.findings.map((f) => f.check)).toEqual(
        expect.arrayContaining(['cluster health', 'server', 'backups disk']),
      );
      expect(summary).toContain('<th>check</th>');
      expect(summary).toContain('<td>cluster health</td>');
      expect(summary).not.toContain(PASSWORD);
      expect(process.exitCode ?? 0).toBe(0);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      process.exitCode = exitCode;
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});
