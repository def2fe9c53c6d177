import { posix } from 'node:path';
import { restoreDrill, verifyOpenSearchSnapshot } from '../shared/opensearch/index.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import { plural } from '../shared/report/summary.js';
import type { Settings } from '../shared/settings/index.js';
import { backupsRoot, chooseSnapshot, listSnapshots, verifySnapshot } from '../shared/snapshot/index.js';
import { formatBytes } from '../shared/text.js';
import { filesTable, layoutOf, openHost, openOpenSearch, osLog } from './host.js';
import type { Command } from './types.js';

/**
 * `verify` (the backup action's `mode: verify`): re-reads a snapshot on the host (the latest, or
 * `snapshot-date`) and checks every file against its manifest, then its OpenSearch snapshot.
 */
export const verifyCommand: Command = async ({ settings, log }) => {
  const remote = await openHost(settings, log);
  try {
    const root = backupsRoot(layoutOf(settings));
    const date = chooseSnapshot(
      await listSnapshots(remote, layoutOf(settings)),
      settings['snapshot-date'],
      `${root} on ${remote.description}`,
    );
    const path = posix.join(root, date);
    log.info(`Verifying ${path} on ${remote.description}`);
    const report = await verifySnapshot(remote, path);
    const problems = [...report.problems];
    const details: string[] = [];
    const opensearch = report.manifest?.components['opensearch'];
    if (opensearch) {
      const checked = await log.group('OpenSearch', () =>
        verifyOpenSearchComponent(remote, settings, log, opensearch.details),
      );
      problems.push(...checked.problems);
      details.push(...checked.details);
    }
    const ok = report.verdict === 'good' && problems.length === 0;
    const verdict = ok ? 'good' : report.verdict === 'good' ? 'bad' : report.verdict;
    return {
      ok,
      headline: ok
        ? `Snapshot ${date} verified: ${plural(report.filesChecked, 'file')}, ${formatBytes(report.bytesChecked)}, every size and sha256 as in the manifest${opensearch ? '; OpenSearch snapshot checked' : ''}.`
        : `Snapshot ${date} is ${verdict}.`,
      details: [...problems, ...details],
      outputs: {
        'snapshot-date': date,
        'snapshot-path': path,
        ...(report.manifest ? { manifest: JSON.stringify(report.manifest) } : {}),
      },
      ...(report.manifest ? { table: filesTable(report.manifest) } : {}),
      stdout: {
        text: `${path} ${verdict}\n`,
        json: { ok, 'snapshot-date': date, 'snapshot-path': path, verdict, problems },
      },
    };
  } finally {
    await remote.close();
  }
};

/**
 * The OpenSearch part of a snapshot lives in the repository: judge it again from the snapshot
 * itself, then (restore-drill) restore it under new names and compare counts with the manifest.
 */
async function verifyOpenSearchComponent(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  recorded: Record<string, unknown>,
): Promise<{ problems: string[]; details: string[] }> {
  const snapshot = String(recorded['snapshot'] ?? '');
  const repository = String(recorded['repository'] ?? settings['snapshot-repository']);
  const indices = (recorded['indices'] ?? {}) as Record<string, { docs: number | null }>;
  const connection = await openOpenSearch(remote, settings, log);
  try {
    const verdict = await verifyOpenSearchSnapshot(connection.client, {
      repository,
      snapshot,
      expectedIndices: Object.keys(indices),
    });
    if (!verdict.ok) return { problems: verdict.problems.map((p) => `OpenSearch: ${p}`), details: [] };
    const details = [
      `OpenSearch snapshot ${snapshot}: ${verdict.state}, ${verdict.shards.successful}/${verdict.shards.total} shards.`,
    ];
    if (!settings['restore-drill']) return { problems: [], details };
    const drill = await restoreDrill(
      connection.client,
      {
        repository,
        snapshot,
        expectedDocs: Object.fromEntries(
          Object.entries(indices).map(([name, record]) => [name, record.docs]),
        ),
      },
      osLog(log),
    );
    if (!drill.ok) return { problems: drill.problems.map((p) => `OpenSearch restore drill: ${p}`), details };
    details.push(
      `Restore drill: ${plural(drill.indices.length, 'index', 'indices')} restored under new names, document counts as in the manifest, then deleted.`,
    );
    return { problems: [], details };
  } finally {
    await connection.close();
  }
}
