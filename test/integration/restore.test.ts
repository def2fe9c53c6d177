/**
 * Issue 10 against the real bench: a PostgreSQL cluster of its own behind a docker-double
 * container (a restore replaces every database of its target), sshd as the target host, the
 * bench's OpenSearch node. Every refused case proves that nothing changed with `pg_dumpall`
 * before and after.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRemoteHost } from '../../src/shared/remote/index.js';
import { acquireHostLock } from '../../src/shared/snapshot/index.js';
import { runBundle } from '../helpers/action-runner.js';
import { deployDir, hostInputs } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { seedIndex } from './opensearch-helpers.js';
import { bench, type Cluster, runCli, seed, startCluster, targetHostname } from './restore-helpers.js';

const execFileP = promisify(execFile);
const info = bench();
const docker = openDockerDouble(info.docker.stateDir);
const OS_CONTAINER = 'rt-opensearch';
const OS_PASSWORD = 'Rt-OpenSearch-Pa55word';
const REPO = 'rt-repo';
const SERVICES = ['rt-app', 'rt-worker'];
let node: OpenSearchNode;
let client: Client;
let location: string;
let source: Cluster;
let dir: string;
let date: string;
let atBackup: string;
const host = targetHostname();

/** The settings every command here takes (backup, restore, drill). */
function common(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...hostInputs(info, dir),
    'postgres-container': source.container,
    'opensearch-container': OS_CONTAINER,
    'opensearch-url': node.url,
    'snapshot-repository': REPO,
    'snapshot-location': location,
    indices: 'rt-*',
    ...extra,
  };
}

function settings(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...common(),
    'stop-services': SERVICES.join(','),
    'restore-allowed-hosts': host,
    confirm: host,
    'safety-snapshot': 'false',
    ...extra,
  };
}

const running = (name: string) => docker.container(name)?.running;

beforeAll(async () => {
  node = await useOpenSearch(info.extensions['opensearch']);
  client = new Client({ node: node.url });
  location = join(node.pathRepo, 'rt');
  mkdirSync(location, { recursive: true });
  spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  docker.createContainer({
    name: OS_CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: OS_PASSWORD },
  });
  for (const service of SERVICES) docker.createContainer({ name: service, service });
  await client.indices.delete({ index: 'rt-*' } as never).catch(() => undefined);
  await seedIndex(client, 'rt-captures', 300);
  await seedIndex(client, 'rt-files', 120);
  source = await startCluster('rt-pg');
  await seed(source);
  dir = deployDir(info, 'restore-e2e');
  const backup = runCli('backup', common({ components: 'postgres,opensearch' }));
  expect(backup.status, backup.stderr).toBe(0);
  date = /Snapshot (\d{4}-\d{2}-\d{2})/.exec(backup.stdout + backup.stderr)![1]!;
  atBackup = source.dumpall();
});

afterAll(async () => {
  docker.removeContainer(OS_CONTAINER);
  for (const service of SERVICES) docker.removeContainer(service);
  await source?.stop();
  await client?.close();
});

function expectRefused(run: { status: number | null; stdout: string; stderr: string }, words: RegExp) {
  expect(run.status, run.stdout + run.stderr).toBe(1);
  expect(run.stdout + run.stderr).toMatch(words);
  expect(source.dumpall()).toBe(atBackup);
  for (const service of SERVICES) expect(running(service)).toBe(true);
}

/** A copy of the backup's day under another date, its manifest adjusted; `change` edits the copy. */
function copyDay(to: string, change: (day: string, manifest: Record<string, unknown>) => void = () => {}) {
  const root = join(dir, 'data/backups');
  const day = join(root, to);
  cpSync(join(root, date), day, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(day, 'manifest.json'), 'utf8'));
  manifest.date = to;
  change(day, manifest);
  writeFileSync(join(day, 'manifest.json'), JSON.stringify(manifest, null, 2));
  spawnSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, day]);
  return day;
}

describe('restore refuses before anything changes (pg_dumpall equal before and after)', () => {
  it('a wrong confirmation', () => {
    expectRefused(
      runCli('restore', settings({ confirm: `${host}-not` })),
      /refused by confirm: expected exactly/,
    );
  });

  it('a host not in restore-allowed-hosts', () => {
    expectRefused(
      runCli('restore', settings({ 'restore-allowed-hosts': 'qa-host' })),
      /refused by restore-allowed-hosts: the target .* is not in it \(qa-host\)/,
    );
  });

  it('no allowed hosts configured', () => {
    const s = settings();
    delete s['restore-allowed-hosts'];
    expectRefused(
      runCli('restore', s),
      /refused by restore-allowed-hosts: it is empty, so every restore is refused/,
    );
  });

  it('a production host without allow-production', () => {
    expectRefused(
      runCli('restore', settings({ 'production-hosts': host })),
      /refused by production-hosts: .* is a production host. Set allow-production: true/,
    );
  });

  it('a snapshot date that does not exist', () => {
    expectRefused(
      runCli('restore', settings({ 'snapshot-date': '2020-01-01' })),
      /no snapshot 2020-01-01 .* Found: /,
    );
  });

  it('an incomplete snapshot (.partial only)', () => {
    const partial = join(dir, 'data/backups/.2020-02-02.partial-abc');
    mkdirSync(join(partial, 'postgres'), { recursive: true });
    spawnSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, partial]);
    expectRefused(
      runCli('restore', settings({ 'snapshot-date': '2020-02-02' })),
      /2020-02-02 .* is incomplete/,
    );
  });

  it('a flipped byte in the dump (verify fails)', () => {
    copyDay('2020-03-03', (day) => {
      const file = join(day, 'postgres/pg_dumpall.sql.zst');
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
      writeFileSync(file, bytes);
    });
    expectRefused(runCli('restore', settings({ 'snapshot-date': '2020-03-03' })), /sha256/);
  });

  it('a stopped PostgreSQL container', () => {
    docker.stopContainer(source.container);
    try {
      expectRefused(runCli('restore', settings()), /container rt-pg is not running/);
    } finally {
      docker.startContainer(source.container);
    }
  });

  it('an OpenSearch index that cannot be closed', async () => {
    await client.cluster.putSettings({
      body: { transient: { 'cluster.indices.close.enable': false } },
    } as never);
    try {
      expectRefused(runCli('restore', settings()), /must be closed first, but closing indices is disabled/);
    } finally {
      await client.cluster.putSettings({
        body: { transient: { 'cluster.indices.close.enable': null } },
      } as never);
    }
  });

  it('a red OpenSearch cluster: the pre-flight refuses the restore before the lock or any guard-passing step', async () => {
    await client.indices.create({
      index: 'rt-red',
      wait_for_active_shards: '0',
      body: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          'index.routing.allocation.require._name': 'no-such-node',
        },
      },
    } as never);
    try {
      const mark = docker.mark();
      const r = runCli('restore', settings());
      expectRefused(r, /restore refused: Pre-flight on .* failed, nothing was started: cluster health: red/);
      expect(r.stdout + r.stderr).toContain('rt-red[0] primary');
      // Nothing stopped, nothing closed: the indices hold what they held.
      expect(docker.calls(mark).filter((c) => c.argv.includes('compose'))).toEqual([]);
      expect((await client.count({ index: 'rt-captures' })).body.count).toBe(300);
      expect((await client.count({ index: 'rt-files' })).body.count).toBe(120);
      expect(r.stdout + r.stderr).not.toMatch(/Step . Choose and check/);
    } finally {
      await client.indices.delete({ index: 'rt-red' } as never);
    }
  });

  it('an unreachable OpenSearch: the pre-flight refuses the drill, the scratch cluster untouched', async () => {
    const scratch = await startCluster('rt-scratch-pf');
    try {
      const before = scratch.dumpall();
      const r = runCli(
        'drill',
        common({ 'drill-postgres-container': scratch.container, 'opensearch-url': 'http://127.0.0.1:1' }),
      );
      expectRefused(r, /drill refused: Pre-flight on .* failed, nothing was started/);
      expect(scratch.dumpall()).toBe(before);
    } finally {
      await scratch.stop();
    }
  });

  it('a backup holding the host lock: the restore is refused before any change, naming the holder', async () => {
    const remote = await connectRemoteHost({
      host: info.ssh.host,
      port: info.ssh.port,
      username: info.ssh.username,
      privateKey: info.ssh.clientKey.privateKey,
      hostFingerprint: info.ssh.hostFingerprint,
    });
    // The very lock a backup takes, through the backup's own code.
    const lock = await acquireHostLock(
      remote,
      join(dir, 'data/backups/.gateway-ops.lock'),
      'backup-holding-run',
    );
    try {
      const mark = docker.mark();
      const r = runCli('restore', settings({ 'safety-snapshot': 'true' }));
      expectRefused(
        r,
        /restore refused: Another gateway-ops run holds the lock .*\.gateway-ops\.lock .*: run backup-holding-run, on runner .*, pid \d+, host pid \d+, started /,
      );
      expect(docker.calls(mark).filter((c) => c.argv.includes('compose'))).toEqual([]);
      expect(readdirSync(join(dir, 'data/backups')).filter((n) => n.startsWith('pre-restore-'))).toEqual([]);
      expect(lock.held()).toBe(true);
    } finally {
      await lock.release();
      await remote.close();
    }
    // Once the backup is done, the same restore goes through (dry run: nothing changes).
    const after = runCli('restore', settings({ 'dry-run': 'true' }));
    expect(after.status, after.stdout + after.stderr).toBe(0);
  });

  it('a backup holding the host lock: the drill is refused before it reads the snapshot, naming the holder', async () => {
    const scratch = await startCluster('rt-scratch-lock');
    const remote = await connectRemoteHost({
      host: info.ssh.host,
      port: info.ssh.port,
      username: info.ssh.username,
      privateKey: info.ssh.clientKey.privateKey,
      hostFingerprint: info.ssh.hostFingerprint,
    });
    const lock = await acquireHostLock(
      remote,
      join(dir, 'data/backups/.gateway-ops.lock'),
      'backup-holding-run',
    );
    try {
      const before = scratch.dumpall();
      const mark = docker.mark();
      const r = runCli(
        'drill',
        common({ 'drill-postgres-container': scratch.container, 'snapshot-date': date }),
      );
      expectRefused(
        r,
        /drill refused: Another gateway-ops run holds the lock .*\.gateway-ops\.lock .*: run backup-holding-run, on runner .*, pid \d+, host pid \d+, started /,
      );
      // Not a byte of the snapshot read, nothing restored into the scratch cluster.
      expect(docker.calls(mark).filter((c) => c.argv.includes(scratch.container))).toEqual([]);
      expect(scratch.dumpall()).toBe(before);
      expect(lock.held()).toBe(true);
    } finally {
      await lock.release();
      await remote.close();
    }
    try {
      // Once the backup is done the drill goes through, and it leaves the lock free behind it.
      const after = runCli(
        'drill',
        common({ 'drill-postgres-container': scratch.container, 'snapshot-date': date }),
      );
      expect(after.status, after.stdout + after.stderr).toBe(0);
      expect(after.stdout + after.stderr).toMatch(/Step ✓ Host lock/);
      const next = runCli('restore', settings({ 'dry-run': 'true' }));
      expect(next.status, next.stdout + next.stderr).toBe(0);
    } finally {
      await scratch.stop();
    }
  });

  it('disk full during the safety snapshot (a tmpfs backups dir): the restore does not start, no snapshot looks complete', async () => {
    if (process.getuid?.() !== 0)
      throw new Error('this test mounts a tmpfs: it needs root, as the bench runs');
    const full = deployDir(info, 'restore-full');
    const root = join(full, 'data/backups');
    mkdirSync(root, { recursive: true });
    const day = join(dir, 'data/backups', date);
    const dayBytes = Number(execFileSync('du', ['-sb', day], { encoding: 'utf8' }).split('\t')[0]);
    // Room for the copied day and the pre-flight's margin (1.1 x the last snapshot), not for a dump
    // of the cluster grown by some 10 MiB of md5 text (about 5 MiB after zstd).
    const mib = Math.ceil((2.3 * dayBytes + 2 ** 20) / 2 ** 20);
    await execFileP('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=${mib}m,uid=${info.user.uid},gid=${info.user.gid},mode=0700`,
      'tmpfs',
      root,
    ]);
    try {
      cpSync(day, join(root, date), { recursive: true });
      spawnSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, root]);
      await source.psql(
        'CREATE TABLE public.filler (id int, t text); INSERT INTO public.filler SELECT g, md5(random()::text) || md5(random()::text) FROM generate_series(1, 160000) g;',
        'postgres',
      );
      const before = source.dumpall();
      const mark = docker.mark();
      const r = runCli('restore', settings({ 'deploy-dir': full, 'safety-snapshot': 'true' }));
      const out = r.stdout + r.stderr;
      expect(r.status, out).toBe(1);
      expect(out).toContain('The safety snapshot failed: the restore did not start; nothing was changed.');
      expect(out).toMatch(/No space left on device/);
      expect(out).toMatch(
        /the safety snapshot .*pre-restore-\d{8}T\d{6}Z is incomplete: its postgres component failed/,
      );
      expect(source.dumpall()).toBe(before);
      expect(docker.calls(mark).filter((c) => c.argv.includes('compose'))).toEqual([]);
      for (const service of SERVICES) expect(running(service)).toBe(true);
      expect((await client.count({ index: 'rt-files' })).body.count).toBe(120);
      // Its OpenSearch half (taken, the postgres one failing) is deleted from the repository.
      const osName = /Its OpenSearch snapshot (\S+) was deleted from the repository 'rt-repo'\./.exec(
        out,
      )?.[1];
      expect(osName, out).toMatch(/^snapshot_pre-restore-\d{8}t\d{6}z-\d{4}-\d{2}-\d{2}$/);
      const left = (await client.snapshot.get({ repository: REPO, snapshot: '_all' })).body as {
        snapshots: { snapshot: string }[];
      };
      expect(left.snapshots.map((s) => s.snapshot).filter((n) => n.includes('pre-restore'))).toEqual([]);
      // What is left says what it is: no work dir, and a safety snapshot whose manifest records the failure.
      const names = readdirSync(root).sort();
      expect(names.filter((n) => n.startsWith('.') && n !== '.gateway-ops.lock')).toEqual([]);
      const safety = names.filter((n) => n.startsWith('pre-restore-'));
      expect(safety).toHaveLength(1);
      const manifest = JSON.parse(readFileSync(join(root, safety[0]!, 'manifest.json'), 'utf8'));
      expect(manifest.components.postgres.verdict).toBe('failed');
      expect(manifest.files.filter((f: { component: string }) => f.component === 'postgres')).toEqual([]);
      // ... and a restore of it is refused as incomplete.
      const back = runCli('restore', settings({ 'deploy-dir': full, 'snapshot-date': safety[0]! }));
      expect(back.status, back.stdout + back.stderr).toBe(1);
      expect(back.stdout + back.stderr).toMatch(
        /restore refused: snapshot .*pre-restore-.* is incomplete: component postgres failed when the snapshot was taken/,
      );
      expect(source.dumpall()).toBe(before);
    } finally {
      await execFileP('umount', [root]);
      await source.psql('DROP TABLE IF EXISTS public.filler', 'postgres');
    }
    expect(source.dumpall()).toBe(atBackup);
  });

  it('dry-run prints the plan and changes nothing', () => {
    const r = runCli('restore', settings({ 'dry-run': 'true' }));
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`Snapshot: ${date}`);
    expect(out).toMatch(/Databases replaced: .*rt_app/);
    expect(out).toContain('Services stopped during the restore: rt-app, rt-worker');
    expect(out).toMatch(/Indices restored: rt-captures, rt-files/);
    expect(source.dumpall()).toBe(atBackup);
  });

  it('a drill aimed at the source cluster', () => {
    // Another name for the same cluster: only the system identifier tells them apart.
    docker.createContainer({ name: 'rt-pg-alias', env: docker.container(source.container)!.env });
    try {
      const r = runCli('drill', common({ 'drill-postgres-container': 'rt-pg-alias' }));
      expectRefused(
        r,
        /drill refused: the scratch PostgreSQL is the source cluster \(same system_identifier/,
      );
    } finally {
      docker.removeContainer('rt-pg-alias');
    }
  });
});

describe('restore faults', () => {
  it('a client that stays connected in an open transaction is ended, and the restore goes through', async () => {
    const held = new pg.Client({
      host: '127.0.0.1',
      port: source.pg.port,
      user: source.pg.superuser,
      password: source.pg.password,
      database: 'rt_app',
    });
    held.on('error', () => {});
    await held.connect();
    await held.query('BEGIN; SELECT count(*) FROM public.captures;');
    const r = runCli('restore', settings({ components: 'postgres' }));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    await expect(held.query('SELECT 1')).rejects.toThrow();
    await held.end().catch(() => {});
    expect(source.dumpall()).toBe(atBackup);
  });
  it('a dump with an SQL error in the middle whose checksums match: fails loudly, names where, services started again', async () => {
    copyDay('2020-04-04', (day, manifest) => {
      const file = join(day, 'postgres/pg_dumpall.sql.zst');
      const sql = execFileSync('zstd', ['-dc', file], { maxBuffer: 256 * 2 ** 20 }).toString('utf8');
      const at = sql.indexOf('CREATE TABLE public.blobs');
      const broken = `${sql.slice(0, at)}INSERT INTO no_such_table VALUES (1);\n${sql.slice(at)}`;
      execFileSync('zstd', ['-q', '-f', '-o', file], { input: broken });
      const bytes = readFileSync(file);
      const entry = (manifest['files'] as { path: string; size: number; sha256: string }[]).find((f) =>
        f.path.startsWith('postgres/'),
      )!;
      entry.size = bytes.length;
      entry.sha256 = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
    });
    const r = runCli('restore', settings({ 'snapshot-date': '2020-04-04', components: 'postgres' }));
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toMatch(
      /PostgreSQL restore failed in database rt_app, at the statement "INSERT INTO no_such_table VALUES \(1\);"/,
    );
    expect(out).toContain('relation "no_such_table" does not exist');
    expect(out).toMatch(/may be half-restored/);
    for (const service of SERVICES) expect(running(service)).toBe(true);
    // The good snapshot brings the half-restored cluster back, exactly.
    const again = runCli('restore', settings({ components: 'postgres' }));
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(source.dumpall()).toBe(atBackup);
    const calls = docker.calls().map((c) => c.argv.join(' '));
    expect(calls.some((c) => /compose -f compose.production.yaml stop rt-app rt-worker/.test(c))).toBe(true);
    expect(calls.some((c) => /compose -f compose.production.yaml start rt-app rt-worker/.test(c))).toBe(true);
  });
});

/** pg_dumpall without the one role's password hash (what keep-role-passwords keeps from the target). */
const withoutPassword = (dump: string, role: string) =>
  dump.replace(new RegExp(`^(ALTER ROLE ${role} WITH .*?) PASSWORD '[^']*'`, 'm'), '$1');
const passwordOf = (dump: string, role: string) =>
  new RegExp(`^ALTER ROLE ${role} WITH .*PASSWORD '([^']*)'`, 'm').exec(dump)?.[1];

describe('issue 10, done when', () => {
  it('end to end: the backup, the data changed, a restore through the action bundle (pg_dumpall as at backup time but the kept password, counts as in the manifest, a verified safety snapshot of the changed state), then the drill into a second cluster', async () => {
    // The backup (beforeAll) holds several databases, roles, a large object, non-ASCII text and two indices.
    const manifest = JSON.parse(readFileSync(join(dir, 'data/backups', date, 'manifest.json'), 'utf8'));
    expect(manifest.components.postgres.details.databases).toEqual(
      expect.arrayContaining(['postgres', 'rt_app', 'rt_ünï']),
    );
    expect(atBackup).toMatch(
      /CREATE ROLE rt_owner;[\s\S]*CREATE ROLE rt_reader;[\s\S]*GRANT rt_reader TO rt_owner/,
    );
    expect(atBackup).toContain('SELECT pg_catalog.lo_create(');
    expect(atBackup).toContain('ñandú 数据 Ω ✓');
    const recordedDocs = Object.fromEntries(
      Object.entries(manifest.components.opensearch.details.indices as Record<string, { docs: number }>).map(
        ([name, index]) => [name, index.docs],
      ),
    );
    expect(recordedDocs).toEqual({ 'rt-captures': 300, 'rt-files': 120 });

    // Change everything: a table dropped, rows added, a database added, an index deleted, a password changed.
    await source.psql('DROP TABLE public.blobs', 'rt_app');
    await source.psql("INSERT INTO public.captures VALUES (999999, 'added', NULL)", 'rt_app');
    await source.psql('CREATE DATABASE rt_added');
    await source.psql("ALTER ROLE rt_owner PASSWORD 'owner-after'");
    await client.indices.delete({ index: 'rt-files' } as never);
    await client.index({ index: 'rt-captures', id: 'extra', body: { n: -1 }, refresh: true } as never);
    const changed = source.dumpall();
    expect(changed).not.toBe(atBackup);

    const r = runBundle('restore', {
      ...settings(),
      'safety-snapshot': 'true',
      'keep-role-passwords': 'true',
      'snapshot-date': date,
    });
    expect(r.stdout.match(/::error::.*/g) ?? [], r.stdout).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.outputs['verdict']).toBe('restored');
    expect(r.outputs['snapshot-date']).toBe(date);
    const after = source.dumpall();
    expect(withoutPassword(after, 'rt_owner')).toBe(withoutPassword(atBackup, 'rt_owner'));
    // The target kept its own (changed) password, not the snapshot's.
    expect(passwordOf(after, 'rt_owner')).toBe(passwordOf(changed, 'rt_owner'));
    expect(passwordOf(after, 'rt_owner')).not.toBe(passwordOf(atBackup, 'rt_owner'));
    for (const [index, docs] of Object.entries(recordedDocs)) {
      expect((await client.count({ index })).body.count, index).toBe(docs);
    }
    expect(r.summary).toMatch(/✓.*database.*rt_app/s);
    expect(r.summary).toMatch(/✓.*index.*rt-files/s);
    expect(r.summary).not.toContain('✗');
    for (const service of SERVICES) expect(running(service)).toBe(true);

    // The safety snapshot holds the changed state, and verifies.
    const safetyPath = r.outputs['safety-snapshot-path']!;
    expect(safetyPath).toMatch(/\/data\/backups\/pre-restore-\d{8}T\d{6}Z$/);
    const label = safetyPath.slice(safetyPath.lastIndexOf('/') + 1);
    expect(r.summary).toContain(label);
    const safety = JSON.parse(readFileSync(join(safetyPath, 'manifest.json'), 'utf8'));
    expect(safety).toMatchObject({ kind: 'pre-restore', label });
    const pgDetails = safety.components.postgres.details;
    expect(pgDetails.databases).toContain('rt_added');
    expect(Object.keys(pgDetails.rowCounts.rt_app)).not.toContain('public.blobs');
    expect(pgDetails.rowCounts.rt_app['public.captures']).toBe(20001);
    const safetyIndices = safety.components.opensearch.details.indices;
    expect(Object.keys(safetyIndices)).toEqual(['rt-captures']);
    expect(safetyIndices['rt-captures'].docs).toBe(301);
    const verify = runCli('verify', common({ 'snapshot-date': label }));
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout + verify.stderr).toMatch(/good/);

    // The drill of the same snapshot into a second cluster: it passes, leaves that cluster as it was, never touches the source.
    const scratch = await startCluster('rt-scratch');
    try {
      const scratchBefore = scratch.dumpall();
      const sourceBefore = source.dumpall();
      const mark = docker.mark();
      const drill = runCli(
        'drill',
        common({ 'drill-postgres-container': scratch.container, 'snapshot-date': date }),
      );
      expect(drill.status, drill.stdout + drill.stderr).toBe(0);
      expect(drill.stdout + drill.stderr).toContain(`Drill of ${date} passed`);
      expect(scratch.dumpall()).toBe(scratchBefore);
      expect(source.dumpall()).toBe(sourceBefore);
      // Nothing ran psql in the source container: it was only read through the tunnel.
      const intoSource = docker
        .calls(mark)
        .filter((c) => c.argv.includes(source.container) && c.argv.some((a) => a === 'psql'));
      expect(intoSource).toEqual([]);
      const left = await client.cat
        .indices({ index: 'drill-*', format: 'json' } as never)
        .catch(() => ({ body: [] }));
      expect(left.body).toEqual([]);
    } finally {
      await scratch.stop();
    }
  });
});
