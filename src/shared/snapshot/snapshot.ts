import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { errorMessage, OperationError } from '../errors.js';
import { removeTreeScript, shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { settingRef } from '../setting-ref.js';
import {
  isSnapshotDate,
  MANIFEST_FILE,
  parseLeftoverName,
  type SnapshotLayout,
  type SnapshotPaths,
  snapshotDate,
  snapshotPaths,
} from './layout.js';
import { BACKUPS_LISTING, parseBackupsListing, parseSnapshotListing } from './listing.js';
import { acquireHostLock, type HostLock, lendHostLock } from './lock.js';
import { type Manifest, type ManifestFile, serializeManifest } from './manifest.js';
import { ownEntries, PARTIAL_CREATED, partialDirScript, snapshotLockHooks } from './prepare.js';
import type { DatedSnapshot } from './retention.js';
import { type WriteFileOptions, writeSnapshotFile } from './small-file.js';
import { type VerifyReport, verifySnapshot } from './verify.js';

export interface LeftoverAction {
  readonly name: string;
  /** `remove` a crashed run's work; `restore` an old snapshot a crashed `force` swap had moved aside. */
  readonly action: 'remove' | 'restore';
  readonly date: string;
}

/**
 * What to do with hidden work directories left by crashed runs. Pure: given the names in the
 * backups dir, a `.partial-*` is always removed (only the lock holder writes, and we hold it); a
 * `.replaced-*` is the previous snapshot of a `force` run that died between its two renames, so it
 * goes back in place when its date is missing, and is removed when the new one made it; a
 * `.deleting-*` is a snapshot retention had started to delete.
 */
export function planLeftovers(names: readonly string[]): LeftoverAction[] {
  const dates = new Set(names.filter(isSnapshotDate));
  const actions: LeftoverAction[] = [];
  for (const name of [...names].sort()) {
    const leftover = parseLeftoverName(name);
    if (!leftover) continue;
    if (leftover.kind === 'replaced' && !dates.has(leftover.date)) {
      dates.add(leftover.date);
      actions.push({ name, action: 'restore', date: leftover.date });
    } else {
      actions.push({ name, action: 'remove', date: leftover.date });
    }
  }
  return actions;
}

export interface BeginOptions {
  /** Replace today's snapshot even if it verifies (atomically, after the new one is complete). */
  readonly force?: boolean;
  readonly runId?: string;
  readonly now?: Date;
  /** The host lock when the caller already holds it (a restore's safety snapshot): used, never released. */
  readonly lock?: HostLock;
}

export interface CommittedSnapshot {
  readonly path: string;
  readonly date: string;
  readonly manifest: Manifest;
  /** The path of the snapshot this one replaced (already removed), when `force` replaced one. */
  readonly replaced: string | null;
  /** The dated directories of the backups dir right after the commit (verified: it holds a manifest). */
  readonly snapshots: readonly DatedSnapshot[];
  /** The host lock, when the commit was asked to keep it (for retention under the same lock); else null. */
  readonly lock: HostLock | null;
  /** Releases the kept lock (nothing to do otherwise). */
  release(): Promise<void>;
}

/** Today's snapshot being built in its hidden directory, under the host lock. */
export interface PartialSnapshot {
  readonly kind: 'partial';
  readonly date: string;
  readonly runId: string;
  /** The hidden work directory (mode 0700); components write below it. */
  readonly path: string;
  /** Where the snapshot appears once committed. */
  readonly finalPath: string;
  readonly paths: SnapshotPaths;
  readonly lock: HostLock;
  readonly startedAt: Date;
  readonly leftovers: readonly LeftoverAction[];
  /** Today's existing snapshot this run will replace (force, or it failed to verify), else null. */
  readonly replacing: VerifyReport | null;
  /**
   * Writes a small file (mode 0600, directories 0700) below the work directory through stdin and
   * returns its manifest entry; `relativePath` is relative to the snapshot (`opensearch/snapshot.json`).
   */
  writeFile(
    relativePath: string,
    content: string | Buffer,
    component: string,
    options?: WriteFileOptions,
  ): Promise<ManifestFile>;
  /**
   * Writes manifest.json last, fsyncs the files, the manifest and the directory, renames the work
   * directory into place (swapping out a replaced snapshot only now), and releases the lock.
   */
  commit(manifest: Manifest, options?: { keepLock?: boolean }): Promise<CommittedSnapshot>;
  /** Removes the work directory and releases the lock; never throws, the next run cleans up anyway. */
  abort(): Promise<void>;
}

/** Today's snapshot already exists and verifies: nothing to redo. Call `release()`. */
export interface ExistingSnapshot {
  readonly kind: 'existing';
  readonly date: string;
  readonly path: string;
  readonly report: VerifyReport;
  readonly leftovers: readonly LeftoverAction[];
  release(): Promise<void>;
}

export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function leftoverScript(root: string, actions: readonly LeftoverAction[]): string {
  const lines = actions.map((action) =>
    action.action === 'remove'
      ? `rm -rf -- ${shellQuote(action.name)}`
      : `mv -T -- ${shellQuote(action.name)} ${shellQuote(action.date)}`,
  );
  return `cd -- ${shellQuote(root)}
${lines.join('\n')}
sync -- . 2>/dev/null || true
`;
}

export function commitScript(paths: SnapshotPaths, files: readonly string[], replace: boolean): string {
  const quotedFiles = files.map(shellQuote).join(' ');
  return `umask 077
partial=${shellQuote(paths.partial)}
final=${shellQuote(paths.final)}
${replace ? `replaced=${shellQuote(paths.replaced)}\n` : ''}cd -- "$partial"
files=(${quotedFiles})
for file in "\${files[@]}"; do
  [ -f "$file" ] || { echo "$file is listed in the manifest but missing from $partial" >&2; exit 1; }
done
# Data first, then the manifest, then the directories: a manifest on disk implies its files are.
if [ \${#files[@]} -gt 0 ]; then sync -- "\${files[@]}"; fi
cat > ${MANIFEST_FILE}.tmp
sync -- ${MANIFEST_FILE}.tmp
mv -T -- ${MANIFEST_FILE}.tmp ${MANIFEST_FILE}
find . -type d -exec sync -- {} +
cd ..
if [ -e "$final" ]; then
  ${
    replace
      ? `mv -T -- "$final" "$replaced"
  if ! mv -T -- "$partial" "$final"; then mv -T -- "$replaced" "$final"; exit 1; fi
  sync -- .
  rm -rf -- "$replaced"
  echo replaced`
      : `echo "$final appeared while this run was working (not made by gateway-ops?): left as it is" >&2
  exit 1`
  }
else
  mv -T -- "$partial" "$final"
fi
sync -- .
${BACKUPS_LISTING}`;
}

/**
 * Takes the host lock, cleans up after crashed runs, and either finds today's snapshot complete
 * and good (nothing to do) or opens a hidden work directory for a new one.
 */
export async function beginSnapshot(
  remote: RemoteHost,
  layout: SnapshotLayout,
  log: Log,
  options: BeginOptions = {},
): Promise<PartialSnapshot | ExistingSnapshot> {
  const now = options.now ?? new Date();
  const runId = options.runId ?? newRunId(now);
  const date = snapshotDate(now, layout.timezone);
  const paths = snapshotPaths(layout, date, runId);

  // One round trip: tools and the backups dir, the lock, then (under it) the listing, which also
  // opens the work dir when today has no snapshot yet (the usual case).
  if (options.lock && options.lock.path !== paths.lockFile)
    throw new Error(`beginSnapshot: lent the lock ${options.lock.path}, this layout's is ${paths.lockFile}`);
  const hooks = snapshotLockHooks(layout, paths);
  const lock = options.lock
    ? await lendHostLock(remote, options.lock, hooks)
    : await acquireHostLock(remote, paths.lockFile, runId, now, hooks);
  try {
    const listed = lock.afterOutput.split('\n').filter(Boolean);
    const partialCreated = listed.includes(PARTIAL_CREATED);
    const names = ownEntries(parseBackupsListing(listed), paths, log);
    const leftovers = planLeftovers(names);
    if (leftovers.length > 0) {
      for (const leftover of leftovers) {
        log.warn(
          leftover.action === 'remove'
            ? `Removing ${posix.join(paths.root, leftover.name)}, left by a run that did not finish.`
            : `Restoring ${leftover.date} from ${leftover.name}: a forced run died while swapping it.`,
        );
      }
      await remote.exec(leftoverScript(paths.root, leftovers));
    }

    let replacing: VerifyReport | null = null;
    if (
      names.includes(date) ||
      leftovers.some((leftover) => leftover.action === 'restore' && leftover.date === date)
    ) {
      const report = await verifySnapshot(remote, paths.final);
      if (report.verdict === 'good' && !options.force) {
        if (partialCreated) await removePartial(remote, paths, log);
        return {
          kind: 'existing',
          date,
          path: paths.final,
          report,
          leftovers,
          release: () => lock.release(),
        };
      }
      if (report.verdict !== 'good' && !options.force) {
        throw new OperationError(
          `Today's snapshot ${paths.final} exists but is ${report.verdict}: ${report.problems.slice(0, 5).join('; ')}`,
          {
            hint: `Look at it, then run with ${settingRef('force', true)} to replace it (the old one is kept until the new one is complete).`,
          },
        );
      }
      replacing = report;
    }

    if (!partialCreated) {
      await remote.exec(partialDirScript(paths));
    }
    return openPartial(remote, paths, lock, now, leftovers, replacing, log);
  } catch (error) {
    await removePartial(remote, paths, log);
    await lock.release();
    throw error;
  }
}

function openPartial(
  remote: RemoteHost,
  paths: SnapshotPaths,
  lock: HostLock,
  startedAt: Date,
  leftovers: readonly LeftoverAction[],
  replacing: VerifyReport | null,
  log: Log,
): PartialSnapshot {
  let settled = false;
  const runId = posix.basename(paths.partial).replace(/^.*\.partial-/, '');
  return {
    kind: 'partial',
    date: paths.date,
    runId,
    path: paths.partial,
    finalPath: paths.final,
    paths,
    lock,
    startedAt,
    leftovers,
    replacing,
    writeFile(relativePath, content, component, options) {
      if (settled) throw new Error('writeFile: this snapshot was already committed or aborted');
      return writeSnapshotFile(remote, paths.partial, relativePath, content, component, options);
    },
    async commit(manifest, options = {}) {
      if (settled) throw new Error('commit: this snapshot was already committed or aborted');
      if (manifest.date !== paths.date) {
        throw new Error(`commit: the manifest is for ${manifest.date}, this snapshot is ${paths.date}`);
      }
      if (!lock.held()) {
        throw new OperationError(
          `Lost the lock on ${remote.description} (the SSH connection dropped?): the snapshot was not committed.`,
        );
      }
      settled = true;
      let committed = false;
      try {
        const { stdout } = await remote.exec(
          commitScript(
            paths,
            manifest.files.map((file) => file.path),
            replacing !== null,
          ),
          { stdin: serializeManifest(manifest), description: `commit ${paths.final}` },
        );
        const lines = stdout.split('\n');
        const kept = options.keepLock === true;
        committed = true;
        return {
          path: paths.final,
          date: paths.date,
          manifest,
          replaced: lines.includes('replaced') ? paths.final : null,
          snapshots: parseSnapshotListing(lines),
          lock: kept ? lock : null,
          release: () => lock.release(),
        };
      } catch (error) {
        await removePartial(remote, paths, log);
        throw new OperationError(`Could not complete the snapshot ${paths.final}: ${errorMessage(error)}`, {
          cause: error,
        });
      } finally {
        if (!committed || options.keepLock !== true) await lock.release();
      }
    },
    async abort() {
      if (settled) return;
      settled = true;
      await removePartial(remote, paths, log);
      await lock.release();
    },
  };
}

async function removePartial(remote: RemoteHost, paths: SnapshotPaths, log: Log): Promise<void> {
  try {
    await remote.exec(removeTreeScript(paths.partial), { timeoutMs: 120_000 });
  } catch (error) {
    log.warn(`Could not remove ${paths.partial} (${errorMessage(error)}); the next run removes it.`);
  }
}
