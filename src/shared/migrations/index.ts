import { checkWorkingTree } from './in-progress.js';
import { type CheckOptions, checkPullRequest } from './pull-request.js';
import type { MigrationReport } from './report.js';
import { operationInProgress } from './working-tree.js';

export type { Problem } from './graph.js';
export { applyFixes, checkWorkingTree, type FixResult } from './in-progress.js';
export { readMigrationFile, readMigrationSource } from './migration-file.js';
export { type CheckOptions, MigrationCheckUsageError } from './pull-request.js';
export { applyFix, planRebase, type RebasePlan } from './rebase-plan.js';
export {
  type AppReport,
  type AppStatus,
  appTitle,
  type MigrationReport,
  type MigrationReportJson,
  planSteps,
  renderText,
  toJson,
  verdictLine,
} from './report.js';
export { type OperationInProgress, operationInProgress } from './working-tree.js';

/**
 * Checks that the head's migrations stay linear against the base, per app, from git objects
 * only (rev-parse, merge-base and one cat-file --batch; nothing is checked out). Throws
 * `MigrationCheckUsageError` for a wrong directory, an unknown ref or app, a shallow clone.
 */
export async function checkMigrations(options: CheckOptions): Promise<MigrationReport> {
  return checkPullRequest(options);
}

/** The check a terminal user means: the working tree while a merge, rebase or cherry-pick is stopped, else the head. */
export async function checkHere(options: CheckOptions, useWorkingTree: boolean): Promise<MigrationReport> {
  const op = await operationInProgress(options.repo);
  if (op || useWorkingTree) return checkWorkingTree(options, op);
  return checkPullRequest(options);
}
