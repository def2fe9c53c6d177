import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AppReport,
  type CheckOptions,
  checkPullRequest,
  MigrationCheckUsageError,
  type MigrationReport,
} from './pull-request.js';
import { applyFix, type RebasePlan } from './rebase-plan.js';

export type { Problem } from './graph.js';
export { readMigrationFile, readMigrationSource } from './migration-file.js';
export type { AppReport, AppStatus, CheckOptions, MigrationReport } from './pull-request.js';
export { MigrationCheckUsageError } from './pull-request.js';
export { applyFix, planRebase, type RebasePlan } from './rebase-plan.js';
export { appTitle, type MigrationReportJson, renderText, toJson } from './report.js';

/**
 * Checks that the head's migrations stay linear against the base, per app, from git objects
 * only (rev-parse, merge-base and one cat-file --batch; nothing is checked out). Throws
 * `MigrationCheckUsageError` for a wrong directory, an unknown ref or a shallow clone.
 */
export async function checkMigrations(options: CheckOptions): Promise<MigrationReport> {
  return checkPullRequest(options);
}

export interface FixResult {
  applied: RebasePlan[];
  /** Apps with problems no plan fixes, with why. */
  skipped: { app: AppReport; reason: string }[];
}

/** `--fix`: applies every rebase plan of the report to the working tree at `repo`. */
export async function applyFixes(repo: string, report: MigrationReport): Promise<FixResult> {
  const result: FixResult = { applied: [], skipped: [] };
  for (const app of report.apps) {
    if (app.ok) continue;
    if (!app.plan) {
      result.skipped.push({ app, reason: app.problems[0]?.message ?? 'no automatic fix' });
      continue;
    }
    const maxPath = path.join(repo, app.plan.maxMigrationPath);
    const max = await readFile(maxPath, 'utf8').catch(() => '');
    if (!max.includes(app.plan.mergedName)) {
      throw new MigrationCheckUsageError(
        `--fix for ${app.app}: merge or rebase onto ${report.base.ref} first (${app.plan.maxMigrationPath} does not mention ${app.plan.mergedName} yet); then run --fix again`,
      );
    }
    await applyFix(repo, app.plan);
    result.applied.push(app.plan);
  }
  return result;
}
