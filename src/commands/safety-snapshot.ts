import { OperationError } from '../shared/errors.js';
import type { SafetySnapshotTaker } from './restore-run.js';

/**
 * The safety snapshot is the backup's own snapshot run under a `pre-restore-<UTC time>` label.
 * That run becomes callable as a function with the "core ready for restore" work; until it has
 * landed here, a restore that asks for a safety snapshot refuses to start.
 */
export const takeSafetySnapshot: SafetySnapshotTaker = async () => {
  throw new OperationError(
    'this version of gateway-ops cannot take a safety snapshot yet, so the restore does not start.',
    { hint: 'Take a backup first and set safety-snapshot: false to restore without one.' },
  );
};
