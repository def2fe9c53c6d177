/**
 * A restore holds the same host lock as a backup (`<backups-dir>/.gateway-ops.lock`), from before
 * it chooses a snapshot until the services are started again: a backup's retention cannot remove
 * the snapshot being restored, and a backup never dumps a half-restored cluster. A drill holds it
 * for as long as it reads the snapshot, for the same retention's sake.
 */
import { missingToolsScript, shellQuote } from '../remote/script.js';
import {
  type BackupsLockStep,
  backupsRoot,
  MISSING_TOOLS,
  newRunId,
  prepareScript,
  SETUP_FAILED,
  type SnapshotLayout,
} from '../snapshot/index.js';

/** What the lock and the directory check use (the safety snapshot checks its own tools). */
const RESTORE_LOCK_TOOLS = ['bash', 'flock', 'stat'];

/**
 * Before the lock: the tools, and a backups dir that exists (a restore never creates it: there
 * would be nothing in it to restore) and that nobody else can write into (its dumps are run as SQL).
 */
export function restoreLockScript(layout: SnapshotLayout): string {
  const root = backupsRoot(layout);
  return `missing=$(${missingToolsScript(RESTORE_LOCK_TOOLS)})
if [ -n "$missing" ]; then echo "${MISSING_TOOLS}" $missing >&2; exit 69; fi
backups=${shellQuote(root)}
if [ ! -d "$backups" ]; then
  echo "${SETUP_FAILED} there is no backups dir $backups: no snapshot to restore from" >&2
  exit 73
fi
${prepareScript(root, layout.deployDir)}`;
}

/** The check before a restore's or a drill's host lock, and a run id that says which it is. */
export function restoreLockStep(layout: SnapshotLayout, run: 'restore' | 'drill'): BackupsLockStep {
  return { before: restoreLockScript(layout), runId: `${run}-${newRunId()}` };
}
