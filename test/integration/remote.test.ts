/**
 * The remote layer against the bench's real sshd: host key pinning, authentication, strict exec,
 * streaming, timeouts, a cut connection, tunnels, quoting, and the container seam.
 */

import { createHash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AuthenticationError,
  commandIn,
  connectRemoteHost,
  HostKeyMismatchError,
  RemoteCommandError,
  RemoteConnectError,
  type RemoteHostOptions,
  readContainerEnv,
  type SshRemoteHost,
  UnknownHostKeyError,
} from '../../src/shared/remote/index.js';
import { renderSettingRefs } from '../../src/shared/settings/names.js';
import { openDockerDouble } from '../services/docker.js';

const bench = inject('bench');
const ssh = bench.ssh;
const base: RemoteHostOptions = {
  host: ssh.host,
  port: ssh.port,
  username: ssh.username,
  privateKey: ssh.clientKey.privateKey,
  knownHosts: ssh.knownHostsLine,
};
let remote: SshRemoteHost;

beforeAll(async () => {
  remote = await connectRemoteHost(base);
});
afterAll(async () => {
  await remote?.close();
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but it resolved');
}

describe('host key verification', () => {
  it('accepts the pinned known_hosts line and reports the fingerprint', async () => {
    expect(remote.hostKeyFingerprint).toBe(ssh.hostFingerprint);
    expect(remote.description).toBe(`${ssh.username}@127.0.0.1:${ssh.port}`);
  });

  it('accepts a hashed known_hosts entry', async () => {
    const r = await connectRemoteHost({ ...base, knownHosts: `# hashed\n${ssh.knownHostsHashedLine}\n` });
    await r.close();
  });

  it('accepts the fingerprint as ssh-keygen -lf prints it, with or without padding', async () => {
    for (const fingerprint of [
      ssh.hostFingerprint,
      `${ssh.hostFingerprint}=`,
      `256 ${ssh.hostFingerprint} x (ED25519)`,
    ]) {
      const r = await connectRemoteHost({ ...base, knownHosts: undefined, hostFingerprint: fingerprint });
      expect(r.hostKeyFingerprint).toBe(ssh.hostFingerprint);
      await r.close();
    }
  });

  it('refuses a different key in known_hosts, naming both fingerprints', async () => {
    const error = await rejection(
      connectRemoteHost({ ...base, knownHosts: `[127.0.0.1]:${ssh.port} ${ssh.otherHostPublicKey}` }),
    );
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect(error.message).toContain(`expected ${ssh.otherHostFingerprint}`);
    expect(error.message).toContain(`found ssh-ed25519 ${ssh.hostFingerprint}`);
  });

  it('refuses a wrong pinned fingerprint', async () => {
    const error = await rejection(
      connectRemoteHost({ ...base, knownHosts: undefined, hostFingerprint: ssh.otherHostFingerprint }),
    );
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect(error.message).toContain(ssh.otherHostFingerprint);
    expect(error.message).toContain(ssh.hostFingerprint);
  });

  it('refuses a revoked key', async () => {
    const error = await rejection(
      connectRemoteHost({
        ...base,
        knownHosts: `${ssh.knownHostsLine}\n@revoked * ${ssh.hostPublicKey}`,
      }),
    );
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect(error.message).toMatch(/@revoked/);
  });

  it('refuses an unknown host, saying how to pin it', async () => {
    const error = await rejection(
      connectRemoteHost({
        ...base,
        knownHosts: `[127.0.0.1]:1 ${ssh.hostPublicKey}\nother.example ${ssh.hostPublicKey}`,
      }),
    );
    expect(error).toBeInstanceOf(UnknownHostKeyError);
    expect(error.message).toContain(`no entry for [127.0.0.1]:${ssh.port}`);
    expect(error.message).toContain(ssh.hostFingerprint);
    expect(error.message).toContain(`ssh-keyscan -p ${ssh.port} 127.0.0.1`);
  });

  it('has no default that skips verification', async () => {
    const error = await rejection(connectRemoteHost({ ...base, knownHosts: undefined }));
    expect(error).toBeInstanceOf(RemoteConnectError);
    expect(renderSettingRefs(error.message, 'action')).toMatch(
      /no host key to verify .* against: set ssh-known-hosts/,
    );
    const empty = await rejection(connectRemoteHost({ ...base, knownHosts: '' }));
    expect(empty).toBeInstanceOf(RemoteConnectError);
  });

  it('insecure skip connects but warns loudly, every time', async () => {
    const warnings: string[] = [];
    const r = await connectRemoteHost({
      ...base,
      knownHosts: undefined,
      insecureSkipHostKeyCheck: true,
      logger: { warn: (m) => warnings.push(m) },
    });
    await r.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('was NOT verified');
    expect(warnings[0]).toContain(ssh.hostFingerprint);
  });
});

describe('authentication and connecting', () => {
  it('refuses a key that is not authorized, clearly', async () => {
    const error = await rejection(connectRemoteHost({ ...base, privateKey: ssh.unauthorizedKey.privateKey }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      `authentication failed for user ${ssh.username} on ${ssh.username}@127.0.0.1:${ssh.port}: the key was not accepted (is its public key in ~${ssh.username}/.ssh/authorized_keys on the host, and is the user right?)`,
    );
    expect(error.message).not.toContain('PRIVATE KEY');
  });

  it('refuses a wrong user', async () => {
    const error = await rejection(connectRemoteHost({ ...base, username: 'gwops-nobody' }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('uses a passphrase-protected key, and says when the passphrase is wrong or missing', async () => {
    const withKey = { ...base, privateKey: ssh.clientKeyWithPassphrase.privateKey };
    const r = await connectRemoteHost({ ...withKey, passphrase: ssh.clientKeyPassphrase });
    expect((await r.run(['echo', 'ok'])).stdout).toBe('ok\n');
    await r.close();
    const wrong = await rejection(connectRemoteHost({ ...withKey, passphrase: 'nope' }));
    expect(wrong).toBeInstanceOf(RemoteConnectError);
    expect(wrong.message).toContain('the passphrase is wrong');
    expect(wrong.message).not.toContain('nope');
    const missing = await rejection(connectRemoteHost(withKey));
    expect(missing.message).toContain('no ssh-passphrase was given');
  });

  it('says when the key text is not a key', async () => {
    const error = await rejection(connectRemoteHost({ ...base, privateKey: 'not a key' }));
    expect(error.message).toMatch(/ssh-private-key could not be read/);
  });

  it('fails fast on a refused port and times out on a silent one', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const timeout = await rejection(connectRemoteHost({ ...base, port, connectTimeoutMs: 500 }));
      expect(timeout).toBeInstanceOf(RemoteConnectError);
      expect(timeout.message).toMatch(/within 500 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    const refused = await rejection(connectRemoteHost({ ...base, port }));
    expect(refused).toBeInstanceOf(RemoteConnectError);
    expect(refused.message).toMatch(/connection refused/);
  });
});

describe('exec', () => {
  it('collects stdout and resolves on exit 0', async () => {
    const result = await remote.exec('echo hello; echo warn >&2');
    expect(result).toEqual({ exitCode: 0, stdout: 'hello\n', stderrTail: 'warn' });
  });

  it('a command that exits 3 fails with its stderr tail (last 20 lines)', async () => {
    const error = (await rejection(
      remote.exec('for i in $(seq 1 30); do echo "line $i" >&2; done; exit 3', {
        description: 'thirty lines',
      }),
    )) as RemoteCommandError;
    expect(error).toBeInstanceOf(RemoteCommandError);
    expect(error.failure).toBe('exit-status');
    expect(error.exitCode).toBe(3);
    expect(error.stderrTail.split('\n')).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 11}`));
    expect(error.message).toMatch(
      /^remote command `thirty lines` on .* exited with status 3\nlast lines of stderr:\nline 11\n/,
    );
  });

  it('runs with set -euo pipefail', async () => {
    const pipe = (await rejection(remote.exec('false | cat; echo unreachable'))) as RemoteCommandError;
    expect(pipe.exitCode).toBe(1);
    const unset = (await rejection(remote.exec('echo "$NO_SUCH_VARIABLE_X"'))) as RemoteCommandError;
    expect(unset.stderrTail).toMatch(/NO_SUCH_VARIABLE_X: unbound variable/);
    const sub = (await rejection(remote.exec('x=$(false; echo no); echo "$x"'))) as RemoteCommandError;
    expect(sub.failure).toBe('exit-status');
  });

  it('a command killed by a signal fails', async () => {
    const error = (await rejection(remote.exec('kill -KILL $$'))) as RemoteCommandError;
    expect(error).toBeInstanceOf(RemoteCommandError);
    expect(error.failure).toBe('exit-status');
    expect(error.exitCode).toBe(137);
    expect(error.message).toMatch(/status 137 \(128\+9: a process was killed by signal 9\)/);
    // The session's own process (the supervisor) killed: reported as a signal.
    const direct = (await rejection(remote.exec('kill -KILL $PPID; sleep 5'))) as RemoteCommandError;
    expect(direct.failure).toBe('signal');
    expect(direct.signal).toMatch(/^(SIG)?KILL$/);
    expect(direct.message).toMatch(/killed by signal (SIG)?KILL/);
  });

  it('a connection cut mid-command fails instead of resolving', async () => {
    const r = await connectRemoteHost(base);
    const marker = `${bench.workDir}/cut-${process.pid}-${Date.now()}`;
    // Walk up from the remote shell to the session's sshd process and kill it: the connection drops.
    const script = `
      echo $$ > ${marker}.pid
      p=$$
      while :; do
        p=$(cut -d' ' -f4 /proc/$p/stat)
        [ "$(cat /proc/$p/comm)" = sshd ] && break
      done
      echo "output before the cut"
      kill -KILL "$p"
      sleep 6
      touch ${marker}.done
    `;
    const error = (await rejection(r.exec(script, { description: 'cut me' }))) as RemoteCommandError;
    expect(error).toBeInstanceOf(RemoteCommandError);
    expect(error.failure).toBe('no-exit-status');
    expect(error.exitCode).toBeNull();
    expect(error.message).toContain('without an exit status');
    const after = (await rejection(r.exec('true'))) as RemoteCommandError;
    expect(after.failure).toBe('channel');
    await r.close();
    // The supervisor's watchdog (polling every second) kills what the lost session left running,
    // well before the script's `sleep 6` would have ended.
    const left = await remote.exec(
      `for i in $(seq 1 40); do kill -0 "$(cat ${marker}.pid)" 2>/dev/null || break; sleep 0.1; done
       kill -0 "$(cat ${marker}.pid)" 2>/dev/null && echo alive || echo gone
       sleep 3; test -e ${marker}.done && echo done || echo not-done`,
    );
    expect(left.stdout).toBe('gone\nnot-done\n');
  });

  it('keepalive notices a host that stopped answering', async () => {
    const r = await connectRemoteHost({ ...base, keepaliveIntervalMs: 300, keepaliveCountMax: 2 });
    const marker = `${bench.workDir}/frozen-${process.pid}-${Date.now()}`;
    // Freeze the session's sshd process: the TCP connection stays up but nothing answers.
    const script = `
      p=$$
      while :; do
        p=$(cut -d' ' -f4 /proc/$p/stat)
        [ "$(cat /proc/$p/comm)" = sshd ] && break
      done
      echo "$p" > ${marker}.pid
      kill -STOP "$p"
      sleep 30
    `;
    const started = Date.now();
    try {
      const error = (await rejection(r.exec(script))) as RemoteCommandError;
      expect(error.failure).toBe('no-exit-status');
      expect(error.message).toMatch(/keepalive/i);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await remote.exec(`kill -KILL "$(cat ${marker}.pid)" 2>/dev/null || true`);
      await r.close();
    }
  });

  it('error messages never contain what went through stdin', async () => {
    const error = (await rejection(
      remote.exec('read -r secret; echo "failing" >&2; exit 2', { stdin: 'hunter2-secret\n' }),
    )) as RemoteCommandError;
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('a command that outlives its timeout is killed and fails', async () => {
    const started = Date.now();
    const marker = `${bench.workDir}/timeout-${process.pid}-${Date.now()}`;
    const error = (await rejection(
      remote.exec(`echo $$ > ${marker}.pid; sleep 3; touch ${marker}.done`, { timeoutMs: 700 }),
    )) as RemoteCommandError;
    expect(error.failure).toBe('timeout');
    expect(error.message).toContain('700 ms');
    expect(Date.now() - started).toBeLessThan(3000);
    // The remote command does not run on: its process group was killed.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const alive = await remote.exec(
      `kill -0 "$(cat ${marker}.pid)" 2>/dev/null && echo alive || echo gone; test -e ${marker}.done && echo done || echo not-done`,
    );
    expect(alive.stdout).toBe('gone\nnot-done\n');
  });

  it('refuses to collect more than the cap', async () => {
    const error = (await rejection(
      remote.exec('head -c 3000000 /dev/zero', { maxCollectedBytes: 1_000_000 }),
    )) as RemoteCommandError;
    expect(error.failure).toBe('output-limit');
  });

  it('feeds stdin from a string and from a stream', async () => {
    expect((await remote.run(['cat'], { stdin: 'abc\n' })).stdout).toBe('abc\n');
    const size = 32 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const hash = createHash('sha256');
    for (let i = 0; i < size / chunk.length; i++) hash.update(chunk);
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < size / chunk.length; i++) yield chunk;
      })(),
    );
    const { stdout } = await remote.run(['sha256sum'], { stdin: input });
    expect(stdout.split(' ')[0]).toBe(hash.digest('hex'));
  });

  it('streams 200 MB of stdout with flat memory, respecting backpressure', async () => {
    const total = 200 * 1024 * 1024;
    let received = 0;
    let peakRss = 0;
    global.gc?.();
    const before = process.memoryUsage().rss;
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        // A slow consumer: the producer must wait for it, not pile data up in memory.
        if (received % (8 * 1024 * 1024) < chunk.length) setTimeout(callback, 5);
        else callback();
      },
    });
    const result = await remote.exec(`head -c ${total} /dev/urandom`, { stdout: sink });
    expect(result.stdout).toBe('');
    expect(received).toBe(total);
    expect(sink.writableFinished).toBe(true);
    const growth = (peakRss - before) / 1024 / 1024;
    console.log(
      `200 MB streamed: RSS before ${(before / 1048576).toFixed(0)} MB, peak growth ${growth.toFixed(0)} MB`,
    );
    expect(growth).toBeLessThan(100);
  });

  it('arguments with shell metacharacters arrive verbatim', async () => {
    const nasty = [
      "it's",
      '$(touch /tmp/gwops-pwned)',
      '`id`',
      'a;b && c || d | e',
      '> out < in',
      '*',
      '~',
      '-n',
      'line1\nline2',
      '"quoted"',
      '\\',
      '',
      'ünï ✓',
      "'; exit 1 #",
    ];
    const { stdout } = await remote.run(['printf', '%s\\0', ...nasty]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(nasty);
    // and through the docker double into the "container"
    const target = { kind: 'docker', container: bench.containers.postgres } as const;
    const inContainer = await remote.run(commandIn(target, ['printf', '%s\\0', ...nasty]));
    expect(inContainer.stdout.split('\0').slice(0, -1)).toEqual(nasty);
  });
});

describe('tunnels', () => {
  it('forwards a local port to PostgreSQL for pg', async () => {
    const tunnel = await remote.forward('127.0.0.1', bench.postgres.port);
    expect(tunnel.localHost).toBe('127.0.0.1');
    const clients = [0, 1].map(
      () =>
        new pg.Client({
          host: tunnel.localHost,
          port: tunnel.localPort,
          user: bench.postgres.superuser,
          password: bench.postgres.password,
          database: 'postgres',
        }),
    );
    try {
      for (const c of clients) await c.connect();
      const results = await Promise.all(clients.map((c, i) => c.query('select $1::int + 1 as n', [i])));
      expect(results.map((r) => r.rows[0].n)).toEqual([1, 2]);
    } finally {
      for (const c of clients) await c.end();
    }
    await tunnel.close();
    const after = new pg.Client({ host: '127.0.0.1', port: tunnel.localPort, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });

  it('a connection to a closed remote port fails instead of hanging', async () => {
    const warnings: string[] = [];
    const r = await connectRemoteHost({ ...base, logger: { warn: (m) => warnings.push(m) } });
    const tunnel = await r.forward('127.0.0.1', 1);
    const client = new pg.Client({
      host: '127.0.0.1',
      port: tunnel.localPort,
      connectionTimeoutMillis: 5000,
    });
    await expect(client.connect()).rejects.toThrow();
    await r.close();
    expect(warnings.join('\n')).toMatch(/tunnel to 127.0.0.1:1 refused/);
  });
});

describe('container seam', () => {
  const docker = openDockerDouble(bench.docker.stateDir);
  const target = { kind: 'docker', container: bench.containers.postgres } as const;

  it('reads variables with docker exec -i C printenv', async () => {
    const mark = docker.mark();
    const env = await readContainerEnv(remote, target, [
      'POSTGRES_USER',
      'POSTGRES_PASSWORD',
      'NOT_SET_HERE',
    ]);
    expect(env).toEqual({
      POSTGRES_USER: bench.postgres.superuser,
      POSTGRES_PASSWORD: bench.postgres.password,
      NOT_SET_HERE: undefined,
    });
    const calls = docker.calls(mark);
    expect(calls.map((c) => c.argv)).toEqual([
      ['docker', 'exec', '-i', target.container, 'printenv', 'POSTGRES_USER'],
      ['docker', 'exec', '-i', target.container, 'printenv', 'POSTGRES_PASSWORD'],
      ['docker', 'exec', '-i', target.container, 'printenv', 'NOT_SET_HERE'],
    ]);
  });

  it('reads the host environment for exec: host', async () => {
    const env = await readContainerEnv(remote, { kind: 'host' }, ['PATH']);
    expect(env['PATH']).toBe(ssh.sessionPath);
  });

  it('says when the container is missing or stopped', async () => {
    const missing = await rejection(
      readContainerEnv(remote, { kind: 'docker', container: 'gone-container' }, ['X']),
    );
    expect(missing.message).toMatch(/container gone-container does not exist/);
    docker.createContainer({ name: 'remote-test-stopped', running: false, env: { X: '1' } });
    try {
      const stopped = await rejection(
        readContainerEnv(remote, { kind: 'docker', container: 'remote-test-stopped' }, ['X']),
      );
      expect(stopped.message).toMatch(/container remote-test-stopped .* is not running/);
    } finally {
      docker.removeContainer('remote-test-stopped');
    }
  });
});
