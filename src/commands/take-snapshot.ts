import { errorMessage } from '../shared/errors.js';
import type { RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { ComponentName, Settings } from '../shared/settings/index.js';
import {
  applyDiskRetention,
  beginSnapshot,
  buildManifest,
  type CommittedSnapshot,
  type ComponentResult,
  type ExistingSnapshot,
  type HostLock,
  type Manifest,
  type PartialSnapshot,
  type RetentionPolicy,
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
  /** Replace today's snapshot even if it verifies; every component is taken again. */
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
  /** The directory's name: the date (YYYY-MM-DD). */
  readonly label: string;
  readonly date: string;
  readonly path: string;
  readonly manifest: Manifest;
  /** Today's snapshot existed, verified and answered this run: nothing was redone. */
  readonly reused: boolean;
  /** Components recorded in the manifest as failed (the others are kept). */
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

/**
 * One snapshot run, as the runbook should have been: every component's preconditions checked while
 * the host lock is taken; today's snapshot kept if it exists, verifies and still answers; otherwise
 * a new one built in a hidden directory, its manifest written last and renamed into place; and only
 * then retention, under the same lock.
 */
export async function takeSnapshot(
  host: RemoteHost,
  settings: Settings,
  log: Log,
  options: TakeSnapshotOptions = {},
): Promise<TakenSnapshot> {
  const ctx: ComponentContext = { host, settings, log };
  const components = componentsFor(options.components ?? settings.components);
  const preparing: Preparing[] = components.map((component) => {
    const prepared = component.prepare(ctx);
    prepared.catch(() => {}); // Awaited below, or irrelevant when today's snapshot is kept.
    return { component, prepared };
  });
  try {
    const force = options.force ?? settings.force;
    const lent = options.lock ? { lock: options.lock } : {};
    let begun = await beginSnapshot(host, layoutOf(settings), log, { force, ...lent });
    if (begun.kind === 'existing') {
      const why = await whyNotReusable(begun, preparing, settings);
      if (why === null) {
        await begun.release();
        log.info(
          `Today's snapshot ${begun.path} exists and verifies (${begun.report.filesChecked} files): kept.`,
        );
        return {
          label: begun.date,
          date: begun.date,
          path: begun.path,
          manifest: begun.report.manifest!,
          reused: true,
          failed: [],
          replaced: null,
          retention: [],
        };
      }
      log.warn(
        `Today's snapshot ${begun.path} cannot be reused: ${why} Taking it again; it is replaced only once the new one is complete.`,
      );
      await begun.release();
      begun = await beginSnapshot(host, layoutOf(settings), log, { force: true, ...lent });
      if (begun.kind === 'existing')
        throw new Error('beginSnapshot returned an existing snapshot despite force');
    }
    const prepared = await allPrepared(begun, preparing);
    const results = await takeComponents(begun, prepared, log);
    const manifest = buildManifest({
      gatewayOpsVersion: VERSION,
      runId: begun.runId,
      host: host.description,
      date: begun.date,
      timezone: settings.timezone,
      createdAt: begun.startedAt,
      completedAt: new Date(),
      components: results,
    });
    // Retention follows under the same lock, from the listing the commit made.
    const committed = await begun.commit(manifest, { keepLock: true });
    log.info(
      `Snapshot ${committed.path} is complete: ${manifest.files.length} files, manifest written last.`,
    );
    let retention: string[] = [];
    try {
      if (options.retention !== false) retention = await retain(host, settings, log, prepared, committed);
    } finally {
      await committed.release();
    }
    return {
      label: committed.date,
      date: committed.date,
      path: committed.path,
      manifest,
      reused: false,
      failed: [],
      replaced: committed.replaced,
      retention,
    };
  } finally {
    await closeAll(preparing, log);
  }
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
async function allPrepared(
  partial: PartialSnapshot,
  preparing: readonly Preparing[],
): Promise<{ component: SnapshotComponent; prepared: PreparedComponent }[]> {
  const settled = await Promise.allSettled(preparing.map((p) => p.prepared));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await partial.abort();
    throw failure.reason;
  }
  return preparing.map((p, index) => ({
    component: p.component,
    prepared: (settled[index] as PromiseFulfilledResult<PreparedComponent>).value,
  }));
}

async function takeComponents(
  partial: PartialSnapshot,
  prepared: readonly { component: SnapshotComponent; prepared: PreparedComponent }[],
  log: Log,
): Promise<ComponentResult[]> {
  const results: ComponentResult[] = [];
  try {
    for (const { component, prepared: ready } of prepared) {
      results.push(await log.group(component.title, () => ready.take(partial)));
    }
    return results;
  } catch (error) {
    await partial.abort();
    throw error;
  }
}

/** Retention runs only after the snapshot is complete, and never removes the newest good one. */
async function retain(
  host: RemoteHost,
  settings: Settings,
  log: Log,
  prepared: readonly { prepared: PreparedComponent }[],
  committed: CommittedSnapshot,
): Promise<string[]> {
  const policy: RetentionPolicy = {
    keepDaily: settings['keep-daily'],
    keepWeekly: settings['keep-weekly'],
    keepMonthly: settings['keep-monthly'],
  };
  const lines: string[] = [];
  try {
    for (const { prepared: ready } of prepared) {
      if (ready.retain) lines.push(await ready.retain(policy, committed.date));
    }
    const disk = await applyDiskRetention(
      host,
      layoutOf(settings),
      policy,
      log,
      committed.date,
      committed.lock ? { lock: committed.lock, snapshots: committed.snapshots } : undefined,
    );
    lines.push(`Disk retention: kept ${disk.kept.length}, deleted ${disk.deleted.length} snapshot(s).`);
  } catch (error) {
    // The snapshot is complete and safe; a failed prune is reported, and retried tomorrow.
    log.warn(`Retention failed (today's snapshot is complete and kept): ${errorMessage(error)}`);
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
