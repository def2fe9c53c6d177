/**
 * What the restore tests share: PostgreSQL clusters of their own (a restore replaces every database
 * of its target, so never the bench's shared cluster), each behind a docker-double container, the
 * CLI run as a user runs it, and `pg_dumpall` of a cluster to prove "nothing changed".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { node24 } from '../helpers/action-runner.js';
import { openDockerDouble } from '../services/docker.js';
import { type PostgresBench, startPostgres } from '../services/postgres.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'bin/gateway-ops.js');

export function bench() {
  return inject('bench');
}

export interface Cluster {
  readonly pg: PostgresBench;
  readonly container: string;
  psql(sql: string, database?: string): Promise<string>;
  /** `pg_dumpall` of the whole cluster, as text (without the per-dump random `\restrict` keys). */
  dumpall(): string;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL 15 cluster and a container `name` (compose service `name`) pointing at it. */
export async function startCluster(name: string): Promise<Cluster> {
  const info = bench();
  const pg = await startPostgres({
    dir: join(info.workDir, `${name}-${Date.now().toString(36)}`),
    user: info.user,
  });
  const docker = openDockerDouble(info.docker.stateDir);
  docker.createContainer({
    name,
    env: {
      POSTGRES_USER: pg.superuser,
      POSTGRES_PASSWORD: pg.password,
      POSTGRES_DB: 'postgres',
      PGHOST: '127.0.0.1',
      PGPORT: String(pg.port),
    },
    service: name,
  });
  return {
    pg,
    container: name,
    psql: (sql, database = 'postgres') => pg.psql(sql, database),
    dumpall: () =>
      execFileSync(
        join(pg.binDir, 'pg_dumpall'),
        ['-h', '127.0.0.1', '-p', String(pg.port), '-U', pg.superuser],
        {
          env: { ...process.env, PGPASSWORD: pg.password },
          encoding: 'utf8',
          maxBuffer: 256 * 2 ** 20,
        },
      ).replace(/^\\(un)?restrict \S+$/gm, '\\$1restrict <key>'),
    stop: async () => {
      docker.removeContainer(name);
      await pg.stop();
    },
  };
}

/** The seed of the end to end: several databases, roles, a large object, non-ASCII text. */
export async function seed(cluster: Cluster): Promise<void> {
  await cluster.psql(
    `CREATE ROLE rt_owner LOGIN PASSWORD 'owner-before'; CREATE ROLE rt_reader NOLOGIN; GRANT rt_reader TO rt_owner;`,
  );
  await cluster.psql('CREATE DATABASE rt_app OWNER rt_owner');
  await cluster.psql('CREATE DATABASE "rt_ünï"');
  await cluster.psql(
    `CREATE TABLE public.captures (id bigint PRIMARY KEY, name text NOT NULL, note text);
     INSERT INTO public.captures SELECT g, 'capture-' || g, CASE WHEN g % 100 = 0 THEN 'ñandú 数据 Ω ✓' END FROM generate_series(1, 20000) g;
     ALTER TABLE public.captures OWNER TO rt_owner;
     GRANT SELECT ON public.captures TO rt_reader;
     CREATE TABLE public.blobs (id int PRIMARY KEY, content oid);
     INSERT INTO public.blobs VALUES (1, lo_from_bytea(0, convert_to(repeat('large object ☃ ', 2000), 'UTF8')));`,
    'rt_app',
  );
  await cluster.psql(
    `CREATE TABLE "größe" ("schlüssel" text); INSERT INTO "größe" VALUES ('äöü'), ('日本語');`,
    'rt_ünï',
  );
  await cluster.psql(
    `CREATE TABLE notes (id int); INSERT INTO notes SELECT generate_series(1, 50);`,
    'postgres',
  );
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `gateway-ops <command>` from this checkout's build, the settings as flags and the key in a file. */
export function runCli(command: string, settings: Record<string, string>): CliRun {
  const info = bench();
  const keyFile = join(info.tempDir, 'restore-cli-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, info.ssh.clientKey.privateKey, { mode: 0o600 });
  const args = [cli, command, '--ssh-private-key-file', keyFile];
  for (const [name, value] of Object.entries(settings)) {
    if (name === 'ssh-private-key') continue;
    args.push(`--${name}`, value);
  }
  const r = spawnSync(node24, args, {
    encoding: 'utf8',
    env: { ...process.env },
    input: '',
    timeout: 280_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The target's hostname, as the restore's `confirm` must spell it (sshd runs on this machine). */
export function targetHostname(): string {
  return execFileSync('hostname', { encoding: 'utf8' }).trim();
}
