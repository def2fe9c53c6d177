/**
 * A production host whose login shell talks: the SSH user's `.bashrc` and `.profile` print many
 * lines to stdout and stderr (Debian's bash reads `.bashrc` for a command sent by sshd). A sshd
 * of its own, for a user of its own (the bench user's dot files are shared with other tests), so
 * nothing else sees the noise. A failing command's error still names its real cause; a good
 * command's output, collected or streamed, is byte for byte what it printed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRemoteHost, RemoteCommandError, type SshRemoteHost } from '../../src/shared/remote/index.js';
import { type SshdBench, startSshd } from '../services/sshd.js';
import { chownTo, ensureBenchUser, isRoot, makeTempDir } from '../services/system.js';

const NOISY_USER = 'gwops-noisy';
const noise = (file: string) =>
  [
    `for i in $(seq 1 60); do echo "${file} says hello $i"; echo "${file} warns $i" >&2; done`,
    // A login shell that fails before our command starts: its message is the only cause there is.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'case ${BASH_EXECUTION_STRING-} in *gwops-broken-shell*) echo "cannot start: home quota exceeded" >&2; exit 7 ;; esac',
    '',
  ].join('\n');

let dir: string;
let sshd: SshdBench;
let remote: SshRemoteHost;

beforeAll(async () => {
  if (!isRoot()) {
    throw new Error(
      `login-noise needs root: it creates the user ${NOISY_USER} whose dot files print noise (never the current user's)`,
    );
  }
  const user = ensureBenchUser(NOISY_USER);
  for (const file of ['.bashrc', '.profile']) {
    writeFileSync(join(user.home, file), noise(file));
    chownTo(join(user.home, file), user);
  }
  dir = makeTempDir('gwops-noisy-sshd-');
  sshd = await startSshd({ dir, user, pathPrefix: [] });
  remote = await connectRemoteHost({
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKey: sshd.clientKey.privateKey,
    knownHosts: sshd.knownHostsLine,
  });
}, 60_000);

afterAll(async () => {
  await remote?.close();
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<RemoteCommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteCommandError);
  return error as RemoteCommandError;
}

describe('a login shell that prints noise', () => {
  it('the shell really is noisy: the OpenSSH client sees the .bashrc lines around a command', () => {
    // Proves the bench: sshd's exec reads .bashrc, so only the start mark keeps the noise out.
    const r = spawnSync(
      'ssh',
      [
        ...['-i', sshd.clientKey.privateKeyPath, '-p', String(sshd.port), '-o', 'BatchMode=yes'],
        ...['-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'GlobalKnownHostsFile=/dev/null'],
        `${sshd.username}@127.0.0.1`,
        'echo own output',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('.bashrc says hello 60\nown output\n');
    expect(r.stderr).toContain('.bashrc warns 60');
  });

  it('a failing command behind a noisy .bashrc still shows its real cause, and only it', async () => {
    const error = await rejection(
      remote.exec('echo "pg_dumpall: error: connection to server failed" >&2; exit 3'),
    );
    expect(error.stderrTail).toBe('pg_dumpall: error: connection to server failed');
    expect(error.message).toContain('pg_dumpall: error: connection to server failed');
    expect(error.message).not.toMatch(/warns|says hello/);
  });

  it('a successful command behind a noisy .bashrc: stdout and stderr unchanged, collected or streamed', async () => {
    const collected = await remote.exec('printf "one\\ntwo\\n"; echo "own note" >&2');
    expect(collected.stdout).toBe('one\ntwo\n');
    expect(collected.stderrTail).toBe('own note');

    const chunks: Buffer[] = [];
    const stderr: string[] = [];
    const target = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await remote.exec('head -c 3000000 /dev/zero | tr "\\0" "z"; printf end', {
      stdout: target,
      onStderr: (text) => stderr.push(text),
    });
    const streamed = Buffer.concat(chunks);
    expect(streamed.length).toBe(3_000_003);
    expect(createHash('sha256').update(streamed).digest('hex')).toBe(
      createHash('sha256')
        .update(`${'z'.repeat(3_000_000)}end`)
        .digest('hex'),
    );
    expect(stderr.join('')).toBe('');
  });

  it('a login shell that fails before the command starts: its own message is the error', async () => {
    const error = await rejection(remote.exec(': gwops-broken-shell'));
    expect(error.exitCode).toBe(7);
    expect(error.stderrTail).toContain('cannot start: home quota exceeded');
  });
});
