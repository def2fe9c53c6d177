/**
 * The reference runbook's scripts had 12 defects (listed in docs/reference-defects.md); each
 * one is a test we owe. Here each is shown impossible at the level a user sees it: the backup
 * action's committed bundle (run as the runner runs it) or the CLI (`node bin/gateway-ops.js`),
 * against the real services of the bench: sshd as the production host, PostgreSQL 15 behind the
 * docker double, the OpenSearch node. Defects already covered well elsewhere are cited in
 * docs/reference-defects.md, not repeated here.
 *
 * Needs a built bundle and CLI (node_modules/.bin/node scripts/build.mjs).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildManifest, serializeManifest } from '../../src/shared/snapshot/index.js';
import { inputsForMode, node24, readRunnerFiles, runnerEnvironment } from '../helpers/action-runner.js';
import { hostInputs } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { type ManagedProcess, spawnManaged, waitFor } from '../services/processes.js';
import { freePort } from '../services/system.js';
import { seedIndex, snapshotNames } from './opensearch-helpers.js';

const bench = inject('bench');
const docker = openDockerDouble(bench.docker.stateDir);
const root = new URL('../../', import.meta.url).pathname;
/** A private copy of the build (see `snapshotBuild`): the CLI and the bundles this file runs. */
const build = join(bench.tempDir, `refdef-build-${process.pid}`);
const cli = join(build, 'bin/gateway-ops.js');

const OS_PASSWORD = 'Refdef-0penSearch-Pa55';
const OS_CONTAINER = 'refdef-opensearch';
const DEFAULT_PG = 'sds-gateway-prod-postgres';
const DEFAULT_OS = 'sds-gateway-prod-opensearch';
const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Where the real tools are (the wrappers below call them by absolute path). */
const which = (tool: string) =>
  spawnSync('sh', ['-c', `PATH=${CONTAINER_PATH} command -v ${tool}`], { encoding: 'utf8' }).stdout.trim() ||
  `/usr/bin/${tool}`;
const REAL_PG_DUMPALL = which('pg_dumpall');
const REAL_ZSTD = which('zstd');

let node: OpenSearchNode;
let client: Client;
let pgEnv: Record<string, string>;
const containers: string[] = [];
const stoppers: Array<() => Promise<void> | void> = [];
let counter = 0;

beforeAll(async () => {
  await snapshotBuild();
  node = await useOpenSearch(bench.extensions['opensearch']);
  client = new Client({ node: node.url });
  pgEnv = { ...docker.container(bench.containers.postgres)!.env };
  container(OS_CONTAINER, osEnv());
  await seedIndex(client, 'refdef-docs', 120);
});

afterAll(async () => {
  for (const name of containers) docker.removeContainer(name);
  for (const stop of stoppers.reverse()) await stop();
  await client?.indices.delete({ index: 'refdef-*' } as never).catch(() => undefined);
  await client?.close();
});

// ---------------------------------------------------------------------------------------------
// helpers

/**
 * Others may rebuild lib/ and actions/*\/dist in this checkout while this file runs (the build
 * removes them first), so the file runs a copy taken once: the same bytes as the committed
 * bundles and the built CLI, which stay put for the whole file.
 */
async function snapshotBuild(): Promise<void> {
  const needed = [
    'actions/backup/dist/index.js',
    'actions/backup/dist/package.json',
    'actions/restore/dist/index.js',
    'actions/restore/dist/package.json',
    'lib/cli/cli.js',
    'bin/gateway-ops.js',
  ];
  for (let attempt = 0; ; attempt++) {
    if (needed.every((f) => existsSync(join(root, f)))) {
      try {
        for (const dir of ['actions/backup/dist', 'actions/restore/dist', 'lib', 'bin'])
          cpSync(join(root, dir), join(build, dir), { recursive: true });
        if (!existsSync(join(build, 'node_modules')))
          symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'));
        if (!existsSync(join(build, 'package.json')))
          cpSync(join(root, 'package.json'), join(build, 'package.json'));
        const version = spawnSync(node24, [cli, '--version'], { encoding: 'utf8' });
        if (version.status === 0 && needed.every((f) => existsSync(join(build, f)))) return;
      } catch {}
    }
    if (attempt >= 60) {
      throw new Error(`no complete build in ${root}: run node_modules/.bin/node scripts/build.mjs first`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** runBundle, without blocking this process (for tests whose servers live in it). */
async function runBundleAsync(
  action: string,
  inputs: Record<string, string>,
  killAfterMs = 240_000,
  onStart: (child: ChildProcess) => void = () => {},
) {
  const { env, files } = runnerEnv(inputs);
  const child = spawn(node24, [join(build, 'actions', action, 'dist/index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  onStart(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  return { status, stdout, stderr, ...readRunnerFiles(files) };
}

function runnerEnv(inputs: Record<string, string>) {
  const dir = join(bench.tempDir, `refdef-runner-${counter++}`);
  mkdirSync(dir, { recursive: true });
  return runnerEnvironment(dir, inputs);
}

/** Runs an action's bundle as the runner does (test/helpers/action-runner.ts, on the private copy). */
function runBundle(action: string, inputs: Record<string, string>) {
  const { env, files } = runnerEnv(inputs);
  const result = spawnSync(node24, [join(build, 'actions', action, 'dist/index.js')], {
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...readRunnerFiles(files) };
}

function osEnv(password = OS_PASSWORD): Record<string, string> {
  return { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: password };
}

/** A container in the docker double, removed after the file. */
function container(name: string, env: Record<string, string>): void {
  docker.createContainer({ name, env });
  containers.push(name);
}

function chownToBench(path: string): void {
  spawnSync('chown', ['-R', `${bench.user.uid}:${bench.user.gid}`, path]);
}

function deployDir(name: string): string {
  const dir = join(bench.workDir, `refdef-${name}-${Date.now().toString(36)}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  chownToBench(dir);
  return dir;
}

/** A repository location under the node's path.repo that the node can write. */
function repoLocation(name: string): string {
  const location = join(node.pathRepo, `refdef-${name}`);
  mkdirSync(location, { recursive: true });
  spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  return location;
}

function inputs(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...hostInputs(bench, dir),
    components: 'postgres',
    ...extra,
  };
}

/** `gateway-ops <command>` from the (copied) build, with the settings as flags and the key in a file. */
function runCli(command: string, settings: Record<string, string>, env: Record<string, string> = {}) {
  const keyFile = join(bench.tempDir, 'refdef-cli-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, bench.ssh.clientKey.privateKey, { mode: 0o600 });
  const args = [cli, command, '--ssh-private-key-file', keyFile];
  for (const [name, value] of Object.entries(settings)) {
    if (name === 'ssh-private-key') continue;
    args.push(`--${name}`, value);
  }
  return spawnSync(node24, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input: '',
    timeout: 240_000,
  });
}

function osInputs(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'opensearch-container': OS_CONTAINER,
    'opensearch-url': `http://127.0.0.1:${node.port}`,
    'snapshot-repository': `refdef-${name}`,
    indices: 'refdef-*',
    'opensearch-timeout': '2m',
    ...extra,
    'snapshot-location': extra['snapshot-location'] ?? repoLocation(name),
  };
}

/** The date the action uses for today's snapshot (timezone: UTC, the default). */
function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function backupsOf(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'data/backups')).sort();
  } catch {
    return [];
  }
}

/** Everything the run showed the user: log, summary, outputs (masking registrations aside). */
function shown(r: ReturnType<typeof runBundle>): string {
  return [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs)].join(
    '\n',
  );
}

function errors(r: ReturnType<typeof runBundle>): string {
  return (r.stdout.match(/^::error::.*$/gm) ?? []).join('\n');
}

/** A dated snapshot dir of an earlier day with a manifest (disk retention counts it as good). */
function plantDay(dir: string, date: string, withManifest = true): () => string {
  const day = join(dir, 'data/backups', date);
  mkdirSync(join(day, 'postgres'), { recursive: true });
  const text = `dump of ${date}\n`;
  writeFileSync(join(day, 'postgres/pg_dumpall.sql'), text);
  if (withManifest) writeFileSync(join(day, 'manifest.json'), plantedManifest(date, text));
  chownToBench(join(dir, 'data'));
  return () => treeHash(day);
}

/** A manifest as a real run writes it, so readers judge the planted day by its content (sizes, checksums). */
function plantedManifest(date: string, dump: string): string {
  const manifest = buildManifest({
    gatewayOpsVersion: '0.0.0-test',
    runId: `planted-${date}`,
    host: 'test',
    date,
    timezone: 'UTC',
    createdAt: new Date(`${date}T01:00:00Z`),
    completedAt: new Date(`${date}T01:00:01Z`),
    components: [
      {
        name: 'postgres',
        verdict: 'passed',
        durationMs: 1,
        details: {},
        files: [
          {
            path: 'postgres/pg_dumpall.sql',
            size: Buffer.byteLength(dump),
            sha256: createHash('sha256').update(dump).digest('hex'),
            compression: 'none',
            component: 'postgres',
          },
        ],
      },
    ],
  });
  return serializeManifest(manifest);
}

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      hash.update(`${full}\n`);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** A directory of executable scripts (owned by root, readable and runnable by the bench user). */
function scriptDir(name: string, scripts: Record<string, string>): string {
  const dir = join(bench.workDir, `refdef-bin-${name}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  for (const [file, text] of Object.entries(scripts)) {
    writeFileSync(join(dir, file), text, { mode: 0o755 });
    chmodSync(join(dir, file), 0o755);
  }
  return dir;
}

/** A PostgreSQL "container": the bench's, with a wrapper directory first on its PATH. */
function pgContainerWith(name: string, wrappers: Record<string, string>, env: Record<string, string> = {}) {
  const dir = scriptDir(name, wrappers);
  container(name, { ...pgEnv, PATH: `${dir}:${CONTAINER_PATH}`, ...env });
}

/**
 * A second sshd on the same host, same host key and authorized keys as the bench's, whose sessions
 * get another PATH (how a production host without zstd, or with a broken one, looks to the action).
 */
async function sshdWithPath(path: string): Promise<number> {
  const port = await freePort();
  const dir = join(bench.tempDir, `refdef-sshd-${port}`);
  mkdirSync(dir, { recursive: true });
  const config = readFileSync(bench.ssh.configPath, 'utf8')
    .replace(/^Port .*$/m, `Port ${port}`)
    .replace(/^PidFile .*$/m, `PidFile ${join(dir, 'sshd.pid')}`)
    .replace(/^SetEnv PATH=.*$/m, `SetEnv PATH=${path}`);
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, config, { mode: 0o644 });
  const proc: ManagedProcess = spawnManaged('refdef-sshd', '/usr/sbin/sshd', ['-D', '-e', '-f', configPath], {
    cwd: dir,
  });
  stoppers.push(() => proc.stop('SIGTERM', 5_000));
  await waitFor(`a second sshd on ${port}`, () => banner(port), 20_000, proc);
  return port;
}

function banner(port: number): Promise<boolean> {
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

/** Everything on the session PATH of the bench's sshd, except `names` (symlinks). */
function pathWithout(names: string[]): string {
  const dir = join(bench.workDir, `refdef-path-without-${names.join('-')}-${Date.now().toString(36)}`);
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  const seen = new Set<string>();
  for (const from of bench.ssh.sessionPath.split(':')) {
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      if (names.some((n) => name === n || name.startsWith(`${n}`)) || seen.has(name)) continue;
      seen.add(name);
      try {
        symlinkSync(join(from, name), join(dir, name));
      } catch {}
    }
  }
  return dir;
}

/** psql to the bench cluster as its superuser; the password goes in the environment, not argv. */
function psql(sql: string, database = 'postgres'): string {
  const r = spawnSync(
    join(bench.postgres.binDir, 'psql'),
    [
      '-X',
      '-A',
      '-t',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      '127.0.0.1',
      '-p',
      String(bench.postgres.port),
    ].concat(['-U', bench.postgres.superuser, '-d', database, '-c', sql]),
    { env: { ...process.env, PGPASSWORD: bench.postgres.password }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

/** A background shell loop (its own process), for work that must run while runBundle blocks. */
function background(script: string, env: Record<string, string> = {}): { child: ChildProcess; out: string } {
  const out = join(bench.tempDir, `refdef-bg-${Date.now().toString(36)}-${counter++}.log`);
  const child = spawn('bash', ['-c', `exec >${out} 2>&1\n${script}`], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
    detached: true,
  });
  return { child, out };
}

function stopBackground(bg: { child: ChildProcess }): void {
  try {
    process.kill(-bg.child.pid!, 'SIGKILL');
  } catch {}
}

function dumpCalls(calls: { argv: string[] }[]): { argv: string[] }[] {
  return calls.filter((c) => c.argv.some((a) => a.includes('exec pg_dumpall')));
}

// ---------------------------------------------------------------------------------------------

describe('1. a pg_dumpall that dies half-way fails the run and leaves nothing that looks complete', () => {
  const halfThenDie = `#!/bin/bash
# The real pg_dumpall, cut after half its output, as when its connection dies.
for a in "$@"; do [ "$a" = --version ] && exec ${REAL_PG_DUMPALL} "$@"; done
out=$(${REAL_PG_DUMPALL} "$@") || exit $?
printf '%s\\n' "\${out:0:$(( \${#out} / 2 ))}"
echo 'pg_dumpall: error: query failed: server closed the connection unexpectedly' >&2
exit "\${REFDEF_EXIT:-1}"
`;

  it.each([
    ['exits 1 after half its output', 'refdef-pg-dies', '1', /pg_dumpall exited 1/],
    [
      'is cut short but exits 0 (what the reference gzipped and reported as success)',
      'refdef-pg-cut',
      '0',
      /cut short/,
    ],
  ])(
    'a pg_dumpall that %s: run fails, no dated dir, no partial, earlier days untouched, no prune',
    (_what, name, exit, message) => {
      pgContainerWith(name, { pg_dumpall: halfThenDie }, { REFDEF_EXIT: exit });
      const dir = deployDir(name);
      const earlier = [plantDay(dir, today(-10)), plantDay(dir, today(-20))];
      const before = earlier.map((f) => f());
      const mark = docker.mark();
      const r = runBundle(
        'backup',
        inputs(dir, {
          'postgres-container': name,
          'keep-daily': '1',
          'keep-weekly': '0',
          'keep-monthly': '0',
        }),
      );
      expect(r.status).toBe(1);
      expect(errors(r)).toMatch(message);
      expect(errors(r)).toMatch(/cut short/);
      expect(r.summary).toContain('backup failed.');
      expect(r.outputs['snapshot-date']).toBeUndefined();
      // The dump really ran (through the wrapper), and was cut.
      expect(dumpCalls(docker.calls(mark)).map((c) => c.argv[3])).toEqual([name]);
      // Nothing of today: no dated dir, no hidden work dir, no dump file anywhere.
      expect(backupsOf(dir)).toEqual(['.gateway-ops.lock', today(-20), today(-10)].sort());
      expect(
        filesUnder(join(dir, 'data/backups')).filter((f) => /pg_dumpall\.sql\.(zst|gz)/.test(f)),
      ).toEqual([]);
      // A failed run does not prune: both earlier days survive a keep-daily: 1 policy.
      expect(earlier.map((f) => f())).toEqual(before);
    },
  );

  it('the same through the CLI: exit 1, the reason on stderr, nothing dated', () => {
    pgContainerWith('refdef-pg-dies-cli', { pg_dumpall: halfThenDie });
    const dir = deployDir('dies-cli');
    const c = runCli('backup', inputs(dir, { 'postgres-container': 'refdef-pg-dies-cli' }));
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/backup failed: .*pg_dumpall exited 1/);
    expect(c.stderr).toMatch(/cut short/);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock']);
  });
});

describe('2. the OpenSearch check can fail', () => {
  it('a repository location outside path.repo: the run fails saying so, nothing is registered or written', async () => {
    const dir = deployDir('outside');
    const r = runBundle(
      'backup',
      inputs(dir, {
        ...osInputs('outside'),
        components: 'opensearch',
        'snapshot-location': '/var/tmp/refdef-not-under-path-repo',
      }),
    );
    expect(r.status).toBe(1);
    expect(errors(r)).toMatch(
      /snapshot repository 'refdef-outside': location \/var\/tmp\/refdef-not-under-path-repo is outside OpenSearch's path\.repo/,
    );
    expect(errors(r)).toMatch(/set snapshot-location to a directory under the node's path\.repo/);
    expect(backupsOf(dir).filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
    const repo = await client.snapshot.getRepository({ repository: 'refdef-outside' }, { ignore: [404] });
    expect(repo.statusCode).toBe(404);
  });

  it('a registered repository OpenSearch can no longer write to: _verify fails the run', async () => {
    const location = repoLocation('readonly');
    await client.snapshot.createRepository({
      repository: 'refdef-readonly',
      body: { type: 'fs', settings: { location } },
    } as never);
    // As root the node runs as the bench's non-root user: a root-owned 0755 dir is not writable for it.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) spawnSync('chown', ['-R', '0:0', location]);
    chmodSync(location, asRoot ? 0o755 : 0o555);
    try {
      const dir = deployDir('readonly');
      const r = runBundle(
        'backup',
        inputs(dir, { ...osInputs('readonly', { 'snapshot-location': location }), components: 'opensearch' }),
      );
      expect(r.status).toBe(1);
      expect(errors(r)).toMatch(
        /snapshot repository 'refdef-readonly': OpenSearch cannot write to .*refdef-readonly/,
      );
      expect(backupsOf(dir).filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
      expect(await snapshotNames(client, 'refdef-readonly')).toEqual([]);
    } finally {
      chmodSync(location, 0o755);
      spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
    }
  });
});

describe('3. the existing-snapshot check works', () => {
  it("today's OpenSearch snapshot, already taken and good, is detected and reused, not taken again", async () => {
    const location = repoLocation('reuse');
    await client.snapshot.createRepository({
      repository: 'refdef-reuse',
      body: { type: 'fs', settings: { location } },
    } as never);
    const name = `snapshot_${today()}`;
    await client.snapshot.create({
      repository: 'refdef-reuse',
      snapshot: name,
      body: { indices: 'refdef-*', include_global_state: false },
      wait_for_completion: true,
    } as never);
    const uuidOf = async () =>
      (
        (await client.snapshot.get({ repository: 'refdef-reuse', snapshot: name })).body as {
          snapshots: { uuid: string }[];
        }
      ).snapshots[0]!.uuid;
    const uuid = await uuidOf();

    const dir = deployDir('reuse');
    const r = runBundle(
      'backup',
      inputs(dir, { ...osInputs('reuse', { 'snapshot-location': location }), components: 'opensearch' }),
    );
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`opensearch: ${name} already exists and passed verification; reusing it`);
    const manifest = JSON.parse(r.outputs['manifest']!);
    expect(manifest.components.opensearch.details).toMatchObject({
      snapshot: name,
      reused: true,
      state: 'SUCCESS',
    });
    // The very same snapshot: not deleted and retaken, no second one.
    expect(await uuidOf()).toBe(uuid);
    expect(await snapshotNames(client, 'refdef-reuse')).toEqual([name]);
    const record = JSON.parse(
      readFileSync(join(dir, 'data/backups', today(), 'opensearch/snapshot.json'), 'utf8'),
    );
    expect(record).toMatchObject({ snapshot: name, reused: true, verdict: 'passed' });
  });
});

describe("3. reusing today's snapshot checks what it refers to", () => {
  it("today's snapshot on disk whose OpenSearch snapshot was deleted since: a second run must not report it verified and reused", async () => {
    const dir = deployDir('reuse-gone');
    const settings = inputs(dir, { ...osInputs('reuse-gone'), components: 'postgres,opensearch' });
    const first = runBundle('backup', settings);
    expect(errors(first)).toBe('');
    expect(first.status).toBe(0);
    const name = `snapshot_${today()}`;
    expect(await snapshotNames(client, 'refdef-reuse-gone')).toEqual([name]);
    // Someone (or something) deletes today's OpenSearch snapshot; the day's directory stays.
    await client.snapshot.delete({ repository: 'refdef-reuse-gone', snapshot: name });

    // verify mode sees it.
    const verify = runBundle('backup', inputsForMode({ ...settings, mode: 'verify' }, 'verify'));
    expect(verify.status).toBe(1);
    expect(verify.summary).toContain(name);

    // The next backup either takes it again or fails saying so; it must not call the day verified.
    const again = runBundle('backup', settings);
    const present = (await snapshotNames(client, 'refdef-reuse-gone')).includes(name);
    const seen = {
      status: again.status,
      reused: again.outputs['reused'],
      opensearchSnapshotPresent: present,
    };
    expect(
      seen.status === 0 && !seen.opensearchSnapshotPresent,
      `the run reported success, but today has no OpenSearch snapshot: ${JSON.stringify(seen)}`,
    ).toBe(false);
    if (again.status !== 0) expect(errors(again)).toContain(name);
  });

  it("today's snapshot taken with components: postgres; a run asking for postgres,opensearch must not reuse it without an OpenSearch snapshot", async () => {
    const dir = deployDir('reuse-fewer');
    const first = runBundle('backup', inputs(dir, { ...osInputs('reuse-fewer'), components: 'postgres' }));
    expect(first.status).toBe(0);
    const settings = inputs(dir, { ...osInputs('reuse-fewer'), components: 'postgres,opensearch' });
    const again = runBundle('backup', settings);
    const name = `snapshot_${today()}`;
    // Never registered at all, if the run did not touch OpenSearch.
    const present = (await snapshotNames(client, 'refdef-reuse-fewer').catch((): string[] => [])).includes(
      name,
    );
    const components = again.outputs['manifest']
      ? Object.keys(JSON.parse(again.outputs['manifest']).components)
      : [];
    const seen = {
      status: again.status,
      reused: again.outputs['reused'],
      components,
      opensearchSnapshotPresent: present,
    };
    expect(
      seen.status === 0 && !seen.opensearchSnapshotPresent,
      `the run asked for OpenSearch, reported success, and took no OpenSearch snapshot: ${JSON.stringify(seen)}`,
    ).toBe(false);
  });

  it("today's snapshot, complete and good, is kept even while PostgreSQL's container is stopped (nothing needs it)", () => {
    container('refdef-reuse-stopped-pg', pgEnv);
    const dir = deployDir('reuse-stopped');
    const settings = inputs(dir, { 'postgres-container': 'refdef-reuse-stopped-pg' });
    const first = runBundle('backup', settings);
    expect(errors(first)).toBe('');
    expect(first.status).toBe(0);
    docker.stopContainer('refdef-reuse-stopped-pg');
    const again = runBundle('backup', settings);
    expect(errors(again)).toBe('');
    expect(again.status).toBe(0);
    expect(again.outputs['reused']).toBe('true');
    expect(again.outputs['snapshot-path']).toBe(first.outputs['snapshot-path']);
    // With force the container is needed: the run fails saying so, and today's snapshot stays.
    const forced = runBundle('backup', { ...settings, force: 'true' });
    expect(forced.status).toBe(1);
    expect(errors(forced)).toMatch(/container refdef-reuse-stopped-pg is not running/);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock', today()]);
  });
});

describe('4, 5, 8, 9, 12: a full backup with the default container names', () => {
  let dir: string;
  let r: ReturnType<typeof runBundle>;
  let calls: { argv: string[] }[];
  let settings: Record<string, string>;

  beforeAll(() => {
    // The reference's names, and look-alikes that a substring match would pick (they would fail).
    container(DEFAULT_OS, osEnv());
    container(`${DEFAULT_PG}-old`, { ...pgEnv, POSTGRES_PASSWORD: 'not-this-one', PGPORT: '1' });
    container(`old-${DEFAULT_PG}`, { ...pgEnv, POSTGRES_PASSWORD: 'not-this-one', PGPORT: '1' });
    container(`${DEFAULT_OS}-old`, osEnv('not-this-one'));
    dir = deployDir('defaults');
    const mark = docker.mark();
    settings = inputs(dir, { ...osInputs('defaults'), components: 'postgres,opensearch' });
    delete settings['opensearch-container'];
    r = runBundle('backup', settings);
    calls = docker.calls(mark);
  });

  it('succeeds', () => {
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
  });

  it('4/12. uses exactly the default containers sds-gateway-prod-postgres and sds-gateway-prod-opensearch, never a look-alike, never docker ps', () => {
    const named = new Set(calls.map((c) => c.argv.find((a) => a.includes('sds-gateway'))));
    expect([...named].sort()).toEqual([DEFAULT_OS, DEFAULT_PG]);
    expect(calls.filter((c) => c.argv[1] !== 'exec')).toEqual([]);
    expect(JSON.stringify(calls)).not.toMatch(/-old|old-/);
    const manifest = JSON.parse(r.outputs['manifest']!);
    expect(manifest.components.postgres.details.container).toBe(DEFAULT_PG);
  });

  it("4. the defaults are the reference deployment's names", () => {
    const help = spawnSync(node24, [cli, 'backup', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--postgres-container <[^>]+>\n.*Default: sds-gateway-prod-postgres\./);
    expect(help.stdout).toMatch(/--opensearch-container <[^>]+>\n.*Default: sds-gateway-prod-opensearch\./);
  });

  it('5. every docker call is `docker exec -i`, never -t', () => {
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      const at = call.argv.findIndex((a) => a === DEFAULT_PG || a === DEFAULT_OS);
      expect(call.argv.slice(0, at)).toEqual(['docker', 'exec', '-i']);
    }
    expect(calls.flatMap((c) => c.argv).filter((a) => /^-[a-z]*t[a-z]*$|^--tty/.test(a))).toEqual([]);
    // Without a TTY nothing turned LF into CRLF: the dump is plain LF text to its completion mark.
    const dump = spawnSync(
      'zstd',
      ['-dc', join(dir, 'data/backups', today(), 'postgres/pg_dumpall.sql.zst')],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    expect(dump.status).toBe(0);
    const text = dump.stdout.toString('utf8');
    expect(text).toMatch(/\n-- PostgreSQL database cluster dump complete\n(--\n|\n)*$/);
    expect(text.includes('\r\n')).toBe(false);
  });

  it('8. the manifest lists every file with its size and sha256, and the files on disk hash to it; nothing else is there', () => {
    const path = join(dir, 'data/backups', today());
    expect(r.outputs['snapshot-path']).toBe(path);
    const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'opensearch/snapshot.json',
      'postgres/pg_dumpall.sql.zst',
    ]);
    for (const file of manifest.files as { path: string; size: number; sha256: string }[]) {
      const bytes = readFileSync(join(path, file.path));
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.length).toBe(file.size);
    }
    // No uncompressed staging copy, no FIFO or tail file left, no hidden work dir.
    expect(filesUnder(path).sort()).toEqual([
      'manifest.json',
      'opensearch/snapshot.json',
      'postgres/pg_dumpall.sql.zst',
    ]);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock', today()]);
  });

  it('9. no password in any file of the day (manifest, OpenSearch record)', () => {
    const path = join(dir, 'data/backups', today());
    for (const file of filesUnder(path).filter((f) => !f.endsWith('.zst'))) {
      const text = readFileSync(join(path, file), 'utf8');
      for (const secret of [OS_PASSWORD, bench.postgres.password])
        expect([file, text.includes(secret)]).toEqual([file, false]);
    }
  });

  it('9. snapshot directories are 0700 and files 0600', () => {
    const path = join(dir, 'data/backups', today());
    for (const sub of ['', 'postgres', 'opensearch'])
      expect(statSync(join(path, sub)).mode & 0o777).toBe(0o700);
    for (const file of filesUnder(path))
      expect([file, statSync(join(path, file)).mode & 0o777]).toEqual([file, 0o600]);
  });

  it('9. neither password appears in the log, the summary, the outputs, or any docker command line', () => {
    expect(r.stdout).toContain(`::add-mask::${OS_PASSWORD}`);
    expect(r.stdout).toContain(`::add-mask::${bench.postgres.password}`);
    for (const secret of [OS_PASSWORD, bench.postgres.password]) {
      expect(shown(r)).not.toContain(secret);
      expect(JSON.stringify(calls)).not.toContain(secret);
    }
  });

  it('8. verify catches a truncated dump (and says which file and what size)', () => {
    const dump = join(dir, 'data/backups', today(), 'postgres/pg_dumpall.sql.zst');
    const size = statSync(dump).size;
    truncateSync(dump, size >> 1);
    const v = runBundle(
      'backup',
      inputsForMode({ ...settings, mode: 'verify', 'snapshot-date': today() }, 'verify'),
    );
    expect(v.status).toBe(1);
    expect(v.summary).toContain(`postgres/pg_dumpall.sql.zst: size ${size >> 1} bytes, expected ${size}`);
    expect(v.summary).not.toMatch(/verified: \d+ files/);
  });
});

describe('4. container names come from the settings', () => {
  it('a non-default postgres-container and opensearch-container are the ones used, and only they', () => {
    container('refdef-custom-pg', pgEnv);
    container('refdef-custom-os', osEnv());
    const dir = deployDir('custom-names');
    const mark = docker.mark();
    const r = runBundle(
      'backup',
      inputs(dir, {
        ...osInputs('custom-names', { 'opensearch-container': 'refdef-custom-os' }),
        components: 'postgres,opensearch',
        'postgres-container': 'refdef-custom-pg',
      }),
    );
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
    const calls = docker.calls(mark);
    const used = new Set(calls.map((c) => c.argv[3]));
    expect([...used].sort()).toEqual(['refdef-custom-os', 'refdef-custom-pg']);
    expect(JSON.stringify(calls)).not.toContain('sds-gateway-prod');
  });
});

describe('5. docker exec -t is what the double refuses, like docker without a terminal', () => {
  it('docker exec -it fails with "the input device is not a TTY"', () => {
    const d = spawnSync(
      join(bench.docker.binDir, 'docker'),
      ['exec', '-it', bench.containers.postgres, 'true'],
      {
        encoding: 'utf8',
        input: '',
      },
    );
    expect(d.status).toBe(1);
    expect(d.stderr).toContain('the input device is not a TTY');
  });
});

describe('6. nothing hangs on a prompt or a silent host', () => {
  it.each([
    ['accepts TCP and never says a word', ''],
    ['sends an SSH banner, then nothing', 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'],
  ])('a host that %s: the run fails within ssh-connect-timeout (3s)', async (_what, greeting) => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => {
      sockets.push(s);
      if (greeting) s.write(greeting);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const dir = deployDir('silent');
      const mark = docker.mark();
      const started = Date.now();
      const r = await runBundleAsync(
        'backup',
        inputs(dir, { 'ssh-port': String(port), 'ssh-connect-timeout': '3s' }),
      );
      const took = Date.now() - started;
      expect(r.status).toBe(1);
      expect(errors(r)).toMatch(/could not connect to .* within 3000 ms \(ssh-connect-timeout\)/);
      expect(took).toBeGreaterThanOrEqual(3000);
      expect(took).toBeLessThan(15_000);
      expect(docker.calls(mark)).toEqual([]);
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('an unreachable host (TEST-NET 192.0.2.1: dropped, refused or unroutable, as the network has it) fails within ssh-connect-timeout (3s)', () => {
    const dir = deployDir('blackhole');
    const started = Date.now();
    const r = runBundle(
      'backup',
      inputs(dir, { 'ssh-host': '192.0.2.1', 'ssh-port': '22', 'ssh-connect-timeout': '3s' }),
    );
    const took = Date.now() - started;
    expect(r.status).toBe(1);
    expect(errors(r)).toMatch(
      /could not connect to .*192\.0\.2\.1.*(within 3000 ms|unreachable|connection refused)/,
    );
    expect(took).toBeLessThan(15_000);
  });

  it('the CLI never prompts: an encrypted key without its passphrase, or an unknown host key, fail at once with stdin left open', async () => {
    const keyFile = join(bench.tempDir, 'refdef-encrypted-key');
    writeFileSync(keyFile, bench.ssh.clientKeyWithPassphrase.privateKey, { mode: 0o600 });
    const knownHosts = join(bench.tempDir, 'refdef-known-hosts-other');
    writeFileSync(knownHosts, `other.example ${bench.ssh.hostPublicKey}\n`);
    const plainKey = join(bench.tempDir, 'refdef-plain-key');
    writeFileSync(plainKey, bench.ssh.clientKey.privateKey, { mode: 0o600 });
    const base = [
      'backup',
      '--ssh-host',
      '127.0.0.1',
      '--ssh-port',
      String(bench.ssh.port),
      '--ssh-user',
      bench.ssh.username,
    ];
    const cases: [string[], RegExp][] = [
      [
        [...base, '--ssh-private-key-file', keyFile, '--ssh-host-fingerprint', bench.ssh.hostFingerprint],
        /is encrypted and needs a passphrase/,
      ],
      [
        [...base, '--ssh-private-key-file', plainKey, '--ssh-known-hosts-file', knownHosts],
        /no entry for \[127\.0\.0\.1\]:\d+[\s\S]*ssh-keyscan/,
      ],
    ];
    for (const [args, message] of cases) {
      const dir = deployDir('no-prompt');
      const started = Date.now();
      // stdin is a pipe nobody writes to or closes: a prompt would wait on it forever.
      const child = spawn(node24, [cli, ...args, '--deploy-dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 30_000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      // A key or host key the user must fix: exit 2, as every settings error.
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(message);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(existsSync(join(dir, 'data'))).toBe(false);
    }
  });

  it('a command in the container that reads stdin until it closes does not hang the dump (stdin is closed)', () => {
    pgContainerWith('refdef-pg-reads-stdin', {
      pg_dumpall: `#!/bin/bash
# Waits for stdin to close before dumping: with an open stdin this would wait forever.
cat >/dev/null
exec ${REAL_PG_DUMPALL} "$@"
`,
    });
    const dir = deployDir('stdin');
    const started = Date.now();
    const r = runBundle(
      'backup',
      inputs(dir, { 'postgres-container': 'refdef-pg-reads-stdin', 'ssh-command-timeout': '60s' }),
    );
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(backupsOf(dir)).toContain(today());
  });
  it('a container without the password: nothing waits for one to be typed, the run fails at once', () => {
    const { POSTGRES_PASSWORD: _gone, ...withoutPassword } = pgEnv;
    container('refdef-pg-no-password', withoutPassword);
    const dir = deployDir('no-password');
    const started = Date.now();
    const r = runBundle('backup', inputs(dir, { 'postgres-container': 'refdef-pg-no-password' }));
    expect(r.status).toBe(1);
    expect(errors(r)).toMatch(/password/i);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock']);
  });
});

describe('6. a server that never answers, behind the tunnel', () => {
  it('an OpenSearch that never answers: the run fails in bounded time with a clear message, nothing dated', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const dir = deployDir('silent-opensearch');
      const started = Date.now();
      const r = await runBundleAsync(
        'backup',
        inputs(dir, {
          ...osInputs('silent-opensearch', { 'opensearch-url': `http://127.0.0.1:${port}` }),
          components: 'opensearch',
          'opensearch-timeout': '10s',
        }),
      );
      const took = Date.now() - started;
      expect(r.status).toBe(1);
      expect(errors(r)).toMatch(/OpenSearch/);
      expect(errors(r)).toMatch(/time(d)? ?out|timeout/i);
      expect(took).toBeLessThan(90_000);
      // The pre-flight refuses before the lock is taken: nothing dated, nothing at all.
      expect(backupsOf(dir).filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a pg_dumpall blocked by a lock it never gets: the run fails within ssh-command-timeout (10s), not never', async () => {
    psql('DROP DATABASE IF EXISTS refdef_locked WITH (FORCE)');
    psql('CREATE DATABASE refdef_locked');
    psql('CREATE TABLE held (id int); INSERT INTO held VALUES (1);', 'refdef_locked');
    // A session that holds an ACCESS EXCLUSIVE lock and never lets go (a stuck migration, say).
    const locker = background(
      `exec ${join(bench.postgres.binDir, 'psql')} -X -q -h 127.0.0.1 -p ${bench.postgres.port} -U ${bench.postgres.superuser} -d refdef_locked \\
  -c "BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3600);"`,
      { PGPASSWORD: bench.postgres.password },
    );
    try {
      for (let i = 0; ; i++) {
        const held = psql(
          `SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = 'refdef_locked' AND l.mode = 'AccessExclusiveLock' AND l.granted`,
        ).trim();
        if (held !== '0') break;
        if (i > 100) throw new Error('the lock was never taken');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const dir = deployDir('locked');
      const started = Date.now();
      // Killed by the test after 45 s, which is when the run has certainly outlived its 10 s.
      const r = await runBundleAsync('backup', inputs(dir, { 'ssh-command-timeout': '10s' }), 45_000);
      const took = Date.now() - started;
      expect(r.status, `still running after ${Math.round(took / 1000)} s: killed by the test`).not.toBeNull();
      expect(r.status).toBe(1);
      expect(errors(r)).toMatch(/10 s|10000 ms|ssh-command-timeout|timeout/i);
      expect(took).toBeLessThan(40_000);
      expect(backupsOf(dir).filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
    } finally {
      stopBackground(locker);
      psql('DROP DATABASE IF EXISTS refdef_locked WITH (FORCE)');
    }
  });
});

describe('7. retention exists, by policy, on disk and in the repository', () => {
  it('old days and old snapshots beyond keep-daily go; the kept ones, foreign dirs and foreign snapshots stay', async () => {
    const location = repoLocation('retention');
    const repository = 'refdef-retention';
    await client.snapshot.createRepository({
      repository,
      body: { type: 'fs', settings: { location } },
    } as never);
    for (const snapshot of [`snapshot_${today(-1)}`, `snapshot_${today(-2)}`, 'manual-before-upgrade']) {
      await client.snapshot.create({
        repository,
        snapshot,
        body: { indices: 'refdef-*', include_global_state: false },
        wait_for_completion: true,
      } as never);
    }
    const dir = deployDir('retention');
    const kept = plantDay(dir, today(-1));
    const keptBefore = kept();
    plantDay(dir, today(-2));
    plantDay(dir, today(-3), false); // no manifest: not ours to judge, left alone with a warning
    plantDay(dir, today(-40));
    mkdirSync(join(dir, 'data/backups/notes'));
    chownToBench(join(dir, 'data'));

    const r = runBundle(
      'backup',
      inputs(dir, {
        ...osInputs('retention', { 'snapshot-location': location }),
        components: 'postgres,opensearch',
        'keep-daily': '2',
        'keep-weekly': '0',
        'keep-monthly': '0',
      }),
    );
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock', today(-3), today(-1), today(), 'notes'].sort());
    expect(kept()).toBe(keptBefore);
    expect(r.stdout).toMatch(new RegExp(`without a manifest: ${today(-3)}.*Left alone`));
    expect(await snapshotNames(client, repository)).toEqual(
      ['manual-before-upgrade', `snapshot_${today(-1)}`, `snapshot_${today()}`].sort(),
    );
    expect(r.summary).toMatch(/OpenSearch retention: kept 2, deleted 1 snapshot/);
    expect(r.summary).toContain(
      `Disk retention: kept 2, deleted 2 snapshot(s); left alone 1 directory it does not judge (${today(-3)}).`,
    );
  });

  it('never deletes the snapshot the run just took and reported, even next to a later-dated day (a timezone change, a skewed clock)', async () => {
    // A day (and its OpenSearch snapshot) dated tomorrow, e.g. written by an earlier run with
    // timezone: Pacific/Kiritimati (UTC+14), before the switch to UTC.
    const dir = deployDir('retention-later-day');
    plantDay(dir, today(1));
    const location = repoLocation('later-day');
    const repository = 'refdef-later-day';
    await client.snapshot.createRepository({
      repository,
      body: { type: 'fs', settings: { location } },
    } as never);
    await client.snapshot.create({
      repository,
      snapshot: `snapshot_${today(1)}`,
      body: { indices: 'refdef-*', include_global_state: false },
      wait_for_completion: true,
    } as never);
    const r = runBundle(
      'backup',
      inputs(dir, {
        ...osInputs('later-day', { 'snapshot-location': location }),
        components: 'postgres,opensearch',
        'keep-daily': '1',
        'keep-weekly': '0',
        'keep-monthly': '0',
      }),
    );
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
    expect(r.outputs['snapshot-path']).toBe(join(dir, 'data/backups', today()));
    const kept = {
      day: existsSync(join(r.outputs['snapshot-path']!, 'manifest.json')),
      opensearchSnapshot: (await snapshotNames(client, repository)).includes(`snapshot_${today()}`),
    };
    expect(kept, 'the snapshot this run reported was pruned by the same run').toEqual({
      day: true,
      opensearchSnapshot: true,
    });
  });
});

describe('8. the compressed stream is checked, not only its checksum', () => {
  it('a compressor that writes a damaged stream and exits 0 is caught by decompressing it on the host: the run fails, nothing is kept', async () => {
    const wrappers = scriptDir('bad-zstd', {
      zstd: `#!/bin/bash
# zstd that damages 8 bytes of what it writes and still exits 0 (bad RAM, a bad build, a full pipe).
# Only compressing is damaged: testing, decompressing and --version are the real zstd.
for a in "$@"; do case "$a" in -d|--decompress|-t|--test|-l|--list|-V|--version) exec ${REAL_ZSTD} "$@";; esac; done
${REAL_ZSTD} "$@" | { head -c 64; head -c 8 >/dev/null; printf 'GWOPSBAD'; cat; }
`,
    });
    const port = await sshdWithPath([wrappers, bench.ssh.sessionPath].join(':'));
    const dir = deployDir('bad-zstd');
    const r = runBundle('backup', inputs(dir, { 'ssh-port': String(port) }));
    expect(r.status).toBe(1);
    // Named by the check that caught it (`zstd -t`, or `zstd -d` of the stored file / the written stream).
    expect(errors(r)).toMatch(/zstd -[td]\b[^;]* failed \(exit [1-9]\d*\)/);
    expect(backupsOf(dir).filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
  });
});

describe('9. the CLI, even with debug output', () => {
  it('a full backup and a failing one print neither password', () => {
    const dir = deployDir('cli-secrets');
    const settings = inputs(dir, { ...osInputs('cli-secrets'), components: 'postgres,opensearch' });
    const ok = runCli('backup', settings, { GATEWAY_OPS_DEBUG: '1' });
    expect(ok.stderr).toMatch(/Snapshot .* is complete/);
    expect(ok.status).toBe(0);
    // A failure after the passwords were read (a repository outside path.repo), stack traces on.
    const failing = runCli(
      'backup',
      {
        ...settings,
        'snapshot-repository': 'refdef-cli-outside',
        'snapshot-location': '/var/tmp/refdef-cli-outside',
        force: 'true',
      },
      { GATEWAY_OPS_DEBUG: '1' },
    );
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/outside OpenSearch's path\.repo/);
    for (const secret of [OS_PASSWORD, bench.postgres.password]) {
      expect(ok.stdout + ok.stderr).not.toContain(secret);
      expect(failing.stdout + failing.stderr).not.toContain(secret);
    }
  });
});

describe('1, 8 and 9 on a dump that lasts: a terminated backend, a killed runner, the process list', () => {
  beforeAll(() => {
    psql('DROP DATABASE IF EXISTS refdef_bulk WITH (FORCE)');
    psql('CREATE DATABASE refdef_bulk');
    psql(
      `CREATE TABLE noise (id bigint, a text, b text);
       INSERT INTO noise SELECT g, md5(g::text), md5((g * 7)::text) FROM generate_series(1, 2000000) g;`,
      'refdef_bulk',
    );
  });
  afterAll(() => {
    psql('DROP DATABASE IF EXISTS refdef_bulk WITH (FORCE)');
  });

  it('1. pg_dumpall whose backend is terminated mid-COPY (pg_terminate_backend): run fails, nothing dated, nothing partial', () => {
    const dir = deployDir('terminated');
    const killer = background(
      `for i in $(seq 1 1200); do
  n=$(${join(bench.postgres.binDir, 'psql')} -X -A -t -q -h 127.0.0.1 -p ${bench.postgres.port} -U ${bench.postgres.superuser} -d postgres \\
    -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'refdef_bulk' AND query LIKE 'COPY%'")
  if [ "$n" -gt 0 ]; then echo "terminated $n"; exit 0; fi
  sleep 0.05
done`,
      { PGPASSWORD: bench.postgres.password },
    );
    let r: ReturnType<typeof runBundle>;
    try {
      r = runBundle('backup', inputs(dir));
    } finally {
      stopBackground(killer);
    }
    expect(readFileSync(killer.out, 'utf8')).toMatch(/terminated [1-9]/);
    expect(r.status).toBe(1);
    expect(errors(r)).toMatch(/pg_dumpall exited 1/);
    expect(errors(r)).toMatch(/terminating connection|pg_dump failed|server closed the connection/);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock']);
    expect(shown(r)).not.toContain(bench.postgres.password);
  });

  it('8. the runner killed mid-dump (a cancelled job): no dated dir, the host stops dumping, the next run cleans up and succeeds', async () => {
    const dir = deployDir('killed-runner');
    const copying = () =>
      psql(
        `SELECT count(*) FROM pg_stat_activity WHERE datname = 'refdef_bulk' AND query LIKE 'COPY%'`,
      ).trim() !== '0';
    let killedWhileCopying = false;
    const r = await runBundleAsync('backup', inputs(dir), 120_000, (child) => {
      const poll = setInterval(() => {
        if (copying()) {
          clearInterval(poll);
          killedWhileCopying = true;
          child.kill('SIGKILL');
        }
      }, 50);
      child.on('close', () => clearInterval(poll));
    });
    expect(killedWhileCopying).toBe(true);
    expect(r.status).toBeNull();
    // The session guard on the host stops the pipeline once the connection is gone.
    for (let i = 0; copying(); i++) {
      if (i > 150) throw new Error('the dump still runs on the host 15 s after the runner died');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const left = backupsOf(dir);
    expect(left).not.toContain(today());
    expect(left.filter((n) => n.includes('.partial-')).length).toBeLessThanOrEqual(1);

    const next = runBundle('backup', inputs(dir));
    expect(errors(next)).toBe('');
    expect(next.status).toBe(0);
    if (left.some((n) => n.includes('.partial-')))
      expect(next.stdout).toMatch(/Removing .*\.partial-.*left by a run that did not finish/);
    expect(backupsOf(dir)).toEqual(['.gateway-ops.lock', today()]);
  });

  it("9. no password is ever in the host's process list while the dump and the snapshot run", () => {
    const dir = deployDir('ps');
    const poller = background('while :; do ps -eo args; echo @@@; sleep 0.02; done');
    let r: ReturnType<typeof runBundle>;
    try {
      r = runBundle('backup', inputs(dir, { ...osInputs('ps'), components: 'postgres,opensearch' }));
    } finally {
      stopBackground(poller);
    }
    expect(errors(r)).toBe('');
    expect(r.status).toBe(0);
    const seen = readFileSync(poller.out, 'utf8');
    // The poller did see the dump running (the docker exec of pg_dumpall, and zstd on the host).
    expect(seen).toMatch(/docker exec -i sds-gateway-prod-postgres sh -c .*pg_dumpall/);
    expect(seen).toMatch(/zstd -q -T0 -3 -c/);
    expect(seen.split('@@@').length).toBeGreaterThan(20);
    for (const secret of [bench.postgres.password, OS_PASSWORD]) expect(seen).not.toContain(secret);
    expect(shown(r)).not.toContain(bench.postgres.password);
  });
});

describe('10/11. a restore is guarded: without restore-allowed-hosts it refuses and touches nothing', () => {
  // The restore itself (ON_ERROR_STOP, every service stopped, the day chosen and verified, kept role
  // passwords) is proved in restore.test.ts, against a cluster of its own: a restore replaces every
  // database of its target, so it never runs against the bench's shared cluster.
  it('the restore action and the CLI refuse (exit 1), no service stopped, no psql run, nothing changed', () => {
    const dir = deployDir('restore');
    const day = plantDay(dir, today(-1));
    const before = day();
    const databases = psql('SELECT datname FROM pg_database ORDER BY 1');
    const mark = docker.mark();

    const r = runBundle('restore', {
      'ssh-host': bench.ssh.host,
      'ssh-port': String(bench.ssh.port),
      'ssh-user': bench.ssh.username,
      'ssh-private-key': bench.ssh.clientKey.privateKey,
      'ssh-host-fingerprint': bench.ssh.hostFingerprint,
      'deploy-dir': dir,
      'snapshot-date': today(-1),
      'safety-snapshot': 'false',
    });
    expect(r.status).toBe(1);
    expect(r.summary).toContain('Restore refused: nothing was changed.');
    expect(r.outputs['verdict']).toBe('refused');

    const keyFile = join(bench.tempDir, 'refdef-restore-key');
    writeFileSync(keyFile, bench.ssh.clientKey.privateKey, { mode: 0o600 });
    const c = spawnSync(
      node24,
      [
        cli,
        'restore',
        '--ssh-host',
        '127.0.0.1',
        '--ssh-port',
        String(bench.ssh.port),
        '--ssh-user',
        bench.ssh.username,
        '--ssh-private-key-file',
        keyFile,
        '--ssh-host-fingerprint',
        bench.ssh.hostFingerprint,
        '--deploy-dir',
        dir,
      ],
      { encoding: 'utf8', input: '' },
    );
    expect(c.status).toBe(1);
    expect(c.stdout + c.stderr).toMatch(/refused/);

    const calls = docker.calls(mark).map((call) => call.argv.join(' '));
    expect(calls.filter((call) => /compose|psql/.test(call))).toEqual([]);
    expect(day()).toBe(before);
    expect(backupsOf(dir)).toEqual([today(-1)]);
    expect(psql('SELECT datname FROM pg_database ORDER BY 1')).toBe(databases);
  });
});

describe('12. required tools are checked first; containers are matched exactly', () => {
  // The tools for the dump are checked while the lock is taken (two round trips at once): when one
  // is missing, the run stops before any dump with the backups dir holding only the lock file. The
  // lock's own tools are checked before anything is created.
  const lockOnly = ['.gateway-ops.lock'];
  it.each([
    ['zstd', /zstd not found on host .*: install it or set compression: gzip/, lockOnly],
    [
      'docker',
      /docker not found on host .*: install it, or set exec: host if PostgreSQL runs on the host/,
      lockOnly,
    ],
    ['flock', /flock not found on host .*: gateway-ops needs them there/, null],
    ['pg_dumpall', /pg_dumpall not found on host .*: install it/, lockOnly],
  ])(
    '%s missing on the host: a clear message naming the tool and the fix; no dump ran, nothing dated',
    async (tool, message, left) => {
      const port = await sshdWithPath(pathWithout([tool as string]));
      const dir = deployDir(`no-${tool}`);
      const mark = docker.mark();
      // pg_dumpall is looked for on the host with exec: host (in the container otherwise).
      const onHost: Record<string, string> =
        tool === 'pg_dumpall' ? { exec: 'host', 'postgres-port': String(bench.postgres.port) } : {};
      const r = runBundle('backup', inputs(dir, { 'ssh-port': String(port), ...onHost }));
      expect(r.status).toBe(1);
      expect(errors(r)).toMatch(message as RegExp);
      expect(dumpCalls(docker.calls(mark))).toEqual([]);
      // Nothing at all: no backups dir, no lock file, no dated dir, no dump file.
      if (left === null) expect(existsSync(join(dir, 'data'))).toBe(false);
      else expect(backupsOf(dir)).toEqual(left);
    },
  );

  it('a postgres-container that does not exist fails like docker, even when look-alike names do', () => {
    container('refdef-exact-pg-old', pgEnv);
    container('x-refdef-exact-pg', pgEnv);
    const dir = deployDir('exact-pg');
    const mark = docker.mark();
    const r = runBundle('backup', inputs(dir, { 'postgres-container': 'refdef-exact-pg' }));
    expect(r.status).toBe(1);
    expect(errors(r)).toMatch(
      /there is no container refdef-exact-pg on .*No such container: refdef-exact-pg/,
    );
    const calls = docker.calls(mark);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.argv[1] === 'exec' && c.argv[3] === 'refdef-exact-pg')).toBe(true);
    expect(backupsOf(dir).filter((n) => n !== '.gateway-ops.lock')).toEqual([]);
  });

  it('an opensearch-container that does not exist fails like docker, even when a look-alike does', () => {
    container('refdef-exact-os-old', osEnv());
    const dir = deployDir('exact-os');
    const mark = docker.mark();
    const all = inputs(dir, {
      ...osInputs('exact-os', { 'opensearch-container': 'refdef-exact-os' }),
      components: 'opensearch',
    });
    delete all['opensearch-url']; // the address comes from docker inspect of the exact name
    const r = runBundle('backup', all);
    expect(r.status).toBe(1);
    expect(errors(r)).toMatch(
      /cannot inspect the OpenSearch container refdef-exact-os: [\s\S]*No such object: refdef-exact-os/,
    );
    const calls = docker.calls(mark);
    expect(calls.map((c) => c.argv.at(-1))).toEqual(['refdef-exact-os']);
    expect(JSON.stringify(calls)).not.toContain('-old');
  });
});
