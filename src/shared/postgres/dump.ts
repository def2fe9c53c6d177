import { PassThrough } from 'node:stream';
import { errorMessage, OperationError } from '../errors.js';
import type { ExecTarget, RemoteHost, Tunnel } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { type Compression, compressionExtension, compressorTool } from '../snapshot/compression.js';
import type { ComponentResult } from '../snapshot/manifest.js';
import type { PartialSnapshot } from '../snapshot/snapshot.js';
import { dumpsInserts } from './dump-args.js';
import { type PreparedPostgresDump, preparePostgresDump } from './dump-prepare.js';
import { dumpFailures, dumpScript, parseDumpScriptOutput, pgDumpallArgv } from './dump-script.js';
import { countRows, type RowCounts, type ServerFacts, serverFacts } from './row-counts.js';

export interface PostgresDumpOptions {
  /** Where pg_dumpall runs: `docker exec -i <container>` or on the host. */
  readonly target: ExecTarget;
  /** Default: the container's POSTGRES_USER (docker), else `postgres`. */
  readonly user?: string;
  /** exec: host: where pg_dumpall connects, as seen from the host. exec: docker: overrides where the row counts connect. */
  readonly host?: string;
  readonly port?: number;
  /** exec: host only; handed to pg_dumpall in a 0600 pgpass file, never on a command line. */
  readonly password?: string;
  readonly extraArgs?: readonly string[];
  readonly compression?: Compression;
  readonly level?: number;
}

export const POSTGRES_COMPONENT = 'postgres';

export { type PreparedPostgresDump, preparePostgresDump } from './dump-prepare.js';

export interface PostgresDetails {
  readonly exec: 'docker' | 'host';
  readonly container: string | null;
  readonly user: string;
  readonly serverVersion: string;
  readonly pgDumpallVersion: string;
  readonly compression: Compression;
  readonly compressionLevel: number | null;
  readonly compressorVersion: string | null;
  readonly file: string;
  readonly bytes: number;
  /** Size of the plain SQL, as decoded by the check (what a restore streams into psql); null when unknown (gzip). */
  readonly plainBytes: number | null;
  readonly dumpSeconds: number;
  /** Where the time went: checks and connections, the pipeline, the wait for the check after it, the server counts (0 unless from the server). */
  readonly timings: {
    prepareSeconds: number;
    pipelineSeconds: number | null;
    pipelineCpuSeconds: number | null;
    checkSeconds: number | null;
    rowCountSeconds: number;
  };
  /**
   * Rows per table, per database. From the dump (`dump`): the number of rows in each table's data
   * block, exactly what a restore loads. From the server (`server`, when pg-dumpall-args asks for
   * INSERT statements): exact `count(*)`s taken beside the dump, equal to the dump's on a quiet cluster.
   * Keys are the tables the dump loads into: with --load-via-partition-root, a partitioned table's
   * root (whose `count(*)` after a restore counts all its partitions), else each partition.
   */
  readonly rowCounts: RowCounts;
  readonly rowCountsFrom: 'dump' | 'server';
  /** The databases in the dump (from the server, for counts from the server). */
  readonly databases: string[];
}

function pgpassLine(host: string, port: string, user: string, password: string): string {
  const field = (value: string) => value.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  return `${field(host)}:${port}:*:${field(user)}:${field(password)}\n`;
}

/**
 * Dumps the whole cluster with pg_dumpall into the snapshot's work directory, compressed on the
 * host in one pass with its sha256, and accepts it only when every stage exited 0, the dump ends
 * with its completion mark and the compressed file tests good. Throws OperationError otherwise
 * (the caller aborts the snapshot, which removes the work directory). Give it the result of
 * `preparePostgresDump` to skip the checks it would otherwise run first.
 */
export async function dumpPostgres(
  remote: RemoteHost,
  partial: Pick<PartialSnapshot, 'path'>,
  optionsOrPrepared: PostgresDumpOptions | PreparedPostgresDump,
  log: Log,
): Promise<ComponentResult> {
  const started = Date.now();
  const seconds = (since: number) => Math.round(Date.now() - since) / 1000;
  const prepared =
    'kind' in optionsOrPrepared && optionsOrPrepared.kind === 'prepared-postgres-dump'
      ? optionsOrPrepared
      : await preparePostgresDump(remote, optionsOrPrepared as PostgresDumpOptions, log);
  const { options, compression, level, extraArgs, user, credentials, tunnelHost, tunnelPort } = prepared;
  const { pgDumpallVersion } = prepared;
  const target = options.target;
  const compressor = compressorTool(compression);
  const password = credentials.password;

  const tunnel = await openTunnel(remote, tunnelHost, tunnelPort);
  try {
    const prepareSeconds = prepared === optionsOrPrepared ? prepared.prepareSeconds : seconds(started);
    const file = `postgres/pg_dumpall.sql${compressionExtension(compression)}`;
    const pgpassFile = target.kind === 'host' && password ? `${partial.path}/.pgpass` : undefined;
    const script = dumpScript({
      partialDir: partial.path,
      file,
      dump: pgDumpallArgv({
        target,
        user,
        ...(options.host ? { host: options.host } : {}),
        ...(options.port ? { port: options.port } : {}),
        extraArgs,
      }),
      compression,
      level,
      ...(pgpassFile ? { pgpassFile } : {}),
    });
    log.info(
      `PostgreSQL: dumping the cluster as ${user} with ${pgDumpallVersion}` +
        (compressor ? `, compressed on the host by ${compressor} -${level}` : ', uncompressed') +
        ` into ${partial.path}/${file}`,
    );

    const dumped = await dumpBesideServer(
      remote,
      tunnel,
      script,
      pgpassFile && password ? pgpassLine('*', '*', user, password) : null,
      prepared,
    );
    return postgresResult(prepared, file, dumped, { prepareSeconds, started }, log);
  } finally {
    await tunnel.close().catch(() => {});
  }
}

/** Opens the tunnel to the server, for its facts and (INSERT dumps) the row counts. */
async function openTunnel(remote: RemoteHost, host: string, port: number): Promise<Tunnel> {
  try {
    return await remote.forward(host, port);
  } catch (error) {
    throw new OperationError(
      `Cannot open a tunnel to PostgreSQL at ${host}:${port} through ${remote.description}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

interface DumpedBesideServer {
  result: ReturnType<typeof parseDumpScriptOutput>;
  facts: ServerFacts;
  serverCounts: RowCounts | null;
  dumpSeconds: number;
  countSeconds: number;
}

/**
 * The dump, and meanwhile the server's facts through the tunnel (a wrong user or password stops
 * the dump at once, with PostgreSQL's own words). The row counts come from the dump itself (see
 * dump-scan.ts), except when it holds INSERT statements instead of COPY blocks: then they are exact
 * `count(*)`s taken beside it. The dump runs under the session's command timeout
 * (ssh-command-timeout): a dump blocked by a lock it never gets must end, not hang the nightly run.
 */
async function dumpBesideServer(
  remote: RemoteHost,
  tunnel: Tunnel,
  script: string,
  pgpass: string | null,
  prepared: PreparedPostgresDump,
): Promise<DumpedBesideServer> {
  const { compression, extraArgs, credentials, tunnelHost, tunnelPort } = prepared;
  const where = remote.description;
  const seconds = (since: number) => Math.round(Date.now() - since) / 1000;
  const keepAlive = new PassThrough();
  // The pgpass line goes first on stdin (the script stores it in a 0600 file), never in argv.
  if (pgpass) keepAlive.write(pgpass);
  const dumpStarted = Date.now();
  let dumpSeconds = 0;
  let firstFailure: 'dump' | 'server' | null = null;
  const dump = remote
    // The scan's line per table comes back on stdout: room for some 160,000 tables.
    .exec(script, { stdin: keepAlive, description: 'pg_dumpall pipeline', maxCollectedBytes: 64 * 2 ** 20 })
    .finally(() => keepAlive.end())
    .then((output) => {
      dumpSeconds = seconds(dumpStarted);
      const result = parseDumpScriptOutput(output.stdout);
      const failures = dumpFailures(result, compression);
      if (failures.length > 0) {
        const stderr = output.stderrTail.trim();
        throw new OperationError(
          `PostgreSQL dump on ${where} rejected: ${failures.join('; ')}.${stderr ? ` Last messages: ${stderr}` : ''}`,
          { hint: 'Nothing was kept: the snapshot is not written. Fix the cause above and run again.' },
        );
      }
      return result;
    });
  const countFromServer = dumpsInserts(extraArgs);
  let countSeconds = 0;
  const server = serverFacts(tunnel, credentials, `${tunnelHost}:${tunnelPort} (via ${where})`).then(
    async (facts) => {
      if (!countFromServer) return { facts, counts: null };
      const counts = await countRows(tunnel, credentials, facts.databases);
      countSeconds = seconds(dumpStarted);
      return { facts, counts };
    },
  );
  dump.catch(() => {
    firstFailure ??= 'dump';
  });
  server.catch(() => {
    firstFailure ??= 'server';
  });
  try {
    const [result, answered] = await Promise.all([dump, server]);
    return { result, facts: answered.facts, serverCounts: answered.counts, dumpSeconds, countSeconds };
  } catch {
    // Stop the other half: closing stdin stops the remote pipeline (see SESSION_GUARD), closing
    // the tunnel ends the queries.
    keepAlive.end();
    await tunnel.close().catch(() => {});
    const [dumpSettled, serverSettled] = await Promise.allSettled([dump, server]);
    // The first failure is the cause; the other half failed because it was stopped.
    const cause =
      firstFailure === 'server' && serverSettled.status === 'rejected'
        ? serverSettled.reason
        : dumpSettled.status === 'rejected'
          ? dumpSettled.reason
          : serverSettled.status === 'rejected'
            ? serverSettled.reason
            : new Error('unknown failure');
    if (cause instanceof OperationError) throw cause;
    throw new OperationError(`PostgreSQL dump on ${where} failed: ${errorMessage(cause)}`, { cause });
  }
}

/** The component's manifest entry: the dump file and what was learned beside it. */
function postgresResult(
  prepared: PreparedPostgresDump,
  file: string,
  dumped: DumpedBesideServer,
  time: { prepareSeconds: number; started: number },
  log: Log,
): ComponentResult {
  const { options, compression, level, user, pgDumpallVersion, compressorVersion } = prepared;
  const { result, facts, serverCounts, dumpSeconds, countSeconds } = dumped;
  const { prepareSeconds, started } = time;
  const target = options.target;
  const scan = result.scan!;
  if (scan.unreadable.length > 0) {
    log.warn(
      `PostgreSQL: ${scan.unreadable.length} line(s) of the dump that name a database or a table could not be read, so the manifest's row counts miss them (the dump itself was accepted): ${scan.unreadable
        .slice(0, 3)
        .map((line) => JSON.stringify(line.slice(0, 120)))
        .join(', ')}`,
    );
  }
  const rowCounts = serverCounts ?? scan.rowCounts;
  const details: PostgresDetails = {
    exec: target.kind,
    container: target.kind === 'docker' ? target.container : null,
    user,
    serverVersion: facts.serverVersion,
    pgDumpallVersion,
    compression,
    compressionLevel: level,
    compressorVersion,
    file,
    bytes: result.size!,
    plainBytes: result.plainSizeModulo32 ? null : result.plainSize,
    dumpSeconds,
    timings: {
      prepareSeconds,
      pipelineSeconds: result.pipelineSeconds,
      pipelineCpuSeconds: result.pipelineCpuSeconds,
      checkSeconds: result.checkSeconds,
      rowCountSeconds: countSeconds,
    },
    rowCounts,
    rowCountsFrom: serverCounts ? 'server' : 'dump',
    databases: serverCounts ? facts.databases : scan.databases,
  };
  log.info(
    `PostgreSQL dump complete: ${result.size} bytes in ${dumpSeconds.toFixed(1)} s, sha256 ${result.sha256}`,
  );
  return {
    name: POSTGRES_COMPONENT,
    verdict: 'passed',
    durationMs: Date.now() - started,
    details: { ...details },
    files: [
      {
        path: file,
        size: result.size!,
        sha256: result.sha256!,
        compression,
        component: POSTGRES_COMPONENT,
      },
    ],
  };
}
