import { plural } from '../shared/report/summary.js';
import { settingRef } from '../shared/setting-ref.js';
import { backupsRoot, lockBackupsDir, type Manifest, snapshotLockBefore } from '../shared/snapshot/index.js';
import { formatBytes } from '../shared/text.js';
import { copyToSecondHost } from './copy-step.js';
import { preflight } from './health.js';
import { layoutOf, openHost } from './host.js';
import { componentsTable, uploadManifestIfAsked } from './snapshot-report.js';
import { type TakenSnapshot, takeSnapshot } from './take-snapshot.js';
import type { Command, CommandResult } from './types.js';

/**
 * The nightly backup: open the host, take today's snapshot (or keep today's when it verifies),
 * prune by the retention policy, copy it to the second host and verify it there, report.
 */
export const backupCommand: Command = async ({ settings, log, surface }) => {
  const remote = await openHost(settings, log);
  try {
    await preflight(remote, settings, log);
    // The lock is held through the copy: a concurrent run's retention or forced swap waits for it.
    const layout = layoutOf(settings);
    const lock = await lockBackupsDir(remote, layout, {
      before: snapshotLockBefore(layout, backupsRoot(layout)),
    });
    try {
      const taken = await takeSnapshot(remote, settings, log, { lock });
      // The manifest is uploaded before the copy, so a failed copy still leaves it on the run.
      const uploaded = await uploadManifestIfAsked(settings, surface, taken.manifest, taken.label, log);
      return snapshotResult(taken, [...uploaded, ...(await copyToSecondHost(remote, taken, settings, log))]);
    } finally {
      await lock.release();
    }
  } finally {
    await remote.close();
  }
};

function snapshotResult(taken: TakenSnapshot, reported: readonly string[]): CommandResult {
  const { manifest, reused } = taken;
  const kept = Object.keys(manifest.components).filter((name) => !taken.failed.includes(name));
  const details = reused
    ? [
        `Today's snapshot already existed and verified: nothing was redone (set ${settingRef('force', true)} to replace it).`,
      ]
    : [
        ...(taken.replaced ? [`Replaced the previous snapshot of ${taken.date} (force).`] : []),
        ...taken.retention,
      ];
  const verdict = taken.failed.length > 0 ? 'incomplete' : 'good';
  const failed = taken.failed.map((name) => `${name} failed: ${manifest.components[name]?.error ?? ''}`);
  return {
    ok: taken.failed.length === 0,
    headline:
      taken.failed.length > 0
        ? `Snapshot ${taken.label} is incomplete: ${taken.failed.join(' + ')} failed; ${kept.join(' + ')} kept (${plural(manifest.files.length, 'file')}, ${formatBytes(totalBytes(manifest))}). Fix the cause and run again: the next run takes it again.`
        : `Snapshot ${taken.label}: ${kept.join(' + ')}, ${plural(manifest.files.length, 'file')}, ${formatBytes(totalBytes(manifest))}${reused ? ' (already taken today, verified and kept)' : ''}.`,
    details: [...failed, ...details, ...reported],
    table: componentsTable(manifest),
    outputs: {
      'snapshot-date': taken.date,
      'snapshot-path': taken.path,
      manifest: JSON.stringify(manifest),
      reused: String(reused),
    },
    stdout: {
      text: `${taken.path} ${verdict}\n`,
      json: {
        ok: verdict === 'good',
        'snapshot-date': taken.date,
        'snapshot-path': taken.path,
        verdict,
        reused,
      },
    },
  };
}

function totalBytes(manifest: Manifest): number {
  return manifest.files.reduce((sum, file) => sum + file.size, 0);
}
