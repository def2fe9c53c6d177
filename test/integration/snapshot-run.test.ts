/**
 * The snapshot run as a function (takeSnapshot) and its readers, against the real bench: sshd as
 * the host, PostgreSQL behind the docker double, OpenSearch. Every component's preconditions hold
 * before the first byte; a component failing after another succeeded keeps the good one; retention,
 * verify and the next run read such days right; restore's safety snapshot lives beside the daily ones.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand } from '../../src/commands/backup.js';
import { takeSnapshot } from '../../src/commands/take-snapshot.js';
import { verifyCommand } from '../../src/commands/verify.js';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { type CommandName, loadSettings, SETTINGS } from '../../src/shared/settings/index.js';
import {
  applyDiskRetention,
  buildManifest,
  type ComponentResult,
  chooseSnapshot,
  listSnapshots,
  preRestoreLabel,
  serializeManifest,
  snapshotDate,
  verifySnapshot,
} from '../../src/shared/snapshot/index.js';
import { node24 } from '../helpers/action-runner.js';
import { deployDir, hostInputs } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { seedIndex } from './opensearch-helpers.js';
import { bench, connect, plantPreviousSnapshot, testLog } from './postgres-helpers.js';

const info = bench();
const docker = openDockerDouble(info.docker.stateDir);
const CONTAINER = 'sds-gateway-run-opensearch';
const REPO = 'run-repo';
const root = new URL('../../', import.meta.url).pathname;
let node: OpenSearchNode;
let client: Client;
let location: string;
let remote: SshRemoteHost;

beforeAll(async () => {
  node = await useOpenSearch(info.extensions['opensearch']);
  client = new Client({ node: node.url });
  location = join(node.pathRepo, 'snapshot-run');
  mkdirSync(location, { recursive: true });
  spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  docker.createContainer({
    name: CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'Run-Pa55word' },
  });
  await seedIndex(client, 'run-captures', 120);
  remote = await connect();
});

afterAll(async () => {
  docker.removeContainer(CONTAINER);
  await client?.close();
  await remote?.close();
});

const today = () => snapshotDate(new Date(), 'UTC');
const dayBefore = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function inputs(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...hostInputs(info, dir),
    components: 'postgres,opensearch',
    'opensearch-container': CONTAINER,
    'opensearch-url': node.url,
    'snapshot-repository': REPO,
    'snapshot-location': location,
    indices: 'run-*',
    'opensearch-timeout': '2m',
    ...extra,
  };
}

/** The settings a command would get from these inputs (only the ones that command takes). */
function settingsOf(command: CommandName, given: Record<string, string>) {
  const explicit = Object.fromEntries(
    Object.entries(given).filter(([name]) =>
      (SETTINGS[name as keyof typeof SETTINGS].commands as readonly string[]).includes(command),
    ),
  );
  return loadSettings(command, { surface: 'action', explicit }).settings;
}

/** The dump itself (not the `pg_dumpall --version` of the checks before it). */
const dumpCalls = (since: number) =>
  docker.calls(since).filter((call) => call.argv.some((arg) => arg.includes('exec pg_dumpall')));
const backups = (dir: string) => join(dir, 'data/backups');
const entries = (dir: string) => (existsSync(backups(dir)) ? readdirSync(backups(dir)).sort() : []);

describe('preconditions before the first byte', () => {
  it('OpenSearch unreachable: the run fails before pg_dumpall runs, and nothing is written', async () => {
    const dir = deployDir(info, 'run-os-down');
    const mark = docker.mark();
    const log = testLog();
    await expect(
      takeSnapshot(
        remote,
        settingsOf('backup', inputs(dir, { 'opensearch-url': 'http://127.0.0.1:9' })),
        log,
      ),
    ).rejects.toThrow(/127\.0\.0\.1:9|OpenSearch/);
    expect(dumpCalls(mark)).toEqual([]);
    expect(entries(dir).filter((name) => name !== '.gateway-ops.lock')).toEqual([]);
  });

  it("a symbolic link planted at today's path is found before dumping, and named", async () => {
    const dir = deployDir(info, 'run-today-link');
    mkdirSync(backups(dir), { recursive: true });
    const elsewhere = join(info.workDir, 'run-today-link-target');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'precious'), 'keep me\n');
    symlinkSync(elsewhere, join(backups(dir), today()));
    spawnSync('chown', ['-R', '-h', `${info.user.uid}:${info.user.gid}`, join(dir, 'data')]);
    const mark = docker.mark();
    await expect(
      takeSnapshot(remote, settingsOf('backup', inputs(dir, { components: 'postgres' })), testLog()),
    ).rejects.toThrow(new RegExp(`${today()} is not a snapshot directory: a symbolic link to ${elsewhere}`));
    expect(dumpCalls(mark)).toEqual([]);
    expect(lstatSync(join(backups(dir), today())).isSymbolicLink()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['precious']);
    expect(entries(dir).filter((n) => n.startsWith('.20'))).toEqual([]);
  });
});

describe('a component that fails after another succeeded', () => {
  it('keeps the dump, records OpenSearch as failed, exits 1; verify says incomplete; the next run retakes; force retakes OpenSearch', async () => {
    const dir = deployDir(info, 'run-os-fails');
    const keyFile = join(info.tempDir, 'run-test-key');
    writeFileSync(keyFile, info.ssh.clientKey.privateKey, { mode: 0o600 });
    const mark = docker.mark();
    // No index matches: the repository and the connection are fine, the snapshot itself fails.
    const cli = spawnSync(
      node24,
      [
        join(root, 'bin/gateway-ops.js'),
        'backup',
        ...[
          '--ssh-host',
          info.ssh.host,
          '--ssh-port',
          String(info.ssh.port),
          '--ssh-user',
          info.ssh.username,
        ],
        ...['--ssh-private-key-file', keyFile, '--ssh-host-fingerprint', info.ssh.hostFingerprint],
        ...['--deploy-dir', dir, '--opensearch-container', CONTAINER, '--opensearch-url', node.url],
        ...['--snapshot-repository', REPO, '--snapshot-location', location, '--indices', 'run-nothing-*'],
        ...['--components', 'postgres,opensearch'],
      ],
      { encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stderr).toMatch(/incomplete: opensearch failed; postgres kept/);
    expect(dumpCalls(mark).length).toBeGreaterThan(0);
    const day = join(backups(dir), today());
    const manifest = JSON.parse(readFileSync(join(day, 'manifest.json'), 'utf8'));
    expect(manifest.components.postgres.verdict).toBe('passed');
    expect(manifest.components.opensearch).toMatchObject({ verdict: 'failed', details: {} });
    expect(manifest.components.opensearch.error).toMatch(/no index matches run-nothing-\*/);
    expect(manifest.files.map((f: { component: string }) => f.component)).toEqual(['postgres']);
    expect(readdirSync(day).sort()).toEqual(['manifest.json', 'postgres']);

    const verify = await verifyCommand({
      settings: settingsOf('verify', inputs(dir)),
      log: testLog(),
      surface: 'cli',
      stdout: () => {},
    });
    expect(verify.ok).toBe(false);
    expect(verify.headline).toMatch(/is incomplete: opensearch failed when it was taken/);
    expect(verify.headline).not.toMatch(/verified/);

    // The next run the same day does not reuse it: both components are taken again.
    const log = testLog();
    const next = await takeSnapshot(remote, settingsOf('backup', inputs(dir)), log);
    expect(next.reused).toBe(false);
    expect(next.failed).toEqual([]);
    expect(next.replaced).toBe(day);
    expect(Object.values(next.manifest.components).map((c) => c.verdict)).toEqual(['passed', 'passed']);
    expect(log.lines.join('\n')).toMatch(/has failed component\(s\) opensearch: taking it again/);
    const uuid = async () =>
      (
        (await client.snapshot.get({ repository: REPO, snapshot: `snapshot_${today()}` })).body as {
          snapshots: { uuid: string }[];
        }
      ).snapshots[0]!.uuid;
    const before = await uuid();

    // A third run reuses it; force retakes every component, OpenSearch included.
    expect((await takeSnapshot(remote, settingsOf('backup', inputs(dir)), testLog())).reused).toBe(true);
    const forced = await takeSnapshot(
      remote,
      settingsOf('backup', inputs(dir, { force: 'true' })),
      testLog(),
    );
    expect(forced.reused).toBe(false);
    expect(forced.manifest.components['opensearch']?.details['reused']).toBe(false);
    expect(await uuid()).not.toBe(before);
  });
});

describe('retention counts only snapshots that verify', () => {
  it('two newer truncated snapshots and two older good ones, keep-daily 3: the good ones survive', async () => {
    const dir = deployDir(info, 'run-retention-truncated');
    const root = backups(dir);
    mkdirSync(root, { recursive: true });
    for (const n of [4, 3, 2, 1]) plantPreviousSnapshot(root, dayBefore(n));
    for (const n of [2, 1]) truncateSync(join(root, dayBefore(n), 'postgres/pg_dumpall.sql'), 3);
    const log = testLog();
    const taken = await takeSnapshot(
      remote,
      settingsOf(
        'backup',
        inputs(dir, { components: 'postgres', 'keep-daily': '3', 'keep-weekly': '0', 'keep-monthly': '0' }),
      ),
      log,
    );
    expect(taken.retention.at(-1)).toBe('Disk retention: kept 3, deleted 2 snapshot(s).');
    expect(entries(dir).filter((n) => /^\d/.test(n))).toEqual([dayBefore(4), dayBefore(3), today()]);
    expect(log.lines.join('\n')).toMatch(new RegExp(`${dayBefore(1)} does not verify .*size 3 bytes`));
  });

  it('a dated directory without a manifest is left alone, a future-dated snapshot is not counted; both warned', async () => {
    const dir = deployDir(info, 'run-retention-odd');
    const root = backups(dir);
    mkdirSync(join(root, dayBefore(9)), { recursive: true });
    writeFileSync(join(root, dayBefore(9), 'notes.txt'), 'copied by hand\n');
    for (const date of [dayBefore(2), dayBefore(1), today()]) plantPreviousSnapshot(root, date);
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    plantPreviousSnapshot(root, future);
    spawnSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, join(dir, 'data')]);
    const log = testLog();
    const result = await applyDiskRetention(
      remote,
      { deployDir: dir, backupsDir: 'data/backups', timezone: 'UTC' },
      { keepDaily: 2, keepWeekly: 0, keepMonthly: 0, keepPreRestore: 3 },
      log,
      today(),
    );
    // Today and yesterday fill keep-daily 2; the future one took no slot; the manifest-less one stays.
    expect(result.deleted).toEqual([dayBefore(2)]);
    expect(entries(dir).filter((n) => /^\d/.test(n))).toEqual([dayBefore(9), dayBefore(1), today(), future]);
    const text = log.lines.join('\n');
    expect(text).toMatch(new RegExp(`without a manifest: ${dayBefore(9)} .*Left alone`));
    expect(text).toMatch(new RegExp(`dated after ${today()}: ${future} .*not counted by retention`));
  });
});

/** A snapshot directory planted by hand: one file as given, listed with the given compression. */
function plant(root: string, name: string, bytes: Buffer, compression: 'zstd' | 'none', file: string) {
  const dir = join(root, name);
  mkdirSync(join(dir, 'postgres'), { recursive: true });
  writeFileSync(join(dir, file), bytes);
  const date = name.startsWith('pre-restore-')
    ? `${name.slice(12, 16)}-${name.slice(16, 18)}-${name.slice(18, 20)}`
    : name;
  const component: ComponentResult = {
    name: 'postgres',
    verdict: 'passed',
    durationMs: 1,
    details: {},
    files: [
      {
        path: file,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        compression,
        component: 'postgres',
      },
    ],
  };
  const manifest = buildManifest({
    gatewayOpsVersion: '0.0.0-test',
    runId: 'planted',
    host: 'test',
    date,
    timezone: 'UTC',
    ...(name.startsWith('pre-restore-') ? { label: name } : {}),
    createdAt: new Date(`${date}T01:00:00Z`),
    completedAt: new Date(`${date}T01:00:01Z`),
    components: [component],
  });
  writeFileSync(join(dir, 'manifest.json'), serializeManifest(manifest));
  spawnSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, root]);
  return dir;
}

describe('verify gaps', () => {
  it('a manifest edited to compression none does not skip the stream test', async () => {
    const dir = deployDir(info, 'run-verify-compression');
    const plain = Buffer.from('-- PostgreSQL database cluster dump\n'.repeat(2000));
    const zst = execFileSync('zstd', ['-q', '-c'], { input: plain });
    const cut = zst.subarray(0, Math.floor(zst.length / 2));
    const snapshot = plant(backups(dir), '2026-01-02', cut, 'none', 'postgres/pg_dumpall.sql.zst');
    const report = await verifySnapshot(remote, snapshot);
    expect(report.verdict).toBe('bad');
    expect(report.problems).toContain(
      'postgres/pg_dumpall.sql.zst: the manifest says compression none, but the file is a zstd stream',
    );
    expect(report.problems.join('\n')).toMatch(/postgres\/pg_dumpall.sql.zst: zstd test failed: /);
  });

  it('an extra empty directory is flagged', async () => {
    const dir = deployDir(info, 'run-verify-empty-dir');
    const snapshot = plant(backups(dir), '2026-01-03', Buffer.from('dump\n'), 'none', 'postgres/dump.sql');
    expect((await verifySnapshot(remote, snapshot)).verdict).toBe('good');
    mkdirSync(join(snapshot, 'extra'));
    spawnSync('chown', [`${info.user.uid}:${info.user.gid}`, join(snapshot, 'extra')]);
    const report = await verifySnapshot(remote, snapshot);
    expect(report.verdict).toBe('bad');
    expect(report.problems).toEqual(['extra/: unexpected directory (no file the manifest lists is in it)']);
  });
});

describe("restore's safety snapshot", () => {
  it('is taken by takeSnapshot with a pre-restore label, never latest, verifiable by its label, never pruned by daily retention', async () => {
    const dir = deployDir(info, 'run-pre-restore');
    const label = preRestoreLabel(new Date());
    const safety = await takeSnapshot(
      remote,
      settingsOf('backup', inputs(dir, { components: 'postgres' })),
      testLog(),
      {
        label,
      },
    );
    expect(safety.label).toBe(label);
    expect(safety.path).toBe(join(backups(dir), label));
    expect(safety.manifest).toMatchObject({ label, kind: 'pre-restore', date: today() });
    expect(readdirSync(join(backups(dir), label)).sort()).toEqual(['manifest.json', 'postgres']);

    // Three older safety snapshots and an old day: keep-daily 1 and keep-pre-restore 3.
    for (const old of [
      'pre-restore-20250101T000000Z',
      'pre-restore-20250102T000000Z',
      'pre-restore-20250103T000000Z',
    ])
      plant(backups(dir), old, Buffer.from('old\n'), 'none', 'postgres/dump.sql');
    plantPreviousSnapshot(backups(dir), dayBefore(3));
    const daily = await backupCommand({
      settings: settingsOf(
        'backup',
        inputs(dir, { components: 'postgres', 'keep-daily': '1', 'keep-weekly': '0', 'keep-monthly': '0' }),
      ),
      log: testLog(),
      surface: 'cli',
      stdout: () => {},
    });
    expect(daily.ok).toBe(true);
    expect(entries(dir).filter((n) => !n.startsWith('.'))).toEqual([
      today(),
      'pre-restore-20250102T000000Z',
      'pre-restore-20250103T000000Z',
      label,
    ]);
    const layout = { deployDir: dir, backupsDir: 'data/backups', timezone: 'UTC' };
    expect(chooseSnapshot(await listSnapshots(remote, layout), 'latest', 'x')).toBe(today());
    const verify = await verifyCommand({
      settings: settingsOf('verify', { ...inputs(dir), 'snapshot-date': label }),
      log: testLog(),
      surface: 'cli',
      stdout: () => {},
    });
    expect(verify.ok, verify.details?.join('\n')).toBe(true);
    expect(verify.headline).toMatch(new RegExp(`Snapshot ${label} verified: 1 file,`));
  });
});
