import { posix } from 'node:path';
// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).
import { verifyOpenSearchSnapshot } from '../shared/opensearch/snapshot-status.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';
import {
  backupsListingScript,
  backupsRoot,
  isSnapshotDate,
  type Manifest,
  parseBackupsListing,
  parseLeftoverName,
  verifySnapshot,
} from '../shared/snapshot/index.js';
import { layoutOf, openOpenSearch } from './host.js';
import { RestoreRefused } from './restore-steps.js';

export interface ChosenSnapshot {
  readonly date: string;
  readonly path: string;
  readonly manifest: Manifest;
  readonly filesChecked: number;
}

/** Components whose manifest record says they failed: such a day is not complete. */
export function failedComponents(manifest: Manifest): string[] {
  return Object.entries(manifest.components)
    .filter(([, record]) => (record.verdict as string) === 'failed')
    .map(([name]) => name);
}

/** Why this snapshot must not be restored (null: it verifies): the existing verify's checksums, file by file, then OpenSearch. */
async function whyNotRestorable(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  path: string,
): Promise<{ problem: string } | { snapshot: ChosenSnapshot }> {
  // Size and sha256 of every file: the manifest's sums are of bytes whose streams were decoded when
  // written (the backup's check), so a second full decode would prove nothing a matching sum does not.
  const report = await verifySnapshot(remote, path, { streamTests: false });
  if (report.verdict !== 'good' || !report.manifest)
    return { problem: `${path} is ${report.verdict}: ${report.problems.slice(0, 3).join('; ')}` };
  const manifest = report.manifest;
  const failed = failedComponents(manifest);
  if (failed.length > 0)
    return {
      problem: `${path} is not complete: its ${failed.join(' and ')} component failed when it was taken`,
    };
  const opensearch = manifest.components['opensearch'];
  if (opensearch && settings.components.includes('opensearch')) {
    const recorded = opensearch.details;
    const connection = await openOpenSearch(remote, settings, log);
    try {
      const verdict = await verifyOpenSearchSnapshot(connection.client, {
        repository: String(recorded['repository'] ?? settings['snapshot-repository']),
        snapshot: String(recorded['snapshot'] ?? ''),
        expectedIndices: Object.keys((recorded['indices'] ?? {}) as Record<string, unknown>),
      });
      if (!verdict.ok) return { problem: `${path}: its OpenSearch snapshot ${verdict.problems.join('; ')}` };
    } finally {
      await connection.close();
    }
  }
  const date = posix.basename(path);
  return { snapshot: { date, path, manifest, filesChecked: report.filesChecked } };
}

/**
 * `latest`: the newest complete snapshot whose verify passes (older ones are tried in turn, each
 * skip said); a date: that snapshot, which must verify. Never a `.partial` one, never a safety snapshot.
 */
export async function chooseRestorableSnapshot(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
): Promise<ChosenSnapshot> {
  const root = backupsRoot(layoutOf(settings));
  const { stdout } = await remote.exec(backupsListingScript(root), {
    description: `list the snapshots in ${root}`,
  });
  const names = parseBackupsListing(stdout.split('\n')).map((entry) => entry.name);
  const dates = names.filter(isSnapshotDate).sort().reverse();
  const wanted = settings['snapshot-date'];
  const where = `${root} on ${remote.description}`;
  if (wanted !== 'latest') {
    // A date, or a restore's safety snapshot (the way back from a restore that went wrong).
    if (!names.includes(wanted)) {
      const partial = names.some((name) => parseLeftoverName(name)?.date === wanted);
      throw new RestoreRefused(
        partial
          ? `restore refused by snapshot-date: the snapshot ${wanted} in ${where} is incomplete (only a .partial work directory exists): it cannot be restored.`
          : `restore refused by snapshot-date: no snapshot ${wanted} in ${where}. Found: ${dates.slice(0, 10).join(', ') || 'none'}.`,
        { hint: 'Set snapshot-date to one of the snapshots found, or latest. Nothing was changed.' },
      );
    }
    const checked = await whyNotRestorable(remote, settings, log, posix.join(root, wanted));
    if ('problem' in checked)
      throw new RestoreRefused(`restore refused: snapshot ${checked.problem}.`, {
        hint: 'Choose another snapshot-date (or latest). Nothing was changed.',
      });
    return checked.snapshot;
  }
  const skipped: string[] = [];
  for (const date of dates) {
    const checked = await whyNotRestorable(remote, settings, log, posix.join(root, date));
    if ('snapshot' in checked) {
      if (skipped.length > 0) log.warn(`Newer snapshots skipped: ${skipped.join('; ')}`);
      return checked.snapshot;
    }
    log.warn(`Skipping snapshot ${date}: ${checked.problem}`);
    skipped.push(checked.problem);
  }
  throw new RestoreRefused(
    `restore refused: no complete snapshot that verifies in ${where}${skipped.length ? ` (${skipped.join('; ')})` : ''}.`,
    { hint: 'Nothing was changed.' },
  );
}
