import type { Manifest } from '../shared/snapshot/index.js';
import { copyToSecondHost } from './copy-step.js';
import { filesTable, formatBytes, openHost } from './host.js';
import { type TakenSnapshot, takeSnapshot } from './take-snapshot.js';
import type { Command, CommandResult } from './types.js';

/**
 * The nightly backup: open the host, take today's snapshot (or keep today's when it verifies),
 * prune by the retention policy, copy it to the second host and verify it there, report.
 */
export const backupCommand: Command = async ({ settings, log }) => {
  const remote = await openHost(settings, log);
  try {
    const taken = await takeSnapshot(remote, settings, log);
    return snapshotResult(taken, await copyToSecondHost(remote, taken, settings, log));
  } finally {
    await remote.close();
  }
};

function snapshotResult(taken: TakenSnapshot, copied: readonly string[]): CommandResult {
  const { manifest, reused } = taken;
  const kept = Object.keys(manifest.components).filter((name) => !taken.failed.includes(name));
  const details = reused
    ? [`Today's snapshot already existed and verified: nothing was redone (set force: true to replace it).`]
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
        ? `Snapshot ${taken.label} is incomplete: ${taken.failed.join(' + ')} failed; ${kept.join(' + ')} kept (${manifest.files.length} files, ${formatBytes(totalBytes(manifest))}). Fix the cause and run again: the next run takes it again.`
        : `Snapshot ${taken.label}: ${kept.join(' + ')}, ${manifest.files.length} files, ${formatBytes(totalBytes(manifest))}${reused ? ' (already taken today, verified and kept)' : ''}.`,
    details: [...failed, ...details, ...copied],
    table: filesTable(manifest),
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
