import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { errorMessage, OperationError } from '../errors.js';
import { shellQuote } from '../remote/quote.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { plural } from '../report/summary.js';
import { acquireHostLock } from '../snapshot/lock.js';
import type { Manifest } from '../snapshot/manifest.js';
import type { RetentionPolicy } from '../snapshot/retention.js';
import { newRunId } from '../snapshot/snapshot.js';
import { type ExpectedFile, planTransfer, type TransferPlan, verifyProblems } from './plan.js';
import { type CopyRecord, writeCopyRecord } from './record.js';
import { applyCopyRetention } from './retention.js';
import {
  type CopyPaths,
  copyPaths,
  type HashLine,
  hashScript,
  openPartialScript,
  parseHashLines,
  prepareScript,
  removeScript,
  sealScript,
} from './scripts.js';
import { CopyProgress, streamFile } from './transfer.js';
import { rsyncFromHost } from './via-host.js';

/** The snapshot to copy: where it is on the production host, its date, and its sealed manifest. */
export interface SnapshotToCopy {
  readonly path: string;
  readonly label: string;
  readonly manifest: Manifest;
}

export interface CopySettings {
  /** copy-to-path on the copy host. */
  readonly root: string;
  readonly via: 'runner' | 'host';
  readonly policy: RetentionPolicy;
  /** Progress lines while bytes flow. Default 10 s. */
  readonly progressIntervalMs?: number;
  /** For `via: host` only: what rsync on the production host needs to reach the copy host. */
  readonly viaHost?: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly privateKey: string;
    readonly knownHosts: string;
  };
}

export interface CopyResult {
  readonly record: CopyRecord;
  /** Lines for the job summary, each true for this run. */
  readonly details: readonly string[];
}

/**
 * Copies a committed snapshot to the copy host and verifies it there (every file's sha256,
 * computed on the copy host, against the manifest), into a `.partial` name sealed only once it
 * verifies; then prunes the copies by the same policy as the production host. The local snapshot
 * is only read. The verdict is recorded beside the snapshot on the production host either way;
 * a copy that does not end verified throws.
 */
export async function copySnapshot(
  source: RemoteHost,
  target: RemoteHost,
  snapshot: SnapshotToCopy,
  settings: CopySettings,
  log: Log,
): Promise<CopyResult> {
  const started = Date.now();
  const paths = copyPaths(settings.root, snapshot.label);
  const base = {
    date: snapshot.label,
    host: target.description,
    hostKeyFingerprint: target.hostKeyFingerprint,
    path: paths.final,
    via: settings.via,
  };
  try {
    const outcome = await copyAndVerify(source, target, snapshot, paths, settings, log);
    const record: CopyRecord = {
      ...base,
      verified: true,
      verifiedAt: new Date().toISOString(),
      files: outcome.files,
      bytes: outcome.bytes,
      bytesSent: outcome.bytesSent,
      durationMs: Date.now() - started,
      problems: [],
    };
    await writeCopyRecord(source, posix.dirname(snapshot.path), record);
    return { record, details: outcome.details };
  } catch (error) {
    const record: CopyRecord = {
      ...base,
      verified: false,
      verifiedAt: null,
      files: 0,
      bytes: 0,
      bytesSent: 0,
      durationMs: Date.now() - started,
      problems: [errorMessage(error)],
    };
    // Best effort: the copy's own failure is what the run reports.
    await writeCopyRecord(source, posix.dirname(snapshot.path), record).catch((recordError: unknown) =>
      log.warn(`Could not record the failed copy on the production host: ${errorMessage(recordError)}`),
    );
    throw error;
  }
}

interface Outcome {
  files: number;
  bytes: number;
  bytesSent: number;
  details: string[];
}

async function copyAndVerify(
  source: RemoteHost,
  target: RemoteHost,
  snapshot: SnapshotToCopy,
  paths: CopyPaths,
  settings: CopySettings,
  log: Log,
): Promise<Outcome> {
  const expected = await expectedFiles(source, snapshot);
  const total = expected.reduce((sum, file) => sum + file.size, 0);
  const free = await prepare(target, paths.root);
  const runId = newRunId();
  const lock = await acquireHostLock(target, paths.lockFile, runId);
  try {
    const details: string[] = [];
    const existing = await hashOn(target, paths.final, expected, { mayBeAbsent: true });
    const stale = existing.length > 0 ? verifyProblems(expected, existing) : null;
    if (stale?.length === 0) {
      log.info(`The copy ${paths.final} on ${target.description} exists and verifies: nothing sent.`);
      details.push(
        `Copy on ${target.description}: already there and verified (${plural(expected.length, 'file')}).`,
      );
      details.push(...(await applyCopyRetention(target, paths, settings.policy, lock, runId, log)));
      return { files: expected.length, bytes: total, bytesSent: 0, details };
    }
    if (stale) {
      log.warn(
        `The copy ${paths.final} on ${target.description} does not match the snapshot: ${stale.join('; ')}. Repairing it (files that still match are kept).`,
      );
      details.push(`Copy on ${target.description} failed verification and was repaired: ${stale.join('; ')}`);
    }
    await target.exec(openPartialScript(paths, stale !== null));
    const sent = await transfer(source, target, snapshot, paths, expected, free, { settings, runId, log });
    const problems = verifyProblems(expected, await hashOn(target, paths.partial, expected));
    if (problems.length > 0) {
      throw new OperationError(
        `The copy on ${target.description} does not verify against the manifest (sha256 computed on the copy host): ${problems.join('; ')}. It stays unsealed in ${paths.partial}; the local snapshot is untouched.`,
      );
    }
    await target.exec(sealScript(paths));
    log.info(
      `Copied ${snapshot.label} to ${target.description}:${paths.final} and verified it there: ${plural(expected.length, 'file')}, ${total} bytes (${sent.bytesSent} sent).`,
    );
    details.push(
      `Copy on ${target.description}: verified there (${plural(expected.length, 'file')}, sha256 computed on the copy host; ${sent.bytesSent} bytes sent, ${sent.bytesKept} already there).`,
    );
    details.push(...(await applyCopyRetention(target, paths, settings.policy, lock, runId, log)));
    return { files: expected.length, bytes: total, bytesSent: sent.bytesSent, details };
  } finally {
    await lock.release();
  }
}

/** The manifest's files and manifest.json itself (as it is on the production host), sent last. */
async function expectedFiles(source: RemoteHost, snapshot: SnapshotToCopy): Promise<ExpectedFile[]> {
  const manifestText = (await source.run(['cat', '--', posix.join(snapshot.path, 'manifest.json')])).stdout;
  return [
    ...snapshot.manifest.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
    {
      path: 'manifest.json',
      size: Buffer.byteLength(manifestText),
      sha256: createHash('sha256').update(manifestText).digest('hex'),
    },
  ];
}

/** sha256 and size of the expected files in `dir`, computed on the copy host. */
async function hashOn(
  target: RemoteHost,
  dir: string,
  expected: readonly ExpectedFile[],
  options: { mayBeAbsent?: boolean } = {},
): Promise<HashLine[]> {
  const script = hashScript(
    dir,
    expected.map((f) => f.path),
  );
  const guarded = options.mayBeAbsent ? `[ -d ${shellQuote(dir)} ] || exit 0\n${script}` : script;
  return parseHashLines((await target.exec(guarded, { description: `check the files of ${dir}` })).stdout);
}

/** Sends what the copy host does not hold yet (by the chosen route); refuses when it cannot fit. */
async function transfer(
  source: RemoteHost,
  target: RemoteHost,
  snapshot: SnapshotToCopy,
  paths: CopyPaths,
  expected: readonly ExpectedFile[],
  free: number,
  run: { settings: CopySettings; runId: string; log: Log },
): Promise<{ bytesSent: number; bytesKept: number }> {
  const { settings, runId, log } = run;
  const plan = planTransfer(expected, await hashOn(target, paths.partial, expected));
  if (plan.bytesToSend > free) {
    throw new OperationError(
      `The copy host ${target.description} has ${free} bytes free in ${paths.root}; this copy needs ${plan.bytesToSend} more. Nothing was sent.`,
      { hint: 'Free space on the copy host or lower keep-daily/keep-weekly/keep-monthly.' },
    );
  }
  if (plan.bytesKept > 0) {
    log.info(
      `Resuming the copy: ${plural(plan.steps.filter((s) => s.action === 'keep').length, 'file')} and ${plan.bytesKept} bytes already on ${target.description} are not sent again.`,
    );
  }
  await target.exec(removeScript(paths.partial, plan.extras));
  const bytesSent =
    settings.via === 'host'
      ? await rsyncFromHost(source, snapshot.path, paths.partial, settings, runId, log)
      : await sendThroughRunner(source, target, snapshot.path, paths, plan, settings, log);
  return { bytesSent, bytesKept: plan.bytesKept };
}

async function prepare(target: RemoteHost, root: string): Promise<number> {
  const { stdout } = await target.exec(prepareScript(root), { description: `prepare ${root}` });
  const [state, ...rest] = stdout.trim().split(' ');
  if (state !== 'writable') {
    throw new OperationError(
      `copy-to-path ${root} is not writable on the copy host ${target.description}: expected a directory the copy user can create files in, found: ${rest.join(' ') || 'no answer'}. Nothing was sent.`,
      { hint: 'Create the directory on the copy host and give it to copy-to-user.' },
    );
  }
  return Number(rest[0] ?? 0) * 1024;
}

async function sendThroughRunner(
  source: RemoteHost,
  target: RemoteHost,
  dir: string,
  paths: CopyPaths,
  plan: TransferPlan,
  settings: CopySettings,
  log: Log,
): Promise<number> {
  const progress = new CopyProgress(plan.bytesToSend, log, settings.progressIntervalMs ?? 10_000);
  try {
    for (const step of plan.steps) {
      if (step.action === 'keep') continue;
      const offset = step.action === 'resume' ? step.offset : 0;
      await streamFile(
        source,
        target,
        { dir, file: step.file.path },
        { partial: paths.partial },
        offset,
        progress,
      );
      if (step.action !== 'resume') continue;
      // A resumed file whose prefix differs from the source is sent again whole, once.
      const [line] = parseHashLines((await target.exec(hashScript(paths.partial, [step.file.path]))).stdout);
      if (line?.sha256 !== step.file.sha256) {
        log.warn(`${step.file.path}: the resumed file does not match the snapshot; sending it again whole.`);
        await streamFile(
          source,
          target,
          { dir, file: step.file.path },
          { partial: paths.partial },
          0,
          progress,
        );
      }
    }
    progress.report();
    return progress.bytes;
  } finally {
    progress.stop();
  }
}
