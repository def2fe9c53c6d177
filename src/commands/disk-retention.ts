import { posix } from 'node:path';
import { type RemoteHost, shellQuote } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import {
  acquireHostLock,
  backupsRoot,
  deleteSnapshots,
  isSnapshotDate,
  LOCK_FILE,
  newRunId,
  type SnapshotLayout,
} from '../shared/snapshot/index.js';
import { chooseRetained, type RetentionPolicy } from '../shared/snapshot/retention.js';

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
): Promise<DiskRetentionResult> {
  const root = backupsRoot(layout);
  const runId = newRunId();
  const lock = await acquireHostLock(remote, posix.join(root, LOCK_FILE), runId);
  try {
    const { stdout } = await remote.exec(
      `cd -- ${shellQuote(root)}
for d in */; do d=\${d%/}; if [ -f "$d/manifest.json" ]; then echo "good $d"; else echo "none $d"; fi; done`,
    );
    const snapshots = stdout
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, name]) => name !== undefined && isSnapshotDate(name))
      .map(([state, name]) => ({ date: name!, verified: state === 'good' }));
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
    await lock.release();
  }
}
