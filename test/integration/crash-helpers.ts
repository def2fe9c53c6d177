/**
 * What the crash tests share: a seeded random source (printed, replayable with GWOPS_CRASH_SEED),
 * kill points drawn from it, the CLI run as a child that is SIGKILLed at such a point, processes of
 * the bench's sshd found through /proc, and "the next run" that may meet the lock only while its
 * holder is alive.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { node24 } from '../helpers/action-runner.js';
import { descendantsOf, isAlive } from '../services/processes.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'bin/gateway-ops.js');

/** Kill points per command (at least 20; GWOPS_CRASH_POINTS raises it). */
export const CRASH_POINTS = Math.max(20, Number(process.env['GWOPS_CRASH_POINTS'] ?? 20) || 20);

/**
 * A full next run after every this many kills (and after the last): the runs between are killed
 * at their own points, so the next run also meets crashes stacked on crashes. Every kill gets the
 * cheap checks (verify, notes, the lock) at once. GWOPS_CRASH_NEXT_EVERY=1 checks a full next run
 * after each kill.
 */
export const CRASH_NEXT_EVERY = Math.max(1, Number(process.env['GWOPS_CRASH_NEXT_EVERY'] ?? 4) || 4);

/** Whether the full next run is due after kill `i` of `CRASH_POINTS`. */
export function nextRunDue(i: number): boolean {
  return i % CRASH_NEXT_EVERY === 0 || i === CRASH_POINTS;
}

/**
 * A run that ended before its kill point: it succeeded, or it met the lock of the run killed
 * before it while that run's host side was still ending (its holder must be alive then).
 */
export function endedFirstAsAllowed(run: CliRun): string | null {
  if (run.status === 0) return null;
  const busy = /holds the lock .*host pid (\d+)/.exec(run.stdout + run.stderr);
  if (busy && isAlive(Number(busy[1]))) return null;
  if (busy) return `the lock is held in the name of host pid ${busy[1]}, which is not running`;
  return `an unkilled run failed (exit ${run.status})`;
}

/**
 * The bound on one 20-point test: about 4 s a point on a quiet machine (the killed run, verify,
 * the next run); the bound leaves room for a loaded CI runner.
 */
export const CRASH_BOUND_MS = 900_000;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(label: string): { seed: number; next: () => number } {
  const given = process.env['GWOPS_CRASH_SEED'];
  const seed = given ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32) >>> 0;
  console.log(`${label}: seed ${seed} (replay with GWOPS_CRASH_SEED=${seed})`);
  let state = seed;
  return {
    seed,
    next: () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    },
  };
}

/** Where to SIGKILL a run: `ms` after it started, or once it has printed `lines` lines. */
export type KillPoint =
  | { readonly kind: 'time'; readonly ms: number }
  | { readonly kind: 'line'; readonly lines: number };

export function describePoint(point: KillPoint): string {
  return point.kind === 'time' ? `${point.ms} ms after start` : `after output line ${point.lines}`;
}

/** A kill point inside an unkilled run's measured span: a time in [fromMs, toMs] or a line in [fromLine, toLine]. */
export function drawKillPoint(
  random: () => number,
  span: { fromMs: number; toMs: number; fromLine: number; toLine: number },
): KillPoint {
  if (random() < 0.5) {
    return { kind: 'time', ms: Math.round(span.fromMs + random() * (span.toMs - span.fromMs)) };
  }
  return { kind: 'line', lines: span.fromLine + Math.floor(random() * (span.toLine - span.fromLine + 1)) };
}

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Every output line (stdout and stderr) with the time it arrived, ms after start. */
  readonly lines: readonly { readonly ms: number; readonly text: string }[];
  /** Whether the test killed it (false: it ended before its kill point). */
  readonly killed: boolean;
}

/** The argv of `gateway-ops <command>` with the settings as flags and the key (`key`) in a 0600 file. */
export function cliArgs(
  command: string,
  settings: Record<string, string>,
  key: string,
  keyName: string,
): string[] {
  const keyFile = join(inject('bench').tempDir, `crash-${keyName}-key`);
  if (!existsSync(keyFile)) writeFileSync(keyFile, key, { mode: 0o600 });
  const args = [cli, command, '--ssh-private-key-file', keyFile];
  for (const [name, value] of Object.entries(settings)) args.push(`--${name}`, value);
  return args;
}

/**
 * Runs the CLI; with `killAt`, SIGKILLs it there (`onRunning` may kill it some other way, or kill a
 * process on the host instead). Never longer than `timeoutMs`.
 */
export function runCli(
  args: readonly string[],
  options: {
    killAt?: KillPoint;
    onRunning?: (kill: () => void, elapsed: () => number) => (() => void) | undefined;
    timeoutMs?: number;
  } = {},
): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(node24, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  const lines: { ms: number; text: string }[] = [];
  let killed = false;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  const pending = { out: '', err: '' };
  const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (which === 'out') stdout += text;
    else stderr += text;
    pending[which] += text;
    const parts = pending[which].split('\n');
    pending[which] = parts.pop()!;
    for (const line of parts) {
      lines.push({ ms: Date.now() - started, text: line });
      if (options.killAt?.kind === 'line' && lines.length >= options.killAt.lines) kill();
    }
  };
  child.stdout.on('data', onData('out'));
  child.stderr.on('data', onData('err'));
  const timer = options.killAt?.kind === 'time' ? setTimeout(kill, options.killAt.ms) : undefined;
  const stopWatching = options.onRunning?.(kill, () => Date.now() - started);
  const guard = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      stopWatching?.();
      resolve({ status, signal, stdout, stderr, ms: Date.now() - started, lines, killed });
    });
  });
}

/** The listening sshd of a bench sshd directory (`<tempDir>/sshd`, `<tempDir>/copy-host/sshd`). */
export function sshdListener(sshdDir: string): number {
  return Number(readFileSync(join(sshdDir, 'sshd.pid'), 'utf8').trim());
}

/** Processes below `ancestor` whose command name is `comm` (as /proc/<pid>/comm spells it). */
export function processesNamed(ancestor: number, comm: string): number[] {
  return descendantsOf(ancestor).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
    } catch {
      return false;
    }
  });
}

/** The per-connection sshd processes of a listener (killing one cuts that session). */
export function sessionProcesses(listener: number): number[] {
  return descendantsOf(listener).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === listener;
    } catch {
      return false;
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface NextRun {
  readonly run: CliRun;
  /** How long the lock kept the next run out (0: not at all). */
  readonly lockedOutMs: number;
}

/**
 * The run after a crash. When it finds the lock held, the holder it names (host pid) must still be
 * alive: a lock that outlives its holder is a stale lock, a failure. It retries until the holder is
 * gone, at most `boundMs`.
 */
export async function nextRun(args: readonly string[], boundMs = 10_000): Promise<NextRun> {
  const started = Date.now();
  for (;;) {
    const run = await runCli(args);
    const busy = /holds the lock .*host pid (\d+)/.exec(run.stdout + run.stderr);
    if (run.status === 0 || !busy) return { run, lockedOutMs: Date.now() - started - run.ms };
    const holder = Number(busy[1]);
    if (!isAlive(holder)) {
      // The kernel drops a flock with its last holder; a gone holder that still locks is a defect.
      throw new Error(
        `the lock is held in the name of host pid ${holder}, which is not running:\n${run.stderr}`,
      );
    }
    if (Date.now() - started > boundMs) {
      throw new Error(`the lock still kept the next run out after ${boundMs} ms (holder ${holder} alive)`);
    }
    await sleep(200);
  }
}

/** The dated snapshot directories (YYYY-MM-DD) below `backups`, and every other entry apart. */
export function entriesOf(backups: string): { dated: string[]; other: string[] } {
  const names = existsSync(backups) ? readdirSync(backups).sort() : [];
  return {
    dated: names.filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n)),
    other: names.filter((n) => !/^\d{4}-\d{2}-\d{2}$/.test(n)),
  };
}

/** The date of today as the backup names it (timezone UTC, the default). */
export function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
