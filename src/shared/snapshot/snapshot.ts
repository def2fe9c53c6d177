import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { errorMessage, OperationError } from '../errors.js';
import { whenInterrupted } from '../interrupt.js';
import { removeTreeScript, shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import {
  backupsRoot,
  isPreRestoreLabel,
  LOCK_FILE,
  MANIFEST_FILE,
  type SnapshotLayout,
  type SnapshotPaths,
  snapshotDate,
  snapshotPaths,
} from './layout.js';
import { BACKUPS_LISTING, parseBackupsListing, parseSnapshotListing } from './listing.js';
import { acquireHostLock, type HostLock, lendHostLock } from './lock.js';
import { type Manifest, type ManifestFile, serializeManifest } from './manifest.js';
import {
  cleanLeftovers,
  judgeToday,
  type LeftoverAction,
  NOT_A_DIRECTORY,
  ownEntries,
  PARTIAL_CREATED,
  partialDirScript,
  snapshotLockHooks,
} from './prepare.js';
import type { DatedSnapshot } from './retention.js';
import { type WriteFileOptions, writeSnapshotFile } from './small-file.js';
import type { VerifyReport } from './verify.js';

export interface BeginOptions {
  /** Replace today's snapshot even if it verifies (atomically, after the new one is complete). */
  readonly force?: boolean;
  readonly runId?: string;
  readonly now?: Date;
  /** The host lock when the caller already holds it (a restore's safety snapshot): used, never released. */
  readonly lock?: HostLock;
  /**
   * The directory's name when it is not the date: a restore's safety snapshot
   * (`pre-restore-20261201T101500Z`). Such a snapshot is new every time: never reused, never replaced.
   */
  readonly label?: string;
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
  /** The directory's name: the date, or the label it was begun with. */
  readonly label: string;
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
  /** Removes what a failed component wrote (its `<component>/` directory), so the snapshot keeps only what its manifest lists. */
  discard(component: string): Promise<void>;
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

/** What runs on the host before the backups dir's lock is taken (`LockHooks.before`), and the run's id. */
export interface BackupsLockStep {
  readonly before: string;
  readonly runId?: string;
}

/**
 * The backups dir's host lock for a run that does more under it than one step, released by the
 * caller: a backup (its off-host copy reads the snapshot it took, lent to `beginSnapshot` through
 * `lock`), a restore or a drill (the safety snapshot is lent it the same way). They differ only in
 * the check before it: `snapshotLockBefore` makes the backups dir, `restoreLockStep` requires it.
 */
export async function lockBackupsDir(
  remote: RemoteHost,
  layout: SnapshotLayout,
  step: BackupsLockStep,
): Promise<HostLock> {
  const lockFile = posix.join(backupsRoot(layout), LOCK_FILE);
  return acquireHostLock(remote, lockFile, step.runId ?? newRunId(), new Date(), { before: step.before });
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

/** After a commit that died mid-swap: the old snapshot goes back when the new one is not in place. */
export function swapBackScript(paths: SnapshotPaths): string {
  return `final=${shellQuote(paths.final)}
replaced=${shellQuote(paths.replaced)}
if [ ! -e "$final" ] && [ -d "$replaced" ]; then mv -T -- "$replaced" "$final"; sync -- "$(dirname -- "$final")" || true; echo restored; fi
`;
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
  if (options.label !== undefined && !isPreRestoreLabel(options.label)) {
    throw new Error(`beginSnapshot: label '${options.label}' is not pre-restore-YYYYMMDDTHHMMSSZ`);
  }
  const label = options.label ?? date;
  const paths = snapshotPaths(layout, date, runId, label);

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
    const planted = listed.find((line) => line.startsWith(NOT_A_DIRECTORY));
    if (planted) {
      // Found before anything is dumped: a symbolic link or a file where the snapshot must go.
      throw new OperationError(
        `${paths.final} is not a snapshot directory: ${planted.slice(NOT_A_DIRECTORY.length).trim()}. Nothing was written.`,
        { hint: `Look at it and remove or move it (not made by gateway-ops), then run again.` },
      );
    }
    const names = ownEntries(parseBackupsListing(listed), paths, log);
    const leftovers = await cleanLeftovers(remote, paths.root, names, log);

    let replacing: VerifyReport | null = null;
    if (
      names.includes(label) ||
      leftovers.some((leftover) => leftover.action === 'restore' && leftover.date === label)
    ) {
      if (options.label !== undefined) throw labelTaken(paths);
      const today = await judgeToday(remote, paths, options, log);
      if (today.kind === 'keep') {
        if (partialCreated) await removePartial(remote, paths, log);
        return {
          kind: 'existing',
          date: label,
          path: paths.final,
          report: today.report,
          leftovers,
          release: () => lock.release(),
        };
      }
      replacing = today.report;
    }

    if (!partialCreated) await remote.exec(partialDirScript(paths));
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
  // Interrupted before the commit: the work dir goes now, not at the next run (the lock ends with the session).
  const forget = whenInterrupted(async () => {
    if (settled) return;
    settled = true;
    if (await removePartial(remote, paths, log))
      log.info(`Removed the unfinished work dir ${paths.partial}.`);
  });
  return {
    kind: 'partial',
    date: paths.date,
    label: paths.label,
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
    async discard(component) {
      if (settled) throw new Error('discard: this snapshot was already committed or aborted');
      await discardComponent(remote, paths, component);
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
      forget();
      return commitPartial(remote, paths, lock, replacing !== null, manifest, options.keepLock === true, log);
    },
    async abort() {
      if (settled) return;
      settled = true;
      forget();
      await removePartial(remote, paths, log);
      await lock.release();
    },
  };
}

/** The commit script under the lock; on failure the work dir goes and a swapped-out snapshot comes back. */
async function commitPartial(
  remote: RemoteHost,
  paths: SnapshotPaths,
  lock: HostLock,
  replacing: boolean,
  manifest: Manifest,
  keepLock: boolean,
  log: Log,
): Promise<CommittedSnapshot> {
  let committed = false;
  try {
    const { stdout } = await remote.exec(
      commitScript(
        paths,
        manifest.files.map((file) => file.path),
        replacing,
      ),
      { stdin: serializeManifest(manifest), description: `commit ${paths.final}` },
    );
    const lines = stdout.split('\n');
    committed = true;
    return {
      path: paths.final,
      date: paths.date,
      manifest,
      replaced: lines.includes('replaced') ? paths.final : null,
      snapshots: parseSnapshotListing(lines),
      lock: keepLock ? lock : null,
      release: () => lock.release(),
    };
  } catch (error) {
    if (replacing) await swapBack(remote, paths, log);
    await removePartial(remote, paths, log);
    throw new OperationError(`Could not complete the snapshot ${paths.final}: ${errorMessage(error)}`, {
      cause: error,
    });
  } finally {
    if (!committed || !keepLock) await lock.release();
  }
}

/** Removes what a failed component wrote below the work directory. */
async function discardComponent(remote: RemoteHost, paths: SnapshotPaths, component: string): Promise<void> {
  if (!/^[a-z][a-z0-9-]*$/.test(component))
    throw new Error(`discard: '${component}' is not a component name`);
  await remote.exec(removeTreeScript(posix.join(paths.partial, component)), {
    timeoutMs: 120_000,
    description: `remove the failed ${component} files from ${posix.basename(paths.partial)}`,
  });
}

function labelTaken(paths: SnapshotPaths): OperationError {
  return new OperationError(`${paths.final} already exists: a labelled snapshot is never replaced.`, {
    hint: 'Take it again with a new label (the time of the run).',
  });
}

/** The commit died mid-swap: the snapshot it was replacing goes back in place (when it is not there). */
async function swapBack(remote: RemoteHost, paths: SnapshotPaths, log: Log): Promise<void> {
  try {
    const { stdout } = await remote.exec(swapBackScript(paths), { description: `put back ${paths.final}` });
    if (stdout.includes('restored')) log.warn(`The commit failed mid-swap: ${paths.final} was moved back.`);
  } catch (error) {
    log.warn(
      `Could not move ${paths.replaced} back to ${paths.final} (${errorMessage(error)}); the next run does it.`,
    );
  }
}

/** Removes the run's work dir; false (and a warning) when it could not. */
async function removePartial(remote: RemoteHost, paths: SnapshotPaths, log: Log): Promise<boolean> {
  try {
    await remote.exec(removeTreeScript(paths.partial), { timeoutMs: 120_000 });
    return true;
  } catch (error) {
    log.warn(`Could not remove ${paths.partial} (${errorMessage(error)}); the next run removes it.`);
    return false;
  }
}
