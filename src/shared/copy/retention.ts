import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { deleteSnapshots } from '../snapshot/catalog.js';
import { backupsListingScript, parseSnapshotListing } from '../snapshot/listing.js';
import type { HostLock } from '../snapshot/lock.js';
import { chooseRetained, type RetentionPolicy } from '../snapshot/retention.js';
import { type CopyPaths, staleCopiesScript } from './scripts.js';

/**
 * Prunes the copies by the production host's policy, with the same pure choice. A dated directory
 * on the copy host exists only once its copy verified (it is sealed from `.partial` after the
 * check), so a directory with a manifest counts as verified, as on the production host. The copy
 * just made is never deleted. Interrupted copies of older snapshots are removed.
 */
export async function applyCopyRetention(
  target: RemoteHost,
  paths: CopyPaths,
  policy: RetentionPolicy,
  lock: HostLock,
  runId: string,
  log: Log,
): Promise<string[]> {
  const { stdout } = await target.exec(backupsListingScript(paths.root));
  const snapshots = parseSnapshotListing(stdout.split('\n'));
  const plan = chooseRetained(snapshots, policy);
  const deleted = plan.delete.map((d) => d.date).filter((date) => date !== paths.label);
  if (deleted.length > 0) {
    log.info(`Copy retention: removing ${deleted.join(', ')} from ${target.description}:${paths.root}`);
    await deleteSnapshots(
      target,
      { deployDir: '', backupsDir: paths.root, timezone: 'UTC' },
      lock,
      runId,
      deleted,
    );
  }
  await target.exec(staleCopiesScript(paths));
  return [`Copy retention: kept ${snapshots.length - deleted.length}, deleted ${deleted.length} copy(ies).`];
}
