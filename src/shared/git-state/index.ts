/** The deployment's git state in a snapshot: branch, commit, status, patches, an archive of HEAD. */
export {
  GIT_DIR,
  GIT_STATE_FILE,
  type GitSnapshotDirectory,
  type PreparedGitState,
  prepareGitState,
} from './git-state.js';
export {
  type GitState,
  MAX_UNTRACKED_LISTED,
  type NoRepository,
  parseCapture,
  statusLines,
} from './state.js';
