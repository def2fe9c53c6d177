import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { errorMessage } from '../shared/errors.js';
import {
  applyOpenSearchRetention,
  type OpenSearchComponentResult,
  type OpenSearchConnection,
  snapshotName,
  snapshotOpenSearch,
  verifyOpenSearchSnapshot,
} from '../shared/opensearch/index.js';
import {
  dumpPostgres,
  type PostgresDumpOptions,
  type PreparedPostgresDump,
  preparePostgresDump,
} from '../shared/postgres/index.js';
import { type RemoteHost, writeStdinScript } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';
import {
  beginSnapshot,
  buildManifest,
  type CommittedSnapshot,
  type ComponentResult,
  type Manifest,
  type PartialSnapshot,
} from '../shared/snapshot/index.js';
import { VERSION } from '../version.js';
import { applyDiskRetention } from './disk-retention.js';
import {
  filesTable,
  formatBytes,
  layoutOf,
  openHost,
  openOpenSearch,
  osLog,
  postgresTarget,
} from './host.js';
import type { Command, CommandResult } from './types.js';

/**
 * The nightly backup, as the runbook should have been: lock the host, clean up after crashed runs,
 * keep today's snapshot if it exists and verifies, otherwise build a new one in a hidden directory
 * (PostgreSQL dump, then the OpenSearch snapshot), write the manifest last, rename it into place,
 * and only then prune old snapshots.
 */
export const backupCommand: Command = async ({ settings, log }) => {
  const remote = await openHost(settings, log);
  try {
    // The PostgreSQL checks (tools, container, credentials) run while the lock is taken: each is a
    // round trip, and neither needs the other. They decide nothing for a day that is reused.
    const preparing = settings.components.includes('postgres')
      ? preparePostgresDump(remote, postgresOptions(settings), log)
      : Promise.resolve(null);
    preparing.catch(() => {}); // Awaited below, or irrelevant when today's snapshot is kept.
    let begun = await beginSnapshot(remote, layoutOf(settings), log, { force: settings.force });
    if (begun.kind === 'existing') {
      // The files verify; a reused day must also hold every component asked for, and its
      // OpenSearch half lives in the repository, where it can vanish without the files noticing.
      const manifest = begun.report.manifest!;
      const why = await whyNotReusable(remote, settings, log, manifest);
      if (why === null) {
        await begun.release();
        log.info(
          `Today's snapshot ${begun.path} exists and verifies (${begun.report.filesChecked} files): kept.`,
        );
        return snapshotResult(begun.date, begun.path, manifest, true, [
          `Today's snapshot already existed and verified: nothing was redone (set force: true to replace it).`,
        ]);
      }
      log.warn(
        `Today's snapshot ${begun.path} cannot be reused: ${why} Taking it again; it is replaced only once the new one is complete.`,
      );
      await begun.release();
      begun = await beginSnapshot(remote, layoutOf(settings), log, { force: true });
      if (begun.kind === 'existing')
        throw new Error('beginSnapshot returned an existing snapshot despite force');
    }
    const components = await takeComponents(remote, begun, settings, log, preparing);
    const manifest = buildManifest({
      gatewayOpsVersion: VERSION,
      runId: begun.runId,
      host: remote.description,
      date: begun.date,
      timezone: settings.timezone,
      createdAt: begun.startedAt,
      completedAt: new Date(),
      components: components.results,
    });
    // Retention follows under the same lock, from the listing the commit made.
    const committed = await begun.commit(manifest, { keepLock: true });
    log.info(
      `Snapshot ${committed.path} is complete: ${manifest.files.length} files, manifest written last.`,
    );
    let pruned: string[];
    try {
      pruned = await prune(remote, settings, log, components.opensearch, committed);
    } finally {
      await committed.release();
    }
    const details = [
      ...(committed.replaced ? [`Replaced the previous snapshot of ${committed.date} (force).`] : []),
      ...pruned,
    ];
    return snapshotResult(committed.date, committed.path, manifest, false, details);
  } finally {
    await remote.close();
  }
};

interface Components {
  results: ComponentResult[];
  opensearch: OpenSearchConnection | null;
}

function postgresOptions(settings: Settings): PostgresDumpOptions {
  return {
    target: postgresTarget(settings),
    ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
    ...(settings.exec === 'host' ? { host: settings['postgres-host'], port: settings['postgres-port'] } : {}),
    extraArgs: settings['pg-dumpall-args'],
    compression: settings.compression,
    ...(settings['compression-level'] !== undefined ? { level: settings['compression-level'] } : {}),
  };
}

async function takeComponents(
  remote: RemoteHost,
  partial: PartialSnapshot,
  settings: Settings,
  log: Log,
  preparing: Promise<PreparedPostgresDump | null>,
): Promise<Components> {
  const results: ComponentResult[] = [];
  let opensearch: OpenSearchConnection | null = null;
  try {
    if (settings.components.includes('postgres')) {
      results.push(
        await log.group('PostgreSQL', () =>
          preparing.then((prepared) =>
            dumpPostgres(remote, partial, prepared ?? postgresOptions(settings), log),
          ),
        ),
      );
    }
    if (settings.components.includes('opensearch')) {
      const taken = await log.group('OpenSearch', () => takeOpenSearch(remote, partial, settings, log));
      opensearch = taken.connection;
      results.push(taken.result);
    }
    return { results, opensearch };
  } catch (error) {
    await opensearch?.close();
    await partial.abort();
    throw error;
  }
}

/** Null when today's verified snapshot answers this run; otherwise why not, in one sentence. */
async function whyNotReusable(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  manifest: Manifest,
): Promise<string | null> {
  const missing = settings.components.filter((c) => !(c in manifest.components));
  if (missing.length > 0)
    return `it has no ${missing.join(' or ')} component (components: ${settings.components.join(',')}).`;
  const recorded = manifest.components['opensearch'];
  if (!recorded || !settings.components.includes('opensearch')) return null;
  const snapshot = String(recorded.details['snapshot'] ?? '');
  const repository = String(recorded.details['repository'] ?? settings['snapshot-repository']);
  const indices = Object.keys((recorded.details['indices'] ?? {}) as Record<string, unknown>);
  const connection = await openOpenSearch(remote, settings, log);
  try {
    const verdict = await verifyOpenSearchSnapshot(connection.client, {
      repository,
      snapshot,
      expectedIndices: indices,
    });
    return verdict.ok
      ? null
      : `its OpenSearch snapshot ${snapshot} no longer verifies (${verdict.problems.join('; ')}).`;
  } catch (error) {
    return `its OpenSearch snapshot ${snapshot} cannot be checked (${errorMessage(error)}).`;
  } finally {
    await connection.close();
  }
}

async function takeOpenSearch(
  remote: RemoteHost,
  partial: PartialSnapshot,
  settings: Settings,
  log: Log,
): Promise<{ connection: OpenSearchConnection; result: ComponentResult }> {
  const connection = await openOpenSearch(remote, settings, log);
  try {
    const record: OpenSearchComponentResult = await snapshotOpenSearch(
      connection.client,
      {
        repository: settings['snapshot-repository'],
        location: settings['snapshot-location'],
        date: partial.date,
        namePattern: settings['snapshot-name-pattern'],
        indices: settings.indices,
        timeoutMs: settings['opensearch-timeout'],
      },
      osLog(log),
    );
    // The data stays in the (incremental) repository; the snapshot keeps its verified description.
    const text = `${JSON.stringify(record, null, 2)}\n`;
    const file = 'opensearch/snapshot.json';
    await remote.exec(writeStdinScript(posix.join(partial.path, file)), { stdin: text });
    const bytes = Buffer.from(text);
    return {
      connection,
      result: {
        name: 'opensearch',
        verdict: 'passed',
        durationMs: record.durationMs,
        details: {
          snapshot: record.snapshot,
          repository: record.repository,
          state: record.state,
          reused: record.reused,
          shards: record.shards,
          indices: record.indices,
          sizes: record.sizes,
        },
        files: [
          {
            path: file,
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            compression: 'none',
            component: 'opensearch',
          },
        ],
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Retention runs only after today's snapshot is complete, and never removes the newest good one. */
async function prune(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  opensearch: OpenSearchConnection | null,
  committed: CommittedSnapshot,
): Promise<string[]> {
  const date = committed.date;
  const policy = {
    keepDaily: settings['keep-daily'],
    keepWeekly: settings['keep-weekly'],
    keepMonthly: settings['keep-monthly'],
  };
  const lines: string[] = [];
  try {
    if (opensearch) {
      const result = await applyOpenSearchRetention(
        opensearch.client,
        {
          repository: settings['snapshot-repository'],
          namePattern: settings['snapshot-name-pattern'],
          policy,
          protect: [snapshotName(settings['snapshot-name-pattern'], date)],
        },
        osLog(log),
      );
      lines.push(
        `OpenSearch retention: kept ${result.kept.length}, deleted ${result.deleted.length} snapshot(s).`,
      );
    }
    const disk = await applyDiskRetention(
      remote,
      layoutOf(settings),
      policy,
      log,
      date,
      committed.lock ? { lock: committed.lock, snapshots: committed.snapshots } : undefined,
    );
    lines.push(`Disk retention: kept ${disk.kept.length}, deleted ${disk.deleted.length} snapshot(s).`);
  } catch (error) {
    // Today's snapshot is complete and safe; a failed prune is reported, and retried tomorrow.
    log.warn(`Retention failed (today's snapshot is complete and kept): ${errorMessage(error)}`);
    lines.push(`Retention failed: ${errorMessage(error)}`);
  } finally {
    await opensearch?.close();
  }
  return lines;
}

function snapshotResult(
  date: string,
  path: string,
  manifest: Manifest,
  reused: boolean,
  details: string[],
): CommandResult {
  const total = manifest.files.reduce((sum, file) => sum + file.size, 0);
  return {
    ok: true,
    headline: `Snapshot ${date}: ${Object.keys(manifest.components).join(' + ')}, ${manifest.files.length} files, ${formatBytes(total)}${reused ? ' (already taken today, verified and kept)' : ''}.`,
    details,
    table: filesTable(manifest),
    outputs: {
      'snapshot-date': date,
      'snapshot-path': path,
      manifest: JSON.stringify(manifest),
      reused: String(reused),
    },
  };
}
