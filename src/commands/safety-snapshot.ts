import { OperationError } from '../shared/errors.js';
import type { SafetySnapshotTaker } from './restore-run.js';
import { takeSnapshot } from './take-snapshot.js';

/**
 * The safety snapshot is the backup's own snapshot run, under a `pre-restore-<UTC time>` label and
 * the restore's host lock, of the components about to be replaced. It runs no retention (it must
 * never prune the snapshot being restored). One failed component makes it no way back: the
 * restore does not start.
 */
export const takeSafetySnapshot: SafetySnapshotTaker = async (remote, settings, log, options) => {
  const taken = await takeSnapshot(remote, settings, log, {
    label: options.label,
    components: options.components,
    lock: options.lock,
    force: false,
    retention: false,
  });
  if (taken.failed.length > 0) {
    throw new OperationError(
      `the safety snapshot ${taken.path} is incomplete: its ${taken.failed.join(' and ')} component failed (its manifest says so, so it is never restored as if whole).`,
      {
        hint: 'Fix the cause (see the log above), then run the restore again; remove that directory once it is of no use.',
      },
    );
  }
  log.info(`Safety snapshot ${taken.path}: ${Object.keys(taken.manifest.components).join(' + ')}, complete.`);
  return { path: taken.path };
};
