import { posix } from 'node:path';
import { type RemoteHost, shellQuote } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import {
  acquireHostLock,
  backupsRoot,
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
): Promise<DiskRetentionResult> {
  const root = backupsRoot(layout);
  const lock = await acquireHostLock(remote, posix.join(root, LOCK_FILE), newRunId());
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
    const plan = chooseRetained(snapshots, policy);
    const deleted = plan.delete.map((d) => d.date);
    if (deleted.length > 0) {
      log.info(`Retention: removing ${deleted.join(', ')} from ${root}`);
      await remote.exec(`cd -- ${shellQuote(root)}\nrm -rf -- ${deleted.map(shellQuote).join(' ')}`);
    }
    return { kept: plan.keep.map((d) => d.date), deleted };
  } finally {
    await lock.release();
  }
}
