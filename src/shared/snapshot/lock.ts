import { hostname } from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import { errorMessage, OperationError } from '../errors.js';
import type { RemoteHost } from '../remote/types.js';
import { shellQuote } from './shell.js';

/**
 * The per-host lock: `flock` on `<backups-dir>/.gateway-ops.lock`, held by a remote `bash` that
 * lives as long as this run's SSH channel. flock rather than a `mkdir` lock because the kernel
 * drops it the moment the holder dies (crash, killed runner, dropped connection): no stale lock,
 * no clock- or pid-based guessing across machines. The holder's details are written into the
 * file so a second run can name it.
 */
export interface LockHolder {
  readonly runner: string;
  readonly runId: string;
  readonly pid: number;
  readonly startedAt: string;
  /** The holding bash's pid on the host. */
  readonly remotePid?: number;
}

export interface HostLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** False once the holding process is gone (released, or the connection dropped). */
  held(): boolean;
  /** Releases the lock; never throws (a dropped connection has released it already). */
  release(): Promise<void>;
}

const BUSY_MARK = 'gateway-ops-lock-busy';
const LOCKED_MARK = 'gateway-ops-locked';
const BUSY_EXIT = 75;

export function describeHolder(holder: Partial<Record<string, string>>): string {
  const parts = [
    `run ${holder['run-id'] ?? '?'}`,
    `on runner ${holder['runner'] ?? '?'}`,
    `pid ${holder['local-pid'] ?? '?'}`,
    holder['remote-pid'] ? `host pid ${holder['remote-pid']}` : null,
    `started ${holder['started-at'] ?? '?'}`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** `key=value` lines of the lock file, as written by `lockScript`. */
export function parseHolderLines(text: string): Record<string, string> {
  const holder: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) holder[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return holder;
}

export function lockScript(lockFile: string, holder: Omit<LockHolder, 'remotePid'>): string {
  const clean = (value: string) => value.replace(/[\r\n]/g, ' ');
  const lines = [
    `runner=${clean(holder.runner)}`,
    `run-id=${clean(holder.runId)}`,
    `local-pid=${holder.pid}`,
    `started-at=${clean(holder.startedAt)}`,
  ];
  return `set -euo pipefail
command -v flock >/dev/null || { echo "flock not found on the host: install util-linux" >&2; exit 127; }
lock=${shellQuote(lockFile)}
# Append mode: opening must not wipe the current holder's details before we own the lock.
exec 9>>"$lock"
if ! flock -n 9; then
  echo ${BUSY_MARK} >&2
  cat -- "$lock" >&2 || true
  exit ${BUSY_EXIT}
fi
printf '%s\\n' ${lines.map(shellQuote).join(' ')} "remote-pid=$$" >"$lock"
echo "remote-pid=$$"
echo ${LOCKED_MARK}
# Hold the lock until our stdin closes: released on purpose, or the SSH connection is gone.
cat >/dev/null || true
: >"$lock"
`;
}

export async function acquireHostLock(
  remote: RemoteHost,
  lockFile: string,
  runId: string,
  now: Date = new Date(),
): Promise<HostLock> {
  const holder: LockHolder = {
    runner: process.env['GITHUB_REPOSITORY']
      ? `${hostname()} (${process.env['GITHUB_REPOSITORY']} run ${process.env['GITHUB_RUN_ID'] ?? '?'})`
      : hostname(),
    runId,
    pid: process.pid,
    startedAt: now.toISOString(),
  };
  const stdin = new PassThrough();
  let stdout = '';
  let stderr = '';
  let signalLocked: () => void = () => {};
  const locked = new Promise<void>((resolve) => {
    signalLocked = resolve;
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stdout += chunk.toString('utf8');
      if (stdout.includes(LOCKED_MARK)) signalLocked();
      callback();
    },
  });
  let alive = true;
  const done = remote
    .exec(lockScript(lockFile, holder), {
      stdin,
      stdout: sink,
      onStderr: (chunk) => {
        if (stderr.length < 8192) stderr += chunk;
      },
      timeoutMs: 0,
    })
    .then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    .finally(() => {
      alive = false;
    });

  const first = await Promise.race([locked.then(() => 'locked' as const), done]);
  if (first !== 'locked') {
    stdin.end();
    if (stderr.includes(BUSY_MARK)) {
      const current = parseHolderLines(stderr.slice(stderr.indexOf(BUSY_MARK) + BUSY_MARK.length));
      throw new OperationError(
        `Another gateway-ops run holds the lock ${lockFile} on ${remote.description}: ${describeHolder(current)}.`,
        {
          hint: 'Wait for it to finish. The lock is released by the kernel when that run ends, so it is never stale.',
        },
      );
    }
    const reason = first.ok ? 'the lock process ended before taking the lock' : errorMessage(first.error);
    throw new OperationError(`Could not take the lock ${lockFile} on ${remote.description}: ${reason}`, {
      cause: first.ok ? undefined : first.error,
    });
  }
  const remotePid = Number(parseHolderLines(stdout)['remote-pid']) || undefined;
  return {
    path: lockFile,
    holder: remotePid === undefined ? holder : { ...holder, remotePid },
    held: () => alive,
    async release() {
      stdin.end();
      // A hung connection must not hang the run: the lock dies with the connection anyway.
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    },
  };
}
