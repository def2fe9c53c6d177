import { posix } from 'node:path';
import { errorMessage } from '../shared/errors.js';
// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).
import { liveIndices, restorableIndices, whyCannotClose } from '../shared/opensearch/restore-indices.js';
import { inspectPostgresTarget, type PostgresTarget } from '../shared/postgres/index.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import { checkGuards, checkPostgresVersion, preRestoreLabel } from '../shared/restore/guards.js';
import { restoreLockStep } from '../shared/restore/lock.js';
import {
  buildPlan,
  componentsToRestore,
  planLines,
  type RestoreComponent,
  type RestorePlan,
} from '../shared/restore/plan.js';
import { COMPONENTS } from '../shared/settings/definitions/common.js';
import type { Settings } from '../shared/settings/index.js';
import { backupsRoot, type Compression, type HostLock, lockBackupsDir } from '../shared/snapshot/index.js';
import { preflight } from './health.js';
import { layoutOf, openHost, openOpenSearch, postgresTarget } from './host.js';
import { type ChosenSnapshot, chooseRestorableSnapshot } from './restore-choose.js';
import { executeRestore, type SafetySnapshotTaker } from './restore-run.js';
import { recoverInterruptedRestore } from './restore-services.js';
import { RestoreRefused, refusedOnFailure, Steps } from './restore-steps.js';
import { takeSafetySnapshot } from './safety-snapshot.js';
import type { Command, CommandResult } from './types.js';

/** What the checks found, everything the restore needs to run. */
export interface CheckedRestore {
  readonly snapshot: ChosenSnapshot;
  readonly components: RestoreComponent[];
  readonly hostname: string;
  readonly postgres: PostgresTarget | null;
  readonly plan: RestorePlan;
}

const TEMPLATES = ['template0', 'template1'];

export function postgresRecord(snapshot: ChosenSnapshot) {
  const record = snapshot.manifest.components['postgres'];
  const details = (record?.details ?? {}) as Record<string, unknown>;
  const file = snapshot.manifest.files.find((f) => f.component === 'postgres');
  return {
    file,
    compression: (file?.compression ?? 'zstd') as Compression,
    serverVersion: String(details['serverVersion'] ?? ''),
    databases: ((details['databases'] ?? []) as string[]).filter((d) => !TEMPLATES.includes(d)),
    // template1's tables are not counted after a restore (the counts skip templates): neither here.
    rowCounts: Object.fromEntries(
      Object.entries((details['rowCounts'] ?? {}) as Record<string, Record<string, number>>).filter(
        ([database]) => !TEMPLATES.includes(database),
      ),
    ),
    plainBytes: typeof details['plainBytes'] === 'number' ? (details['plainBytes'] as number) : null,
  };
}

export function opensearchRecord(snapshot: ChosenSnapshot) {
  const details = (snapshot.manifest.components['opensearch']?.details ?? {}) as Record<string, unknown>;
  const indices = (details['indices'] ?? {}) as Record<string, { docs: number | null }>;
  return {
    snapshot: String(details['snapshot'] ?? ''),
    repository: String(details['repository'] ?? ''),
    docs: Object.fromEntries(
      restorableIndices(Object.keys(indices)).map((name) => [name, indices[name]?.docs ?? null]),
    ) as Record<string, number | null>,
  };
}

/** Reads the PostgreSQL target (read-only); settled, never rejected, so it can run alongside the verify. */
function inspectTarget(remote: RemoteHost, settings: Settings, log: Log) {
  if (!settings.components.includes('postgres')) return Promise.resolve(null);
  return inspectPostgresTarget(
    remote,
    {
      target: postgresTarget(settings),
      // The snapshot's decompressor is checked by its verify (every file's tool), before this is used.
      compression: 'none',
      ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
      ...(settings.exec === 'host'
        ? { host: settings['postgres-host'], port: settings['postgres-port'] }
        : {}),
      ...(settings.exec === 'host' && settings['postgres-password']
        ? { password: settings['postgres-password'] }
        : {}),
    },
    log,
  ).then(
    (target) => ({ target }),
    (error: unknown) => ({ error }),
  );
}

/** Step 1, read-only: the snapshot, full verify, the target's version, the guards, the plan. */
async function checkRestore(remote: RemoteHost, settings: Settings, log: Log): Promise<CheckedRestore> {
  // The target is read while the snapshot's files are hashed: round trips hidden behind the checksum.
  const inspecting = inspectTarget(remote, settings, log);
  const naming = remote.run(['hostname'], { description: 'hostname' }).then(
    (output) => ({ hostname: output.stdout.trim() }),
    (error: unknown) => ({ error }),
  );
  const snapshot = await chooseRestorableSnapshot(remote, settings, log).finally(() =>
    Promise.all([inspecting, naming]),
  );
  const chosen = componentsToRestore(
    settings.components,
    Object.keys(snapshot.manifest.components),
    COMPONENTS,
  );
  if (chosen.refusal) throw new RestoreRefused(chosen.refusal, { hint: 'Nothing was changed.' });
  const components = chosen.components;
  const named = await naming;
  if ('error' in named) throw named.error;
  const hostname = named.hostname;
  const recorded = postgresRecord(snapshot);
  let postgres: PostgresTarget | null = null;
  if (components.includes('postgres')) {
    const inspected = await inspecting;
    if (!inspected) throw new Error('bug: the PostgreSQL target was not inspected');
    if ('error' in inspected) throw inspected.error;
    postgres = inspected.target;
    const version = checkPostgresVersion(recorded.serverVersion, postgres.serverVersionNum);
    if (version) throw new RestoreRefused(version.message, { hint: 'Nothing was changed.' });
  }
  const refusal = checkGuards({
    hostname,
    confirm: settings.confirm,
    allowedHosts: settings['restore-allowed-hosts'],
    productionHosts: settings['production-hosts'],
    allowProduction: settings['allow-production'],
  });
  if (refusal) throw new RestoreRefused(refusal.message, { hint: 'Nothing was changed.' });
  const indices = components.includes('opensearch') ? Object.keys(opensearchRecord(snapshot).docs) : [];
  const live = indices.length > 0 ? await checkOpenSearchTarget(remote, settings, log, indices) : [];
  const stopServices = settings['stop-services'].filter((s) => s !== 'none');
  const root = backupsRoot(layoutOf(settings));
  const plan = buildPlan({
    target: hostname,
    snapshotDate: snapshot.date,
    snapshotPath: snapshot.path,
    components,
    snapshotDatabases: recorded.databases,
    targetDatabases: postgres?.databases ?? [],
    snapshotIndices: indices,
    targetIndices: live,
    opensearchExisting: settings['opensearch-existing'],
    stopServices,
    safetySnapshotPath: settings['safety-snapshot'] ? posix.join(root, preRestoreLabel(new Date())) : null,
  });
  return { snapshot, components, hostname, postgres, plan };
}

/** The live indices the restore replaces; refused now when they would have to be closed and cannot be. */
async function checkOpenSearchTarget(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  indices: readonly string[],
): Promise<string[]> {
  const connection = await openOpenSearch(remote, settings, log);
  try {
    const live = await liveIndices(connection.client, indices);
    if (live.length > 0 && settings['opensearch-existing'] === 'close') {
      const why = await whyCannotClose(connection.client);
      if (why) {
        throw new RestoreRefused(
          `restore refused: the live indices ${live.join(', ')} must be closed first, but ${why}. Set opensearch-existing: delete, or allow closing indices.`,
          { hint: 'Nothing was changed.' },
        );
      }
    }
    return live;
  } finally {
    await connection.close();
  }
}

function refusedResult(error: RestoreRefused, steps: Steps, snapshotDate = ''): CommandResult {
  const hint = error.hint && error.hint !== 'Nothing was changed.' ? [error.hint] : [];
  return {
    ok: false,
    headline: `Restore refused: nothing was changed.`,
    details: [error.message, ...hint, ...steps.lines()],
    outputs: { 'snapshot-date': snapshotDate, 'safety-snapshot-path': '', verdict: 'refused' },
  };
}

export async function runRestore(
  settings: Settings,
  log: Log,
  safety: SafetySnapshotTaker,
): Promise<CommandResult> {
  const remote = await openHost(settings, log);
  const steps = new Steps(log);
  let lock: HostLock | undefined;
  try {
    let checked: CheckedRestore;
    try {
      await steps.run('Pre-flight', () =>
        refusedOnFailure('restore', () => preflight(remote, settings, log)),
      );
      // Held until the services are started again: no backup runs (or prunes) while a restore does.
      lock = await steps.run('Host lock', () =>
        refusedOnFailure('restore', () =>
          lockBackupsDir(remote, layoutOf(settings), restoreLockStep(layoutOf(settings), 'restore')),
        ),
      );
      // Under the lock: a note (or a work dir) left here is an interrupted run's, not a live one's.
      await recoverInterruptedRestore(remote, settings, log);
      checked = await steps.run('Choose and check', () => checkRestore(remote, settings, log));
    } catch (error) {
      if (error instanceof RestoreRefused) return refusedResult(error, steps);
      throw error;
    }
    const lines = planLines(checked.plan);
    for (const line of lines) log.info(`Plan: ${line}`);
    if (settings['dry-run']) {
      return {
        ok: true,
        headline: `Dry run: the restore of ${checked.snapshot.date} onto ${checked.hostname} was planned; nothing was changed.`,
        details: lines,
        outputs: {
          'snapshot-date': checked.snapshot.date,
          'safety-snapshot-path': checked.plan.safetySnapshotPath ?? '',
          verdict: 'planned',
        },
      };
    }
    return await executeRestore(remote, settings, log, { ...checked, lock }, steps, safety);
  } catch (error) {
    log.error(`restore failed: ${errorMessage(error)}`);
    throw error;
  } finally {
    await lock?.release();
    await remote.close();
  }
}

/**
 * `restore` (the restore action's default mode): a guarded restore of a chosen snapshot onto the
 * host, a safety snapshot first, and the proof afterwards.
 */
export const restoreCommand: Command = ({ settings, log }) => runRestore(settings, log, takeSafetySnapshot);
