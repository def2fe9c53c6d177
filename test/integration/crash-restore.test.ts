/**
 * Crash safety of the restore (issue 15, Build 4): `gateway-ops restore` (PostgreSQL, services
 * stopped around it) SIGKILLed at seeded random points of an unkilled run's span (from its SSH
 * connection to its end). After every kill: the snapshot still verifies, services down are written
 * down on the host; the full next restore (after every CRASH_NEXT_EVERY kills) starts what was left
 * stopped, says so, succeeds, and leaves nothing of the restore's work in the backups dir. The
 * restore's own shell SIGKILLed on the host leaves its work dir (no password in it): the next
 * restore and the next backup remove it. Killed after its safety snapshot, that snapshot stays
 * intact through the next restore.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { verifySnapshot } from '../../src/shared/snapshot/index.js';
import { deployDir } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { descendantsOf } from '../services/processes.js';
import { treeOf } from './copy-helpers.js';
import {
  type CliRun,
  CRASH_BOUND_MS,
  CRASH_POINTS,
  cliArgs,
  describePoint,
  drawKillPoint,
  endedFirstAsAllowed,
  entriesOf,
  nextRun,
  nextRunDue,
  runCli,
  seededRandom,
  sshdListener,
} from './crash-helpers.js';
import { connect } from './postgres-helpers.js';
import { bench, type Cluster, startCluster, targetHostname } from './restore-helpers.js';

const info = bench();
const docker = openDockerDouble(info.docker.stateDir);
const SERVICES = ['crash-app', 'crash-worker'];
const NOTE = '.gateway-ops-stopped-services.json';
let cluster: Cluster;
let remote: SshRemoteHost;
let dir: string;
let backups: string;
let date: string;
let atBackup: string;
let unkilled: CliRun;
/** Where the unkilled run's SSH session is up (kills before it only find Node starting). */
let connected: { ms: number; line: number };

function args(command: 'backup' | 'restore', extra: Record<string, string> = {}): string[] {
  const host = targetHostname();
  return cliArgs(
    command,
    {
      'ssh-host': info.ssh.host,
      'ssh-port': String(info.ssh.port),
      'ssh-user': info.ssh.username,
      'ssh-host-fingerprint': info.ssh.hostFingerprint,
      'deploy-dir': dir,
      components: 'postgres',
      'postgres-container': cluster.container,
      ...(command === 'restore'
        ? {
            'stop-services': SERVICES.join(','),
            'restore-allowed-hosts': host,
            confirm: host,
            'safety-snapshot': 'false',
          }
        : {}),
      ...extra,
    },
    info.ssh.clientKey.privateKey,
    'production',
  );
}

const stopped = () => SERVICES.filter((name) => docker.container(name)?.running !== true);

/** The snapshot (or safety snapshot) `label` verifies, over the test's own SSH connection. */
async function expectVerifies(label: string, what: string): Promise<void> {
  const report = await verifySnapshot(remote, join(backups, label));
  expect(report.verdict, `${what}: ${label} no longer verifies: ${report.problems.join('; ')}`).toBe('good');
}

/** What the next full restore must do after crashed ones: start the services, succeed, leave nothing. */
async function expectNextRestoreRecovers(what: string, leftStopped: boolean): Promise<CliRun> {
  const after = await nextRun(args('restore'));
  expect(after.run.status, `${what}: the next restore failed:\n${after.run.stderr}`).toBe(0);
  expect(after.lockedOutMs).toBeLessThan(5_000);
  if (leftStopped) {
    expect(after.run.stderr).toMatch(
      new RegExp(
        `A restore of ${date} that did not finish stopped ${SERVICES.join(', ')} at .*: starting them again`,
      ),
    );
  }
  expect(stopped(), `${what}: still stopped after the next run`).toEqual([]);
  expect(cluster.dumpall(), `${what}: the cluster is not the snapshot's after the next restore`).toBe(
    atBackup,
  );
  return after.run;
}

/** Nothing of a restore's work (its work dir, the note) is left: only snapshots and the lock. */
function expectNothingLeft(what: string, keep: readonly string[] = []): void {
  const { dated, other } = entriesOf(backups);
  expect(dated).toEqual([date]);
  expect(
    other.filter((n) => n !== '.gateway-ops.lock' && !keep.includes(n)),
    `${what}: the restore's work left in the backups dir`,
  ).toEqual([]);
}

beforeAll(async () => {
  for (const service of SERVICES) docker.createContainer({ name: service, service });
  cluster = await startCluster('crash-restore-pg');
  // Small on purpose: the points are spread over the run's steps, not over a long stream.
  await cluster.psql(`CREATE ROLE crash_owner LOGIN PASSWORD 'owner-before'`);
  await cluster.psql('CREATE DATABASE crash_app OWNER crash_owner');
  await cluster.psql(
    `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, 500) g;`,
    'crash_app',
  );
  remote = await connect();
  dir = deployDir(info, `crash-restore-${Date.now().toString(36)}`);
  backups = join(dir, 'data/backups');
  const backup = await runCli(args('backup'));
  expect(backup.status, backup.stderr).toBe(0);
  date = /Snapshot (\d{4}-\d{2}-\d{2})/.exec(backup.stderr + backup.stdout)![1]!;
  atBackup = cluster.dumpall();
  unkilled = await runCli(args('restore'));
  expect(unkilled.status, unkilled.stderr).toBe(0);
  expect(cluster.dumpall()).toBe(atBackup);
  const line = unkilled.lines.findIndex((l) => l.text.startsWith('Connected to '));
  expect(line, unkilled.stderr).toBeGreaterThanOrEqual(0);
  connected = { ms: unkilled.lines[line]!.ms, line: line + 1 };
  console.log(
    `restore unkilled: ${unkilled.ms} ms, ${unkilled.lines.length} lines; connected at ${connected.ms} ms (line ${connected.line})`,
  );
}, 300_000);

afterAll(async () => {
  for (const service of SERVICES) docker.removeContainer(service);
  await remote?.close();
  await cluster?.stop();
});

describe('restore killed with SIGKILL at random points', () => {
  it(
    'the CLI killed at 20 seeded points of a restore: the snapshot still verifies, stopped services are noted, the next restore starts them again and succeeds, nothing of its work is left',
    async () => {
      const { next } = seededRandom('crash-restore');
      const span = {
        fromMs: connected.ms,
        toMs: unkilled.ms,
        fromLine: connected.line,
        toLine: unkilled.lines.length,
      };
      let killed = 0;
      let leftStopped = 0;
      for (let i = 1; i <= CRASH_POINTS; i++) {
        const point = drawKillPoint(next, span);
        const run = await runCli(args('restore'), { killAt: point });
        const what = `point ${i}/${CRASH_POINTS}: ${describePoint(point)}`;
        const down = stopped();
        console.log(
          `crash-restore ${what}: ${run.killed ? `killed at ${run.ms} ms` : `ended first (exit ${run.status})`}; stopped: ${down.join(', ') || 'none'}`,
        );
        if (run.killed) killed++;
        else expect(endedFirstAsAllowed(run), `${what}:\n${run.stderr}`).toBeNull();
        // Services down are always written down on the host: the next run can find them.
        if (down.length > 0) {
          leftStopped++;
          expect(existsSync(join(backups, NOTE)), `${what}: services stopped without a note`).toBe(true);
          expect(JSON.parse(readFileSync(join(backups, NOTE), 'utf8')).services).toEqual(SERVICES);
        }
        await expectVerifies(date, what);
        if (!nextRunDue(i)) continue;
        await expectNextRestoreRecovers(what, stopped().length > 0);
        expectNothingLeft(what);
      }
      console.log(`crash-restore: ${killed} of ${CRASH_POINTS} killed, ${leftStopped} left services stopped`);
      expect(killed).toBeGreaterThanOrEqual(Math.floor(CRASH_POINTS / 2));
      expect(leftStopped).toBeGreaterThan(0);
    },
    CRASH_BOUND_MS,
  );

  it("the restore's shell SIGKILLed on the host mid-stream: its work dir is left without a password in it, and the next restore removes it", async () => {
    const listener = sshdListener(join(info.tempDir, 'sshd'));
    let hit = 0;
    const run = await runCli(args('restore'), {
      onRunning: () => {
        const poll = setInterval(() => {
          // Once its work dir is made: every shell of the restore script (it is in their argv).
          if (hit || !entriesOf(backups).other.some((n) => n.startsWith('.restore-'))) return;
          for (const pid of descendantsOf(listener)) {
            try {
              if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'bash') continue;
              if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('psql-errors')) continue;
              process.kill(pid, 'SIGKILL');
              hit++;
            } catch {
              // ended meanwhile
            }
          }
        }, 5);
        return () => clearInterval(poll);
      },
    });
    expect(hit, `the restore script's shell was never found:\n${run.stderr}`).toBeGreaterThan(0);
    const work = entriesOf(backups).other.filter((n) => /^\.restore-/.test(n));
    console.log(
      `crash-restore host shell: ${hit} shell(s) killed, exit ${run.status}, left: ${work.join(', ')}`,
    );
    // A SIGKILL runs no trap: the dir usually stays (a shell that outlived the kill may still have
    // run the trap and removed it), and it only ever holds psql's messages, never a password.
    expect(work.length).toBeLessThanOrEqual(1);
    for (const name of work.flatMap((w) => readdirSync(join(backups, w)))) expect(name).toBe('psql-errors');
    const after = await expectNextRestoreRecovers('after the host shell was killed', stopped().length > 0);
    if (work[0]) {
      expect(after.stderr).toContain(
        `Removing ${join(backups, work[0])}, left by a run that did not finish.`,
      );
    }
    expectNothingLeft('after the host shell was killed');
  });

  it("a dead restore's work dir is removed by the next backup too (under the lock)", async () => {
    const dead = join(backups, '.restore-Zq0deadRun');
    mkdirSync(dead, { mode: 0o700 });
    writeFileSync(join(dead, 'psql-errors'), 'psql: error\n', { mode: 0o600 });
    if (info.user.dedicated) {
      chownSync(dead, info.user.uid, info.user.gid);
      chownSync(join(dead, 'psql-errors'), info.user.uid, info.user.gid);
    }
    const backup = await runCli(args('backup', { force: 'true' }));
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stderr).toContain(`Removing ${dead}, left by a run that did not finish.`);
    expect(existsSync(dead)).toBe(false);
    expectNothingLeft('after the backup');
  });

  it('services an interrupted restore left stopped that cannot be started: the next restore says exactly what to run', async () => {
    const note = {
      services: ['crash-gone'],
      deployDir: dir,
      composeFile: 'docker-compose.yml',
      stoppedAt: '2026-12-01T00:00:00.000Z',
      snapshotDate: date,
    };
    writeFileSync(join(backups, NOTE), JSON.stringify(note), { mode: 0o600 });
    if (info.user.dedicated) chownSync(join(backups, NOTE), info.user.uid, info.user.gid);
    const run = await runCli(args('restore'));
    expect(run.stderr).toContain(
      `Start them by hand: cd ${dir} && docker compose -f docker-compose.yml start crash-gone`,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(cluster.dumpall()).toBe(atBackup);
  });

  it('killed at seeded points after its safety snapshot (mid-restore): the safety snapshot verifies and is unchanged through the next restore, which starts the services again', async () => {
    const { next } = seededRandom('crash-restore-safety');
    const withSafety = { 'safety-snapshot': 'true', 'keep-pre-restore': '50' };
    for (let i = 1; i <= 3; i++) {
      const delayMs = Math.round(next() * 400);
      let stoppedAt: number | null = null;
      const run = await runCli(args('restore', withSafety), {
        onRunning: (kill) => {
          // Once the services are down, the safety snapshot is complete: kill within the restore.
          const poll = setInterval(() => {
            if (stoppedAt === null && stopped().length > 0) stoppedAt = Date.now();
            if (stoppedAt !== null && Date.now() - stoppedAt >= delayMs) kill();
          }, 5);
          return () => clearInterval(poll);
        },
      });
      const what = `safety point ${i}/3 (${delayMs} ms after the services stopped)`;
      const safety = entriesOf(backups).other.filter((n) => /^pre-restore-/.test(n));
      const label = /Safety snapshot: (pre-restore-\d{8}T\d{6}Z)/.exec(run.stdout + run.stderr)?.[1];
      console.log(
        `crash-restore ${what}: ${run.killed ? `killed at ${run.ms} ms` : `ended first (exit ${run.status})`}; stopped: ${stopped().join(', ') || 'none'}; safety snapshots: ${safety.join(', ')}`,
      );
      expect(run.killed, `${what}: the run was not killed:\n${run.stderr}`).toBe(true);
      const newest = [...safety].sort().at(-1)!;
      if (label) expect(newest).toBe(label);
      await expectVerifies(newest, what);
      const tree = treeOf(join(backups, newest));
      await expectNextRestoreRecovers(what, stopped().length > 0);
      await expectVerifies(newest, `${what}, after the next restore`);
      expect(treeOf(join(backups, newest)), `${what}: the safety snapshot changed`).toEqual(tree);
    }
  });
});
