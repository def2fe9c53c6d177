import { ConfigurationError, errorMessage, OperationError } from '../errors.js';
import type { ExecTarget, RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { settingRef } from '../setting-ref.js';
import { type Compression, compressionLevel, compressorTool } from '../snapshot/compression.js';
import { containerAddress, containerProblem, parsePreflight, preflightScript } from './container.js';
import type { PostgresDumpOptions } from './dump.js';
import { validatePgDumpallArgs } from './dump-args.js';
import type { Credentials } from './row-counts.js';

type Preflight = ReturnType<typeof parsePreflight>;

const DUMP_TOOLS = [
  'tee',
  'tail',
  'mkfifo',
  'stat',
  'sha256sum',
  'base64',
  'dirname',
  'grep',
  'awk',
  'sed',
  'sync',
  // The restore checks with this list too: its stream passes the bulk through dd (progress via tr).
  'dd',
  'tr',
];

/** Everything checked and learned before the dump: safe to do before taking the host lock. */
export interface PreparedPostgresDump {
  readonly kind: 'prepared-postgres-dump';
  readonly options: PostgresDumpOptions;
  readonly compression: Compression;
  readonly level: number | null;
  readonly extraArgs: string[];
  readonly user: string;
  readonly credentials: Credentials;
  readonly tunnelHost: string;
  readonly tunnelPort: number;
  readonly pgDumpallVersion: string;
  readonly compressorVersion: string | null;
  readonly prepareSeconds: number;
}

/**
 * The checks before a dump, in one round trip (plus `docker inspect` only when the container's
 * address is unknown): settings, tools on the host, the container and its environment. Needs no
 * snapshot and no lock, so the caller may run it alongside `beginSnapshot`.
 */
export async function preparePostgresDump(
  remote: RemoteHost,
  options: PostgresDumpOptions,
  log: Log,
): Promise<PreparedPostgresDump> {
  const started = Date.now();
  const compression = options.compression ?? 'zstd';
  let level: number | null;
  try {
    level = compressionLevel(compression, options.level);
  } catch (error) {
    throw new ConfigurationError(errorMessage(error));
  }
  const extraArgs = validatePgDumpallArgs(options.extraArgs ?? []);
  const target = options.target;

  const { preflight, compressorVersion } = await checkDumpTools(remote, compression, target);
  const { user, credentials, tunnelHost, tunnelPort, pgDumpallVersion } = await connectionOf(
    remote,
    options,
    preflight,
    log,
  );
  return {
    kind: 'prepared-postgres-dump',
    options,
    compression,
    level,
    extraArgs,
    user,
    credentials,
    tunnelHost,
    tunnelPort,
    pgDumpallVersion,
    compressorVersion,
    prepareSeconds: Math.round(Date.now() - started) / 1000,
  };
}

/**
 * One round trip: the tools, their versions, and (docker) the container's environment and
 * pg_dumpall version, which also says whether the container exists and runs.
 */
async function checkDumpTools(
  remote: RemoteHost,
  compression: Compression,
  target: ExecTarget,
): Promise<{ preflight: Preflight; compressorVersion: string | null }> {
  const where = remote.description;
  const compressor = compressorTool(compression);
  const { stdout: probeText } = await remote.exec(
    preflightScript({
      tools: [
        target.kind === 'docker' ? 'docker' : 'pg_dumpall',
        ...(compressor ? [compressor] : []),
        ...DUMP_TOOLS,
      ],
      versions: [
        ...(compressor ? [[compressor, '--version']] : []),
        ...(target.kind === 'host' ? [['pg_dumpall', '--version']] : []),
      ],
      target,
    }),
    { description: 'check the tools on the host and the PostgreSQL container' },
  );
  const preflight = parsePreflight(probeText);
  if (preflight.missing.length > 0) {
    const messages = preflight.missing.map((tool) =>
      tool === compressor
        ? `${tool} not found on host ${where}: install it or set compression: ${compression === 'zstd' ? 'gzip' : 'none'}`
        : tool === 'docker'
          ? `docker not found on host ${where}: install it, or set exec: host if PostgreSQL runs on the host`
          : `${tool} not found on host ${where}: install it`,
    );
    throw new ConfigurationError(messages);
  }
  const compressorVersion = compressor ? (preflight.versions[compressor] ?? null) : null;

  return { preflight, compressorVersion };
}

/** Who we are and where the server listens: the container's own environment, as the reference runbook read it. */
async function connectionOf(
  remote: RemoteHost,
  options: PostgresDumpOptions,
  preflight: Preflight,
  log: Log,
): Promise<
  Pick<PreparedPostgresDump, 'user' | 'credentials' | 'tunnelHost' | 'tunnelPort' | 'pgDumpallVersion'>
> {
  const target = options.target;
  const where = remote.description;
  let user = options.user ?? null;
  let password = options.password ?? null;
  let tunnelHost = options.host ?? '127.0.0.1';
  let tunnelPort = options.port ?? 5432;
  let pgDumpallVersion = preflight.versions['pg_dumpall'] ?? '';
  if (target.kind === 'docker') {
    const container = preflight.container;
    if (!container?.ok) {
      const said = container && !container.ok ? container.message : 'no answer from docker exec';
      throw containerProblem(target.container, where, said);
    }
    const env = container.env;
    if (env.password) log.setSecret(env.password);
    pgDumpallVersion = container.pgDumpallVersion;
    user ??= env.user;
    password = env.password;
    if (!options.host) {
      const address = env.host && !env.host.startsWith('/') ? env.host.split(',')[0]! : null;
      tunnelHost = address ?? (await containerAddress(remote, target.container)) ?? '';
      if (!tunnelHost) {
        throw new OperationError(
          `PostgreSQL: cannot tell where container ${target.container} listens (no PGHOST in its environment, no IP from docker inspect).`,
          {
            hint: `Set ${settingRef('postgres-host')} and ${settingRef('postgres-port')} to where PostgreSQL is reachable from the host.`,
          },
        );
      }
    }
    if (!options.port) tunnelPort = env.port ?? 5432;
  } else if (password) {
    log.setSecret(password);
  }
  user ??= 'postgres';
  const credentials: Credentials = { user, password };
  if (!/pg_dumpall/.test(pgDumpallVersion)) {
    throw new OperationError(
      `pg_dumpall does not run in ${target.kind === 'docker' ? `container ${target.container}` : 'the host'} on ${where} (its --version printed ${JSON.stringify(pgDumpallVersion)}).`,
    );
  }

  return { user, credentials, tunnelHost, tunnelPort, pgDumpallVersion };
}
