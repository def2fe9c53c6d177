/**
 * The demo's sandbox: the test bench's real services (PostgreSQL 15, sshd as the production host
 * with the docker double, OpenSearch 2.19, a second sshd as the copy host, a scratch PostgreSQL
 * for the drill), a deployment directory as a user has one (a git checkout with secrets next to
 * it), an age identity, and the one config file every step's `gateway-ops` reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { type Bench, startBench } from '../../test/services/bench.js';
import { type CopyHostInfo, copyHostExtension } from '../../test/services/copy-host.js';
import { type OpenSearchInfo, opensearchExtension } from '../../test/services/opensearch.js';
import { type PostgresBench, startPostgres } from '../../test/services/postgres.js';
import { chownTo, makeDir } from '../../test/services/system.js';

export const DATABASE = 'spectrumx';
export const TABLE = 'captures';
export const ROWS = 25_000;
export const INDEX = 'captures-drf';
export const DOCUMENTS = 2_000;
const OPENSEARCH_CONTAINER = 'sds-gateway-prod-opensearch';
const DRILL_CONTAINER = 'sds-gateway-drill-postgres';
/** The compose services a restore stops while it replaces the databases (the setting's default). */
const APP_SERVICES = ['sds-gateway-prod-app', 'celery-worker', 'celery-beat', 'celery-flower'];
/** The deployment's secret files (found by secret-paths' default), never committed to its git. */
const SECRETS: Record<string, string> = {
  '.envs/.production/.django': 'DJANGO_SECRET_KEY=demo-only-not-a-real-key\n',
  '.envs/.production/.postgres': 'POSTGRES_PASSWORD=demo-only\n',
  'config/storage.env': 'S3_BUCKET=demo-bucket\n',
};

export interface Sandbox {
  bench: Bench;
  opensearch: OpenSearchInfo;
  copyHost: CopyHostInfo;
  drillPostgres: PostgresBench;
  /** The directory of the user's files: config, keys, known_hosts, age identity. */
  home: string;
  configPath: string;
  deployDir: string;
  backupsDir: string;
  copyPath: string;
  keyFile: string;
  copyKeyFile: string;
  ageIdentity: string;
  /** The target's hostname, as a restore's confirm must spell it. */
  targetHost: string;
  rowCount(): Promise<number>;
  stop(): Promise<void>;
}

/** A file on the host, owned by the SSH user (who reads and writes the deployment). */
function hostFile(bench: Bench, path: string, content: string, mode = 0o644): void {
  makeDir(join(path, '..'), bench.info.user);
  writeFileSync(path, content, { mode });
  chownTo(path, bench.info.user);
}

function makeDeployDir(bench: Bench): string {
  const dir = makeDir(join(bench.info.workDir, 'sds-gateway'), bench.info.user);
  hostFile(bench, join(dir, '.gitignore'), '.envs/\nconfig/*.env\ndata/\n');
  hostFile(bench, join(dir, 'compose.production.yaml'), 'services:\n  app: {}\n  postgres: {}\n');
  hostFile(bench, join(dir, 'README.md'), '# sds-gateway (demo deployment)\n');
  for (const [path, content] of Object.entries(SECRETS)) hostFile(bench, join(dir, path), content, 0o600);
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'safe.directory=*', '-c', 'user.name=demo', '-c', 'user.email=demo@example.invalid', ...args],
      {
        cwd: dir,
        stdio: 'pipe',
      },
    );
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'deployment as checked out on the host');
  // A change in progress on the host: the git component keeps it as unstaged.patch.
  writeFileSync(join(dir, 'README.md'), '# sds-gateway (demo deployment)\n\nHot fix on the host.\n');
  execFileSync('chown', ['-R', `${bench.info.user.uid}:${bench.info.user.gid}`, dir]);
  return dir;
}

async function seedData(bench: Bench, opensearch: OpenSearchInfo): Promise<void> {
  await bench.postgres.psql(`CREATE DATABASE ${DATABASE}`);
  await bench.postgres.psql(
    `CREATE TABLE ${TABLE} (id serial PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());
     INSERT INTO ${TABLE} (name) SELECT 'capture ' || g || ' — ünïcode' FROM generate_series(1, ${ROWS}) g;`,
    DATABASE,
  );
  const client = new Client({ node: opensearch.url });
  await client.indices.create({
    index: INDEX,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0 } },
  } as never);
  const docs = Array.from({ length: DOCUMENTS }, (_, i) => [
    { index: { _index: INDEX, _id: String(i) } },
    { n: i, name: `capture ${i}` },
  ]).flat();
  await client.bulk({ body: docs, refresh: 'true' } as never);
  await client.close();
}

function ageRecipient(identity: string): string {
  execFileSync('age-keygen', ['-o', identity], { stdio: 'pipe' });
  const recipient = /^# public key: (age1\S+)$/m.exec(readFileSync(identity, 'utf8'))?.[1];
  if (!recipient) throw new Error(`demo: age-keygen wrote no public key into ${identity}`);
  return recipient;
}

/** The config file, as a user writes it: every setting the steps share, paths relative to the file. */
function configText(s: Omit<Sandbox, 'rowCount' | 'stop' | 'configPath'>, recipient: string): string {
  const { bench, opensearch, copyHost } = s;
  return `# gateway-ops.yml: the settings every gateway-ops command of the demo reads (--config).
# The production host (here: sshd on 127.0.0.1), its key pinned by known_hosts.
ssh-host: ${bench.info.ssh.host}
ssh-port: ${bench.info.ssh.port}
ssh-user: ${bench.info.ssh.username}
ssh-private-key-file: demo-key
ssh-known-hosts-file: known_hosts
deploy-dir: ${s.deployDir}
# OpenSearch as the host sees it (the bench node has no TLS); credentials come from its container.
opensearch-container: ${OPENSEARCH_CONTAINER}
opensearch-url: ${opensearch.url}
snapshot-location: ${join(opensearch.pathRepo, 'snapshots')}
# Secrets are archived encrypted to this age recipient (the identity stays with you: age-identity.txt).
age-recipients: ${recipient}
# A verified copy of each snapshot on a second host.
copy-to-host: ${copyHost.host}
copy-to-port: ${copyHost.port}
copy-to-user: ${copyHost.username}
copy-to-path: ${s.copyPath}
copy-to-private-key-file: copy-key
copy-to-known-hosts-file: copy-known_hosts
# The drill restores into a scratch PostgreSQL, never the source.
drill-postgres-container: ${DRILL_CONTAINER}
# A restore may target only these hosts (confirm is typed per run: --confirm "$(hostname)").
restore-allowed-hosts: ${s.targetHost}
safety-snapshot: true
`;
}

export async function startSandbox(log: (line: string) => void): Promise<Sandbox> {
  const bench = await startBench({ log });
  try {
    const opensearch = (await bench.extend(opensearchExtension)) as OpenSearchInfo;
    log(`bench: OpenSearch on ${opensearch.url}`);
    const copyHost = (await bench.extend(copyHostExtension)) as CopyHostInfo;
    log(`bench: copy host sshd on 127.0.0.1:${copyHost.port}`);
    const drillPostgres = await startPostgres({
      dir: join(bench.info.tempDir, 'drill-postgres'),
      user: bench.info.user,
    });
    await bench.extend(async () => ({ name: 'drill-postgres', info: {}, stop: () => drillPostgres.stop() }));
    log(`bench: scratch PostgreSQL for the drill on 127.0.0.1:${drillPostgres.port}`);
    bench.docker.createContainer({
      name: OPENSEARCH_CONTAINER,
      env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'Demo-Passw0rd!' },
    });
    bench.docker.createContainer({
      name: DRILL_CONTAINER,
      env: {
        POSTGRES_USER: drillPostgres.superuser,
        POSTGRES_PASSWORD: drillPostgres.password,
        POSTGRES_DB: 'postgres',
        PGHOST: '127.0.0.1',
        PGPORT: String(drillPostgres.port),
      },
    });
    for (const service of APP_SERVICES) bench.docker.createContainer({ name: service, service });
    await seedData(bench, opensearch);

    // Your side (the runner): keys, known_hosts, the age identity, the config file; not the host's.
    const home = join(bench.info.tempDir, 'you');
    mkdirSync(home, { mode: 0o700 });
    const keyFile = join(home, 'demo-key');
    const copyKeyFile = join(home, 'copy-key');
    writeFileSync(keyFile, bench.info.ssh.clientKey.privateKey, { mode: 0o600 });
    writeFileSync(copyKeyFile, copyHost.clientKey.privateKey, { mode: 0o600 });
    writeFileSync(join(home, 'known_hosts'), `${bench.info.ssh.knownHostsLine}\n`);
    writeFileSync(join(home, 'copy-known_hosts'), `${copyHost.knownHostsLine}\n`);
    const ageIdentity = join(home, 'age-identity.txt');
    const recipient = ageRecipient(ageIdentity);
    const deployDir = makeDeployDir(bench);
    const parts = {
      bench,
      opensearch,
      copyHost,
      drillPostgres,
      home,
      deployDir,
      backupsDir: join(deployDir, 'data/backups'),
      copyPath: makeDir(join(copyHost.workDir, 'gateway-backups'), bench.info.user),
      keyFile,
      copyKeyFile,
      ageIdentity,
      targetHost: hostname(),
    };
    const configPath = join(home, 'gateway-ops.yml');
    writeFileSync(configPath, configText(parts, recipient));
    return {
      ...parts,
      configPath,
      rowCount: async () =>
        Number((await bench.postgres.psql(`SELECT count(*) FROM ${TABLE}`, DATABASE)).trim()),
      stop: () => bench.stop(),
    };
  } catch (error) {
    await bench.stop().catch(() => {});
    throw error;
  }
}
