/**
 * Issue 15, build 1: canary secrets. Every action bundle and CLI command runs, on success and on
 * failure paths, with a distinctive value for every credential it handles: a passphrase-protected
 * SSH key and its passphrase, the PostgreSQL and OpenSearch passwords (read from the containers
 * through the docker double), the GitHub token, the copy host's key, and the contents of the
 * deployment's secret files (one of them an age identity). Each run's stdout/stderr, GITHUB_OUTPUT,
 * step summary, the comments and issues sent to the loopback GitHub, the uploaded artifact, the
 * files left on runner and host (outside the encrypted archive) and `ps -eo args` sampled every
 * 0.1 s are scanned for each canary, raw, base64 and URL-encoded. One file, shared services.
 *
 * Restores run with `safety-snapshot: false`, and once more (bundle and CLI) with it on: the
 * safety snapshot is a backup run inside the restore, with the same credentials.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFiles, chain, migrationSource, projectSkeleton } from '../fixtures/migrations/project.js';
import { node24, readRunnerFiles, runnerEnvironment } from '../helpers/action-runner.js';
import { type ArtifactService, startArtifactService } from '../helpers/canary/artifact-service.js';
import {
  type Canary,
  type Listing,
  leaksIn,
  leaksInPath,
  leaksInTree,
  listTopLevel,
  needlesOf,
  newOrChanged,
  sampleProcessList,
} from '../helpers/canary/scan.js';
import { deployDir } from '../helpers/deploy-dir.js';
import { type FakeGitHubServer, startFakeGitHub } from '../helpers/fake-github.js';
import { copyHostOf } from '../services/copy-host.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { git, makeRepo } from '../unit/migrations/oracle/harness.js';
import { bench, type Cluster, startCluster, targetHostname } from './restore-helpers.js';

const info = bench();
const copy = copyHostOf(info);
const docker = openDockerDouble(info.docker.stateDir);
const root = new URL('../../', import.meta.url).pathname;
const tag = randomBytes(5).toString('hex');
const PG_PASSWORD = `Canary-pg-${tag}-pw`;
const OS_PASSWORD = `Canary-os-${tag}-pw`;
const PASSPHRASE = `Canary passphrase ${tag} $&;|`;
const GITHUB_TOKEN = `ghs_Canary${tag}GitHubToken0123`;
const DJANGO_SECRET = `Canary-django-secret-${tag}`;
const OS_CONTAINER = 'canary-opensearch';
const REPO = 'canary-repo';
const SERVICES = ['canary-app'];
const host = targetHostname();
const started = Date.now();

let canaries: Canary[];
let needles: ReturnType<typeof needlesOf>;
let keys: string;
let sshKey: string;
let ageRecipient: string;
let cluster: Cluster;
let scratch: Cluster;
let node: OpenSearchNode;
let location: string;
let dir: string;
let copies: string;
let github: FakeGitHubServer;
let artifacts: ArtifactService;
let date: string;
let before: Listing;
const leaks: string[] = [];
/** Where runs may create files outside the dirs named in the final scan: new entries here are scanned. */
const scratchRoots = () => [tmpdir(), info.tempDir, info.workDir];

interface Run {
  status: number | null;
  text: string;
}

/**
 * Runs `argv` under node 24 with the ps sampler on, and scans everything it printed and wrote.
 * Every run here ends in seconds: one still going after `limit` is killed, and the process tree
 * it left is shown with what it printed, so a hang fails fast and says where it waits.
 */
async function scanned(label: string, argv: string[], env: NodeJS.ProcessEnv, limit = 60_000): Promise<Run> {
  const sampler = sampleProcessList();
  const t0 = Date.now();
  const child = spawn(node24, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  let hung = '';
  const timer = setTimeout(() => {
    hung = `\n[canary] ${label} still running after ${limit / 1000} s, killed. Its processes and the host user's:\n${processesOf(child.pid ?? 0)}`;
    child.kill('SIGKILL');
  }, limit);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const processes = await sampler.stop();
  process.stderr.write(`[canary] ${label}: exit ${status} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  // The runner's own masking lines name the values so the runner can hide them: not a leak.
  const printed = stdout.replace(/^::add-mask::.*$/gm, '');
  leaks.push(...leaksIn(needles, `${label} stdout`, printed), ...leaksIn(needles, `${label} stderr`, stderr));
  for (const line of processes) leaks.push(...leaksIn(needles, `${label} ps`, line));
  return { status, text: printed + stderr + hung };
}

/** An action's committed bundle as the runner runs it; its runner dir is scanned before removal. */
async function action(
  label: string,
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Run & { outputs: Record<string, string>; summary: string }> {
  const runner = mkdtempSync(join(tmpdir(), 'gwops-canary-runner-'));
  const { env: runnerEnv, files } = runnerEnvironment(runner, inputs, { ...artifacts.env, ...env });
  try {
    const run = await scanned(label, [join(root, 'actions', name, 'dist/index.js')], runnerEnv);
    leaks.push(...leaksInTree(needles, runner).map((l) => `${label} runner dir ${l}`));
    return { ...run, ...readRunnerFiles(files) };
  } finally {
    rmSync(runner, { recursive: true, force: true });
  }
}

/** `gateway-ops <command>` with the keys in files and the passphrase in the environment. */
function cli(label: string, command: string, settings: Record<string, string>): Promise<Run> {
  const args = [join(root, 'bin/gateway-ops.js'), command];
  for (const [name, value] of Object.entries(settings)) args.push(`--${name}`, value);
  return scanned(label, args, { ...process.env, GATEWAY_OPS_SSH_PASSPHRASE: PASSPHRASE });
}

function hostInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'ssh-host': info.ssh.host,
    'ssh-port': String(info.ssh.port),
    'ssh-user': info.ssh.username,
    'ssh-private-key': sshKey,
    'ssh-passphrase': PASSPHRASE,
    'ssh-known-hosts': info.ssh.knownHostsLine,
    'deploy-dir': dir,
    'postgres-container': cluster.container,
    'opensearch-container': OS_CONTAINER,
    'opensearch-url': node.url,
    'snapshot-repository': REPO,
    'snapshot-location': location,
    indices: 'canary-*',
    ...extra,
  };
}

/**
 * The same settings for the CLI: the key as a file, no passphrase flag (it is in the environment),
 * the host key pinned by fingerprint (`ssh-known-hosts` is an action input and config key only).
 */
function cliSettings(extra: Record<string, string> = {}): Record<string, string> {
  const {
    'ssh-private-key': _key,
    'ssh-passphrase': _passphrase,
    'ssh-known-hosts': _knownHosts,
    ...rest
  } = hostInputs(extra);
  return {
    'ssh-host-fingerprint': info.ssh.hostFingerprint,
    ...rest,
    'ssh-private-key-file': join(keys, 'id_canary'),
  };
}

const restoreSettings = (extra: Record<string, string> = {}) => ({
  'stop-services': SERVICES.join(','),
  'restore-allowed-hosts': host,
  confirm: host,
  'safety-snapshot': 'false',
  ...extra,
});

function own(path: string): void {
  execFileSync('chown', ['-R', `${info.user.uid}:${info.user.gid}`, path]);
}

/** A key pair protected by PASSPHRASE, authorized on the bench's sshd for this run. */
function canaryKey(): string {
  const path = join(keys, 'id_canary');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-C', `canary-${tag}`, '-f', path]);
  appendFileSync(join(dirname(info.ssh.configPath), 'authorized_keys'), readFileSync(`${path}.pub`));
  return readFileSync(path, 'utf8');
}

function ageKeys(name: string): { identity: string; recipient: string } {
  const file = join(keys, `${name}.age`);
  execFileSync('age-keygen', ['-o', file], { stdio: 'ignore' });
  return {
    identity: readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-'))!,
    recipient: execFileSync('age-keygen', ['-y', file], { encoding: 'utf8' }).trim(),
  };
}

/** The deployment: a git checkout with its secret files (not ignored: git state must not take them). */
function plantDeployment(identity: string): void {
  dir = deployDir(info, `canary-${tag}`);
  mkdirSync(join(dir, '.envs/.production'), { recursive: true });
  writeFileSync(join(dir, '.envs/.production/.django'), `DJANGO_SECRET_KEY=${DJANGO_SECRET}\n`);
  writeFileSync(join(dir, '.envs/.production/.postgres'), `POSTGRES_PASSWORD=${PG_PASSWORD}\n`);
  writeFileSync(join(dir, '.envs/.production/age.key'), `${identity}\n`);
  writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
  const g = (...args: string[]) =>
    execFileSync('git', ['-c', 'safe.directory=*', '-c', 'user.name=t', '-c', 'user.email=t@e', ...args], {
      cwd: dir,
    });
  g('init', '-q', '-b', 'main');
  g('add', 'compose.yaml');
  g('commit', '-q', '-m', 'first');
  writeFileSync(join(dir, 'compose.yaml'), 'services: {app: {}}\n'); // an unstaged change
  own(dir);
}

beforeAll(async () => {
  keys = mkdtempSync(join(tmpdir(), 'gwops-canary-keys-'));
  sshKey = canaryKey();
  const age = ageKeys('planted');
  const copyAge = ageKeys('recipient');
  ageRecipient = copyAge.recipient;
  cluster = await startCluster('canary-pg');
  await cluster.psql(`ALTER ROLE ${cluster.pg.superuser} PASSWORD '${PG_PASSWORD}'`);
  docker.setEnv(cluster.container, { POSTGRES_PASSWORD: PG_PASSWORD });
  await cluster.psql('CREATE DATABASE canary_app; ');
  await cluster.psql('CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 500);', 'canary_app');
  scratch = await startCluster('canary-scratch');
  node = await useOpenSearch(info.extensions['opensearch']);
  location = join(node.pathRepo, `canary-${tag}`);
  mkdirSync(location, { recursive: true });
  execFileSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  docker.createContainer({
    name: OS_CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: OS_PASSWORD },
  });
  for (const service of SERVICES) docker.createContainer({ name: service, service });
  await fetch(`${node.url}/canary-docs/_doc/1?refresh=true`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ n: 1 }),
  });
  plantDeployment(age.identity);
  copies = join(copy.workDir, `canary-${tag}`);
  github = await startFakeGitHub();
  artifacts = await startArtifactService();
  canaries = [
    { name: 'SSH private key', value: sshKey },
    { name: 'SSH passphrase', value: PASSPHRASE },
    { name: 'PostgreSQL password', value: PG_PASSWORD },
    { name: 'OpenSearch password', value: OS_PASSWORD },
    { name: 'age identity', value: age.identity },
    { name: 'GitHub token', value: GITHUB_TOKEN },
    { name: 'copy host key', value: copy.clientKey.privateKey },
    { name: 'secret file contents', value: DJANGO_SECRET },
  ];
  // Every unencrypted ed25519 key starts with the same line: that line names no key.
  needles = needlesOf(canaries, info.ssh.unauthorizedKey.privateKey.split('\n'));
  before = listTopLevel(scratchRoots());
}, 120_000);

afterAll(async () => {
  docker.removeContainer(OS_CONTAINER);
  for (const service of SERVICES) docker.removeContainer(service);
  await cluster?.stop();
  await scratch?.stop();
  await github?.close();
  await artifacts?.close();
  rmSync(keys, { recursive: true, force: true });
});

const backupInputs = (extra: Record<string, string> = {}) =>
  hostInputs({
    components: 'postgres,opensearch,secrets,git',
    'age-recipients': ageRecipient,
    'copy-to-host': copy.host,
    'copy-to-port': String(copy.port),
    'copy-to-user': copy.username,
    'copy-to-path': copies,
    'copy-to-private-key': copy.clientKey.privateKey,
    'copy-to-known-hosts': copy.knownHostsLine,
    'upload-manifest': 'true',
    ...extra,
  });

describe('canary secrets never leak', () => {
  it('backup (postgres, opensearch, secrets, git, the copy, the manifest artifact), verify, status, health through the bundle', async () => {
    const backup = await action('backup', 'backup', backupInputs());
    expect(backup.status, backup.text).toBe(0);
    date = backup.outputs['snapshot-date']!;
    expect(backup.summary).toMatch(/Copy on .*: verified there/);
    expect(artifacts.created.length).toBeGreaterThan(0);
    for (const [name, content] of Object.entries(artifacts.files()))
      leaks.push(...leaksIn(needles, `artifact ${name}`, content));
    // The archive holds the secret files (so they were really read), encrypted.
    const archive = join(dir, 'data/backups', date, 'secrets/secrets.tar.age');
    expect(leaksIn(needles, 'archive', readFileSync(archive))).toEqual([]);

    const verify = await action('verify', 'backup', {
      ...pick(backupInputs(), [
        'ssh-host',
        'ssh-port',
        'ssh-user',
        'ssh-private-key',
        'ssh-passphrase',
        'ssh-known-hosts',
        'deploy-dir',
        'opensearch-container',
        'opensearch-url',
        'snapshot-repository',
        'snapshot-location',
      ]),
      mode: 'verify',
    });
    expect(verify.status, verify.text).toBe(0);
    const status = await action('status', 'backup', {
      ...pick(backupInputs(), [
        'ssh-host',
        'ssh-port',
        'ssh-user',
        'ssh-private-key',
        'ssh-passphrase',
        'ssh-known-hosts',
        'deploy-dir',
      ]),
      mode: 'status',
    });
    expect(status.status, status.text).toBe(0);
    const health = await action('health', 'backup', {
      ...pick(backupInputs(), [
        'ssh-host',
        'ssh-port',
        'ssh-user',
        'ssh-private-key',
        'ssh-passphrase',
        'ssh-known-hosts',
        'deploy-dir',
        'postgres-container',
        'opensearch-container',
        'opensearch-url',
        'snapshot-repository',
        'snapshot-location',
      ]),
      mode: 'health',
    });
    // Health logged in to PostgreSQL and OpenSearch with the canary passwords (their checks ran).
    const report = JSON.parse(health.outputs['health'] ?? '{}') as {
      status?: string;
      findings?: { area: string; check: string; status: string }[];
    };
    expect(report.status, health.text).not.toBe('fail');
    expect(report.findings).toContainEqual(
      expect.objectContaining({ area: 'postgres', check: 'server', status: 'ok' }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({ area: 'opensearch', check: 'cluster health' }),
    );
    expect(leaks).toEqual([]);
  });

  it('restore and drill: the restore bundle (safety-snapshot false) and the CLI drill into a scratch cluster', async () => {
    const restore = await action('restore', 'restore', {
      ...pick(hostInputs(), Object.keys(hostInputs())),
      ...restoreSettings({ components: 'postgres,opensearch', 'keep-role-passwords': 'true' }),
    });
    expect(restore.status, restore.text).toBe(0);
    expect(restore.outputs['verdict']).toBe('restored');
    const drill = await cli('drill', 'drill', cliSettings({ 'drill-postgres-container': scratch.container }));
    expect(drill.status, drill.text).toBe(0);
    expect(leaks).toEqual([]);
  });

  it('restore with the safety snapshot on: the restore bundle and the CLI each take a pre-restore snapshot first', async () => {
    const backups = join(dir, 'data/backups');
    const safetySnapshots = () => readdirSync(backups).filter((n) => n.startsWith('pre-restore-'));
    const before = safetySnapshots();
    const restore = await action('restore with safety snapshot', 'restore', {
      ...hostInputs(),
      ...restoreSettings({
        components: 'postgres,opensearch',
        'keep-role-passwords': 'true',
        'safety-snapshot': 'true',
        'snapshot-date': date,
      }),
    });
    expect(restore.status, restore.text).toBe(0);
    expect(restore.outputs['verdict']).toBe('restored');
    const safety = restore.outputs['safety-snapshot-path'] ?? '';
    expect(safety).toMatch(/\/pre-restore-\d{8}T\d{6}Z$/);
    expect(existsSync(join(safety, 'manifest.json'))).toBe(true);
    expect(restore.summary).toContain(safety);
    // Already in the runner dir's scan; named here so a leak says where it was.
    leaks.push(
      ...leaksIn(needles, 'restore (safety snapshot) summary', restore.summary),
      ...leaksIn(needles, 'restore (safety snapshot) outputs', JSON.stringify(restore.outputs)),
    );
    const viaCli = await cli(
      'restore CLI with safety snapshot',
      'restore',
      cliSettings(
        restoreSettings({ components: 'postgres', 'safety-snapshot': 'true', 'snapshot-date': date }),
      ),
    );
    expect(viaCli.status, viaCli.text).toBe(0);
    expect(viaCli.text).toMatch(/Safety snapshot .*\/pre-restore-\d{8}T\d{6}Z: postgres, complete/);
    expect(safetySnapshots()).toHaveLength(before.length + 2);
    expect(leaks).toEqual([]);
  });

  it('failure paths: wrong host key, wrong user, a refused guard, an SQL error, OpenSearch down, a failed copy with its alert issue', async () => {
    const wrongKey = await action(
      'wrong host key',
      'backup',
      backupInputs({ 'ssh-known-hosts': `[127.0.0.1]:${info.ssh.port} ${info.ssh.otherHostPublicKey}` }),
    );
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.text).toContain(info.ssh.otherHostFingerprint);
    const wrongUser = await cli(
      'wrong user',
      'backup',
      cliSettings({ 'ssh-user': 'nobody', components: 'postgres' }),
    );
    expect(wrongUser.status, wrongUser.text).not.toBe(0);
    expect(wrongUser.text).toMatch(/authentication failed for user nobody/);
    const refused = await cli(
      'refused guard',
      'restore',
      cliSettings(restoreSettings({ confirm: `${host}-not` })),
    );
    expect(refused.status, refused.text).toBe(1);
    expect(refused.text).toMatch(/refused by confirm/);

    const broken = brokenDay('2020-04-04');
    const sqlError = await cli(
      'SQL error',
      'restore',
      cliSettings(restoreSettings({ 'snapshot-date': broken, components: 'postgres' })),
    );
    expect(sqlError.status, sqlError.text).toBe(1);
    expect(sqlError.text).toMatch(/no_such_table/);

    const down = await action(
      'OpenSearch down',
      'backup',
      backupInputs({
        components: 'opensearch',
        'opensearch-url': 'http://127.0.0.1:9',
        'backups-dir': 'data/os-down-backups',
      }),
    );
    expect(down.status, down.text).toBe(1);

    const alertEnv = {
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/gateway',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_RUN_ID: '7',
    };
    const copyFails = await action(
      'failed copy',
      'backup',
      backupInputs({
        'copy-to-known-hosts': '',
        'copy-to-host-fingerprint': copy.otherHostFingerprint,
        'alert-issue': 'true',
        'github-token': GITHUB_TOKEN,
      }),
      alertEnv,
    );
    expect(copyFails.status, copyFails.text).toBe(1);
    expect(github.issues.size).toBe(1);
    for (const issue of github.issues.values())
      leaks.push(...leaksIn(needles, `issue #${issue.number}`, issue.title + issue.body));
    for (const [n, list] of github.comments)
      for (const c of list) leaks.push(...leaksIn(needles, `comment on #${n}`, c.body));
    expect(leaks).toEqual([]);
  });

  it('a crash: the CLI backup killed with SIGKILL while the host dumps leaves no canary behind', async () => {
    const sampler = sampleProcessList();
    const mark = docker.mark();
    const args = [join(root, 'bin/gateway-ops.js'), 'backup'];
    const settings = cliSettings({
      components: 'postgres,secrets',
      'age-recipients': ageRecipient,
      'backups-dir': 'data/crash-backups',
    });
    for (const [name, value] of Object.entries(settings)) args.push(`--${name}`, value);
    const child = spawn(node24, args, {
      env: { ...process.env, GATEWAY_OPS_SSH_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Killed at a real point of the run: once the host runs the dump, not before it connected.
    const dumping = await until(() => docker.calls(mark).some((c) => c.argv.includes('pg_dumpall')), 30_000);
    child.kill('SIGKILL');
    const status = await closed;
    for (const line of await sampler.stop()) leaks.push(...leaksIn(needles, 'crash ps', line));
    leaks.push(...leaksIn(needles, 'crash output', out));
    expect(dumping, `the dump never started on the host; the CLI printed:\n${out}`).toBe(true);
    expect(status, out).toBeNull();
    expect(leaks).toEqual([]);
  });

  it('migration-check on a pull request: the token reaches GitHub only as the authorization', async () => {
    const repo = join(keys, 'migrations');
    makeRepo(
      repo,
      { ...projectSkeleton(), ...appFiles('a', chain('a', 2)) },
      {
        'a/migrations/0003_base.py': migrationSource({ deps: [['a', '0002_m2']] }),
        'a/migrations/max_migration.txt': '0003_base\n',
      },
      {
        'a/migrations/0003_pr.py': migrationSource({ deps: [['a', '0002_m2']] }),
        'a/migrations/max_migration.txt': '0003_pr\n',
      },
    );
    const rev = (r: string) => git(repo, ['rev-parse', r]).trim();
    git(repo, ['update-ref', 'refs/remotes/origin/main', rev('main')]);
    const eventPath = join(keys, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 9,
          base: { ref: 'main', sha: rev('main') },
          head: { sha: rev('pr'), ref: 'pr' },
        },
        repository: { name: 'gateway', owner: { login: 'acme' } },
      }),
    );
    const r = await action(
      'migration-check',
      'migration-check',
      { 'github-token': GITHUB_TOKEN, repo },
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'acme/gateway',
        GITHUB_API_URL: github.url,
        GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_RUN_ID: '9',
        GITHUB_SHA: rev('pr'),
        GITHUB_REF: 'refs/pull/9/merge',
      },
    );
    expect(r.status).toBe(1);
    expect(github.comments.get(9)).toHaveLength(1);
    for (const c of github.comments.get(9) ?? []) leaks.push(...leaksIn(needles, 'PR comment', c.body));
    expect(leaks).toEqual([]);
  });

  it('files left on the runner and the hosts, outside the encrypted archive, hold no canary', () => {
    // Scanned: what the runs write (the deployment with its backups dirs, the copy host's path,
    // the host user's home, the OpenSearch repository) and every entry the runs created or changed
    // in the temp dirs (runner dirs are scanned by each run before removal). Left out: the
    // encrypted archive, the planted originals (the deployment's secret files, this test's keys),
    // the services' own data (clusters, sshd, OpenSearch, the double's container definitions) and
    // other checkouts' benches sharing this machine's /tmp.
    const own = new Set([
      keys,
      info.tempDir,
      info.workDir,
      join(info.tempDir, 'sshd'),
      join(info.tempDir, 'copy-host'),
      join(info.tempDir, 'postgres'),
      dirname(cluster.pg.socketDir),
      dirname(scratch.pg.socketDir),
      dirname(node.pathRepo),
      join(info.docker.stateDir, 'containers'),
    ]);
    const otherBench = (path: string) => /\/gwops-bench-[^/]+$/.test(path) && !path.startsWith(info.tempDir);
    const skip = (path: string) =>
      path.endsWith('/secrets/secrets.tar.age') ||
      path.includes('/.envs/') ||
      own.has(path) ||
      otherBench(path);
    const written = [dir, copies, info.user.home, location, info.docker.stateDir];
    const created = newOrChanged(before, listTopLevel(scratchRoots())).filter((p) => !written.includes(p));
    const read = new Set<string>();
    const options = { since: started, skip, onFile: (path: string) => read.add(path) };
    for (const path of [...written, ...created]) leaks.push(...leaksInPath(needles, path, options));
    // The scan reached what the runs wrote: the day's dump here and on the copy host.
    expect(read).toContain(join(dir, 'data/backups', date, 'postgres/pg_dumpall.sql.zst'));
    expect(read).toContain(join(copies, date, 'manifest.json'));
    expect(leaks).toEqual([]);
  });
});

/** The process tree below `pid` and every process of the host user: where a hung run waits. */
function processesOf(pid: number): string {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,user:20=,etime=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 5);
  const tree = new Set([String(pid)]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const [p, pp] of rows)
      if (pp && tree.has(pp) && p && !tree.has(p)) {
        tree.add(p);
        grown = true;
      }
  }
  return rows
    .filter(([p, , user]) => tree.has(p ?? '') || user === info.user.name)
    .map((f) => f.join(' ').slice(0, 300))
    .join('\n');
}

/** Polls `check` every 0.1 s: true once it holds, false after `limit` ms. */
async function until(check: () => boolean, limit: number): Promise<boolean> {
  for (const end = Date.now() + limit; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (check()) return true;
  return false;
}

function pick(from: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => n in from).map((n) => [n, from[n]!]));
}

/** A copy of the backup's day whose dump has an SQL error in the middle, checksums matching. */
function brokenDay(to: string): string {
  const backups = join(dir, 'data/backups');
  const day = join(backups, to);
  cpSync(join(backups, date), day, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(day, 'manifest.json'), 'utf8'));
  manifest.date = to;
  const file = join(day, 'postgres/pg_dumpall.sql.zst');
  const sql = execFileSync('zstd', ['-dc', file], { maxBuffer: 256 * 2 ** 20 }).toString('utf8');
  const at = sql.indexOf('CREATE TABLE public.t');
  execFileSync('zstd', ['-q', '-f', '-o', file], {
    input: `${sql.slice(0, at)}INSERT INTO no_such_table VALUES (1);\n${sql.slice(at)}`,
  });
  const entry = (manifest.files as { path: string; size: number; sha256: string }[]).find((f) =>
    f.path.startsWith('postgres/'),
  )!;
  entry.size = readFileSync(file).length;
  entry.sha256 = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
  writeFileSync(join(day, 'manifest.json'), JSON.stringify(manifest, null, 2));
  own(day);
  return to;
}
