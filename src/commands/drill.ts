import { posix } from 'node:path';
import { ConfigurationError, errorMessage } from '../shared/errors.js';
import { restoreDrill } from '../shared/opensearch/index.js';
import {
  countRestoredRows,
  discardDrill,
  inspectPostgresTarget,
  type PostgresTarget,
  restorePostgres,
} from '../shared/postgres/index.js';
import type { ExecTarget, RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import { checkPostgresVersion } from '../shared/restore/guards.js';
import { restoreLockStep } from '../shared/restore/lock.js';
import { componentsToRestore, proofTable, proveCounts } from '../shared/restore/plan.js';
import { drillWorkTemplate } from '../shared/restore/work-dir.js';
import { COMPONENTS } from '../shared/settings/definitions/common.js';
import type { Settings } from '../shared/settings/index.js';
import { backupsRoot, type HostLock, lockBackupsDir } from '../shared/snapshot/index.js';
import { preflight } from './health.js';
import { layoutOf, openHost, openOpenSearch, osLog, postgresTarget } from './host.js';
import { opensearchRecord, postgresRecord } from './restore.js';
import { type ChosenSnapshot, chooseRestorableSnapshot } from './restore-choose.js';
import { RestoreRefused, refusedOnFailure, Steps } from './restore-steps.js';
import type { Command, CommandResult } from './types.js';

const SCRATCH_DATABASES = ['postgres'];

/** The scratch cluster, from the drill-postgres-* settings; a missing one is a settings error. */
export function scratchTarget(settings: Settings): {
  target: ExecTarget;
  user?: string;
  host?: string;
  port?: number;
} {
  if (settings.exec === 'docker') {
    const container = settings['drill-postgres-container'];
    if (!container)
      throw new ConfigurationError(
        "Missing setting 'drill-postgres-container': the scratch PostgreSQL container a drill restores into (exec: docker).",
      );
    if (container === settings['postgres-container'])
      throw new ConfigurationError(
        `Invalid setting 'drill-postgres-container': expected a scratch container, found the source '${container}' (postgres-container).`,
      );
    return { target: { kind: 'docker', container } };
  }
  const port = settings['drill-postgres-port'];
  if (!port)
    throw new ConfigurationError(
      "Missing setting 'drill-postgres-port': the scratch PostgreSQL's port as seen from the SSH host (exec: host).",
    );
  const user = settings['drill-postgres-user'] ?? settings['postgres-user'];
  return { target: { kind: 'host' }, host: settings['drill-postgres-host'], port, ...(user ? { user } : {}) };
}

/** The drill's refusals: the scratch cluster must not be the source, and must be empty. */
export function whyNotScratch(
  scratch: { systemIdentifier: string; databases: readonly string[] },
  sourceId: string | null,
): string | null {
  if (sourceId !== null && scratch.systemIdentifier === sourceId) {
    return `drill refused: the scratch PostgreSQL is the source cluster (same system_identifier ${sourceId}). Point drill-postgres-* at a separate, empty cluster.`;
  }
  const others = scratch.databases.filter((d) => !SCRATCH_DATABASES.includes(d));
  if (others.length > 0) {
    return `drill refused: the scratch PostgreSQL holds databases other than postgres/template0/template1 (${others.join(', ')}): it is not a scratch cluster. Drop them or point drill-postgres-* elsewhere.`;
  }
  return null;
}

async function checkDrill(remote: RemoteHost, settings: Settings, log: Log) {
  const scratchSettings = scratchTarget(settings);
  const snapshot = await chooseRestorableSnapshot(remote, settings, log);
  const chosen = componentsToRestore(
    settings.components,
    Object.keys(snapshot.manifest.components),
    COMPONENTS,
  );
  if (chosen.refusal) throw new RestoreRefused(chosen.refusal.replace('restore refused', 'drill refused'));
  let scratch: PostgresTarget | null = null;
  if (chosen.components.includes('postgres')) {
    const recorded = postgresRecord(snapshot);
    // The source is only read: its system identifier tells it apart from the scratch cluster.
    const source = await inspectPostgresTarget(
      remote,
      {
        target: postgresTarget(settings),
        compression: recorded.compression,
        ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
        ...(settings.exec === 'host'
          ? { host: settings['postgres-host'], port: settings['postgres-port'] }
          : {}),
      },
      log,
    ).catch(() => null);
    scratch = await inspectPostgresTarget(
      remote,
      { ...scratchSettings, compression: recorded.compression },
      log,
    );
    const refusal =
      whyNotScratch(scratch, source?.systemIdentifier ?? null) ??
      checkPostgresVersion(recorded.serverVersion, scratch.serverVersionNum)?.message ??
      null;
    if (refusal) throw new RestoreRefused(refusal);
  }
  return { snapshot, components: chosen.components, scratch };
}

async function drillPostgres(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  snapshot: ChosenSnapshot,
  scratch: PostgresTarget,
) {
  const recorded = postgresRecord(snapshot);
  const outcome = await restorePostgres(
    remote,
    scratch,
    {
      dumpFile: posix.join(snapshot.path, recorded.file!.path),
      compression: recorded.compression,
      workTemplate: drillWorkTemplate(backupsRoot(layoutOf(settings))),
      keepRolePasswords: true,
      recreate: ['postgres'],
      plainBytes: recorded.plainBytes,
    },
    log,
  );
  try {
    if (!outcome.verdict.ok) {
      const v = outcome.verdict;
      return {
        problems: [
          `the drill's restore failed${v.database ? ` in database ${v.database}` : ''}: ${v.problems.join('; ')}${v.statement ? ` (statement ${JSON.stringify(v.statement)})` : ''}`,
        ],
        found: {},
      };
    }
    const counted = await countRestoredRows(remote, scratch, recorded.databases);
    return { problems: [], found: counted.counts };
  } finally {
    await discardDrill(remote, scratch, outcome.result.rolesBefore);
    log.info('Drill: the scratch cluster holds only postgres and the templates again.');
  }
}

async function drillOpenSearch(remote: RemoteHost, settings: Settings, log: Log, snapshot: ChosenSnapshot) {
  const recorded = opensearchRecord(snapshot);
  const connection = await openOpenSearch(remote, settings, log);
  try {
    const drill = await restoreDrill(
      connection.client,
      {
        repository: recorded.repository || settings['snapshot-repository'],
        snapshot: recorded.snapshot,
        expectedDocs: recorded.docs,
        prefix: settings['drill-index-prefix'],
        timeoutMs: settings['opensearch-timeout'],
      },
      osLog(log),
    );
    return {
      found: Object.fromEntries(drill.indices.map((i) => [i.index, i.actualDocs])),
      problems: drill.problems,
    };
  } finally {
    await connection.close();
  }
}

async function runDrill(settings: Settings, log: Log): Promise<CommandResult> {
  scratchTarget(settings); // A missing scratch target is a settings error: said before connecting.
  const remote = await openHost(settings, log);
  const steps = new Steps(log);
  let lock: HostLock | undefined;
  try {
    let checked: Awaited<ReturnType<typeof checkDrill>>;
    try {
      await steps.run('Pre-flight', () => refusedOnFailure('drill', () => preflight(remote, settings, log)));
      // Held until the drill is done with the snapshot: a backup's retention cannot remove it meanwhile.
      lock = await steps.run('Host lock', () =>
        refusedOnFailure('drill', () =>
          lockBackupsDir(remote, layoutOf(settings), restoreLockStep(layoutOf(settings), 'drill')),
        ),
      );
      checked = await steps.run('Choose and check', () => checkDrill(remote, settings, log));
    } catch (error) {
      if (!(error instanceof RestoreRefused)) throw error;
      return {
        ok: false,
        headline: 'Drill refused: nothing was changed.',
        details: [
          error.message,
          ...(error.hint && error.hint !== 'Nothing was changed.' ? [error.hint] : []),
        ],
        outputs: { 'snapshot-date': '', 'safety-snapshot-path': '', verdict: 'refused' },
      };
    }
    const { snapshot, scratch } = checked;
    const outputs = { 'snapshot-date': snapshot.date, 'safety-snapshot-path': '' };
    if (settings['dry-run']) {
      return {
        ok: true,
        headline: `Dry run: a drill of ${snapshot.date} (${checked.components.join(', ')}) into ${scratch?.where ?? 'OpenSearch only'}; nothing was changed.`,
        outputs: { ...outputs, verdict: 'planned' },
      };
    }
    const problems: string[] = [];
    let rows = {};
    if (scratch) {
      const pgDrill = await steps.run('PostgreSQL drill', () =>
        drillPostgres(remote, settings, log, snapshot, scratch),
      );
      problems.push(...pgDrill.problems);
      rows = pgDrill.found;
    }
    let docs: Record<string, number | null> = {};
    if (checked.components.includes('opensearch')) {
      const osDrill = await steps.run('OpenSearch drill', () =>
        drillOpenSearch(remote, settings, log, snapshot),
      );
      problems.push(...osDrill.problems);
      docs = osDrill.found;
    }
    const proof = proveCounts(
      scratch ? postgresRecord(snapshot).rowCounts : {},
      rows,
      checked.components.includes('opensearch') ? opensearchRecord(snapshot).docs : {},
      docs,
    );
    const all = [...new Set([...problems, ...proof.problems])];
    const ok = all.length === 0;
    return {
      ok,
      headline: ok
        ? `Drill of ${snapshot.date} passed: restored into scratch targets, every count as in the manifest, then discarded.`
        : `Drill of ${snapshot.date} FAILED: ${all.length} problem(s).`,
      details: [...all, ...steps.lines()],
      table: proofTable(proof.rows),
      outputs: { ...outputs, verdict: ok ? 'passed' : 'failed' },
    };
  } catch (error) {
    log.error(`drill failed: ${errorMessage(error)}`);
    throw error;
  } finally {
    await lock?.release();
    await remote.close();
  }
}

/** `drill` (the restore action's `mode: drill`): the restore into scratch targets, compared, discarded. */
export const drillCommand: Command = ({ settings, log }) => runDrill(settings, log);
