/**
 * Child processes of the test bench: each runs in its own process group and is registered with a
 * guardian process that kills it (and every descendant it can find) when the process that
 * started the bench dies, even by SIGKILL. Teardown kills them explicitly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** All descendants of `pid` (children first found by scanning /proc), not including `pid`. */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may contain spaces and parentheses, so parse after the last ')'
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      const list = parentOf.get(ppid) ?? [];
      list.push(Number(entry));
      parentOf.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const child of parentOf.get(current) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

/** SIGKILL a process group and every descendant of its leader (sessions that called setsid included). */
export function killTree(pid: number): void {
  const all = [pid, ...descendantsOf(pid)];
  trySignal(-pid, 'SIGKILL');
  for (const p of all) trySignal(p, 'SIGKILL');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr (last 64 KiB), for error messages. */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send `signal` (default SIGTERM), wait up to `graceMs`, then SIGKILL the whole tree. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

let guardianFile: string | undefined;

/**
 * Start (once per process) a detached guardian that waits for this process to die, then kills every
 * registered process tree (and removes `removeDir`, when given). Registration is a line per pid in
 * `pidFile`.
 */
export function startGuardian(pidFile: string, removeDir?: string): void {
  if (guardianFile === pidFile) return;
  writeFileSync(pidFile, '');
  guardianFile = pidFile;
  const script = `
const fs = require('node:fs');
const [watch, file, removeDir] = process.argv.slice(1);
function descendants(pid) {
  const parentOf = new Map();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(e)) continue;
    try {
      const s = fs.readFileSync('/proc/' + e + '/stat', 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (!parentOf.has(ppid)) parentOf.set(ppid, []);
      parentOf.get(ppid).push(Number(e));
    } catch {}
  }
  const out = [], q = [pid];
  while (q.length) { const c = q.shift(); for (const k of parentOf.get(c) || []) { out.push(k); q.push(k); } }
  return out;
}
function alive(pid) { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } }
let done = false;
setInterval(() => {
  if (done || alive(Number(watch))) return;
  done = true;
  let pids = [];
  try { pids = fs.readFileSync(file, 'utf8').split('\\n').filter(Boolean).map(Number); } catch {}
  for (const pid of pids) {
    const all = [pid, ...descendants(pid)];
    try { process.kill(-pid, 'SIGKILL'); } catch {}
    for (const p of all) { try { process.kill(p, 'SIGKILL'); } catch {} }
  }
  if (removeDir) {
    setTimeout(() => {
      try { fs.rmSync(removeDir, { recursive: true, force: true, maxRetries: 3 }); } catch {}
      process.exit(0);
    }, 300);
    return;
  }
  process.exit(0);
}, 500);
`;
  const guardian = spawn(process.execPath, ['-e', script, String(process.pid), pidFile, removeDir ?? ''], {
    detached: true,
    stdio: 'ignore',
  });
  guardian.unref();
}

const registered = new Set<ManagedProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const managed of registered) killTree(managed.pid);
  });
}

export interface SpawnManagedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

/** Spawn a long-running service in its own process group, registered for cleanup. */
export function spawnManaged(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnManagedOptions = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    throw new Error(`bench: could not start ${name} (${command})`);
  }
  const pid = child.pid;
  let buffer = '';
  const collect = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString('utf8')).slice(-65536);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (error) => {
      buffer += `\n${String(error)}`;
      resolve({ code: null, signal: null });
    });
  });
  // The child must not keep vitest's process alive on its own.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  if (guardianFile) appendFileSync(guardianFile, `${pid}\n`);
  const managed: ManagedProcess = {
    name,
    child,
    pid,
    output: () => buffer,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000) {
      const descendants = descendantsOf(pid);
      if (child.exitCode === null && child.signalCode === null) {
        trySignal(pid, signal);
        let timer: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), graceMs);
          }),
        ]);
        clearTimeout(timer);
        if (!done) trySignal(-pid, 'SIGKILL');
      }
      // Sessions that escaped the group (setsid) and anything left of the group.
      trySignal(-pid, 'SIGKILL');
      for (const p of [...descendants, ...descendantsOf(pid)]) trySignal(p, 'SIGKILL');
      registered.delete(managed);
    },
  };
  registered.add(managed);
  installExitHook();
  return managed;
}

/** Wait until `check` resolves true, or fail with `describe()` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  process?: ManagedProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process && (process.child.exitCode !== null || process.child.signalCode !== null)) {
      throw new Error(
        `bench: ${process.name} exited (code ${process.child.exitCode}, signal ${process.child.signalCode}) before ${what}; its output:\n${process.output()}`,
      );
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(
        `bench: timed out after ${timeoutMs} ms waiting for ${what}${process ? `; output of ${process.name}:\n${process.output()}` : ''}`,
      );
    }
    await sleep(100);
  }
}
