import { posix } from 'node:path';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { deleteSnapshots } from './catalog.js';
import { backupsRoot, LOCK_FILE, type SnapshotLayout } from './layout.js';
import { backupsListingScript, parseSnapshotListing } from './listing.js';
import { acquireHostLock, type HostLock } from './lock.js';
import { chooseRetained, type DatedSnapshot, type RetentionPolicy } from './retention.js';
import { newRunId } from './snapshot.js';

export interface DiskRetentionResult {
  kept: string[];
  deleted: string[];
}

/**
 * Prunes the dated snapshot directories by the retention policy, under the host lock. A directory
 * counts as verified when it holds a manifest (it appears only after its manifest is written);
 * the newest verified one is never deleted.
 */
export async function applyDiskRetention(
  remote: RemoteHost,
  layout: SnapshotLayout,
  policy: RetentionPolicy,
  log: Log,
  /** The day this run committed or reused: never deleted by it. */
  protect: string,
  /**
   * The lock this run still holds and the listing its commit made under it: no second lock, no
   * second listing. Without it, the lock is taken and the directory listed here.
   */
  held?: { lock: HostLock; snapshots: readonly DatedSnapshot[] },
): Promise<DiskRetentionResult> {
  const root = backupsRoot(layout);
  const runId = newRunId();
  const lock = held?.lock ?? (await acquireHostLock(remote, posix.join(root, LOCK_FILE), runId));
  try {
    const snapshots = held?.snapshots ?? (await listDated(remote, root));
    const later = snapshots.filter((d) => d.date > protect).map((d) => d.date);
    if (later.length > 0) {
      log.warn(
        `${root} holds snapshot(s) dated after ${protect}: ${later.join(', ')} (another timezone setting, or a clock ahead?). They count as the newest for retention.`,
      );
    }
    const plan = chooseRetained(snapshots, policy);
    const deleted = plan.delete.map((d) => d.date).filter((date) => date !== protect);
    if (deleted.length > 0) {
      log.info(`Retention: removing ${deleted.join(', ')} from ${root}`);
      await deleteSnapshots(remote, layout, lock, runId, deleted);
    }
    return { kept: snapshots.map((d) => d.date).filter((date) => !deleted.includes(date)), deleted };
  } finally {
    if (!held) await lock.release();
  }
}

/** The dated directories of the backups dir; verified: it holds a manifest. */
async function listDated(remote: RemoteHost, root: string): Promise<DatedSnapshot[]> {
  const { stdout } = await remote.exec(backupsListingScript(root));
  return parseSnapshotListing(stdout.split('\n'));
}
