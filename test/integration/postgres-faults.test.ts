import { execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/errors.js';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import {
  bench,
  connect,
  dockerTarget,
  dropBulk,
  listRoot,
  lockIsFree,
  newDeployDir,
  plantPreviousSnapshot,
  psql,
  runBackup,
  seedBulk,
  seedCluster,
  testLog,
  waitUntil,
  withPath,
} from './postgres-helpers.js';

const execFileP = promisify(execFile);

/**
 * Each fault: the run fails with a message saying what happened, no dated directory appears, the
 * previous snapshot is untouched, the lock is released, no secret is printed.
 */
describe('PostgreSQL snapshot faults', () => {
  let remote: SshRemoteHost;
  beforeAll(async () => {
    await seedCluster();
    await seedBulk();
    remote = await connect();
  });
  afterAll(async () => {
    await remote?.close();
    await dropBulk();
  });

  async function expectCleanFailure(
    name: string,
    run: (ctx: {
      layout: ReturnType<typeof newDeployDir>['layout'];
      root: string;
      log: ReturnType<typeof testLog>;
    }) => Promise<unknown>,
    message: RegExp,
  ): Promise<string> {
    const info = bench();
    const { layout, root } = newDeployDir(name);
    const previous = plantPreviousSnapshot(root);
    const before = previous();
    const log = testLog();
    let error: unknown;
    try {
      await run({ layout, root, log });
    } catch (caught) {
      error = caught;
    }
    expect(error, 'the run must fail').toBeDefined();
    const text = errorMessage(error);
    expect(text).toMatch(message);
    expect(text).not.toContain(info.postgres.password);
    expect(JSON.stringify(log.lines)).not.toContain(info.postgres.password);
    // No dated directory for today; nothing hidden left behind (or it is removed by the next run).
    const today = new Date().toISOString().slice(0, 10);
    expect(listRoot(root)).not.toContain(today);
    expect(previous()).toBe(before);
    await waitUntil('the lock to be released', () => lockIsFree(root));
    return text;
  }

  it('container missing', async () => {
    await expectCleanFailure(
      'no-container',
      ({ layout, log }) => runBackup(remote, layout, { target: dockerTarget('sds-gateway-nope') }, log),
      /container sds-gateway-nope/,
    );
  });

  it('container stopped', async () => {
    const docker = join(bench().docker.binDir, 'docker');
    await execFileP(docker, ['stop', bench().containers.postgres]);
    try {
      await expectCleanFailure(
        'stopped',
        ({ layout, log }) => runBackup(remote, layout, {}, log),
        /not running/,
      );
    } finally {
      await execFileP(docker, ['start', bench().containers.postgres]);
    }
  });

  it('wrong postgres-user', async () => {
    await expectCleanFailure(
      'wrong-user',
      ({ layout, log }) => runBackup(remote, layout, { user: 'no_such_role' }, log),
      /refused user 'no_such_role'[\s\S]*(password authentication failed|does not exist)/,
    );
  });

  it('pg_dumpall killed half-way (its backend terminated)', async () => {
    let terminated = 0;
    const killer = (async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && terminated === 0) {
        const out = await psql(
          `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'gw_bulk' AND query LIKE 'COPY%'`,
        );
        terminated = Number(out.trim());
        if (terminated === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const text = await expectCleanFailure(
      'killed',
      ({ layout, log }) => runBackup(remote, layout, {}, log),
      /pg_dumpall exited 1[\s\S]*(terminating connection|pg_dump failed)/,
    );
    await killer;
    expect(terminated).toBeGreaterThan(0);
    expect(text).toMatch(/does not end with '-- PostgreSQL database cluster dump complete'/);
  });

  it('compressor missing on the host', async () => {
    // A PATH with everything the host has except zstd.
    const info = bench();
    const dir = join(info.workDir, `path-without-zstd-${Date.now()}`);
    mkdirSync(dir);
    for (const from of [info.docker.binDir, '/usr/local/bin', '/usr/bin', '/bin']) {
      for (const name of readdirSync(from)) {
        if (name.startsWith('zstd') || readdirSync(dir).includes(name)) continue;
        try {
          symlinkSync(join(from, name), join(dir, name));
        } catch {}
      }
    }
    const text = await expectCleanFailure(
      'no-zstd',
      ({ layout, log }) => runBackup(withPath(remote, dir), layout, {}, log),
      /zstd not found on host .*: install it or set compression: gzip/,
    );
    expect(text).not.toMatch(/undefined/);
  });

  it('backups dir not writable', async () => {
    const info = bench();
    const { layout, root, deployDir } = newDeployDir('readonly');
    mkdirSync(root, { recursive: true });
    if (!info.user.dedicated) chmodSync(root, 0o500);
    else chownSync(root, 0, 0); // owned by root, mode 0755: the SSH user cannot write
    await expect(runBackup(remote, layout, {}, testLog())).rejects.toThrow(
      /backups dir .*data\/backups is (not writable by gwops-test|owned by root, not gwops-test)|not writable/,
    );
    expect(readdirSync(root)).toEqual([]);
    expect(readdirSync(deployDir)).toEqual(['data']);
  });

  it('disk full on the host (a 5 MiB tmpfs as the backups dir)', async (context) => {
    const info = bench();
    // In CI this test must run: a skip there would hide that disk-full is no longer proved.
    const cannot = (why: string) => {
      if (process.env['CI']) throw new Error(`${why}, and CI must run this test: run it as root`);
      context.skip(why);
    };
    if (process.getuid?.() !== 0) {
      cannot('mounting a tmpfs needs root');
      return;
    }
    const { layout, root } = newDeployDir('full');
    mkdirSync(root, { recursive: true });
    try {
      await execFileP('mount', [
        '-t',
        'tmpfs',
        '-o',
        `size=5m,uid=${info.user.uid},gid=${info.user.gid},mode=0700`,
        'tmpfs',
        root,
      ]);
    } catch (error) {
      cannot(`cannot mount a tmpfs here: ${errorMessage(error)}`);
      return;
    }
    try {
      const previous = plantPreviousSnapshot(root);
      const before = previous();
      let failure = '';
      try {
        await runBackup(remote, layout, {}, testLog());
      } catch (error) {
        failure = errorMessage(error);
      }
      expect(failure).toMatch(/tee \(dump file\) exited 1[\s\S]*No space left on device/);
      expect(listRoot(root)).toEqual(['.gateway-ops.lock', '2026-01-01']);
      expect(previous()).toBe(before);
      expect(await lockIsFree(root)).toBe(true);
    } finally {
      await execFileP('umount', [root]);
    }
  });

  it('SSH connection cut mid-dump', async () => {
    const info = bench();
    // A TCP relay to sshd that the test cuts while the dump runs.
    const sockets = new Set<Socket>();
    const relay: Server = createServer((client) => {
      const upstream = new NetSocket();
      upstream.connect(info.ssh.port, '127.0.0.1');
      sockets.add(client);
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as { port: number }).port;
    const cut = await connect({ port });
    let partial = '';
    const text = await expectCleanFailure(
      'cut',
      async ({ layout, log }) => {
        const run = runBackup(cut, layout, {}, log, { onPartial: (path) => (partial = path) });
        await waitUntil(
          'the dump to start',
          async () => {
            const out = await psql(
              `SELECT count(*) FROM pg_stat_activity WHERE datname = 'gw_bulk' AND query LIKE 'COPY%'`,
            );
            return out.trim() !== '0';
          },
          60_000,
        );
        for (const socket of sockets) socket.destroy();
        await run;
      },
      /SSH connection|connection was lost|closed/i,
    );
    relay.close();
    expect(text).toMatch(/PostgreSQL dump/);
    // The remote pipeline died with the session: nothing is still dumping.
    await waitUntil('the orphaned dump to stop', async () => {
      const out = await psql(
        `SELECT count(*) FROM pg_stat_activity WHERE datname = 'gw_bulk' AND query LIKE 'COPY%'`,
      );
      return out.trim() === '0';
    });
    // The abandoned work dir is reported and removed by the next run.
    expect(partial).not.toBe('');
    const root = join(partial, '..');
    const log = testLog();
    const next = await runBackup(
      remote,
      { deployDir: join(root, '../..'), backupsDir: 'data/backups', timezone: 'UTC' },
      { compression: 'gzip', level: 1 },
      log,
    );
    expect(next.kind).toBe('committed');
    expect(log.lines.join('\n')).toMatch(/Removing .*\.partial-.*left by a run that did not finish/);
    expect(listRoot(root).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('a dump blocked by a lock it never gets ends at the command timeout', async () => {
    const info = bench();
    await psql('DROP DATABASE IF EXISTS gw_locked WITH (FORCE)');
    await psql('CREATE DATABASE gw_locked');
    await psql('CREATE TABLE held (id int); INSERT INTO held VALUES (1);', 'gw_locked');
    // A session holding ACCESS EXCLUSIVE and never letting go (a stuck migration, say).
    const locker = spawn(
      join(info.postgres.binDir, 'psql'),
      [
        '-X',
        '-q',
        '-h',
        '127.0.0.1',
        '-p',
        String(info.postgres.port),
        '-U',
        info.postgres.superuser,
        '-d',
        'gw_locked',
      ],
      { env: { ...process.env, PGPASSWORD: info.postgres.password }, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    locker.stdin.write('BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600);\n');
    const short = await connect({ commandTimeoutMs: 6_000 });
    try {
      await waitUntil('the lock to be held', async () => {
        const out = await psql(
          `SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = 'gw_locked' AND l.mode = 'AccessExclusiveLock' AND l.granted`,
        );
        return out.trim() !== '0';
      });
      const started = Date.now();
      await expectCleanFailure(
        'locked',
        ({ layout, log }) => runBackup(short, layout, {}, log),
        /did not finish within the command timeout \(6000 ms\)/,
      );
      expect(Date.now() - started).toBeLessThan(30_000);
      // The blocked pg_dump on the host was stopped with the session (its backend waits on until
      // the lock goes: PostgreSQL notices a vanished client only when it next talks to it).
      await waitUntil('the blocked pg_dump to be gone from the host', async () => {
        const found = await execFileP('pgrep', ['-u', info.user.name, '-x', 'pg_dump']).then(
          () => true,
          () => false,
        );
        return !found;
      });
    } finally {
      await short.close();
      locker.kill();
      await psql('DROP DATABASE IF EXISTS gw_locked WITH (FORCE)');
    }
  });

  it('setting values with shell metacharacters stay data', async () => {
    const { layout, deployDir } = newDeployDir('meta');
    const odd = { ...layout, backupsDir: `back ups/$(touch ${deployDir}/pwned)'"; id` };
    const outcome = await runBackup(remote, odd, { compression: 'gzip', level: 1 });
    expect(outcome.kind).toBe('committed');
    expect(readdirSync(deployDir)).not.toContain('pwned');
    expect(readdirSync(join(deployDir, 'back ups'))).toHaveLength(1);
    await expect(
      runBackup(remote, layout, { target: dockerTarget('pg; touch /tmp/pwned') }, testLog()),
    ).rejects.toThrow(/invalid container name/);
    await expect(runBackup(remote, layout, { extraArgs: ['--role=$(id)'] }, testLog())).rejects.toThrow(
      /Invalid pg-dumpall-args '--role=\$\(id\)'/,
    );
  });

  it('a second concurrent run fails fast naming the holder; the first completes', async () => {
    const { layout, root } = newDeployDir('concurrent');
    const first = runBackup(remote, layout, { runId: 'first-run' });
    await waitUntil(
      'the first run to hold the lock',
      async () => !(await lockIsFree(root)) && listRoot(root).some((n) => n.includes('.partial-first-run')),
    );
    const started = Date.now();
    const second = await connect();
    try {
      await expect(runBackup(second, layout, { runId: 'second-run' })).rejects.toThrow(
        /Another gateway-ops run holds the lock .*: run first-run, on runner .*, pid \d+, host pid \d+, started /,
      );
    } finally {
      await second.close();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    const outcome = await first;
    expect(outcome.kind).toBe('committed');
    expect(listRoot(root).filter((name) => !name.startsWith('.gateway-ops'))).toHaveLength(1);
    expect(await lockIsFree(root)).toBe(true);
  });
});
