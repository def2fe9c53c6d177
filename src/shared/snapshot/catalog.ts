import { posix } from 'node:path';
import { OperationError } from '../errors.js';
import { shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import { backupsRoot, isSnapshotDate, type SnapshotLayout } from './layout.js';
import { backupsListingScript, parseSnapshotListing } from './listing.js';
import type { HostLock } from './lock.js';

/** The dated snapshot directories in the backups dir, oldest first (hidden work dirs excluded). */
export async function listSnapshots(remote: RemoteHost, layout: SnapshotLayout): Promise<string[]> {
  const root = backupsRoot(layout);
  const { stdout } = await remote.exec(backupsListingScript(root), {
    description: `list the snapshots in ${root}`,
  });
  return parseSnapshotListing(stdout.split('\n'))
    .map((snapshot) => snapshot.date)
    .sort();
}

/** `latest` or a date, against the dates present; throws naming what exists when there is no match. */
export function chooseSnapshot(dates: readonly string[], wanted: string, where: string): string {
  const sorted = [...dates].sort();
  if (wanted === 'latest') {
    const latest = sorted.at(-1);
    if (!latest) throw new OperationError(`No snapshot in ${where}.`);
    return latest;
  }
  if (!sorted.includes(wanted)) {
    throw new OperationError(
      `No snapshot ${wanted} in ${where}. Found: ${sorted.length ? sorted.slice(-10).join(', ') : 'none'}.`,
    );
  }
  return wanted;
}

/**
 * Deletes whole snapshots (retention). Under the host lock only. Each is first renamed to a hidden
 * `.DATE.deleting-<run>` name, so a dated directory is either complete or gone, never half-deleted;
 * a crash mid-removal leaves a hidden leftover the next run removes.
 */
export async function deleteSnapshots(
  remote: RemoteHost,
  layout: SnapshotLayout,
  lock: HostLock,
  runId: string,
  dates: readonly string[],
): Promise<void> {
  if (dates.length === 0) return;
  if (!lock.held())
    throw new OperationError('deleteSnapshots: the host lock is not held; nothing was deleted.');
  const root = backupsRoot(layout);
  await remote.exec(deleteSnapshotsScript(root, runId, dates), {
    description: `delete ${dates.length} snapshot(s) in ${posix.basename(root)}`,
  });
}

/** Renames each dated dir to `.DATE.deleting-<run>`, then removes it. */
export function deleteSnapshotsScript(root: string, runId: string, dates: readonly string[]): string {
  const lines = dates.map((date) => {
    if (!isSnapshotDate(date)) throw new Error(`deleteSnapshots: '${date}' is not a snapshot date`);
    const hidden = `.${date}.deleting-${runId}`;
    return `if [ -d ${shellQuote(date)} ]; then mv -T -- ${shellQuote(date)} ${shellQuote(hidden)}; rm -rf -- ${shellQuote(hidden)}; fi`;
  });
  return `cd -- ${shellQuote(root)}\n${lines.join('\n')}\nsync -- . 2>/dev/null || true\n`;
}
