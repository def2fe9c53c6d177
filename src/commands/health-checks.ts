/**
 * The health checks, each reading one part of the deployment through the SSH session and judging
 * it with the pure functions of src/shared/health. A part that cannot be read is a failed finding,
 * not an exception: the other parts are still checked and reported.
 */
import { errorMessage, OperationError } from '../shared/errors.js';
import { backupsDiskScript, judgeBackupsDisk, parseBackupsDisk } from '../shared/health/backups-disk.js';
import type { Finding, HealthArea } from '../shared/health/findings.js';
import {
  EXPLAINED_SHARDS,
  judgeClusterHealth,
  judgeNodeDisks,
  judgePathRepo,
  nodeDisks,
} from '../shared/health/opensearch.js';
import { collationMismatches, judgePostgres } from '../shared/health/postgres.js';
import { effectiveWatermarks } from '../shared/health/watermarks.js';
// The room's modules, not its index: the index loads the OpenSearch client, which a run without
// OpenSearch never needs (openOpenSearch loads it).
import {
  readClusterHealth,
  readClusterSettings,
  readDiskAllocation,
  readPathRepo,
  readRepository,
  readUnassignedShards,
} from '../shared/opensearch/cluster.js';
import type { OpenSearchConnection } from '../shared/opensearch/index.js';
import { ensureRepository } from '../shared/opensearch/repository.js';
import { preparePostgresDump, readCollations, refreshCollations } from '../shared/postgres/index.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';
import { backupsRoot } from '../shared/snapshot/index.js';
import { layoutOf, openOpenSearch, osLog, postgresTarget } from './host.js';

function unreadable(area: HealthArea, check: string, error: unknown, blocking: boolean): Finding {
  const hint = error instanceof OperationError ? error.hint : undefined;
  return {
    area,
    check,
    status: 'fail',
    ...(blocking ? { blocking } : {}),
    summary: errorMessage(error),
    ...(hint ? { fix: hint } : {}),
  };
}

/** Cluster health with the unassigned shards explained, and disk use per node against the watermarks. */
export async function checkCluster(connection: OpenSearchConnection): Promise<Finding[]> {
  const { client } = connection;
  const [health, clusterSettings, allocation] = await Promise.all([
    readClusterHealth(client),
    readClusterSettings(client),
    readDiskAllocation(client),
  ]);
  const unassigned =
    (health.unassigned_shards ?? 0) > 0 ? await readUnassignedShards(client, EXPLAINED_SHARDS) : [];
  return [
    ...judgeClusterHealth(health, unassigned),
    ...judgeNodeDisks(nodeDisks(allocation), effectiveWatermarks(clusterSettings)),
  ];
}

/** path.repo on every node, and the repository's _verify when it is registered. */
export async function checkRepository(
  connection: OpenSearchConnection,
  settings: Settings,
  log: Log,
): Promise<Finding[]> {
  const { client } = connection;
  const repository = settings['snapshot-repository'];
  const registered = await readRepository(client, repository);
  const location =
    registered?.type === 'fs' && registered.location ? registered.location : settings['snapshot-location'];
  const findings = judgePathRepo(await readPathRepo(client), location);
  const check = `repository ${repository}`;
  if (!registered) {
    findings.push({
      area: 'opensearch',
      check,
      status: 'warn',
      summary: `not registered; the next backup registers it (fs, ${settings['snapshot-location']})`,
    });
    return findings;
  }
  try {
    const state = await ensureRepository(client, { repository, location, register: false }, osLog(log));
    findings.push({
      area: 'opensearch',
      check,
      status: 'ok',
      summary: `${state.type} at ${state.location}: _verify passed on ${state.verifiedNodes.length} node(s) (${state.verifiedNodes.join(', ')})`,
    });
  } catch (error) {
    findings.push(unreadable('opensearch', check, error, false));
  }
  return findings;
}

/** The OpenSearch checks; an unreachable cluster is one failed, blocking finding. */
export async function checkOpenSearch(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  options: { repository: boolean },
): Promise<Finding[]> {
  let connection: OpenSearchConnection;
  try {
    connection = await openOpenSearch(remote, settings, log);
  } catch (error) {
    return [unreadable('opensearch', 'reach OpenSearch', error, true)];
  }
  try {
    const findings = await checkCluster(connection);
    if (options.repository) findings.push(...(await checkRepository(connection, settings, log)));
    return findings;
  } catch (error) {
    return [unreadable('opensearch', `reach OpenSearch at ${connection.endpoint}`, error, true)];
  } finally {
    await connection.close();
  }
}

/** Server version and collation versions; with refresh-collation, the refresh of each mismatch. */
export async function checkPostgres(remote: RemoteHost, settings: Settings, log: Log): Promise<Finding[]> {
  try {
    // The same checks a dump starts with: the container, its credentials, where it listens.
    const prepared = await preparePostgresDump(
      remote,
      {
        target: postgresTarget(settings),
        ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
        ...(settings.exec === 'host'
          ? { host: settings['postgres-host'], port: settings['postgres-port'] }
          : {}),
        compression: 'none',
      },
      log,
    );
    const where = `${prepared.tunnelHost}:${prepared.tunnelPort} (via ${remote.description})`;
    const tunnel = await remote.forward(prepared.tunnelHost, prepared.tunnelPort);
    try {
      let facts = await readCollations(tunnel, prepared.credentials, where);
      let refreshed: string[] = [];
      const refreshable = collationMismatches(facts.databases).filter((db) => db.actual !== null);
      if (settings['refresh-collation'] && refreshable.length > 0) {
        log.info(
          `PostgreSQL: refreshing the collation version of ${refreshable.map((db) => db.database).join(', ')}`,
        );
        refreshed = await refreshCollations(
          tunnel,
          prepared.credentials,
          refreshable.map((db) => db.database),
        );
        facts = await readCollations(tunnel, prepared.credentials, where);
      }
      return judgePostgres({ ...facts, refreshed });
    } finally {
      await tunnel.close();
    }
  } catch (error) {
    return [unreadable('postgres', 'reach PostgreSQL', error, false)];
  }
}

/** Free space in the backups directory against the last complete snapshot's size. */
export async function checkBackupsDisk(remote: RemoteHost, settings: Settings): Promise<Finding[]> {
  const root = backupsRoot(layoutOf(settings));
  try {
    const { stdout } = await remote.exec(backupsDiskScript(root), {
      description: `measure the free space of ${root}`,
      timeoutMs: 120_000,
    });
    return [judgeBackupsDisk(parseBackupsDisk(root, stdout), remote.description)];
  } catch (error) {
    return [unreadable('backups', 'backups disk', error, true)];
  }
}
