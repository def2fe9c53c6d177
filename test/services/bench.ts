/**
 * The whole test bench in one call: PostgreSQL 15 + sshd + the docker double, in one temp dir, on
 * free 127.0.0.1 ports. Used by `global-setup.ts` (vitest) and by standalone scripts:
 *
 *   node --experimental-strip-types --import ./test/services/register.mjs my-script.ts
 *   // my-script.ts
 *   import { startBench } from './test/services/bench.ts';
 *   const bench = await startBench();
 *   try { ... bench.info ... } finally { await bench.stop(); }
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type DockerDouble, type DockerDoubleInfo, installDockerDouble } from './docker.js';
import { type PostgresBench, type PostgresInfo, startPostgres } from './postgres.js';
import { startGuardian } from './processes.js';
import { type SshdBench, type SshdInfo, startSshd } from './sshd.js';
import { type BenchUser, ensureBenchUser, makeDir, makeTempDir } from './system.js';

/** The name of the PostgreSQL container of the reference deployment (and of the bench). */
export const POSTGRES_CONTAINER = 'sds-gateway-prod-postgres';
export const POSTGRES_SERVICE = 'postgres';

/** Everything tests need, JSON-serializable (vitest `provide('bench', info)`). */
export interface BenchInfo {
  /** The bench's temp dir (removed on teardown unless GWOPS_BENCH_KEEP=1). */
  tempDir: string;
  /** A directory owned by the bench user, for tests' deploy dirs, backups dirs, ... */
  workDir: string;
  user: BenchUser;
  postgres: PostgresInfo;
  ssh: SshdInfo;
  docker: DockerDoubleInfo;
  containers: {
    /** `sds-gateway-prod-postgres`: env POSTGRES_USER/PASSWORD/DB, PGHOST=127.0.0.1, PGPORT. Compose service `postgres`. */
    postgres: string;
  };
  /** Filled by extensions (e.g. OpenSearch): name -> whatever they provide. */
  extensions: Record<string, unknown>;
}

/** A service started after the core bench (e.g. OpenSearch): returns what to provide and how to stop. */
export type BenchExtension = (
  bench: Bench,
) => Promise<{ name: string; info: unknown; stop(): Promise<void> }>;

export interface Bench {
  info: BenchInfo;
  postgres: PostgresBench;
  sshd: SshdBench;
  docker: DockerDouble;
  /** Start an extension service; it is stopped (first) by `stop()`. */
  extend(extension: BenchExtension): Promise<unknown>;
  stop(): Promise<void>;
}

export interface StartBenchOptions {
  /** Bench user when running as root (default `gwops-test`). */
  userName?: string;
  log?: (message: string) => void;
}

export async function startBench(options: StartBenchOptions = {}): Promise<Bench> {
  const log = options.log ?? (() => {});
  const user = ensureBenchUser(options.userName);
  const tempDir = makeTempDir();
  const keep = process.env['GWOPS_BENCH_KEEP'] === '1';
  startGuardian(join(tempDir, 'guardian-pids'), keep ? undefined : tempDir);
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopped = false;
  const removeTemp = () => {
    if (!keep) rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const onExit = () => removeTemp();
  process.on('exit', onExit);
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    const errors: string[] = [];
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        errors.push(`${name}: ${String(error)}`);
      }
    }
    removeTemp();
    process.off('exit', onExit);
    if (errors.length > 0) throw new Error(`bench: teardown problems:\n${errors.join('\n')}`);
  };
  try {
    const workDir = makeDir(join(tempDir, 'work'), user, 0o755);
    log(`bench: temp dir ${tempDir}, user ${user.name}`);
    const docker = await installDockerDouble(join(tempDir, 'docker'), user);
    const postgres = await startPostgres({ dir: join(tempDir, 'postgres'), user });
    stops.push({ name: 'postgres', stop: () => postgres.stop() });
    log(`bench: PostgreSQL on 127.0.0.1:${postgres.port}`);
    const sshd = await startSshd({ dir: join(tempDir, 'sshd'), user, pathPrefix: [docker.binDir] });
    stops.push({ name: 'sshd', stop: () => sshd.stop() });
    log(`bench: sshd on 127.0.0.1:${sshd.port}`);
    docker.createContainer({
      name: POSTGRES_CONTAINER,
      service: POSTGRES_SERVICE,
      image: 'postgres:15',
      labels: { 'com.docker.compose.project': 'sds-gateway-prod' },
      networks: ['sds-gateway-prod_default'],
      env: {
        POSTGRES_USER: postgres.superuser,
        POSTGRES_PASSWORD: postgres.password,
        POSTGRES_DB: 'postgres',
        PGHOST: '127.0.0.1',
        PGPORT: String(postgres.port),
        PGDATA: '/var/lib/postgresql/data',
        LANG: 'C.UTF-8',
      },
    });
    const info: BenchInfo = {
      tempDir,
      workDir,
      user,
      postgres: {
        host: postgres.host,
        port: postgres.port,
        socketDir: postgres.socketDir,
        dataDir: postgres.dataDir,
        binDir: postgres.binDir,
        superuser: postgres.superuser,
        password: postgres.password,
        url: postgres.url,
      },
      ssh: {
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        hostPublicKey: sshd.hostPublicKey,
        hostFingerprint: sshd.hostFingerprint,
        knownHostsLine: sshd.knownHostsLine,
        knownHostsHashedLine: sshd.knownHostsHashedLine,
        clientKey: sshd.clientKey,
        clientKeyWithPassphrase: sshd.clientKeyWithPassphrase,
        clientKeyPassphrase: sshd.clientKeyPassphrase,
        unauthorizedKey: sshd.unauthorizedKey,
        otherHostPublicKey: sshd.otherHostPublicKey,
        otherHostFingerprint: sshd.otherHostFingerprint,
        configPath: sshd.configPath,
        sessionPath: sshd.sessionPath,
      },
      docker: { stateDir: docker.stateDir, binDir: docker.binDir, logPath: docker.logPath },
      containers: { postgres: POSTGRES_CONTAINER },
      extensions: {},
    };
    const bench: Bench = {
      info,
      postgres,
      sshd,
      docker,
      async extend(extension) {
        const started = await extension(bench);
        stops.push({ name: started.name, stop: started.stop });
        info.extensions[started.name] = started.info;
        return started.info;
      },
      stop: stopAll,
    };
    return bench;
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}
