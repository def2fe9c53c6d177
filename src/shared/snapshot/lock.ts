import { hostname } from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import { ConfigurationError, errorMessage, OperationError } from '../errors.js';
import { shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import { settingRef } from '../setting-ref.js';

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

/**
 * Shell run around taking the lock, to save round trips (each SSH exec costs a session and a bash):
 * `before` runs first (checks, creating the directory); `after` runs once the lock is held, and its
 * output is handed back. A `before` that fails should print `SETUP_FAILED` and a reason to stderr.
 */
export interface LockHooks {
  readonly before?: string;
  readonly after?: string;
}

export const SETUP_FAILED = 'gateway-ops-setup-failed:';
export const MISSING_TOOLS = 'gateway-ops-missing-tools:';

export function lockScript(
  lockFile: string,
  holder: Omit<LockHolder, 'remotePid'>,
  hooks: LockHooks = {},
): string {
  const clean = (value: string) => value.replace(/[\r\n]/g, ' ');
  const lines = [
    `runner=${clean(holder.runner)}`,
    `run-id=${clean(holder.runId)}`,
    `local-pid=${holder.pid}`,
    `started-at=${clean(holder.startedAt)}`,
  ];
  return `command -v flock >/dev/null || { echo "${MISSING_TOOLS} flock" >&2; exit 69; }
${hooks.before ?? ''}
lock=${shellQuote(lockFile)}
# Never write through a link: a planted symlink would make this run overwrite, then truncate, its target.
if [ -L "$lock" ] || { [ -e "$lock" ] && [ ! -f "$lock" ]; }; then
  echo "${SETUP_FAILED} the lock file $lock is a symlink or not a regular file ($(stat -c %F -- "$lock")); gateway-ops does not write through it. Find out who made it, then remove it: rm -- $(printf %q "$lock")" >&2
  exit 73
fi
# Append mode: opening must not wipe the current holder's details before we own the lock.
exec 9>>"$lock"
if opened=$(stat -L -c %d:%i /proc/self/fd/9 2>/dev/null) && [ "$opened" != "$(stat -c %d:%i -- "$lock")" ]; then
  echo "${SETUP_FAILED} the lock file $lock changed while it was opened; gateway-ops does not write through it" >&2
  exit 73
fi
if ! flock -n 9; then
  echo ${BUSY_MARK} >&2
  cat -- "$lock" >&2 || true
  exit ${BUSY_EXIT}
fi
printf '%s\\n' ${lines.map(shellQuote).join(' ')} "remote-pid=$$" >"$lock"
echo "remote-pid=$$"
${hooks.after ?? ''}
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
  hooks: LockHooks = {},
): Promise<HostLock & { afterOutput: string }> {
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
    .exec(lockScript(lockFile, holder, hooks), {
      description: `take the lock ${lockFile}`,
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
    throw lockFailure(remote, lockFile, stderr, first);
  }
  const remotePid = Number(parseHolderLines(stdout)['remote-pid']) || undefined;
  const beforeMark = stdout.slice(0, stdout.indexOf(LOCKED_MARK));
  const afterOutput = beforeMark.slice(beforeMark.indexOf('\n', beforeMark.indexOf('remote-pid=')) + 1);
  return {
    afterOutput,
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

/** The hooks around a lock that is already held: `before`, then `after`, whose output is handed back. */
export function lentLockScript(hooks: LockHooks): string {
  return `${hooks.before ?? ''}\n${hooks.after ?? ''}\n`;
}

/**
 * A lock this run already holds (a restore's), lent to a step that would otherwise take it (the
 * safety snapshot's run): the hooks run as they would around taking it, and `release()` leaves it
 * held, since it belongs to the lender. flock cannot be taken twice, even by the same run.
 */
export async function lendHostLock(
  remote: RemoteHost,
  lock: HostLock,
  hooks: LockHooks = {},
): Promise<HostLock & { afterOutput: string }> {
  if (!lock.held()) {
    throw new OperationError(
      `Lost the lock ${lock.path} on ${remote.description} (the SSH connection dropped?): nothing more is done.`,
    );
  }
  let stderr = '';
  let afterOutput: string;
  try {
    afterOutput = (
      await remote.exec(lentLockScript(hooks), {
        description: `under the lock ${lock.path}`,
        onStderr: (chunk) => {
          if (stderr.length < 8192) stderr += chunk;
        },
      })
    ).stdout;
  } catch (error) {
    throw lockFailure(remote, lock.path, stderr, { ok: false, error });
  }
  return {
    afterOutput,
    path: lock.path,
    holder: lock.holder,
    held: () => lock.held(),
    release: async () => {},
  };
}

/** Why the lock was not taken, from what the lock script printed: busy, missing tools, setup, other. */
function lockFailure(
  remote: RemoteHost,
  lockFile: string,
  stderr: string,
  first: { ok: true } | { ok: false; error: unknown },
): Error {
  if (stderr.includes(BUSY_MARK)) {
    const current = parseHolderLines(stderr.slice(stderr.indexOf(BUSY_MARK) + BUSY_MARK.length));
    return new OperationError(
      `Another gateway-ops run holds the lock ${lockFile} on ${remote.description}: ${describeHolder(current)}.`,
      {
        hint: 'Wait for it to finish. The lock is released by the kernel when that run ends, so it is never stale.',
      },
    );
  }
  if (stderr.includes(MISSING_TOOLS)) {
    const tools = stderr
      .slice(stderr.indexOf(MISSING_TOOLS) + MISSING_TOOLS.length)
      .trim()
      .split(/\s+/);
    return new ConfigurationError(
      `${tools.join(', ')} not found on host ${remote.description}: gateway-ops needs them there (coreutils, findutils, util-linux).`,
    );
  }
  if (stderr.includes(SETUP_FAILED)) {
    const reason = stderr
      .slice(stderr.indexOf(SETUP_FAILED) + SETUP_FAILED.length)
      .trim()
      .split('\n')[0];
    return new OperationError(`Cannot use the backups dir on ${remote.description}: ${reason}`, {
      hint: `Check ${settingRef('backups-dir')} and ${settingRef('deploy-dir')}, and the owner and mode of that directory on the host.`,
    });
  }
  const reason = first.ok ? 'the lock process ended before taking the lock' : errorMessage(first.error);
  return new OperationError(`Could not take the lock ${lockFile} on ${remote.description}: ${reason}`, {
    cause: first.ok ? undefined : first.error,
  });
}
