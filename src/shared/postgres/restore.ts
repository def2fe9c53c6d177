import { PassThrough } from 'node:stream';
import pg from 'pg';
import { errorMessage, OperationError } from '../errors.js';
import type { ExecTarget, RemoteHost, Tunnel } from '../remote/types.js';
import type { Log } from '../report/log.js';
import type { Compression } from '../snapshot/compression.js';
import { preparePostgresDump } from './dump.js';
import {
  drillCleanupScript,
  judgeRestore,
  type PsqlCommand,
  parseRestoreScriptOutput,
  type RestoreScriptResult,
  type RestoreVerdict,
  restoreScript,
} from './restore-script.js';
import { type Credentials, countRows, type RowCounts, serverFacts } from './row-counts.js';

export interface PostgresTargetOptions {
  readonly target: ExecTarget;
  readonly user?: string;
  /** exec: host: where psql connects, as seen from the host. */
  readonly host?: string;
  readonly port?: number;
  /** exec: host: the password (postgres-password); with docker it comes from the container. */
  readonly password?: string;
  /** The snapshot's compression: its decompressor must be on the host. */
  readonly compression: Compression;
}

/** A PostgreSQL cluster a restore writes into, as found before anything changes. */
export interface PostgresTarget {
  readonly options: PostgresTargetOptions;
  readonly where: string;
  readonly user: string;
  readonly credentials: Credentials;
  readonly tunnelHost: string;
  readonly tunnelPort: number;
  readonly serverVersion: string;
  readonly serverVersionNum: number;
  /** Non-template databases. */
  readonly databases: string[];
  /** pg_control_system()'s: equal for a cluster and itself, whatever its address. */
  readonly systemIdentifier: string;
}

async function withTunnel<T>(
  remote: RemoteHost,
  host: string,
  port: number,
  body: (t: Tunnel) => Promise<T>,
) {
  let tunnel: Tunnel;
  try {
    tunnel = await remote.forward(host, port);
  } catch (error) {
    throw new OperationError(
      `Cannot open a tunnel to PostgreSQL at ${host}:${port} through ${remote.description}: ${errorMessage(error)}`,
    );
  }
  try {
    return await body(tunnel);
  } finally {
    await tunnel.close().catch(() => {});
  }
}

async function systemIdentifier(tunnel: Tunnel, credentials: Credentials): Promise<string> {
  const client = new pg.Client({
    host: tunnel.localHost,
    port: tunnel.localPort,
    user: credentials.user,
    ...(credentials.password ? { password: credentials.password } : {}),
    database: 'template1',
    application_name: 'gateway-ops',
    connectionTimeoutMillis: 30_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const result = await client.query<{ id: string }>(
      'SELECT system_identifier::text AS id FROM pg_control_system()',
    );
    return result.rows[0]!.id;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Reads a cluster without changing it: the tools and the container (the dump's own checks), who
 * we are, its version, databases and system identifier.
 */
export async function inspectPostgresTarget(
  remote: RemoteHost,
  options: PostgresTargetOptions,
  log: Log,
): Promise<PostgresTarget> {
  const prepared = await preparePostgresDump(
    remote,
    {
      target: options.target,
      compression: options.compression,
      ...(options.user ? { user: options.user } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.password ? { password: options.password } : {}),
    },
    log,
  );
  const { tunnelHost, tunnelPort, credentials } = prepared;
  const where = `${tunnelHost}:${tunnelPort} (via ${remote.description})`;
  return withTunnel(remote, tunnelHost, tunnelPort, async (tunnel) => {
    const facts = await serverFacts(tunnel, credentials, where);
    return {
      options,
      where,
      user: prepared.user,
      credentials,
      tunnelHost,
      tunnelPort,
      serverVersion: facts.serverVersion,
      serverVersionNum: facts.serverVersionNum,
      databases: facts.databases,
      systemIdentifier: await systemIdentifier(tunnel, credentials),
    };
  });
}

/** `quote_ident` as pg_dumpall writes role names (enough for the superuser's name). */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

export interface PostgresRestoreInput {
  readonly dumpFile: string;
  readonly compression: Compression;
  /** `mktemp -d` template of the private work dir (see RestoreScriptInput). */
  readonly workTemplate: string;
  readonly keepRolePasswords: boolean;
  /** Databases the dump fills without creating them (pg_dumpall's `postgres`). */
  readonly recreate: readonly string[];
  /** Size of the plain SQL, for progress lines; null when unknown. */
  readonly plainBytes: number | null;
  /** Aborted: the stream is stopped on the host (its stdin closes, the session guard ends it). */
  readonly stop?: AbortSignal;
}

export interface PostgresRestoreOutcome {
  readonly verdict: RestoreVerdict;
  readonly result: RestoreScriptResult;
  readonly stderrTail: string;
  readonly seconds: number;
}

function psqlCommand(target: PostgresTarget): PsqlCommand {
  return {
    target: target.options.target,
    user: target.user,
    ...(target.options.target.kind === 'host' && target.options.host ? { host: target.options.host } : {}),
    ...(target.options.target.kind === 'host' && target.options.port ? { port: target.options.port } : {}),
  };
}

/** Streams the dump into the target (see restore-script.ts); never throws for an SQL error: the verdict says. */
export async function restorePostgres(
  remote: RemoteHost,
  target: PostgresTarget,
  input: PostgresRestoreInput,
  log: Log,
): Promise<PostgresRestoreOutcome> {
  const started = Date.now();
  const password = target.options.target.kind === 'host' ? target.credentials.password : undefined;
  const script = restoreScript({
    dumpFile: input.dumpFile,
    compression: input.compression,
    workTemplate: input.workTemplate,
    psql: psqlCommand(target),
    superuserIdent: quoteIdent(target.user),
    keepRolePasswords: input.keepRolePasswords,
    recreate: input.recreate,
    password: !!password,
  });
  const keepAlive = new PassThrough();
  // First on stdin, before the session guard takes it over; never in argv or a file.
  if (password) keepAlive.write(`${Buffer.from(password, 'utf8').toString('base64')}\n`);
  const total = input.plainBytes;
  const onStderr = (chunk: string) => {
    for (const match of chunk.matchAll(/^progress (\d+)$/gm)) {
      const done = Number(match[1]);
      log.info(
        `PostgreSQL: ${(done / 2 ** 20).toFixed(0)} MiB of SQL streamed into psql${total ? ` of ${(total / 2 ** 20).toFixed(0)} MiB (${Math.floor((100 * done) / total)}%)` : ''}`,
      );
    }
  };
  const stopStream = () => keepAlive.end();
  if (input.stop?.aborted) stopStream();
  input.stop?.addEventListener('abort', stopStream, { once: true });
  const output = await remote
    .exec(script, { stdin: keepAlive, onStderr, description: 'PostgreSQL restore stream' })
    .finally(() => {
      input.stop?.removeEventListener('abort', stopStream);
      keepAlive.end();
    });
  const result = parseRestoreScriptOutput(output.stdout);
  return {
    verdict: judgeRestore(result),
    result,
    stderrTail: output.stderrTail,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Exact row counts of the restored databases, for the proof. The cluster's databases are read
 * while the recorded ones are counted (one round trip less before the big scans start); the
 * result is as if they were read first: a recorded database that is not among them is missing
 * (whatever its count did), one that is and could not be counted fails the run.
 */
export async function countRestoredRows(
  remote: RemoteHost,
  target: PostgresTarget,
  databases: readonly string[],
): Promise<{ counts: RowCounts; databases: string[] }> {
  return withTunnel(remote, target.tunnelHost, target.tunnelPort, async (tunnel) => {
    const counting = countRows(tunnel, target.credentials, databases, { settle: true });
    // `counting` never rejects (settle); it is awaited either way, so the tunnel outlives its queries.
    const [facts, settled] = await Promise.all([
      serverFacts(tunnel, target.credentials, target.where).catch(async (error: unknown) => {
        await counting;
        throw error;
      }),
      counting,
    ]);
    const counts: RowCounts = {};
    for (const database of databases) {
      if (!facts.databases.includes(database)) continue;
      const outcome = settled[database]!;
      if ('error' in outcome) throw outcome.error;
      counts[database] = outcome.counts;
    }
    return { counts, databases: facts.databases };
  });
}

/** Leaves a drill's scratch cluster as it was found (see drillCleanupScript). */
export async function discardDrill(
  remote: RemoteHost,
  target: PostgresTarget,
  rolesBefore: readonly string[],
): Promise<void> {
  await remote.exec(drillCleanupScript(psqlCommand(target), rolesBefore), {
    description: 'drop what the drill restored',
  });
}
