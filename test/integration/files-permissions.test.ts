/**
 * Issue 15's files and permissions, against the real sshd and host of the bench, through the CLI
 * built from this checkout: a snapshot is 0700/0600 whatever the host's umask (a second sshd forces
 * `umask 000` or `umask 077` before every command); the run's work files live in private dirs and
 * are gone after success, a failed component, SIGTERM and SIGINT; a restore leaves no plain dump or
 * secret anywhere; a backups dir that is a symlink, writable by others or someone else's is refused
 * with the reason and the fix before anything is written.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node24 } from '../helpers/action-runner.js';
import { ageIdentity, deployDir, deploymentWithSecrets } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { type ManagedProcess, spawnManaged, waitFor } from '../services/processes.js';
import { seedIndex } from './opensearch-helpers.js';
import { bench, type Cluster, startCluster, targetHostname } from './restore-helpers.js';

const info = bench();
const docker = openDockerDouble(info.docker.stateDir);
const cliPath = join(new URL('../../', import.meta.url).pathname, 'bin/gateway-ops.js');
const OS_CONTAINER = 'perm-opensearch';
const OS_PASSWORD = 'Perm-OpenSearch-Pa55word';
const SLOW_PG = 'perm-pg-slow';
/** The app a restore stops and starts again. */
const APP = 'perm-app';
const REPO = 'perm-repo';
/** In the database, the secret files and nowhere else: found in plain text anywhere is a leak. */
const DB_CANARY = 'perm-canary-row-5a1f9c';
const SECRET_CANARY = 'perm-canary-secret-77e02b';
const SECRETS = {
  '.envs/.production/.django': `DJANGO_SECRET_KEY=${SECRET_CANARY}\n`,
  'config/perm-payments.env': `PAYMENTS_KEY=${SECRET_CANARY}-2\n`,
};

let node: OpenSearchNode;
let client: Client;
let location: string;
let cluster: Cluster;
let sshd: ManagedProcess;
/** Ports of the second sshd whose sessions run under `umask 000` / `umask 077`. */
const umaskPort: Record<'000' | '077', number> = { '000': 0, '077': 0 };
let keyFile: string;
let age: ReturnType<typeof ageIdentity>;
/** TMPDIR of the CLI (the runner side) and of every session on the host: both must end empty. */
let localTmp: string;
let hostTmp: string;
let tmpBefore: Set<string>;
const started = Date.now().toString(36);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function bannerArrives(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (d: Buffer) => done(d.toString('latin1').startsWith('SSH-')));
    socket.connect(port, '127.0.0.1');
  });
}

/**
 * A second sshd: the bench's host key, keys and PATH, two ports; every session on the first runs
 * under `umask 000`, on the second under `umask 077` (ForceCommand, before the product's command),
 * with TMPDIR pointing at a dir the test lists.
 */
async function startUmaskSshd(): Promise<void> {
  umaskPort['000'] = await freePort();
  umaskPort['077'] = await freePort();
  const dir = join(info.tempDir, `perm-sshd-${started}`);
  mkdirSync(dir, { recursive: true });
  const force = (mask: string) =>
    `ForceCommand umask ${mask}; export TMPDIR=${hostTmp}; eval "$SSH_ORIGINAL_COMMAND"`;
  const config = readFileSync(info.ssh.configPath, 'utf8')
    .replace(/^Port .*$/m, `Port ${umaskPort['000']}\nPort ${umaskPort['077']}`)
    .replace(/^PidFile .*$/m, `PidFile ${join(dir, 'sshd.pid')}`);
  const configPath = join(dir, 'sshd_config');
  writeFileSync(
    configPath,
    `${config}\nMatch LocalPort ${umaskPort['000']}\n  ${force('000')}\nMatch LocalPort ${umaskPort['077']}\n  ${force('077')}\n`,
    { mode: 0o644 },
  );
  sshd = spawnManaged('perm-sshd', '/usr/sbin/sshd', ['-D', '-e', '-f', configPath], { cwd: dir });
  for (const port of Object.values(umaskPort))
    await waitFor(`the umask sshd on ${port}`, () => bannerArrives(port), 20_000, sshd);
}

/** What a command run over the umask sshd's `port` sees (the real OpenSSH client). */
function overSsh(port: number, command: string): string {
  const knownHosts = join(info.tempDir, `perm-known-hosts-${port}`);
  writeFileSync(
    knownHosts,
    `${info.ssh.knownHostsLine.replace(/^\[127\.0\.0\.1\]:\d+/, `[127.0.0.1]:${port}`)}\n`,
  );
  return execFileSync(
    'ssh',
    [
      '-p',
      String(port),
      '-i',
      keyFile,
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'BatchMode=yes',
      `${info.ssh.username}@127.0.0.1`,
      command,
    ],
    { encoding: 'utf8' },
  );
}

beforeAll(async () => {
  keyFile = join(info.tempDir, `perm-key-${started}`);
  writeFileSync(keyFile, info.ssh.clientKey.privateKey, { mode: 0o600 });
  localTmp = join(info.tempDir, `perm-local-tmp-${started}`);
  mkdirSync(localTmp, { mode: 0o700 });
  hostTmp = join(info.workDir, `perm-host-tmp-${started}`);
  mkdirSync(hostTmp, { mode: 0o700 });
  chownSync(hostTmp, info.user.uid, info.user.gid);
  tmpBefore = new Set(readdirSync('/tmp'));
  age = ageIdentity();
  node = await useOpenSearch(info.extensions['opensearch']);
  client = new Client({ node: node.url });
  location = join(node.pathRepo, 'perm');
  mkdirSync(location, { recursive: true });
  spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  docker.createContainer({
    name: OS_CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: OS_PASSWORD },
  });
  await seedIndex(client, 'perm-captures', 60);
  cluster = await startCluster('perm-pg');
  await cluster.psql(
    `CREATE TABLE perm_notes (id int, note text); INSERT INTO perm_notes SELECT g, '${DB_CANARY}-' || g FROM generate_series(1, 200) g;`,
  );
  // The same cluster behind a pg_dumpall that hangs once the dump is out: a run to interrupt.
  const wrappers = join(info.workDir, `perm-slow-bin-${started}`);
  mkdirSync(wrappers, { mode: 0o755 });
  const real = join(cluster.pg.binDir, 'pg_dumpall');
  writeFileSync(
    join(wrappers, 'pg_dumpall'),
    `#!/bin/sh\ncase "$*" in *--version*) exec "${real}" "$@";; esac\n"${real}" "$@" || exit $?\nexec sleep 120\n`,
    {
      mode: 0o755,
    },
  );
  const env = docker.container(cluster.container)!.env as Record<string, string>;
  docker.createContainer({
    name: SLOW_PG,
    env: { ...env, PATH: `${wrappers}:${process.env['PATH'] ?? '/usr/bin:/bin'}` },
  });
  docker.createContainer({ name: APP, service: APP });
  await startUmaskSshd();
}, 180_000);

afterAll(async () => {
  docker.removeContainer(OS_CONTAINER);
  docker.removeContainer(SLOW_PG);
  docker.removeContainer(APP);
  await sshd?.stop('SIGTERM', 5_000);
  await cluster?.stop();
  await client?.close();
  age?.remove();
});

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `gateway-ops <command>` as a child process (TMPDIR private to the test); `during` runs while it does. */
function cli(
  command: string,
  port: number,
  dir: string,
  settings: Record<string, string>,
  during?: (child: ChildProcess) => Promise<void>,
): Promise<Run> {
  const args = [
    cliPath,
    command,
    '--ssh-host',
    '127.0.0.1',
    '--ssh-port',
    String(port),
    '--ssh-user',
    info.ssh.username,
    '--ssh-private-key-file',
    keyFile,
    '--ssh-host-fingerprint',
    info.ssh.hostFingerprint,
    '--deploy-dir',
    dir,
    ...Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]),
  ];
  const child = spawn(node24, args, {
    env: { ...process.env, TMPDIR: localTmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<Run>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  return (async () => {
    try {
      if (during) await during(child);
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  })();
}

/** Every component the bench can take: PostgreSQL, OpenSearch, the secrets, the git state. */
function backupSettings(extra: Record<string, string> = {}): Record<string, string> {
  return {
    components: 'postgres,opensearch,secrets,git',
    'postgres-container': cluster.container,
    'opensearch-container': OS_CONTAINER,
    'opensearch-url': node.url,
    'snapshot-repository': REPO,
    'snapshot-location': location,
    indices: 'perm-*',
    'age-recipients': age.recipient,
    timezone: 'UTC',
    ...extra,
  };
}

function newDeployment(name: string): { dir: string; backups: string } {
  const dir = deployDir(info, `perm-${name}-${started}`);
  deploymentWithSecrets(dir, SECRETS, info.user);
  return { dir, backups: join(dir, 'data/backups') };
}

/** `[path relative to root, 'dir' | 'file' | 'link', mode]` for root and everything below it. */
function modes(root: string, prefix = '.'): [string, string, number][] {
  const st = lstatSync(root);
  const kind = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file';
  const here: [string, string, number][] = [[prefix, kind, st.mode & 0o7777]];
  if (kind !== 'dir') return here;
  return here.concat(
    ...readdirSync(root)
      .sort()
      .map((name) => modes(join(root, name), `${prefix}/${name}`)),
  );
}

/** The backups dir holds committed snapshots (and the lock file) only: no work dir of a run. */
function expectOnlyCommitted(backups: string): string[] {
  const names = existsSync(backups) ? readdirSync(backups).sort() : [];
  expect(names.filter((n) => !/^\d{4}-\d{2}-\d{2}$/.test(n) && n !== '.gateway-ops.lock')).toEqual([]);
  return names.filter((n) => n !== '.gateway-ops.lock');
}

/**
 * Nothing of ours in either TMPDIR (the CLI's and every host session's), and no new entry of the
 * product's own names in /tmp (the gateway-ops-* temp dirs, Node's compile cache).
 */
function expectTempDirsClean(): void {
  expect(readdirSync(localTmp)).toEqual([]);
  expect(readdirSync(hostTmp)).toEqual([]);
  expect(
    readdirSync('/tmp').filter((n) => !tmpBefore.has(n) && /^(gateway-ops|node-compile-cache)/.test(n)),
  ).toEqual([]);
}

/** Polls `check` until it passes (remote processes end a moment after their session). */
async function eventually(check: () => void, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const snapshotDirs = new Map<string, string>();

describe('a snapshot is 0700 dirs and 0600 files whatever the host umask', () => {
  it('the second sshd really runs commands under umask 000 and 077', () => {
    expect(overSsh(umaskPort['000'], 'umask').trim()).toBe('0000');
    expect(overSsh(umaskPort['077'], 'umask').trim()).toBe('0077');
    expect(overSsh(umaskPort['000'], 'echo "$TMPDIR"').trim()).toBe(hostTmp);
  });

  it.each(['000', '077'] as const)(
    'umask %s: postgres, opensearch, secrets and git; every dir 0700, every file 0600, nothing else left',
    async (mask) => {
      const { dir, backups } = newDeployment(`umask-${mask}`);
      const run = await cli('backup', umaskPort[mask], dir, backupSettings({ format: 'json' }));
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const path = JSON.parse(run.stdout)['snapshot-path'] as string;
      snapshotDirs.set(mask, path);
      const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
      expect(Object.keys(manifest.components)).toEqual(['postgres', 'opensearch', 'secrets', 'git']);
      const tree = modes(path);
      expect(tree.length).toBeGreaterThanOrEqual(10);
      expect(tree.filter(([, kind, mode]) => !(kind === 'dir' ? mode === 0o700 : mode === 0o600))).toEqual(
        [],
      );
      expect(tree.filter(([, kind]) => kind === 'link')).toEqual([]);
      // The dirs it created above the snapshot, and the lock, are private too.
      for (const made of [join(dir, 'data'), backups]) expect(statSync(made).mode & 0o777).toBe(0o700);
      expect(statSync(join(backups, '.gateway-ops.lock')).mode & 0o777).toBe(0o600);
      expect(expectOnlyCommitted(backups)).toHaveLength(1);
      expectTempDirsClean();
    },
  );
});

describe('work files are private and gone on every exit path', () => {
  it('a failed component: the others are kept, its files and the work dir are gone', async () => {
    const { dir, backups } = newDeployment('failed');
    const unreadable = join(dir, '.envs/.production/.django');
    chmodSync(unreadable, 0o000);
    const run = await cli(
      'backup',
      umaskPort['000'],
      dir,
      backupSettings({ components: 'postgres,secrets' }),
    );
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toMatch(/Secrets failed/i);
    const [day] = expectOnlyCommitted(backups);
    const manifest = JSON.parse(readFileSync(join(backups, day!, 'manifest.json'), 'utf8'));
    expect(manifest.components.secrets.verdict).toBe('failed');
    expect(existsSync(join(backups, day!, 'secrets'))).toBe(false);
    expect(
      modes(join(backups, day!)).filter(([, k, m]) => !(k === 'dir' ? m === 0o700 : m === 0o600)),
    ).toEqual([]);
    expectTempDirsClean();
  });

  it('every component failing (PostgreSQL down): no snapshot, no work dir', async () => {
    const { dir, backups } = newDeployment('all-failed');
    const run = await cli('backup', umaskPort['000'], dir, {
      components: 'postgres',
      'postgres-container': 'perm-no-such-container',
    });
    expect(run.status, run.stdout + run.stderr).not.toBe(0);
    expect(expectOnlyCommitted(backups)).toEqual([]);
    expectTempDirsClean();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the CLI mid-dump: the private work dir it had is removed, no snapshot, the next run succeeds',
    async (signal) => {
      const { dir, backups } = newDeployment(`signal-${signal}`);
      let seen: [string, string, number][] = [];
      const run = await cli(
        'backup',
        umaskPort['000'],
        dir,
        { components: 'postgres', 'postgres-container': SLOW_PG, timezone: 'UTC' },
        async (child) => {
          // The dump is out and pg_dumpall hangs: the work dir and its dump file exist now.
          await eventually(() => {
            const partial = readdirSync(backups).find((n) => n.includes('.partial-'));
            expect(partial).toBeDefined();
            const dump = join(backups, partial!, 'postgres');
            expect(readdirSync(dump).length).toBeGreaterThan(0);
            expect(statSync(join(dump, readdirSync(dump)[0]!)).size).toBeGreaterThan(0);
            seen = modes(join(backups, partial!));
          }, 60_000);
          child.kill(signal);
        },
      );
      expect(run.status, run.stdout + run.stderr).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(run.stderr).toContain(`backup interrupted (${signal})`);
      expect(run.stderr).toMatch(/Removed the unfinished work dir .*\.partial-/);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(seen.filter(([, k, m]) => !(k === 'dir' ? m === 0o700 : m === 0o600))).toEqual([]);
      await eventually(() => {
        expect(expectOnlyCommitted(backups)).toEqual([]);
        expectTempDirsClean();
      });
      const next = await cli('backup', umaskPort['000'], dir, {
        components: 'postgres',
        'postgres-container': cluster.container,
      });
      expect(next.status, next.stdout + next.stderr).toBe(0);
      expect(expectOnlyCommitted(backups)).toHaveLength(1);
    },
  );
});

/** Files under `root` (recursively) that hold `needle` in plain text, except those in `skip`. */
function filesHolding(root: string, needles: readonly string[], skip: (path: string) => boolean): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (st.isFile() && !skip(path) && st.size < 64 * 2 ** 20) {
      const text = readFileSync(path).toString('latin1');
      if (needles.some((n) => text.includes(n))) found.push(path);
    }
  };
  walk(root);
  return found;
}

describe('a restore leaves no plain dump or secret behind', () => {
  it('restores the umask 077 snapshot; no file outside the snapshot holds a row, a secret or the password', async () => {
    const path = snapshotDirs.get('077');
    expect(path, 'the umask 077 backup ran first').toBeDefined();
    const dir = join(path!, '../../..');
    const backups = join(dir, 'data/backups');
    const manifest = JSON.parse(readFileSync(join(path!, 'manifest.json'), 'utf8'));
    await cluster.psql('DELETE FROM perm_notes');
    const host = targetHostname();
    const run = await cli('restore', umaskPort['000'], dir, {
      'postgres-container': cluster.container,
      'opensearch-container': OS_CONTAINER,
      'opensearch-url': node.url,
      'snapshot-repository': REPO,
      'snapshot-location': location,
      components: 'postgres',
      'stop-services': APP,
      'restore-allowed-hosts': host,
      confirm: host,
      'safety-snapshot': 'false',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(await cluster.psql('SELECT count(*) FROM perm_notes')).toMatch(/200/);
    expect(expectOnlyCommitted(backups)).toHaveLength(1);
    expectTempDirsClean();
    // The snapshot's own files are compressed or encrypted (zstd keeps short literals as they are).
    const inSnapshot = new Set(manifest.files.map((f: { path: string }) => join(path!, f.path)));
    const needles = [DB_CANARY, SECRET_CANARY, cluster.pg.password];
    const secretFiles = new Set(Object.keys(SECRETS).map((p) => join(dir, p)));
    expect(
      filesHolding(dir, needles, (p) => inSnapshot.has(p) || secretFiles.has(p) || p.includes('/.git/')),
    ).toEqual([]);
    for (const root of [localTmp, hostTmp, '/home/gwops-test', '/var/tmp'])
      expect(
        filesHolding(root, needles, () => false),
        root,
      ).toEqual([]);
    expect(
      readdirSync('/tmp')
        .filter((n) => !tmpBefore.has(n))
        .flatMap((n) => {
          try {
            return filesHolding(join('/tmp', n), needles, () => false);
          } catch {
            return []; // another process's, gone meanwhile
          }
        }),
    ).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain(cluster.pg.password);
  });
});

describe('a backups dir others could write into is refused before anything is written', () => {
  const refused = async (name: string, plant: (backups: string) => void, why: RegExp) => {
    const { dir, backups } = newDeployment(`refuse-${name}`);
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    chownSync(join(dir, 'data'), info.user.uid, info.user.gid);
    plant(backups);
    const before = modes(join(dir, 'data'));
    const run = await cli('backup', info.ssh.port, dir, backupSettings());
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toMatch(why);
    expect(modes(join(dir, 'data'))).toEqual(before);
    expect(run.stdout + run.stderr).not.toContain('pg_dumpall');
    return { dir, backups };
  };

  it('a symlink: says where it points and to give the real path', async () => {
    const target = join(info.workDir, `perm-link-target-${started}`);
    mkdirSync(target, { mode: 0o700 });
    chownSync(target, info.user.uid, info.user.gid);
    await refused(
      'symlink',
      (backups) => symlinkSync(target, backups),
      /the backups dir .*data\/backups is a symlink \(to .*perm-link-target-.*\): give its real path as --backups-dir/,
    );
    expect(readdirSync(target)).toEqual([]);
  });

  it('world-writable: says the mode and the chmod to run', async () => {
    await refused(
      'writable',
      (backups) => {
        mkdirSync(backups);
        chownSync(backups, info.user.uid, info.user.gid);
        chmodSync(backups, 0o777);
      },
      /data\/backups is writable by group or others \(mode 777\).*run: chmod go-w .*data\/backups/,
    );
  });

  it('owned by another user: says whose it is and the chown to run', async () => {
    await refused(
      'owner',
      (backups) => {
        mkdirSync(backups);
        chmodSync(backups, 0o755);
      },
      /data\/backups is owned by root, not gwops-test.*run: chown gwops-test .*data\/backups/,
    );
  });
});
