/**
 * Crash safety of the restore (issue 15, Build 4): `gateway-ops restore` (PostgreSQL, services
 * stopped around it, safety-snapshot: false) SIGKILLed at seeded random points of an unkilled run's
 * span. After every kill: the snapshot still verifies, the next restore starts the services the
 * killed one left stopped (and says so), then succeeds; the cluster is the snapshot's again, nothing
 * of the restore's work (the note, its work directory) is left in the backups dir.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDir } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import {
  type CliRun,
  CRASH_BOUND_MS,
  CRASH_POINTS,
  cliArgs,
  describePoint,
  drawKillPoint,
  entriesOf,
  nextRun,
  runCli,
  seededRandom,
} from './crash-helpers.js';
import { bench, type Cluster, seed, startCluster, targetHostname } from './restore-helpers.js';

const info = bench();
const docker = openDockerDouble(info.docker.stateDir);
const SERVICES = ['crash-app', 'crash-worker'];
const NOTE = '.gateway-ops-stopped-services.json';
let cluster: Cluster;
let dir: string;
let backups: string;
let date: string;
let atBackup: string;
let unkilled: CliRun;

function args(command: 'backup' | 'restore' | 'verify', extra: Record<string, string> = {}): string[] {
  const host = targetHostname();
  return cliArgs(
    command,
    {
      'ssh-host': info.ssh.host,
      'ssh-port': String(info.ssh.port),
      'ssh-user': info.ssh.username,
      'ssh-host-fingerprint': info.ssh.hostFingerprint,
      'deploy-dir': dir,
      ...(command === 'verify' ? {} : { components: 'postgres', 'postgres-container': cluster.container }),
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

beforeAll(async () => {
  for (const service of SERVICES) docker.createContainer({ name: service, service });
  cluster = await startCluster('crash-restore-pg');
  await seed(cluster);
  dir = deployDir(info, `crash-restore-${Date.now().toString(36)}`);
  backups = join(dir, 'data/backups');
  const backup = await runCli(args('backup'));
  expect(backup.status, backup.stderr).toBe(0);
  date = /Snapshot (\d{4}-\d{2}-\d{2})/.exec(backup.stderr + backup.stdout)![1]!;
  atBackup = cluster.dumpall();
  unkilled = await runCli(args('restore'));
  expect(unkilled.status, unkilled.stderr).toBe(0);
  expect(cluster.dumpall()).toBe(atBackup);
  console.log(`restore unkilled: ${unkilled.ms} ms, ${unkilled.lines.length} lines`);
}, 300_000);

afterAll(async () => {
  for (const service of SERVICES) docker.removeContainer(service);
  await cluster?.stop();
});

describe('restore killed with SIGKILL at random points', () => {
  it(
    'the CLI killed at 20 seeded points of a restore: the snapshot still verifies, the next restore starts the stopped services again and succeeds, nothing of its work is left',
    async () => {
      const { next } = seededRandom('crash-restore');
      const span = { fromMs: 0, toMs: unkilled.ms, fromLine: 1, toLine: unkilled.lines.length };
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
        else expect(run.status, `${what}: an unkilled run failed:\n${run.stderr}`).toBe(0);
        // Services down are always written down on the host: the next run can find them.
        if (down.length > 0) {
          leftStopped++;
          expect(existsSync(join(backups, NOTE)), `${what}: services stopped without a note`).toBe(true);
          expect(JSON.parse(readFileSync(join(backups, NOTE), 'utf8')).services).toEqual(SERVICES);
        }
        const verdict = await runCli(args('verify', { 'snapshot-date': date }));
        expect(verdict.status, `${what}: the snapshot no longer verifies:\n${verdict.stderr}`).toBe(0);

        const after = await nextRun(args('restore'));
        expect(after.run.status, `${what}: the next restore failed:\n${after.run.stderr}`).toBe(0);
        expect(after.lockedOutMs).toBeLessThan(5_000);
        if (down.length > 0) {
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
        const { dated, other } = entriesOf(backups);
        expect(dated).toEqual([date]);
        expect(
          other.filter((n) => n !== '.gateway-ops.lock'),
          `${what}: the restore's work left in the backups dir`,
        ).toEqual([]);
      }
      console.log(`crash-restore: ${killed} of ${CRASH_POINTS} killed, ${leftStopped} left services stopped`);
      expect(killed).toBeGreaterThanOrEqual(Math.floor(CRASH_POINTS / 2));
      expect(leftStopped).toBeGreaterThan(0);
    },
    CRASH_BOUND_MS,
  );

  it('services an interrupted restore left stopped that cannot be started: the next restore says exactly what to run', async () => {
    const note = {
      services: ['crash-gone'],
      deployDir: dir,
      composeFile: 'docker-compose.yml',
      stoppedAt: '2026-12-01T00:00:00.000Z',
      snapshotDate: date,
    };
    const { writeFileSync, chownSync } = await import('node:fs');
    writeFileSync(join(backups, NOTE), JSON.stringify(note), { mode: 0o600 });
    if (info.user.dedicated) chownSync(join(backups, NOTE), info.user.uid, info.user.gid);
    const run = await runCli(args('restore'));
    expect(run.stderr).toContain(
      `Start them by hand: cd ${dir} && docker compose -f docker-compose.yml start crash-gone`,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(cluster.dumpall()).toBe(atBackup);
  });
});
