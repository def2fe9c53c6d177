import { posix } from 'node:path';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { type Catalog, type CatalogEntry, deleteSnapshots, readCatalog } from './catalog.js';
import { backupsRoot, LOCK_FILE, type SnapshotLayout } from './layout.js';
import { acquireHostLock, type HostLock } from './lock.js';
import { chooseRetained, type DatedSnapshot, type RetentionPolicy } from './retention.js';
import { newRunId } from './snapshot.js';
import { verifySnapshot } from './verify.js';

export interface DiskRetentionPolicy extends RetentionPolicy {
  /** How many of the newest pre-restore (safety) snapshots to keep (default 3, as the setting); daily retention never counts them. */
  keepPreRestore?: number;
}

export const DEFAULT_KEEP_PRE_RESTORE = 3;

export interface DiskRetentionResult {
  kept: string[];
  deleted: string[];
  /** Dated directories retention does not judge (no manifest, or another user's): neither kept nor deleted by it. */
  leftAlone: string[];
}

interface Candidate extends DatedSnapshot {
  readonly name: string;
}

/**
 * What disk retention does with the backups dir, before any checksum (pure). Daily snapshots are
 * judged by the retention rules, counting only complete ones whose files have their manifest sizes;
 * a directory without a manifest is not ours to judge and a future-dated one would take the newest
 * slot: both are left alone, with a warning. Pre-restore snapshots are kept by count only.
 */
export function planDiskRetention(
  catalog: Catalog,
  policy: DiskRetentionPolicy,
  /** The snapshot this run committed or reused (its date or label): never deleted, and no later date counts. */
  protect: string,
  /** Marked bad by a full check (checksums), though their sizes matched. */
  failedFullCheck: ReadonlySet<string> = new Set(),
): { delete: string[]; warnings: string[]; candidates: Candidate[]; keepDaily: string[] } {
  const warnings: string[] = [];
  const today = catalog.entries.find((e) => e.name === protect)?.day ?? protect.slice(0, 10);
  const daily = catalog.entries.filter((e) => e.kind === 'daily');
  const alone = daily.filter((e) => e.state === 'no-manifest').map((e) => e.name);
  if (alone.length > 0) {
    warnings.push(
      `${catalog.root} holds dated director${alone.length === 1 ? 'y' : 'ies'} without a manifest: ${alone.join(', ')} (not made by gateway-ops, or a copy by hand?). Left alone; retention does not judge them.`,
    );
  }
  const foreign = catalog.foreign ?? [];
  if (foreign.length > 0) {
    warnings.push(
      `${catalog.root} holds snapshot director${foreign.length === 1 ? 'y' : 'ies'} owned by another user or writable by others: ${foreign.join(', ')} (not made by gateway-ops). Left alone; retention does not judge them.`,
    );
  }
  const future = daily.filter((e) => e.state !== 'no-manifest' && e.name > today).map((e) => e.name);
  if (future.length > 0) {
    warnings.push(
      `${catalog.root} holds snapshot(s) dated after ${today}: ${future.join(', ')} (another timezone setting, or a clock ahead?). Left alone and not counted by retention.`,
    );
  }
  const candidates: Candidate[] = daily
    .filter((e) => e.state !== 'no-manifest' && e.name <= today)
    .map((e) => candidate(e, failedFullCheck.has(e.name)));
  const plan = chooseRetained(candidates, policy);
  const deleted = plan.delete.map((c) => c.name).filter((name) => name !== protect);

  // Labels sort by time; a directory without a manifest is not ours, as for daily ones.
  const preRestore = catalog.entries
    .filter((e) => e.kind === 'pre-restore' && e.state !== 'no-manifest')
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const keptPreRestore = new Set(
    preRestore.slice(-(policy.keepPreRestore ?? DEFAULT_KEEP_PRE_RESTORE)).map((e) => e.name),
  );
  for (const entry of preRestore) {
    if (!keptPreRestore.has(entry.name) && entry.name !== protect) deleted.push(entry.name);
  }
  return {
    delete: deleted,
    warnings,
    candidates,
    keepDaily: plan.keep.map((c) => c.name).filter((name) => name !== protect),
  };
}

function candidate(entry: CatalogEntry, failedFullCheck: boolean): Candidate {
  const good = !failedFullCheck && entry.state !== 'bad';
  return {
    name: entry.name,
    date: entry.day,
    verified: good && entry.state === 'complete',
    components: good ? entry.goodComponents : [],
  };
}

/**
 * Prunes the snapshot directories by the retention policy, under the host lock. Only snapshots
 * whose files have their manifest sizes count (a cheap check of every one), and the newest kept one
 * besides this run's own is checked fully (checksums and streams) before anything older is deleted:
 * when it fails, it counts as bad and the plan is made again.
 */
export async function applyDiskRetention(
  remote: RemoteHost,
  layout: SnapshotLayout,
  policy: DiskRetentionPolicy,
  log: Log,
  /** The snapshot this run committed or reused (date or label): never deleted by it. */
  protect: string,
  /** The lock this run still holds; without it, the lock is taken here. */
  held?: { lock: HostLock },
): Promise<DiskRetentionResult> {
  const root = backupsRoot(layout);
  const runId = newRunId();
  const lock = held?.lock ?? (await acquireHostLock(remote, posix.join(root, LOCK_FILE), runId));
  try {
    const catalog = await readCatalog(remote, layout);
    const failedFullCheck = new Set<string>();
    let plan = planDiskRetention(catalog, policy, protect, failedFullCheck);
    for (const warning of plan.warnings) log.warn(warning);
    for (const entry of catalog.entries.filter((e) => e.state === 'bad')) {
      log.warn(
        `Retention: ${entry.name} does not verify (${entry.problems.slice(0, 3).join('; ')}): it counts as bad.`,
      );
    }
    // The newest snapshot kept besides this run's own is checked fully; a failure re-plans.
    const checked = new Set<string>();
    while (plan.delete.length > 0) {
      const name = plan.keepDaily.find(
        (n) => !checked.has(n) && catalog.entries.find((e) => e.name === n)?.state === 'complete',
      );
      if (name === undefined) break;
      checked.add(name);
      const report = await verifySnapshot(remote, posix.join(root, name));
      if (report.verdict === 'good') break;
      log.warn(
        `Retention: ${name} fails its full check (${report.problems.slice(0, 3).join('; ')}): it counts as bad.`,
      );
      failedFullCheck.add(name);
      plan = planDiskRetention(catalog, policy, protect, failedFullCheck);
    }
    const deleted = plan.delete;
    if (deleted.length > 0) {
      log.info(`Retention: removing ${deleted.join(', ')} from ${root}`);
      await deleteSnapshots(remote, layout, lock, runId, deleted);
    }
    const leftAlone = catalog.entries.filter((e) => e.state === 'no-manifest').map((e) => e.name);
    return {
      kept: catalog.entries
        .map((e) => e.name)
        .filter((name) => !deleted.includes(name) && !leftAlone.includes(name)),
      deleted,
      leftAlone: [...leftAlone, ...(catalog.foreign ?? [])],
    };
  } finally {
    if (!held) await lock.release();
  }
}
