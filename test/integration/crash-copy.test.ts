/**
 * Crash safety of the off-host copy (issue 15, Build 4): `backup` with copy-to-host, today's
 * snapshot already taken, the CLI SIGKILLed at seeded random points inside the copy (the span from
 * the copy's first line to the end of an unkilled run), and the copy host's session sshd killed
 * mid-transfer. After every kill: each dated directory on the copy host verifies (the project's
 * verify, over the test's own SSH connection to the copy host), the earlier copy and the local
 * snapshot are byte for byte what they were; the next run (after every CRASH_NEXT_EVERY CLI kills,
 * after each sshd kill) copies and verifies.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { verifySnapshot } from '../../src/shared/snapshot/index.js';
import { deployDir } from '../helpers/deploy-dir.js';
import { connectCopyHost, copyHost, treeOf } from './copy-helpers.js';
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
  sessionProcesses,
  sshdListener,
  today,
} from './crash-helpers.js';
import { bench, type Cluster, startCluster } from './restore-helpers.js';

const info = bench();
const copy = copyHost();
let cluster: Cluster;
let dir: string;
let copies: string;
let local: Record<string, string>;
let earlier: { label: string; tree: Record<string, string> };
let unkilled: CliRun;
let copyStart: { ms: number; line: number };
let copyRemote: SshRemoteHost;

function backupArgs(): string[] {
  const copyKey = join(info.tempDir, 'crash-copy-host-key');
  writeFileSync(copyKey, copy.clientKey.privateKey, { mode: 0o600 });
  return cliArgs(
    'backup',
    {
      'ssh-host': info.ssh.host,
      'ssh-port': String(info.ssh.port),
      'ssh-user': info.ssh.username,
      'ssh-host-fingerprint': info.ssh.hostFingerprint,
      'deploy-dir': dir,
      components: 'postgres',
      'postgres-container': cluster.container,
      'copy-to-host': copy.host,
      'copy-to-port': String(copy.port),
      'copy-to-user': copy.username,
      'copy-to-path': copies,
      'copy-to-private-key-file': copyKey,
      'copy-to-host-fingerprint': copy.hostFingerprint,
    },
    info.ssh.clientKey.privateKey,
    'production',
  );
}

/** One day on the copy host verifies (its copies have the snapshot layout), over the test's own SSH connection. */
async function expectVerifiesOnCopyHost(label: string, what: string): Promise<void> {
  const report = await verifySnapshot(copyRemote, join(copies, label));
  expect(
    report.verdict,
    `${what}: ${label} is dated on the copy host but does not verify: ${report.problems.join('; ')}`,
  ).toBe('good');
}

/** What every kill must leave at once: dated copies that verify, the earlier copy and the local snapshot unchanged. */
async function checkAfterKill(what: string): Promise<void> {
  for (const label of entriesOf(copies).dated) {
    if (label !== earlier.label) await expectVerifiesOnCopyHost(label, what);
  }
  expect(treeOf(join(copies, earlier.label)), `${what}: the earlier copy changed`).toEqual(earlier.tree);
  expect(treeOf(join(dir, 'data/backups', today())), `${what}: the local snapshot changed`).toEqual(local);
}

/** The next run after the kill(s): copies and verifies, leaves nothing on the copy host. */
async function checkNextRun(what: string): Promise<void> {
  const next = await nextRun(backupArgs());
  expect(next.run.status, `${what}: the next run failed:\n${next.run.stderr}`).toBe(0);
  expect(next.run.stderr).toMatch(/Copy on .*: (verified there|already there and verified)/);
  expect(next.lockedOutMs, `${what}: the lock kept the next run out`).toBeLessThan(5_000);
  const after = entriesOf(copies);
  expect(after.dated, what).toEqual([earlier.label, today()].sort());
  expect(
    after.other.filter((n) => n !== '.gateway-ops.lock'),
    `${what}: left on the copy host`,
  ).toEqual([]);
  expect(treeOf(join(copies, today()))).toEqual(local);
}

async function checkAfterCrash(what: string): Promise<void> {
  await checkAfterKill(what);
  await checkNextRun(what);
}

beforeAll(async () => {
  cluster = await startCluster('crash-copy-pg');
  // Random text compresses little: a few MB to send, so kill points land inside the transfer.
  await cluster.psql(
    `CREATE TABLE bulk (id bigint PRIMARY KEY, a text);
     INSERT INTO bulk SELECT g, encode(decode(md5(random()::text) || md5(random()::text) || md5(random()::text), 'hex'), 'base64')
     FROM generate_series(1, 20000) g;`,
  );
  copyRemote = await connectCopyHost();
  dir = deployDir(info, `crash-copy-${Date.now().toString(36)}`);
  copies = join(copy.workDir, `crash-copy-${Date.now().toString(36)}`);
  const first = await runCli(backupArgs());
  expect(first.status, first.stderr).toBe(0);
  local = treeOf(join(dir, 'data/backups', today()));
  // The first copy becomes yesterday's: the earlier good copy no crash may touch.
  const label = today(-1);
  renameSync(join(copies, today()), join(copies, label));
  const manifestPath = join(copies, label, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.date = label;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  await expectVerifiesOnCopyHost(label, 'the earlier copy');
  earlier = { label, tree: treeOf(join(copies, label)) };
  // The measured run: today's snapshot reused, the copy sent again.
  unkilled = await runCli(backupArgs());
  expect(unkilled.status, unkilled.stderr).toBe(0);
  const line = unkilled.lines.findIndex((l) => /Copy to the second host/.test(l.text));
  expect(line, unkilled.stderr).toBeGreaterThanOrEqual(0);
  copyStart = { ms: unkilled.lines[line]!.ms, line: line + 1 };
  console.log(
    `copy unkilled: ${unkilled.ms} ms, ${unkilled.lines.length} lines; the copy starts at ${copyStart.ms} ms (line ${copyStart.line})`,
  );
}, 300_000);

afterAll(async () => {
  await copyRemote?.close();
  await cluster?.stop();
});

describe('the off-host copy killed with SIGKILL at random points', () => {
  it(
    'the CLI killed at 20 seeded points of the copy: every dated copy verifies, the earlier copy and the local snapshot are intact, the next run copies and verifies',
    async () => {
      const { next } = seededRandom('crash-copy');
      const span = {
        fromMs: copyStart.ms,
        toMs: unkilled.ms,
        fromLine: copyStart.line,
        toLine: unkilled.lines.length,
      };
      let killed = 0;
      for (let i = 1; i <= CRASH_POINTS; i++) {
        // Mostly a copy from nothing; sometimes one that finds today's copy there already.
        const fresh = next() < 0.8;
        if (fresh) rmSync(join(copies, today()), { recursive: true, force: true });
        const point = drawKillPoint(next, span);
        const run = await runCli(backupArgs(), { killAt: point });
        const what = `point ${i}/${CRASH_POINTS} (${fresh ? 'no copy yet' : 'copy there'}): ${describePoint(point)}`;
        console.log(
          `crash-copy ${what}: ${run.killed ? `killed at ${run.ms} ms` : `ended first (exit ${run.status})`}`,
        );
        if (run.killed) killed++;
        else expect(endedFirstAsAllowed(run), `${what}:\n${run.stderr}`).toBeNull();
        await checkAfterKill(what);
        if (nextRunDue(i)) await checkNextRun(what);
      }
      console.log(`crash-copy: ${killed} of ${CRASH_POINTS} runs killed`);
      expect(killed).toBeGreaterThanOrEqual(Math.floor(CRASH_POINTS / 2));
    },
    CRASH_BOUND_MS,
  );

  it("the copy host's session sshd killed mid-copy: the run does not claim a copy that is not there, the next run copies and verifies", async () => {
    const { next } = seededRandom('crash-copy-remote-sshd');
    const listener = sshdListener(join(info.tempDir, 'copy-host', 'sshd'));
    for (let i = 1; i <= 3; i++) {
      rmSync(join(copies, today()), { recursive: true, force: true });
      const delayMs = Math.round(next() * (unkilled.ms - copyStart.ms));
      let hits = 0;
      const run = await runCli(backupArgs(), {
        onRunning: () => {
          let since: number | null = null;
          const poll = setInterval(() => {
            if (since === null && sessionProcesses(listener).length > 0) since = Date.now();
            if (since === null || Date.now() - since < delayMs || hits > 0) return;
            for (const pid of sessionProcesses(listener)) {
              try {
                process.kill(pid, 'SIGKILL');
                hits++;
              } catch {
                // ended meanwhile
              }
            }
          }, 5);
          return () => clearInterval(poll);
        },
      });
      const what = `copy-host sshd point ${i} (${delayMs} ms after its first session)`;
      // The kill cut every session of the copy host's sshd, the test's own connection too.
      await copyRemote.close().catch(() => undefined);
      copyRemote = await connectCopyHost();
      console.log(`crash-copy-remote ${what}: ${hits} session(s) killed, exit ${run.status}`);
      if (run.status === 0) expect(run.stderr).toMatch(/Copy on .*: verified there/);
      else expect(run.stderr).toMatch(/complete and kept on the production host, but its copy to .* failed/);
      await checkAfterCrash(what);
    }
  });
});
