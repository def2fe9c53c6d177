/**
 * Crash safety of the backup (issue 15, Build 4): the CLI SIGKILLed at random points of
 * `backup --force` (a seeded random source, printed; GWOPS_CRASH_SEED replays it), and the remote
 * side killed mid-dump (pg_dumpall, zstd, the session's sshd). After every kill: each dated
 * directory verifies (the project's verify, over the test's own SSH connection), the earlier good
 * snapshot is byte for byte what it was; the next run (after every CRASH_NEXT_EVERY CLI kills, after
 * each remote kill) is kept out by the lock only while its holder lives, and succeeds.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { verifySnapshot } from '../../src/shared/snapshot/index.js';
import { deployDir } from '../helpers/deploy-dir.js';
import { isAlive } from '../services/processes.js';
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
  processesNamed,
  runCli,
  seededRandom,
  sessionProcesses,
  sshdListener,
  today,
} from './crash-helpers.js';
import { connect } from './postgres-helpers.js';
import { bench, type Cluster, startCluster } from './restore-helpers.js';

const info = bench();
let cluster: Cluster;
let dir: string;
let backups: string;
let earlier: { label: string; tree: Record<string, string> };
let unkilled: CliRun;
let remote: SshRemoteHost;
/** Where the unkilled run's SSH session is up (kills before it only find Node starting). */
let connected: { ms: number; line: number };

function args(command: string, extra: Record<string, string> = {}): string[] {
  return cliArgs(
    command,
    {
      'ssh-host': info.ssh.host,
      'ssh-port': String(info.ssh.port),
      'ssh-user': info.ssh.username,
      'ssh-host-fingerprint': info.ssh.hostFingerprint,
      'deploy-dir': dir,
      ...(command === 'backup' ? { components: 'postgres', 'postgres-container': cluster.container } : {}),
      ...extra,
    },
    info.ssh.clientKey.privateKey,
    'production',
  );
}

/** A dated directory verifies, over the test's own SSH connection (no CLI start per check). */
async function expectVerifies(label: string, what: string): Promise<void> {
  const report = await verifySnapshot(remote, join(backups, label));
  expect(
    report.verdict,
    `${what}: ${label} is dated but does not verify: ${report.problems.join('; ')}`,
  ).toBe('good');
}

/** What every kill must leave at once: dated dirs that verify, the earlier one unchanged. */
async function checkAfterKill(what: string): Promise<void> {
  const { dated } = entriesOf(backups);
  for (const label of dated) {
    expect(readdirManifest(label), `${what}: ${label} is dated but has no manifest.json`).toBe(true);
    if (label !== earlier.label) await expectVerifies(label, what);
  }
  expect(treeOf(join(backups, earlier.label)), `${what}: the earlier snapshot changed`).toEqual(earlier.tree);
}

/** The next run after the kill(s): takes the lock (kept out only while its holder lives), succeeds, leaves nothing. */
async function checkNextRun(what: string): Promise<{ lockedOutMs: number }> {
  const next = await nextRun(args('backup'));
  expect(next.run.status, `${what}: the next run failed:\n${next.run.stderr}`).toBe(0);
  expect(next.run.stdout).toContain(`${join(backups, today())} good`);
  const after = entriesOf(backups);
  expect(after.dated, what).toEqual([earlier.label, today()].sort());
  expect(
    after.other.filter((n) => n !== '.gateway-ops.lock'),
    `${what}: left behind`,
  ).toEqual([]);
  return { lockedOutMs: next.lockedOutMs };
}

async function checkAfterCrash(what: string): Promise<{ lockedOutMs: number }> {
  await checkAfterKill(what);
  return checkNextRun(what);
}

function readdirManifest(label: string): boolean {
  try {
    readFileSync(join(backups, label, 'manifest.json'));
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  cluster = await startCluster('crash-pg');
  // Enough rows that the dump lasts a moment (~3 MB of SQL): the remote kills land inside it.
  await cluster.psql(
    `CREATE TABLE bulk (id bigint PRIMARY KEY, a text, b text);
     INSERT INTO bulk SELECT g, md5(g::text), md5((g * 7)::text) FROM generate_series(1, 40000) g;`,
  );
  remote = await connect();
  dir = deployDir(info, `crash-backup-${Date.now().toString(36)}`);
  backups = join(dir, 'data/backups');
  unkilled = await runCli(args('backup'));
  expect(unkilled.status, unkilled.stderr).toBe(0);
  // Today's first snapshot becomes yesterday's: the earlier good snapshot no crash may touch.
  const label = today(-1);
  renameSync(join(backups, today()), join(backups, label));
  const manifestPath = join(backups, label, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.date = label;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  await expectVerifies(label, 'the earlier snapshot');
  earlier = { label, tree: treeOf(join(backups, label)) };
  const line = unkilled.lines.findIndex((l) => l.text.startsWith('Connected to '));
  expect(line, unkilled.stderr).toBeGreaterThanOrEqual(0);
  connected = { ms: unkilled.lines[line]!.ms, line: line + 1 };
  console.log(
    `backup unkilled: ${unkilled.ms} ms, ${unkilled.lines.length} lines; connected at ${connected.ms} ms (line ${connected.line})`,
  );
}, 300_000);

afterAll(async () => {
  await remote?.close();
  await cluster?.stop();
});

describe('backup killed with SIGKILL at random points', () => {
  it(
    'the CLI killed at 20 seeded points of backup --force: every dated dir verifies, the earlier one is intact, the next run takes the lock and succeeds',
    async () => {
      const { next } = seededRandom('crash-backup');
      const span = {
        fromMs: connected.ms,
        toMs: unkilled.ms,
        fromLine: connected.line,
        toLine: unkilled.lines.length,
      };
      let killedCount = 0;
      let longestLockout = 0;
      for (let i = 1; i <= CRASH_POINTS; i++) {
        // Half the time today has a snapshot (force swaps it), half the time it has none (a first run).
        const fresh = next() < 0.5;
        if (fresh) rmSync(join(backups, today()), { recursive: true, force: true });
        const point = drawKillPoint(next, span);
        const run = await runCli(args('backup', { force: 'true' }), { killAt: point });
        const what = `point ${i}/${CRASH_POINTS} (${fresh ? 'no snapshot today' : "force over today's"}): ${describePoint(point)}`;
        console.log(
          `crash-backup ${what}: ${run.killed ? `killed at ${run.ms} ms` : `ended first (exit ${run.status})`}`,
        );
        if (run.killed) killedCount++;
        else expect(endedFirstAsAllowed(run), `${what}:\n${run.stderr}`).toBeNull();
        await checkAfterKill(what);
        if (!nextRunDue(i)) continue;
        const { lockedOutMs } = await checkNextRun(what);
        longestLockout = Math.max(longestLockout, lockedOutMs);
      }
      console.log(
        `crash-backup: ${killedCount} of ${CRASH_POINTS} runs killed; longest lock-out ${longestLockout} ms`,
      );
      expect(killedCount).toBeGreaterThanOrEqual(Math.floor(CRASH_POINTS / 2));
      expect(longestLockout).toBeLessThan(5_000);
    },
    CRASH_BOUND_MS,
  );

  it.each([
    ['pg_dumpall', 'pg_dumpall'],
    ['the compressor zstd', 'zstd'],
    ["the session's sshd", 'sshd'],
  ])(
    '%s killed on the host mid-dump: the run fails, nothing dated that does not verify, the next run succeeds',
    async (_name, target) => {
      const { next } = seededRandom(`crash-backup-remote-${target}`);
      const listener = sshdListener(join(info.tempDir, 'sshd'));
      for (let i = 1; i <= 3; i++) {
        rmSync(join(backups, today()), { recursive: true, force: true });
        const delayMs = Math.round(next() * 150);
        let hit: number | null = null;
        const run = await runCli(args('backup'), {
          onRunning: () => {
            let since: number | null = null;
            const poll = setInterval(() => {
              // The dump is running once pg_dumpall is: then wait the drawn delay and kill the target.
              if (since === null && processesNamed(listener, 'pg_dumpall').length > 0) since = Date.now();
              if (since === null || Date.now() - since < delayMs || hit !== null) return;
              const victims =
                target === 'sshd'
                  ? sessionProcesses(listener).filter((pid) => processesNamed(pid, 'pg_dumpall').length > 0)
                  : processesNamed(listener, target);
              for (const pid of victims) {
                try {
                  process.kill(pid, 'SIGKILL');
                  hit = pid;
                } catch {
                  // ended meanwhile
                }
              }
            }, 5);
            return () => clearInterval(poll);
          },
        });
        const what = `${target} point ${i} (${delayMs} ms after pg_dumpall started)`;
        console.log(
          `crash-backup-remote ${what}: ${hit === null ? 'ended before the kill' : `killed pid ${hit}`}, exit ${run.status}`,
        );
        if (hit !== null) {
          expect(isAlive(hit)).toBe(false);
          expect(run.status, `${what}: a run whose ${target} was killed succeeded:\n${run.stderr}`).not.toBe(
            0,
          );
          expect(entriesOf(backups).dated, what).toEqual([earlier.label]);
        }
        await checkAfterCrash(what);
      }
    },
  );
});
