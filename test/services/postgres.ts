/**
 * A throwaway PostgreSQL 15 cluster: `initdb` into a temp dir, `postgres` in the foreground as a
 * managed child, listening on 127.0.0.1:<free port> and on a unix socket in the temp dir. PostgreSQL
 * refuses to run as root, so as root it runs as the bench user.
 *
 * Authentication: unix socket `trust`, TCP `scram-sha-256` (superuser `postgres` with a password).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ManagedProcess, spawnManaged, waitFor } from './processes.js';
import { type BenchUser, chownTo, freePort, makeDir, runCommand } from './system.js';

export const PG_BIN_DIR = process.env['GWOPS_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface PostgresInfo {
  host: '127.0.0.1';
  port: number;
  /** Directory of the unix socket (`psql -h <socketDir>`). */
  socketDir: string;
  dataDir: string;
  binDir: string;
  superuser: string;
  password: string;
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres` */
  url: string;
}

export interface PostgresBench extends PostgresInfo {
  process: ManagedProcess;
  /** Env for running client tools as the bench user over the socket (PGHOST, PGPORT, PGUSER). */
  clientEnv(): NodeJS.ProcessEnv;
  /** Run psql (over the socket, as superuser) with `-v ON_ERROR_STOP=1 -X -A -t -c sql`; returns stdout. */
  psql(sql: string, database?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Directory to create the cluster in (`<dir>/data`, `<dir>/socket`). */
  dir: string;
  user: BenchUser;
  superuser?: string;
  password?: string;
  port?: number;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
}

export async function startPostgres(options: StartPostgresOptions): Promise<PostgresBench> {
  const { dir, user } = options;
  const binDir = PG_BIN_DIR;
  if (!existsSync(join(binDir, 'initdb'))) {
    throw new Error(
      `bench: PostgreSQL 15 server binaries not found in ${binDir} (install the Debian package postgresql-15, or set GWOPS_PG_BIN)`,
    );
  }
  const superuser = options.superuser ?? 'postgres';
  const password = options.password ?? `pw-${randomBytes(12).toString('hex')}`;
  makeDir(dir, user, 0o755);
  const dataDir = join(dir, 'data');
  const socketDir = makeDir(join(dir, 'socket'), user, 0o755);
  const pwFile = join(dir, 'pwfile');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  chownTo(pwFile, user);
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: `${binDir}:/usr/local/bin:/usr/bin:/bin`,
    HOME: user.home,
    USER: user.name,
    LOGNAME: user.name,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
  };
  const asUser = user.dedicated ? { uid: user.uid, gid: user.gid } : {};
  const init = await runCommand(
    join(binDir, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      superuser,
      `--pwfile=${pwFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-instructions',
    ],
    { env: baseEnv, cwd: dir, ...asUser },
  );
  if (init.code !== 0) {
    throw new Error(
      `bench: initdb failed (exit ${init.code}) as ${user.name}:\n${init.stderr}${init.stdout}`,
    );
  }
  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir,
    // A throwaway cluster: durability is not needed, speed is.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '50',
    shared_buffers: '128MB',
    logging_collector: 'off',
    ...options.settings,
  };
  const args = ['-D', dataDir];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const proc = spawnManaged('postgres', join(binDir, 'postgres'), args, {
    env: baseEnv,
    cwd: dir,
    ...asUser,
  });
  await waitFor(
    `PostgreSQL to accept connections on 127.0.0.1:${port}`,
    async () => {
      const r = await runCommand(join(binDir, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], {
        env: baseEnv,
      });
      return r.code === 0;
    },
    60_000,
    proc,
  );
  const clientEnv = (): NodeJS.ProcessEnv => ({
    ...baseEnv,
    PGHOST: socketDir,
    PGPORT: String(port),
    PGUSER: superuser,
    PGDATABASE: 'postgres',
  });
  const bench: PostgresBench = {
    host: '127.0.0.1',
    port,
    socketDir,
    dataDir,
    binDir,
    superuser,
    password,
    url: `postgres://${encodeURIComponent(superuser)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    process: proc,
    clientEnv,
    async psql(sql: string, database = 'postgres') {
      const r = await runCommand(
        join(binDir, 'psql'),
        ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql],
        { env: clientEnv(), ...asUser },
      );
      if (r.code !== 0) throw new Error(`bench: psql failed (exit ${r.code}): ${r.stderr.trim()}`);
      return r.stdout;
    },
    async stop() {
      // SIGINT = fast shutdown (rolls back open transactions, disconnects clients).
      await proc.stop('SIGINT', 15_000);
    },
  };
  return bench;
}
