/** The command line sent to sshd, run here by a local bash (what the user's login shell does). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remoteCommandLine } from '../../../src/shared/remote/supervisor.js';

const dir = mkdtempSync(join(tmpdir(), 'gwops-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The supervisor looks for the session's server among its ancestors: a bash named sshd plays it
// (a process's name is its executable's file name), and runs the login shell as its child.
const sshd = join(dir, 'sshd');
symlinkSync('/bin/bash', sshd);
const session = (commandLine: string, shell = 'bash --norc --noprofile -c "$1"; exit $?') => [
  '--norc',
  '--noprofile',
  '-c',
  shell,
  'sshd',
  commandLine,
];
const run = (script: string, input = '') =>
  spawnSync(sshd, session(remoteCommandLine(script)), { encoding: 'utf8', input });

describe('remoteCommandLine', () => {
  it('passes the exit status, stdout, stderr and stdin through', () => {
    const r = run('cat; echo err >&2; exit 3', 'input\n');
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('input\n');
    expect(r.stderr).toBe('err\n');
  });

  it('runs the script with set -euo pipefail and inherit_errexit', () => {
    expect(run('false | cat; echo not reached').status).toBe(1);
    expect(run('echo "$UNSET_VARIABLE_Q"').status).toBe(1);
    expect(run('x=$(false; echo y); echo "$x"').stdout).toBe('');
  });

  it('keeps quotes, dollars and newlines of the script intact', () => {
    const r = run(`printf '%s|' "it's" '$HOME' "a\nb"`);
    expect(r.stdout).toBe("it's|$HOME|a\nb|");
  });

  it('on TERM kills the whole process group, not just the shell', async () => {
    const marker = join(dir, 'done');
    // The login shell execs the supervisor: it is the child of the session's sshd.
    const child = spawn(sshd, session(remoteCommandLine(`sleep 2; touch ${marker}`), 'bash -c "$1" & wait'), {
      detached: true, // like sshd: the session is its own process group
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const supervisor = Number(
      spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim(),
    );
    process.kill(supervisor, 'SIGTERM');
    const [, signal] = (await new Promise((resolve) => child.on('exit', (...a) => resolve(a)))) as [
      number | null,
      string | null,
    ];
    expect(signal).toBe('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(existsSync(marker)).toBe(false);
  });

  it("kills its group when it starts as an orphan (the session was gone before the login shell exec'd it)", async () => {
    const marker = join(dir, 'orphan');
    // The intermediate shell exits at once: the subshell, like a login shell whose sshd died while
    // it was starting, is re-parented (to PID 1 or a subreaper) before it execs the supervisor.
    const start = spawn(
      'bash',
      [
        '--norc',
        '--noprofile',
        '-c',
        '( sleep 0.3; eval "$1" ) </dev/null >/dev/null 2>&1 & exit 0',
        'start',
        remoteCommandLine(`echo $$ > ${marker}.pid; sleep 2; touch ${marker}.done`),
      ],
      { detached: true, stdio: 'ignore' }, // like sshd: the session is its own process group
    );
    await new Promise((resolve) => start.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(existsSync(`${marker}.done`)).toBe(false);
  });

  it('kills its group when it is re-parented while the script runs', async () => {
    const marker = join(dir, 'reparented');
    // The supervisor's parent exits while the script runs (as the session's process does when the
    // connection is lost and the supervisor is not its direct child).
    const parent = spawn(
      sshd,
      session(remoteCommandLine(`sleep 3; touch ${marker}.done`), '(eval "$1") & sleep 0.5; exit 0'),
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    await new Promise((resolve) => parent.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(existsSync(`${marker}.done`)).toBe(false);
  });
});
