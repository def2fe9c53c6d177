import { posix } from 'node:path';
import { restoreDrill, verifyOpenSearchSnapshot } from '../shared/opensearch/index.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import { plural } from '../shared/report/summary.js';
import type { Settings } from '../shared/settings/index.js';
import {
  backupsRoot,
  type ComponentRecord,
  chooseSnapshot,
  listSnapshots,
  parseComponentDetails,
  readCatalog,
  verifySnapshot,
} from '../shared/snapshot/index.js';
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
    const swapped = await swappedAside(remote, settings, date);
    for (const line of swapped) log.warn(line);
    log.info(`Verifying ${path} on ${remote.description}`);
    const report = await verifySnapshot(remote, path);
    const problems = [...report.problems];
    const details: string[] = [...swapped];
    const opensearch = report.manifest?.components['opensearch'];
    if (opensearch && opensearch.verdict === 'passed') {
      const checked = await log.group('OpenSearch', () =>
        verifyOpenSearchComponent(remote, settings, log, opensearch),
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
        : report.verdict === 'incomplete' && report.failedComponents.length > 0
          ? `Snapshot ${date} is incomplete: ${report.failedComponents.join(', ')} failed when it was taken; the other components are kept.`
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
  recorded: ComponentRecord,
): Promise<{ problems: string[]; details: string[] }> {
  const parsed = parseComponentDetails('opensearch', recorded);
  if (!parsed.ok) return { problems: [`OpenSearch: ${parsed.problem}`], details: [] };
  const { snapshot, repository, indices } = parsed.details;
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

/**
 * A forced run moves the old snapshot aside as `.<name>.replaced-*` only for its two renames; one
 * found here means a run died in that window (or is in it now): say so, as the next run puts it back.
 */
async function swappedAside(remote: RemoteHost, settings: Settings, chosen: string): Promise<string[]> {
  const catalog = await readCatalog(remote, layoutOf(settings));
  return catalog.replaced.map((name) => {
    const of = name.slice(1).replace(/\.replaced-.*$/, '');
    const present = catalog.entries.some((e) => e.name === of);
    return present
      ? `${posix.join(catalog.root, name)} is an older copy of ${of}, left by a forced run that died after the swap; the next backup removes it.`
      : `${of} is missing: a forced run died while swapping it, and its old snapshot is at ${posix.join(catalog.root, name)}; the next backup puts it back${of === chosen ? '' : ` (this verified ${chosen} instead)`}.`;
  });
}
