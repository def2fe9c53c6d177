/**
 * Issue 15, Build 3 and 4: SIGTERM and SIGINT (a cancelled job, Ctrl-C) to `gateway-ops restore`,
 * and SIGTERM to the backup's off-host copy, through the CLI built from this checkout, against the
 * real sshd, PostgreSQL and copy host of the bench. Interrupted during the SQL stream: the CLI
 * exits non-zero, stops the stream on the host, starts the services it stopped (the docker double
 * records `compose start`), removes its work dir, releases the lock, keeps the safety snapshot
 * complete and says how to go back to it. Interrupted during the safety snapshot: no safety
 * snapshot that looks complete, nothing stopped, lock released. Interrupted during the copy:
 * nothing dated on the copy host, both locks released, the next run completes the copy.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { verifySnapshot } from '../../src/shared/snapshot/index.js';
import { node24 } from '../helpers/action-runner.js';
import { deployDir } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { connectProduction, copyHost, treeOf } from './copy-helpers.js';
import { entriesOf, today } from './crash-helpers.js';
import { bench, type Cluster, startCluster, targetHostname } from './restore-helpers.js';

const info = bench();
const copy = copyHost();
const docker = openDockerDouble(info.docker.stateDir);
const cliPath = join(new URL('../../', import.meta.url).pathname, 'bin/gateway-ops.js');
const started = Date.now().toString(36);
/** The app a restore stops and must start again. */
const APP = 'intr-app';
/** The cluster behind a psql that hangs once the restore's SQL stream is applied. */
const SLOW_PSQL = 'intr-pg-slow-psql';
/** The cluster behind a pg_dumpall that hangs once the dump is out (the safety snapshot's). */
const SLOW_DUMP = 'intr-pg-slow-dump';
const NOTE = '.gateway-ops-stopped-services.json';

let cluster: Cluster;
let remote: SshRemoteHost;
let keyFile: string;
let copyKeyFile: string;
let wrappers: string;
/** Touched by the psql wrapper once the whole SQL stream went into the real psql. */
let streamApplied: string;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `gateway-ops <command>` as a child process; `during` runs while it does (and may signal it). */
function cli(
  command: string,
  dir: string,
  settings: Record<string, string>,
  during?: (child: ChildProcess) => Promise<void>,
): Promise<Run> {
  const args = [
    cliPath,
    command,
    '--ssh-host',
    info.ssh.host,
    '--ssh-port',
    String(info.ssh.port),
    '--ssh-user',
    info.ssh.username,
    '--ssh-private-key-file',
    keyFile,
    '--ssh-host-fingerprint',
    info.ssh.hostFingerprint,
    '--deploy-dir',
    dir,
    '--components',
    'postgres',
    ...Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]),
  ];
  const child = spawn(node24, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<Run>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 170_000);
  return (async () => {
    try {
      if (during) await during(child);
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  })();
}

/** Polls `check` until it passes or `ms` ran out (remote processes end a moment after their session). */
async function eventually(check: () => void, ms = 15_000, everyMs = 200): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** The lock file is free: `flock -n` takes it at once (the kernel dropped the run's flock). */
function expectLockFree(lockFile: string): void {
  expect(existsSync(lockFile), lockFile).toBe(true);
  const taken = spawnSync('flock', ['-n', lockFile, 'true']);
  expect(taken.status, `${lockFile} is still locked`).toBe(0);
}

/** Processes on the bench host whose argv names the test's wrappers (the hanging psql or pg_dumpall). */
function wrapperProcesses(): string[] {
  const out = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((line) => line.includes(wrappers) && !line.includes('ps -eo'));
}

function restoreSettings(container: string, safety: boolean): Record<string, string> {
  const host = targetHostname();
  return {
    'postgres-container': container,
    'stop-services': APP,
    'restore-allowed-hosts': host,
    confirm: host,
    'safety-snapshot': String(safety),
    timezone: 'UTC',
  };
}

/** A deployment with today's snapshot of the cluster taken by the real backup. */
async function deploymentWithSnapshot(name: string): Promise<{ dir: string; backups: string }> {
  const dir = deployDir(info, `intr-${name}-${started}`);
  const run = await cli('backup', dir, { 'postgres-container': cluster.container, timezone: 'UTC' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return { dir, backups: join(dir, 'data/backups') };
}

const preRestoreDirs = (backups: string) => readdirSync(backups).filter((n) => n.startsWith('pre-restore-'));

/** A container of the same cluster whose PATH puts `wrappers` (the hanging tools) first. */
function slowContainer(name: string): void {
  const env = docker.container(cluster.container)!.env as Record<string, string>;
  docker.createContainer({
    name,
    env: { ...env, PATH: `${join(wrappers, name)}:${process.env['PATH'] ?? '/usr/bin:/bin'}` },
  });
}

beforeAll(async () => {
  keyFile = join(info.tempDir, `intr-key-${started}`);
  writeFileSync(keyFile, info.ssh.clientKey.privateKey, { mode: 0o600 });
  copyKeyFile = join(info.tempDir, `intr-copy-key-${started}`);
  writeFileSync(copyKeyFile, copy.clientKey.privateKey, { mode: 0o600 });
  cluster = await startCluster('intr-pg');
  await cluster.psql(
    `CREATE TABLE intr_items (id int PRIMARY KEY, name text); INSERT INTO intr_items SELECT g, 'item-' || g FROM generate_series(1, 2000) g;`,
  );
  wrappers = join(info.workDir, `intr-bin-${started}`);
  streamApplied = join(wrappers, 'stream-applied');
  for (const name of [SLOW_PSQL, SLOW_DUMP])
    mkdirSync(join(wrappers, name), { recursive: true, mode: 0o755 });
  // `-f -` is the restore's SQL stream; every other psql (roles, counts) runs as it is.
  const psql = join(cluster.pg.binDir, 'psql');
  writeFileSync(
    join(wrappers, SLOW_PSQL, 'psql'),
    `#!/bin/sh\ncase " $* " in *" -f - "*) "${psql}" "$@"; rc=$?; : >"${streamApplied}"; sleep 120; exit $rc;; esac\nexec "${psql}" "$@"\n`,
    { mode: 0o755 },
  );
  const dumpall = join(cluster.pg.binDir, 'pg_dumpall');
  writeFileSync(
    join(wrappers, SLOW_DUMP, 'pg_dumpall'),
    `#!/bin/sh\ncase "$*" in *--version*) exec "${dumpall}" "$@";; esac\n"${dumpall}" "$@" || exit $?\nsleep 120\n`,
    { mode: 0o755 },
  );
  spawnSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, wrappers]);
  slowContainer(SLOW_PSQL);
  slowContainer(SLOW_DUMP);
  docker.createContainer({ name: APP, service: APP });
  remote = await connectProduction();
}, 180_000);

afterAll(async () => {
  for (const name of [SLOW_PSQL, SLOW_DUMP, APP]) docker.removeContainer(name);
  await remote?.close();
  await cluster?.stop();
});

/** `docker compose ... <verb> intr-app` calls the double recorded after `mark`. */
const composeCalls = (mark: number, verb: 'stop' | 'start') =>
  docker
    .calls(mark)
    .filter((c) => c.argv.includes('compose') && c.argv.includes(verb) && c.argv.includes(APP));

describe('restore interrupted during the SQL stream', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: exits non-zero, stops the stream, starts the services again, releases the lock, points at the intact safety snapshot',
    async (signal) => {
      const { dir, backups } = await deploymentWithSnapshot(`stream-${signal}`);
      const lockFile = join(backups, '.gateway-ops.lock');
      rmIfThere(streamApplied);
      const mark = docker.mark();
      const run = await cli('restore', dir, restoreSettings(SLOW_PSQL, true), async (child) => {
        await eventually(() => expect(existsSync(streamApplied)).toBe(true), 90_000);
        // Services down, the stream's psql still running: the window a cancelled job lands in.
        expect(docker.container(APP)?.running).toBe(false);
        child.kill(signal);
      });
      const out = run.stdout + run.stderr;
      expect(run.status, out).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(run.stderr).toContain(`restore interrupted (${signal})`);
      expect(composeCalls(mark, 'stop')).toHaveLength(1);
      expect(composeCalls(mark, 'start'), out).toHaveLength(1);
      expect(composeCalls(mark, 'start')[0]!.time >= composeCalls(mark, 'stop')[0]!.time).toBe(true);
      expect(docker.container(APP)?.running).toBe(true);
      expect(run.stderr).toContain(`Started ${APP} again`);
      expect(run.stderr).toMatch(/Removing .*\/\.restore-\w+, left by a run that did not finish/);
      expect(existsSync(join(backups, NOTE)), 'the stopped-services note is left').toBe(false);
      // The safety snapshot was complete before the stream began: it stays so, and the message says how back.
      const [safety, ...more] = preRestoreDirs(backups);
      expect(more).toEqual([]);
      const report = await verifySnapshot(remote, join(backups, safety!));
      expect(report.verdict, report.problems.join('; ')).toBe('good');
      expect(run.stderr).toContain(
        `The safety snapshot of the state before this restore is ${join(backups, safety!)}; restore it with: gateway-ops restore --snapshot-date ${safety}`,
      );
      await eventually(() => {
        expectLockFree(lockFile);
        expect(wrapperProcesses(), 'the stream still runs on the host').toEqual([]);
        // Only snapshots and the lock: the restore's private work dir is gone too.
        expect(
          entriesOf(backups).other.filter((n) => n !== '.gateway-ops.lock' && !n.startsWith('pre-restore-')),
        ).toEqual([]);
      });
      const next = await cli('restore', dir, restoreSettings(cluster.container, false));
      expect(next.status, next.stdout + next.stderr).toBe(0);
      expect(next.stderr).not.toMatch(/did not finish stopped/);
      expect(await cluster.psql('SELECT count(*) FROM intr_items')).toMatch(/2000/);
    },
    240_000,
  );
});

describe('restore interrupted during the safety snapshot', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: exits non-zero, no safety snapshot that looks complete, nothing stopped, lock released',
    async (signal) => {
      const { dir, backups } = await deploymentWithSnapshot(`safety-${signal}`);
      const lockFile = join(backups, '.gateway-ops.lock');
      const mark = docker.mark();
      let seenPartial = '';
      const run = await cli('restore', dir, restoreSettings(SLOW_DUMP, true), async (child) => {
        // The safety snapshot's dump is out and pg_dumpall hangs: its work dir holds a dump now.
        await eventually(() => {
          const partial = readdirSync(backups).find(
            (n) => n.startsWith('.pre-restore-') && n.includes('.partial-'),
          );
          expect(partial).toBeDefined();
          const dump = join(backups, partial!, 'postgres');
          const files = readdirSync(dump);
          expect(files.length).toBeGreaterThan(0);
          expect(statSync(join(dump, files[0]!)).size).toBeGreaterThan(0);
          seenPartial = partial!;
        }, 90_000);
        child.kill(signal);
      });
      const out = run.stdout + run.stderr;
      expect(run.status, out).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(run.stderr).toContain(`restore interrupted (${signal})`);
      expect(run.stderr).toContain(`Removed the unfinished work dir ${join(backups, seenPartial)}`);
      // Interrupted before any service was stopped: none was, and nothing claims a way back.
      expect(composeCalls(mark, 'stop')).toEqual([]);
      expect(docker.container(APP)?.running).toBe(true);
      expect(existsSync(join(backups, NOTE))).toBe(false);
      expect(run.stderr).not.toContain('The safety snapshot of the state before this restore is');
      await eventually(() => {
        expect(preRestoreDirs(backups)).toEqual([]);
        expect(entriesOf(backups).other).toEqual(['.gateway-ops.lock']);
        expectLockFree(lockFile);
        expect(wrapperProcesses(), 'the dump still runs on the host').toEqual([]);
      });
      expect(await cluster.psql('SELECT count(*) FROM intr_items')).toMatch(/2000/);
      const next = await cli('restore', dir, restoreSettings(cluster.container, true));
      expect(next.status, next.stdout + next.stderr).toBe(0);
      expect(preRestoreDirs(backups)).toHaveLength(1);
    },
    240_000,
  );
});

function rmIfThere(path: string): void {
  spawnSync('rm', ['-f', '--', path]);
}

describe('the off-host copy interrupted', () => {
  it('SIGTERM mid-transfer: nothing dated on the copy host, both locks released, the next run completes the copy', async () => {
    // Random text compresses little: a dump of some MB, so the transfer lasts long enough to land in.
    const big = await startCluster('intr-copy-pg');
    try {
      await big.psql(
        `CREATE TABLE bulk (id bigint PRIMARY KEY, a text);
         INSERT INTO bulk SELECT g, encode(decode(md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text), 'hex'), 'base64')
         FROM generate_series(1, 250000) g;`,
      );
      const dir = deployDir(info, `intr-copy-${started}`);
      const backups = join(dir, 'data/backups');
      const copies = join(copy.workDir, `intr-copies-${started}`);
      const settings = {
        'postgres-container': big.container,
        timezone: 'UTC',
        'copy-to-host': copy.host,
        'copy-to-port': String(copy.port),
        'copy-to-user': copy.username,
        'copy-to-path': copies,
        'copy-to-private-key-file': copyKeyFile,
        'copy-to-host-fingerprint': copy.hostFingerprint,
      };
      const label = today();
      const partial = join(copies, `.${label}.partial`);
      let sentBeforeKill = 0;
      const run = await cli('backup', dir, settings, async (child) => {
        await eventually(
          () => {
            const files = existsSync(join(partial, 'postgres')) ? readdirSync(join(partial, 'postgres')) : [];
            expect(files.length).toBeGreaterThan(0);
            sentBeforeKill = statSync(join(partial, 'postgres', files[0]!)).size;
            expect(sentBeforeKill).toBeGreaterThan(0);
          },
          120_000,
          5,
        );
        child.kill('SIGTERM');
      });
      const out = run.stdout + run.stderr;
      expect(run.status, out).toBe(143);
      expect(run.stderr).toContain('backup interrupted (SIGTERM)');
      expect(run.stderr, 'the kill landed after the copy had finished').not.toMatch(
        /Copied .* and verified it there/,
      );
      const local = treeOf(join(backups, label));
      const dump = Object.keys(local).find((p) => p.startsWith('postgres/'))!;
      console.log(
        `copy interrupted after ${sentBeforeKill} bytes of ${statSync(join(backups, label, dump)).size}`,
      );
      await eventually(() => {
        // No copy that looks complete: the copy host holds only its hidden partial dir and its lock.
        expect(entriesOf(copies).dated).toEqual([]);
        expect(
          entriesOf(copies).other.filter((n) => n !== '.gateway-ops.lock' && n !== `.${label}.partial`),
        ).toEqual([]);
        expectLockFree(join(copies, '.gateway-ops.lock'));
        expectLockFree(join(backups, '.gateway-ops.lock'));
      });
      const next = await cli('backup', dir, settings);
      expect(next.status, next.stdout + next.stderr).toBe(0);
      expect(next.stderr).toMatch(/Copy on .*: verified there/);
      expect(entriesOf(copies).dated).toEqual([label]);
      expect(entriesOf(copies).other.filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
      expect(treeOf(join(copies, label))).toEqual(local);
    } finally {
      await big.stop();
    }
  }, 300_000);
});
