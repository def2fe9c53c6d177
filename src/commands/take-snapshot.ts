import { errorMessage, OperationError } from '../shared/errors.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import { plural } from '../shared/report/summary.js';
import type { ComponentName, Settings } from '../shared/settings/index.js';
import {
  applyDiskRetention,
  beginSnapshot,
  buildManifest,
  type CommittedSnapshot,
  type ComponentResult,
  type DiskRetentionPolicy,
  type ExistingSnapshot,
  type HostLock,
  type Manifest,
  type PartialSnapshot,
} from '../shared/snapshot/index.js';
import { VERSION } from '../version.js';
import {
  type ComponentContext,
  componentsFor,
  type PreparedComponent,
  type SnapshotComponent,
} from './components/index.js';
import { layoutOf } from './host.js';

export interface TakeSnapshotOptions {
  /**
   * A restore's safety snapshot: `pre-restore-<UTC time>` (e.g. `pre-restore-20261201T101500Z`),
   * written beside the daily ones with the same layout; never reused, never counted by daily retention.
   */
  readonly label?: string;
  /** Replace today's snapshot even if it verifies; every component is taken again. Default: the `force` setting. */
  readonly force?: boolean;
  /** Default: the `components` setting. */
  readonly components?: readonly ComponentName[];
  /** The host lock when the caller holds it already (a restore's): the run works under it and leaves it held. */
  readonly lock?: HostLock;
  /**
   * Run retention after the commit (default true). A restore's safety snapshot does not: it must
   * never prune the snapshot being restored; the next backup's retention counts it.
   */
  readonly retention?: boolean;
}

export interface TakenSnapshot {
  /** The directory's name: the date (YYYY-MM-DD), or the label it was taken with. */
  readonly label: string;
  /** The snapshot's day (the manifest's `date`). */
  readonly date: string;
  readonly path: string;
  readonly manifest: Manifest;
  /** Today's snapshot existed, verified and answered this run: nothing was redone. */
  readonly reused: boolean;
  /** Components recorded in the manifest as failed (the snapshot was kept for the others). */
  readonly failed: string[];
  /** The snapshot this one replaced (force, or it could not be reused), else null. */
  readonly replaced: string | null;
  /** One line per retention step: what was kept and deleted, or why retention failed. */
  readonly retention: string[];
}

/** A component and the promise of its preconditions, started while the lock is taken. */
interface Preparing {
  readonly component: SnapshotComponent;
  readonly prepared: Promise<PreparedComponent>;
}

interface Ready {
  readonly component: SnapshotComponent;
  readonly prepared: PreparedComponent;
}

/**
 * One snapshot run, as the runbook should have been: every component's preconditions checked while
 * the host lock is taken, before the first byte is written; today's snapshot kept if it exists,
 * verifies and still answers; otherwise a new one built in a hidden directory, its manifest written
 * last and renamed into place; and only then retention, under the same lock. A component that fails
 * after another succeeded is recorded as failed and the snapshot kept for the good ones.
 */
export async function takeSnapshot(
  host: RemoteHost,
  settings: Settings,
  log: Log,
  options: TakeSnapshotOptions = {},
): Promise<TakenSnapshot> {
  const force = options.force ?? settings.force;
  const ctx: ComponentContext = {
    host,
    settings,
    log,
    force,
    ...(options.label !== undefined ? { label: options.label } : {}),
  };
  const preparing: Preparing[] = componentsFor(options.components ?? settings.components).map((component) => {
    const prepared = component.prepare(ctx);
    prepared.catch(() => {}); // Awaited below, or irrelevant when today's snapshot is kept.
    return { component, prepared };
  });
  try {
    const begin = (forced: boolean) =>
      beginSnapshot(host, layoutOf(settings), log, {
        force: forced,
        ...(options.label !== undefined ? { label: options.label } : {}),
        ...(options.lock ? { lock: options.lock } : {}),
      });
    let begun = await begin(force);
    if (begun.kind === 'existing') {
      const why = await whyNotReusable(begun, preparing, settings);
      if (why === null) return await reuse(begun, log);
      log.warn(
        `Today's snapshot ${begun.path} cannot be reused: ${why} Taking it again; it is replaced only once the new one is complete.`,
      );
      await begun.release();
      begun = await begin(true);
      if (begun.kind === 'existing')
        throw new Error('beginSnapshot returned an existing snapshot despite force');
    }
    const ready = await allPrepared(begun, preparing);
    return await build(host, settings, log, begun, ready, options.retention !== false);
  } finally {
    await closeAll(preparing, log);
  }
}

async function reuse(existing: ExistingSnapshot, log: Log): Promise<TakenSnapshot> {
  await existing.release();
  log.info(
    `Today's snapshot ${existing.path} exists and verifies (${plural(existing.report.filesChecked, 'file')}): kept.`,
  );
  const manifest = existing.report.manifest!;
  return {
    label: existing.date,
    date: manifest.date,
    path: existing.path,
    manifest,
    reused: true,
    failed: [],
    replaced: null,
    retention: [],
  };
}

/** Takes every component into the work directory, commits the manifest, then prunes. */
async function build(
  host: RemoteHost,
  settings: Settings,
  log: Log,
  partial: PartialSnapshot,
  ready: readonly Ready[],
  prune: boolean,
): Promise<TakenSnapshot> {
  const results = await takeComponents(partial, ready, log);
  const failed = results.filter((r) => r.verdict === 'failed').map((r) => r.name);
  const manifest = buildManifest({
    gatewayOpsVersion: VERSION,
    runId: partial.runId,
    host: host.description,
    date: partial.date,
    timezone: settings.timezone,
    ...(partial.label !== partial.date ? { label: partial.label } : {}),
    createdAt: partial.startedAt,
    completedAt: new Date(),
    components: results,
  });
  // Retention follows under the same lock, from the listing the commit made.
  const committed = await partial.commit(manifest, { keepLock: true });
  if (failed.length > 0) {
    log.error(
      `Snapshot ${committed.path} is committed without ${failed.join(', ')} (failed, recorded in the manifest); kept for ${results
        .filter((r) => r.verdict !== 'failed')
        .map((r) => r.name)
        .join(', ')}.`,
    );
  } else {
    log.info(
      `Snapshot ${committed.path} is complete: ${plural(manifest.files.length, 'file')}, manifest written last.`,
    );
  }
  let retention: string[] = [];
  try {
    const kept = ready.filter((r) => !failed.includes(r.component.name));
    if (prune) retention = await retain(host, settings, log, kept, committed, partial.label);
  } finally {
    await committed.release();
  }
  return {
    label: partial.label,
    date: committed.date,
    path: committed.path,
    manifest,
    reused: false,
    failed,
    replaced: committed.replaced,
    retention,
  };
}

/** Null when today's verified snapshot answers this run; otherwise why not, in one sentence. */
async function whyNotReusable(
  existing: ExistingSnapshot,
  preparing: readonly Preparing[],
  settings: Settings,
): Promise<string | null> {
  const manifest = existing.report.manifest!;
  const wanted = preparing.map((p) => p.component.name);
  const missing = wanted.filter((name) => !(name in manifest.components));
  if (missing.length > 0)
    return `it has no ${missing.join(' or ')} component (components: ${settings.components.join(',')}).`;
  for (const { component, prepared } of preparing) {
    const recorded = manifest.components[component.name]!;
    let ready: PreparedComponent;
    try {
      ready = await prepared;
    } catch (error) {
      if (!component.keepsDataOutside) continue; // The verified files speak for it.
      return `its ${component.title} part cannot be checked (${errorMessage(error)}).`;
    }
    const why = await ready.whyNotReusable?.(recorded);
    if (why) return why;
  }
  return null;
}

/** Every component's preconditions, before the first byte is written; on any failure nothing is. */
async function allPrepared(partial: PartialSnapshot, preparing: readonly Preparing[]): Promise<Ready[]> {
  const settled = await Promise.allSettled(preparing.map((p) => p.prepared));
  const failures = settled.flatMap((s, index) =>
    s.status === 'rejected' ? [{ component: preparing[index]!.component, error: s.reason }] : [],
  );
  if (failures.length > 0) {
    await partial.abort();
    if (failures.length === 1) throw failures[0]!.error;
    throw new OperationError(
      `Nothing was written: ${failures.map((f) => `${f.component.title}: ${errorMessage(f.error)}`).join(' | ')}`,
      { cause: failures[0]!.error },
    );
  }
  return preparing.map((p, index) => ({
    component: p.component,
    prepared: (settled[index] as PromiseFulfilledResult<PreparedComponent>).value,
  }));
}

/**
 * Each component in turn. One that fails is recorded as failed (no files: what it wrote is
 * removed) and the others go on; when none succeeded there is nothing to keep and the run fails.
 */
async function takeComponents(
  partial: PartialSnapshot,
  ready: readonly Ready[],
  log: Log,
): Promise<ComponentResult[]> {
  const results: ComponentResult[] = [];
  const errors: unknown[] = [];
  try {
    for (const { component, prepared } of ready) {
      const started = Date.now();
      try {
        results.push(await log.group(component.title, () => prepared.take(partial)));
      } catch (error) {
        errors.push(error);
        log.error(`${component.title} failed: ${errorMessage(error)}`);
        await partial.discard(component.name);
        results.push({
          name: component.name,
          verdict: 'failed',
          durationMs: Date.now() - started,
          details: {},
          files: [],
          error: errorMessage(error),
        });
      }
    }
  } catch (error) {
    await partial.abort();
    throw error;
  }
  if (errors.length > 0 && errors.length === results.length) {
    await partial.abort();
    throw errors.length === 1
      ? errors[0]
      : new OperationError(`Every component failed: ${errors.map(errorMessage).join(' | ')}`, {
          cause: errors[0],
        });
  }
  return results;
}

/** Retention runs only after the snapshot is complete, and never removes the newest good one. */
async function retain(
  host: RemoteHost,
  settings: Settings,
  log: Log,
  ready: readonly Ready[],
  committed: CommittedSnapshot,
  label: string,
): Promise<string[]> {
  const policy: DiskRetentionPolicy = {
    keepDaily: settings['keep-daily'],
    keepWeekly: settings['keep-weekly'],
    keepMonthly: settings['keep-monthly'],
    keepPreRestore: settings['keep-pre-restore'],
  };
  const lines: string[] = [];
  try {
    for (const { prepared } of ready) {
      if (prepared.retain) lines.push(await prepared.retain(policy, committed.date));
    }
    const disk = await applyDiskRetention(
      host,
      layoutOf(settings),
      policy,
      log,
      label,
      committed.lock ? { lock: committed.lock } : undefined,
    );
    const alone =
      disk.leftAlone.length > 0
        ? `; left alone ${disk.leftAlone.length} director${disk.leftAlone.length === 1 ? 'y' : 'ies'} it does not judge (${disk.leftAlone.join(', ')})`
        : '';
    lines.push(
      `Disk retention: kept ${disk.kept.length}, deleted ${disk.deleted.length} snapshot(s)${alone}.`,
    );
  } catch (error) {
    // The snapshot is committed and safe; a failed prune is reported, and retried tomorrow.
    log.warn(`Retention failed (the snapshot is committed and kept): ${errorMessage(error)}`);
    lines.push(`Retention failed: ${errorMessage(error)}`);
  }
  return lines;
}

async function closeAll(preparing: readonly Preparing[], log: Log): Promise<void> {
  await Promise.all(
    preparing.map(async ({ component, prepared }) => {
      try {
        await (await prepared).close();
      } catch (error) {
        // A component whose preparation failed has nothing open; a failed close is only noise.
        log.debug(`${component.title}: close: ${errorMessage(error)}`);
      }
    }),
  );
}
