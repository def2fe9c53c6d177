import { posix } from 'node:path';
import { errorMessage } from '../shared/errors.js';
import { whenInterrupted } from '../shared/interrupt.js';
// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).
import { makeRoomForRestore, restoreIndices } from '../shared/opensearch/restore-indices.js';
import {
  countRestoredRows,
  type PostgresRestoreOutcome,
  type PostgresTarget,
  restorePostgres,
} from '../shared/postgres/index.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import { proofTable, proveCounts, safetyComponents } from '../shared/restore/plan.js';
import {
  clearStoppedServices,
  noteStoppedServices,
  stoppedServicesPath,
} from '../shared/restore/stopped-services.js';
import { restoreWorkTemplate } from '../shared/restore/work-dir.js';
import type { ComponentName, Settings } from '../shared/settings/index.js';
import { backupsRoot, type HostLock } from '../shared/snapshot/index.js';
import { layoutOf, openOpenSearch, osLog } from './host.js';
import type { CheckedRestore } from './restore.js';
import { opensearchRecord, postgresRecord } from './restore.js';
import { composeServices, removeRestoreWorkDirs } from './restore-services.js';
import type { Steps } from './restore-steps.js';
import type { CommandResult } from './types.js';

/** Takes the safety snapshot of the target and returns its path; throws when it fails. */
export type SafetySnapshotTaker = (
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  options: { label: string; components: readonly ComponentName[]; lock: HostLock },
) => Promise<{ path: string }>;

/** A checked restore under the host lock, which the safety snapshot works under too. */
export type LockedRestore = CheckedRestore & { readonly lock: HostLock };

function failure(
  checked: CheckedRestore,
  safetyPath: string | null,
  message: string,
  details: string[],
  verdict: 'failed' | 'refused' = 'failed',
): CommandResult {
  return {
    ok: false,
    headline: message,
    details,
    outputs: {
      'snapshot-date': checked.snapshot.date,
      'safety-snapshot-path': safetyPath ?? '',
      verdict,
    },
  };
}

/** How to go back: restore the safety snapshot with the same settings. */
function wayBack(checked: CheckedRestore, safetyPath: string | null): string {
  if (!safetyPath)
    return checked.plan.safetySnapshotPath
      ? 'No safety snapshot was needed: the restore replaced no live index (every restored index was new to the cluster).'
      : 'No safety snapshot was taken (safety-snapshot: false).';
  return `The safety snapshot of the state before this restore is ${safetyPath}; restore it with: gateway-ops restore --snapshot-date ${posix.basename(safetyPath)} --confirm ${checked.hostname} (and the same settings otherwise).`;
}

/** Stops the services, streams the dump, starts the services again whatever happened. */
async function restorePostgresComponent(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  checked: CheckedRestore,
  target: PostgresTarget,
): Promise<PostgresRestoreOutcome> {
  const recorded = postgresRecord(checked.snapshot);
  const services = checked.plan.stopServices;
  // Written down first: a restore killed before its finally leaves the note for the next run.
  const note = stoppedServicesPath(backupsRoot(layoutOf(settings)));
  await noteStoppedServices(remote, note, {
    services,
    deployDir: settings['deploy-dir'],
    composeFile: settings['compose-file'],
    stoppedAt: new Date().toISOString(),
    snapshotDate: checked.snapshot.date,
  });
  const stream = new AbortController();
  let settled: () => void = () => {};
  const startedAgain = new Promise<void>((resolve) => {
    settled = resolve;
  });
  // Interrupted (SIGTERM, Ctrl-C): stop the stream on the host, then the finally below starts the services.
  const forget = whenInterrupted(async () => {
    stream.abort();
    await startedAgain;
  });
  try {
    await composeServices(remote, settings, 'stop', services);
    log.info(`Stopped ${services.length ? services.join(', ') : 'no services (stop-services: none)'}`);
    return await restorePostgres(
      remote,
      target,
      {
        dumpFile: posix.join(checked.snapshot.path, recorded.file!.path),
        compression: recorded.compression,
        workTemplate: restoreWorkTemplate(backupsRoot(layoutOf(settings))),
        keepRolePasswords: settings['keep-role-passwords'],
        recreate: recorded.databases.includes('postgres') ? ['postgres'] : [],
        plainBytes: recorded.plainBytes,
        stop: stream.signal,
      },
      log,
    );
  } finally {
    try {
      await composeServices(remote, settings, 'start', services);
      if (services.length) await clearStoppedServices(remote, note);
      if (services.length) log.info(`Started ${services.join(', ')} again`);
    } catch (error) {
      log.error(`Could not start ${services.join(', ')} again: ${errorMessage(error)}. Start them by hand.`);
    } finally {
      // The host's supervisor SIGKILLs a stopped stream before its trap can remove the work dir.
      if (stream.signal.aborted) await removeRestoreWorkDirs(remote, backupsRoot(layoutOf(settings)), log);
      forget();
      settled();
    }
  }
}

/** The safety snapshot's path (null when none is asked for), or the error that stopped it. */
async function takeSafety(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  checked: LockedRestore,
  steps: Steps,
  safety: SafetySnapshotTaker,
): Promise<string | null | Error> {
  const path = checked.plan.safetySnapshotPath;
  if (!path) return null;
  const components = safetyComponents(checked.plan);
  if (components.length === 0) {
    log.info('Safety snapshot: none needed: the restore replaces no live index.');
    return null;
  }
  try {
    const label = posix.basename(path);
    const taken = await steps.run('Safety snapshot', () =>
      safety(remote, settings, log, { label, components, lock: checked.lock }),
    );
    return taken.path;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Rows expected (the manifest's) and found after the restore, per database and table. */
interface PostgresProof {
  readonly expected: Record<string, Record<string, number>>;
  readonly found: Record<string, Record<string, number>>;
  readonly problems: string[];
}

type DocCounts = { expected: Record<string, number | null>; found: Record<string, number | null> };

/** Steps 2-5: safety snapshot, PostgreSQL, OpenSearch, proof. Returns the result; throws only for bugs. */
export async function executeRestore(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  checked: LockedRestore,
  steps: Steps,
  safety: SafetySnapshotTaker,
): Promise<CommandResult> {
  const safetyPath = await takeSafety(remote, settings, log, checked, steps, safety);
  if (safetyPath instanceof Error) {
    return failure(
      checked,
      null,
      'The safety snapshot failed: the restore did not start; nothing was changed.',
      [errorMessage(safetyPath), ...steps.lines()],
      'refused',
    );
  }
  // Interrupted from here on (SIGTERM, Ctrl-C): the way back is said before the CLI exits.
  const forget = whenInterrupted(async () => log.error(wayBack(checked, safetyPath)));
  try {
    return await restoreComponents(remote, settings, log, checked, steps, safetyPath);
  } finally {
    forget();
  }
}

/** Steps 3-5, once the safety snapshot (if any) is taken. */
async function restoreComponents(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  checked: LockedRestore,
  steps: Steps,
  safetyPath: string | null,
): Promise<CommandResult> {
  let rows: PostgresProof = { expected: {}, found: {}, problems: [] };
  if (checked.postgres) {
    const restored = await postgresStep(remote, settings, log, checked, checked.postgres, steps, safetyPath);
    if ('headline' in restored) return restored;
    rows = restored;
  }
  let docs: DocCounts = { expected: {}, found: {} };
  if (checked.components.includes('opensearch')) {
    try {
      docs = await steps.run('OpenSearch restore', () =>
        restoreOpenSearchComponent(remote, settings, log, checked),
      );
    } catch (error) {
      return failure(checked, safetyPath, `The OpenSearch restore failed: ${errorMessage(error)}`, [
        wayBack(checked, safetyPath),
        ...steps.lines(),
      ]);
    }
  }
  return provenResult(checked, safetyPath, steps, rows, docs);
}

/** The PostgreSQL restore and its row counts, or the failed result when the SQL stream failed. */
async function postgresStep(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  checked: CheckedRestore,
  target: PostgresTarget,
  steps: Steps,
  safetyPath: string | null,
): Promise<PostgresProof | CommandResult> {
  const outcome = await steps.run('PostgreSQL restore', () =>
    restorePostgresComponent(remote, settings, log, checked, target),
  );
  if (!outcome.verdict.ok) return postgresFailure(checked, safetyPath, outcome, steps);
  const recorded = postgresRecord(checked.snapshot);
  const counted = await steps.run('PostgreSQL counts', () =>
    countRestoredRows(remote, target, recorded.databases),
  );
  const extra = counted.databases.filter((d) => !recorded.databases.includes(d));
  return {
    expected: recorded.rowCounts,
    found: counted.counts,
    problems: extra.length ? [`databases not in the snapshot are still there: ${extra.join(', ')}`] : [],
  };
}

/** Step 5: every count against the manifest's; any difference fails the run. */
function provenResult(
  checked: CheckedRestore,
  safetyPath: string | null,
  steps: Steps,
  rows: PostgresProof,
  docs: DocCounts,
): CommandResult {
  const proof = proveCounts(rows.expected, rows.found, docs.expected, docs.found);
  const problems = [...rows.problems, ...proof.problems];
  const ok = problems.length === 0;
  return {
    ok,
    headline: ok
      ? `Restored ${checked.snapshot.date} onto ${checked.hostname}: every count as in the snapshot's manifest.`
      : `Restored ${checked.snapshot.date} onto ${checked.hostname}, but the proof failed: ${problems.length} difference(s).`,
    details: [
      ...problems,
      ...steps.lines(),
      ...(ok ? [] : [wayBack(checked, safetyPath)]),
      `Safety snapshot: ${safetyPath ?? 'none'}`,
    ],
    table: proofTable(proof.rows),
    outputs: {
      'snapshot-date': checked.snapshot.date,
      'safety-snapshot-path': safetyPath ?? '',
      verdict: ok ? 'restored' : 'failed',
    },
  };
}

function postgresFailure(
  checked: CheckedRestore,
  safetyPath: string | null,
  outcome: PostgresRestoreOutcome,
  steps: Steps,
): CommandResult {
  const v = outcome.verdict;
  const where = v.database
    ? ` in database ${v.database}${v.statement ? `, at the statement ${JSON.stringify(v.statement)}` : ''}`
    : '';
  const message = `The PostgreSQL restore failed${where}: ${v.problems.join('; ')}.`;
  return failure(
    checked,
    safetyPath,
    v.untouched
      ? `${message} Nothing was changed.`
      : `${message} The database${v.database ? ` ${v.database}` : 's'} may be half-restored.`,
    [message, wayBack(checked, safetyPath), 'The stopped services were started again.', ...steps.lines()],
  );
}

async function restoreOpenSearchComponent(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  checked: CheckedRestore,
) {
  const recorded = opensearchRecord(checked.snapshot);
  const connection = await openOpenSearch(remote, settings, log);
  try {
    await makeRoomForRestore(
      connection.client,
      checked.plan.indicesReplaced,
      settings['opensearch-existing'],
      osLog(log),
    );
    const found = await restoreIndices(
      connection.client,
      {
        repository: recorded.repository || settings['snapshot-repository'],
        snapshot: recorded.snapshot,
        indices: Object.keys(recorded.docs),
        existing: settings['opensearch-existing'],
        timeoutMs: settings['opensearch-timeout'],
      },
      osLog(log),
    );
    return { expected: recorded.docs, found };
  } finally {
    await connection.close();
  }
}
