/**
 * A connection lost while the remote login shell is still starting: the supervisor starts as an
 * orphan (re-parented to PID 1 or, here, a subreaper) and must kill its process group instead of running
 * the script unobserved (issue: one such orphan took a lock minutes later).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { connectRemoteHost } from '../../src/shared/remote/index.js';

const bench = inject('bench');
const ssh = bench.ssh;
const token = `gwops-slow-start-${process.pid}-${Date.now()}`;
const home = execFileSync('getent', ['passwd', ssh.username], { encoding: 'utf8' }).split(':')[5]!;
const bashrc = `${home}/.bashrc`;
// Debian's bash reads ~/.bashrc for a command sent by sshd; only a command holding the token is
// affected. It starts slowly, under a subreaper (a service manager or container init does this):
// when the connection is cut, the shell is re-parented to that live process, not to PID 1. The
// variable stops the bash it starts (which reads ~/.bashrc again) from doing it once more.
const SUBREAPER = [
  'import ctypes, os, sys, time',
  'ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER',
  'if os.fork() == 0:',
  '    if os.fork() == 0:',
  '        time.sleep(2)',
  '        os.execvp("bash", ["bash", "-c", sys.argv[1]])',
  '    os._exit(0)',
  'while True:',
  '    try:',
  '        os.wait()',
  '    except ChildProcessError:',
  '        break',
].join('\n');
const slowLine = `case \${BASH_EXECUTION_STRING-} in *${token}*) [ -n "\${GWOPS_SUBREAPED-}" ] || GWOPS_SUBREAPED=1 exec python3 -c '${SUBREAPER}' "$BASH_EXECUTION_STRING" ;; esac # ${token}\n`;

beforeAll(() => {
  writeFileSync(bashrc, slowLine + readFileSync(bashrc, 'utf8'));
});
afterAll(() => {
  const lines = readFileSync(bashrc, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(`*${token}*`));
  const end = lines.findIndex((line) => line.endsWith(`# ${token}`));
  if (start >= 0 && end >= start) lines.splice(start, end - start + 1);
  writeFileSync(bashrc, lines.join('\n'));
});

it('a connection cut during shell start-up leaves nothing running', async () => {
  const marker = `${bench.workDir}/${token}`;
  const r = await connectRemoteHost({
    host: ssh.host,
    port: ssh.port,
    username: ssh.username,
    privateKey: ssh.clientKey.privateKey,
    knownHosts: ssh.knownHostsLine,
  });
  const run = r.exec(`: ${token}\nsleep 3\ntouch ${marker}.done\n`).catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 700));
  await r.close(); // the login shell is still in its .bashrc
  expect(await run).toBeInstanceOf(Error);
  // The shell starts the supervisor at ~2 s; the script would touch the marker at ~5 s.
  await new Promise((resolve) => setTimeout(resolve, 7000));
  const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(token) && !line.includes('ps -eo'));
  expect(left).toEqual([]);
  const other = await connectRemoteHost({
    host: ssh.host,
    port: ssh.port,
    username: ssh.username,
    privateKey: ssh.clientKey.privateKey,
    knownHosts: ssh.knownHostsLine,
  });
  try {
    const { stdout } = await other.exec(`test -e ${marker}.done && echo done || echo not-done`);
    expect(stdout).toBe('not-done\n');
  } finally {
    await other.close();
  }
});
