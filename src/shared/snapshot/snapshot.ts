import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { errorMessage, OperationError } from '../errors.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { settingRef } from '../setting-ref.js';
import {
  isPreRestoreLabel,
  type SnapshotLayout,
  type SnapshotPaths,
  snapshotDate,
  snapshotPaths,
} from './layout.js';
import { acquireHostLock, type HostLock, MISSING_TOOLS } from './lock.js';
import { type Manifest, type ManifestFile, serializeManifest } from './manifest.js';
import type { DatedSnapshot } from './retention.js';
import { shellQuote } from './shell.js';
import { type WriteFileOptions, writeSnapshotFile } from './small-file.js';
import {
  commitScript,
  type LeftoverAction,
  leftoverScript,
  listScript,
  NOT_A_DIRECTORY,
  PARTIAL_CREATED,
  parseSnapshotListing,
  planLeftovers,
  prepareScript,
  swapBackScript,
} from './snapshot-scripts.js';
import { missingToolsScript, type VerifyReport, verifySnapshot } from './verify.js';

/** Tools every snapshot run needs on the host, checked before anything is written. */
export const SNAPSHOT_TOOLS = [
  'bash',
  'flock',
  'mkdir',
  'mv',
  'rm',
  'sync',
  'stat',
  'sha256sum',
  'find',
  'tee',
  'tail',
  'readlink',
  'dirname',
];

export {
  commitScript,
  type LeftoverAction,
  leftoverScript,
  parseSnapshotListing,
  planLeftovers,
  SNAPSHOT_LISTING,
} from './snapshot-scripts.js';

export interface BeginOptions {
  /** Replace today's snapshot even if it verifies (atomically, after the new one is complete). */
  readonly force?: boolean;
  readonly runId?: string;
  readonly now?: Date;
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
  const lock = await acquireHostLock(remote, paths.lockFile, runId, now, {
    before: `missing=$(${missingToolsScript(SNAPSHOT_TOOLS)})
if [ -n "$missing" ]; then echo "${MISSING_TOOLS}" $missing >&2; exit 69; fi
${prepareScript(paths.root)}`,
    after: listScript(paths.root, paths),
  });
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
    const names = listed.filter((name) => name !== PARTIAL_CREATED);
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

    if (!partialCreated) {
      await remote.exec(`set -euo pipefail
umask 077
mkdir -m 0700 -- ${shellQuote(paths.partial)}
`);
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
      return commitPartial(remote, paths, lock, replacing !== null, manifest, options.keepLock === true, log);
    },
    async abort() {
      if (settled) return;
      settled = true;
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
  await remote.exec(`rm -rf -- ${shellQuote(posix.join(paths.partial, component))}`, {
    timeoutMs: 120_000,
    description: `remove the failed ${component} files from ${posix.basename(paths.partial)}`,
  });
}

/** Cleans up after crashed runs (see planLeftovers), saying what it does; returns what it did. */
async function cleanLeftovers(
  remote: RemoteHost,
  root: string,
  names: readonly string[],
  log: Log,
): Promise<LeftoverAction[]> {
  const leftovers = planLeftovers(names);
  if (leftovers.length === 0) return leftovers;
  for (const leftover of leftovers) {
    log.warn(
      leftover.action === 'remove'
        ? `Removing ${posix.join(root, leftover.name)}, left by a run that did not finish.`
        : `Restoring ${leftover.date} from ${leftover.name}: a forced run died while swapping it.`,
    );
  }
  await remote.exec(leftoverScript(root, leftovers));
  return leftovers;
}

/** Today's snapshot exists: keep it (it verifies), replace it (force, or a component failed), or refuse. */
async function judgeToday(
  remote: RemoteHost,
  paths: SnapshotPaths,
  options: BeginOptions,
  log: Log,
): Promise<{ kind: 'keep' | 'replace'; report: VerifyReport }> {
  const report = await verifySnapshot(remote, paths.final);
  if (report.verdict === 'good' && !options.force) return { kind: 'keep', report };
  // Files that verify, with a component recorded as failed: retaken, as a failed run would be.
  const onlyFailedComponents =
    report.verdict === 'incomplete' && report.failedComponents.length > 0 && report.fileProblems.length === 0;
  if (report.verdict !== 'good' && !options.force && !onlyFailedComponents) {
    throw new OperationError(
      `Today's snapshot ${paths.final} exists but is ${report.verdict}: ${report.problems.slice(0, 5).join('; ')}`,
      {
        hint: `Look at it, then run with ${settingRef('force', true)} to replace it (the old one is kept until the new one is complete).`,
      },
    );
  }
  if (onlyFailedComponents) {
    log.warn(
      `Today's snapshot ${paths.final} has failed component(s) ${report.failedComponents.join(', ')}: taking it again; it is replaced only once the new one is complete.`,
    );
  }
  return { kind: 'replace', report };
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

async function removePartial(remote: RemoteHost, paths: SnapshotPaths, log: Log): Promise<void> {
  try {
    await remote.exec(`rm -rf -- ${shellQuote(paths.partial)}`, { timeoutMs: 120_000 });
  } catch (error) {
    log.warn(`Could not remove ${paths.partial} (${errorMessage(error)}); the next run removes it.`);
  }
}
