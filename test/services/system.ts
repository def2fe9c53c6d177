/** Small system helpers of the test bench: free ports, the bench user, temp dirs, commands. */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BenchUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** true when the bench runs as root and services run as this (different) user. */
  dedicated: boolean;
}

export const DEFAULT_BENCH_USER = 'gwops-test';

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function lookupUser(name: string): BenchUser | undefined {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
    const [user, , uid, gid, , home] = line.split(':');
    if (!user || uid === undefined || gid === undefined || home === undefined) return undefined;
    return { name: user, uid: Number(uid), gid: Number(gid), home, dedicated: true };
  } catch {
    return undefined;
  }
}

/**
 * As root: the dedicated non-root user (created with `useradd -m` when missing, and unlocked for
 * public-key logins since sshd runs with `UsePAM no`). Not root: the current user.
 */
export function ensureBenchUser(name = DEFAULT_BENCH_USER): BenchUser {
  if (!isRoot()) {
    const info = userInfo();
    return { name: info.username, uid: info.uid, gid: info.gid, home: info.homedir, dedicated: false };
  }
  let user = lookupUser(name);
  if (!user) {
    try {
      execFileSync('useradd', ['-m', '-s', '/bin/bash', name], { stdio: 'pipe' });
    } catch (error) {
      // Another bench run may have created it at the same moment.
      user = lookupUser(name);
      if (!user) {
        throw new Error(
          `bench: could not create the bench user ${name} with useradd: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`,
        );
      }
    }
    user = lookupUser(name);
    if (!user) throw new Error(`bench: user ${name} not found after useradd`);
  }
  // With UsePAM no, sshd refuses accounts whose shadow password starts with '!' (locked).
  try {
    const shadow = execFileSync('getent', ['shadow', name], { encoding: 'utf8' }).split(':')[1] ?? '';
    if (shadow.startsWith('!')) execFileSync('usermod', ['-p', '*', name], { stdio: 'pipe' });
  } catch {
    // no shadow database: nothing is locked
  }
  return user;
}

/** A fresh temp dir (mode 0755 so the bench user can traverse it). */
export function makeTempDir(prefix = 'gwops-bench-'): string {
  const dir = mkdtempSync(join(process.env['GWOPS_BENCH_TMPDIR'] ?? tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** mkdir -p, then give it to `user` with `mode`. */
export function makeDir(path: string, user: BenchUser, mode = 0o755): string {
  mkdirSync(path, { recursive: true });
  if (isRoot()) chownSync(path, user.uid, user.gid);
  chmodSync(path, mode);
  return path;
}

export function chownTo(path: string, user: BenchUser): void {
  if (isRoot()) chownSync(path, user.uid, user.gid);
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion; never throws for a non-zero status (check `code`). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; cwd?: string; input?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      {
        env: options.env,
        uid: options.uid,
        gid: options.gid,
        cwd: options.cwd,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as { code?: unknown }).code === 'number'
            ? (error as { code: number }).code
            : error
              ? 127
              : 0;
        resolve({ code, stdout, stderr: stderr || (error && code === 127 ? String(error) : '') });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Like runCommand, but a non-zero status is an Error naming the command and its stderr. */
export async function mustRun(
  command: string,
  args: readonly string[],
  options: Parameters<typeof runCommand>[2] = {},
): Promise<string> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `bench: \`${command} ${args.join(' ')}\` failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result.stdout;
}
