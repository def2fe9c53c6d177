/**
 * What the PostgreSQL/snapshot integration tests share: an SSH session to the bench's sshd, a
 * minimal backup run (the orchestrator's job, reduced to begin -> dump -> manifest -> commit), and
 * fixtures on the bench cluster.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { dumpPostgres, type PostgresDumpOptions } from '../../src/shared/postgres/index.js';
import { connectRemoteHost, type SshRemoteHost } from '../../src/shared/remote/index.js';
import type { ExecOptions, RemoteHost } from '../../src/shared/remote/types.js';
import {
  beginSnapshot,
  buildManifest,
  type CommittedSnapshot,
  type ComponentResult,
  type ExistingSnapshot,
  type SnapshotLayout,
  serializeManifest,
} from '../../src/shared/snapshot/index.js';

export const execFileP = promisify(execFile);

export function bench() {
  return inject('bench');
}

export async function connect(
  overrides: { port?: number; commandTimeoutMs?: number } = {},
): Promise<SshRemoteHost> {
  const info = bench();
  return connectRemoteHost({
    host: info.ssh.host,
    port: overrides.port ?? info.ssh.port,
    username: info.ssh.username,
    privateKey: info.ssh.clientKey.privateKey,
    hostFingerprint: info.ssh.hostFingerprint,
    connectTimeoutMs: 10_000,
    ...(overrides.commandTimeoutMs ? { commandTimeoutMs: overrides.commandTimeoutMs } : {}),
  });
}

/** A RemoteHost whose scripts run with another PATH (e.g. one without zstd). */
export function withPath(remote: RemoteHost, path: string): RemoteHost {
  const prefix = `export PATH='${path}'\n`;
  return {
    description: remote.description,
    hostKeyFingerprint: remote.hostKeyFingerprint,
    exec: (script: string, options?: ExecOptions) => remote.exec(prefix + script, options),
    run: (argv, options) => remote.run(argv, options).then((r) => r),
    forward: (host, port) => remote.forward(host, port),
    close: () => remote.close(),
  } as RemoteHost & { run: RemoteHost['run'] };
}

export interface TestLog {
  lines: string[];
  secrets: string[];
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  setSecret(value: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

export function testLog(): TestLog {
  const log: TestLog = {
    lines: [],
    secrets: [],
    info: (message) => log.lines.push(`info: ${message}`),
    warn: (message) => log.lines.push(`warn: ${message}`),
    error: (message) => log.lines.push(`error: ${message}`),
    debug: (message) => log.lines.push(`debug: ${message}`),
    setSecret: (value) => log.secrets.push(value),
    group: (_title, body) => body(),
  };
  return log;
}

/** A fresh deploy dir owned by the SSH user, with its layout. */
export function newDeployDir(name: string): { layout: SnapshotLayout; root: string; deployDir: string } {
  const info = bench();
  const deployDir = join(
    info.workDir,
    `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
  );
  mkdirSync(deployDir, { recursive: true });
  if (info.user.dedicated) chownSync(deployDir, info.user.uid, info.user.gid);
  const layout = { deployDir, backupsDir: 'data/backups', timezone: 'UTC' };
  return { layout, root: join(deployDir, 'data/backups'), deployDir };
}

export function dockerTarget(container = bench().containers.postgres): PostgresDumpOptions['target'] {
  return { kind: 'docker', container };
}

export type BackupOutcome =
  | { kind: 'committed'; snapshot: CommittedSnapshot; component: ComponentResult }
  | { kind: 'existing'; existing: ExistingSnapshot };

/** What the orchestrator does for the PostgreSQL component: the code under test, wired minimally. */
export async function runBackup(
  remote: RemoteHost,
  layout: SnapshotLayout,
  options: Partial<PostgresDumpOptions> & { force?: boolean; runId?: string; now?: Date },
  log: TestLog = testLog(),
  hooks: { onPartial?: (path: string) => void } = {},
): Promise<BackupOutcome> {
  const started = await beginSnapshot(remote, layout, log, {
    ...(options.force ? { force: true } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  if (started.kind === 'existing') {
    await started.release();
    return { kind: 'existing', existing: started };
  }
  hooks.onPartial?.(started.path);
  try {
    const component = await dumpPostgres(remote, started, { target: dockerTarget(), ...options }, log);
    const manifest = buildManifest({
      gatewayOpsVersion: '0.0.0-test',
      runId: started.runId,
      host: remote.description,
      date: started.date,
      timezone: layout.timezone,
      createdAt: started.startedAt,
      completedAt: new Date(),
      components: [component],
    });
    return { kind: 'committed', snapshot: await started.commit(manifest), component };
  } catch (error) {
    await started.abort();
    throw error;
  }
}

/** psql over TCP to the bench cluster as its superuser. */
export async function psql(
  sql: string,
  database = 'postgres',
  port = bench().postgres.port,
): Promise<string> {
  const info = bench();
  const { stdout } = await execFileP(
    join(info.postgres.binDir, 'psql'),
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
      String(port),
      '-U',
      info.postgres.superuser,
      '-d',
      database,
      '-c',
      sql,
    ],
    { env: { ...process.env, PGPASSWORD: info.postgres.password }, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** The seed of the round-trip: several databases, roles, a large object, non-ASCII text, a million rows. */
export async function seedCluster(): Promise<void> {
  for (const db of ['gw_app', 'gw_analytics', 'gw_ünï']) await psql(`DROP DATABASE IF EXISTS "${db}"`);
  await psql(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gw_owner') THEN CREATE ROLE gw_owner LOGIN PASSWORD 'owner-pw'; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gw_reader') THEN CREATE ROLE gw_reader NOLOGIN; END IF;
  END $$`);
  await psql(`CREATE DATABASE gw_app OWNER gw_owner`);
  await psql(`CREATE DATABASE gw_analytics`);
  await psql(`CREATE DATABASE "gw_ünï"`);
  await psql(
    `CREATE SCHEMA files AUTHORIZATION gw_owner;
     CREATE TABLE public.captures (id bigint PRIMARY KEY, name text NOT NULL, note text, created timestamptz DEFAULT '2026-01-01');
     INSERT INTO public.captures SELECT g, 'capture-' || g, CASE WHEN g % 1000 = 0 THEN 'ñandú 数据 Ω ✓' END FROM generate_series(1, 1000000) g;
     CREATE TABLE files.blobs (id int PRIMARY KEY, content oid);
     INSERT INTO files.blobs VALUES (1, lo_from_bytea(0, convert_to(repeat('large object ☃ ', 5000), 'UTF8')));
     ALTER TABLE public.captures OWNER TO gw_owner;
     GRANT SELECT ON public.captures TO gw_reader;
     CREATE VIEW public.recent AS SELECT * FROM public.captures WHERE id > 999000;`,
    'gw_app',
  );
  await psql(
    `CREATE TABLE events (id serial PRIMARY KEY, kind text, payload jsonb);
     INSERT INTO events (kind, payload) SELECT 'k' || (g % 7), jsonb_build_object('n', g, 'txt', 'Grüße') FROM generate_series(1, 5000) g;`,
    'gw_analytics',
  );
  await psql(
    `CREATE TABLE "größe" ("schlüssel" text); INSERT INTO "größe" VALUES ('äöü'), ('日本語');`,
    'gw_ünï',
  );
}

/** A bigger, poorly compressible database, so a dump lasts long enough to be interrupted. */
export async function seedBulk(rows = 3_000_000): Promise<void> {
  const exists = (await psql(`SELECT 1 FROM pg_database WHERE datname = 'gw_bulk'`)).trim();
  if (exists === '1') return;
  await psql(`CREATE DATABASE gw_bulk`);
  await psql(
    `CREATE TABLE noise (id bigint, a text, b text);
     INSERT INTO noise SELECT g, md5(g::text), md5((g * 7)::text) FROM generate_series(1, ${rows}) g;`,
    'gw_bulk',
  );
}

export async function dropBulk(): Promise<void> {
  await psql(`DROP DATABASE IF EXISTS gw_bulk WITH (FORCE)`);
}

/** A small, valid snapshot of an earlier day, written directly, to check that faults never touch it. */
export function plantPreviousSnapshot(root: string, date = '2026-01-01'): () => string {
  const info = bench();
  const dir = join(root, date);
  mkdirSync(join(dir, 'postgres'), { recursive: true });
  const text = 'previous dump\n';
  writeFileSync(join(dir, 'postgres', 'pg_dumpall.sql'), text);
  const manifest = buildManifest({
    gatewayOpsVersion: '0.0.0-test',
    runId: 'previous',
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
            size: Buffer.byteLength(text),
            sha256: createHash('sha256').update(text).digest('hex'),
            compression: 'none',
            component: 'postgres',
          },
        ],
      },
    ],
  });
  writeFileSync(join(dir, 'manifest.json'), serializeManifest(manifest));
  if (info.user.dedicated) {
    for (const path of [
      root,
      join(root, '..'),
      dir,
      join(dir, 'postgres'),
      join(dir, 'postgres', 'pg_dumpall.sql'),
      join(dir, 'manifest.json'),
    ]) {
      chownSync(path, info.user.uid, info.user.gid);
    }
  }
  return () => fingerprintTree(dir);
}

/** Names, sizes and contents of a tree, as one hash: equal before and after means untouched. */
export function fingerprintTree(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string, rel: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(path, entry.name);
      hash.update(`${rel}/${entry.name}\n`);
      if (entry.isDirectory()) walk(full, `${rel}/${entry.name}`);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir, '');
  return hash.digest('hex');
}

/** Entries of the backups dir (dated and hidden), for "no dated directory appeared" checks. */
export function listRoot(root: string): string[] {
  try {
    return readdirSync(root).sort();
  } catch {
    return [];
  }
}

/** True when nobody holds the backups dir's lock. */
export async function lockIsFree(root: string): Promise<boolean> {
  try {
    // Opened read-only: a check run as root must not create the lock file the SSH user needs.
    await execFileP('bash', [
      '-c',
      'exec 9<"$1" 2>/dev/null || exit 0; flock -n 9',
      '_',
      join(root, '.gateway-ops.lock'),
    ]);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs a command and streams stdin from a file; resolves with the exit code and stderr. */
export function pipeInto(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      [
        '-c',
        `set -o pipefail; ${input} | ${[command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`,
      ],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
