import { errorMessage, OperationError } from '../shared/errors.js';
// The room's modules, not its index: the index loads the OpenSearch client (openOpenSearch does, when needed).
import { listSnapshots } from '../shared/opensearch/retention.js';
import { deleteSnapshot } from '../shared/opensearch/snapshot-status.js';
import { dateFromSnapshotName } from '../shared/opensearch/snapshot-verdict.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';
import { namePatternFor } from './components/opensearch.js';
import { openOpenSearch, osLog } from './host.js';
import type { SafetySnapshotTaker } from './restore-run.js';
import { takeSnapshot } from './take-snapshot.js';

/**
 * The safety snapshot is the backup's own snapshot run, under a `pre-restore-<UTC time>` label and
 * the restore's host lock, of the components about to be replaced. It runs no retention (it must
 * never prune the snapshot being restored). One failed component makes it no way back: the
 * restore does not start, and the OpenSearch snapshot it left in the repository is deleted.
 */
export const takeSafetySnapshot: SafetySnapshotTaker = async (remote, settings, log, options) => {
  const cleanUp = () =>
    options.components.includes('opensearch')
      ? discardOpenSearchHalf(remote, settings, log, options.label)
      : Promise.resolve('');
  let taken: Awaited<ReturnType<typeof takeSnapshot>>;
  try {
    taken = await takeSnapshot(remote, settings, log, {
      label: options.label,
      components: options.components,
      lock: options.lock,
      force: false,
      retention: false,
    });
  } catch (error) {
    const said = await cleanUp();
    if (said) log.info(said);
    throw error;
  }
  if (taken.failed.length > 0) {
    const said = await cleanUp();
    throw new OperationError(
      `the safety snapshot ${taken.path} is incomplete: its ${taken.failed.join(' and ')} component failed (its manifest says so, so it is never restored as if whole).${said ? ` ${said}` : ''}`,
      {
        hint: 'Fix the cause (see the log above), then run the restore again; remove that directory once it is of no use.',
      },
    );
  }
  log.info(`Safety snapshot ${taken.path}: ${Object.keys(taken.manifest.components).join(' + ')}, complete.`);
  return { path: taken.path };
};

/**
 * Deletes the OpenSearch snapshots named for this safety snapshot's label (taken, or begun when it
 * failed): a failed safety snapshot is no way back, so it must not hold space in the repository
 * nor be mistaken for one. Says what it did in one sentence; never throws (the failure is the news).
 */
async function discardOpenSearchHalf(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
  label: string,
): Promise<string> {
  const repository = settings['snapshot-repository'];
  const pattern = namePatternFor(settings['snapshot-name-pattern'], label);
  const found: string[] = [];
  let listed = false;
  try {
    const connection = await openOpenSearch(remote, settings, log);
    try {
      const snapshots = await listSnapshots(connection.client, repository);
      listed = true;
      for (const info of snapshots) {
        const name = info.snapshot ?? '';
        if (dateFromSnapshotName(pattern, name) === undefined) continue;
        found.push(name);
        await deleteSnapshot(connection.client, repository, name, osLog(log));
      }
    } finally {
      await connection.close();
    }
  } catch (error) {
    return listed
      ? `Its OpenSearch snapshot ${found.at(-1)} could not be deleted from the repository '${repository}' (${errorMessage(error)}): delete it through the _snapshot API.`
      : `The repository '${repository}' could not be searched for its OpenSearch snapshot (${errorMessage(error)}): delete any snapshot named ${pattern} through the _snapshot API.`;
  }
  return found.length
    ? `Its OpenSearch snapshot ${found.join(', ')} was deleted from the repository '${repository}'.`
    : '';
}
