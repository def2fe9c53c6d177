import { type AppMigrations, buildProjectGraph, type Problem } from './graph.js';
import { compareNames } from './order.js';
import { type CheckOptions, discoveryReports, MigrationCheckUsageError, selectApps } from './pull-request.js';
import { planChain, shellQuote } from './rebase-advice.js';
import { applyFix, type RebasePlan } from './rebase-plan.js';
import { type AppReport, appReport, type MigrationReport } from './report.js';
import { readRepositoryMigrations } from './repository-migrations.js';
import { checkAppState, conflictNames } from './rules.js';
import { type OperationInProgress, WorkingTree } from './working-tree.js';

const decoder = new TextDecoder();

function sameAppParents(state: AppMigrations, name: string): string[] | null {
  const read = state.migrations.get(name);
  if (!read?.ok) return null;
  const label = state.app.label;
  return read.declaration.dependencies.filter((d) => d.app === label).map((d) => d.name);
}

/** `name` and every migration it depends on within its app. */
function withAncestors(state: AppMigrations, name: string): Set<string> {
  const seen = new Set<string>();
  const todo = [name];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    todo.push(...(sameAppParents(state, n) ?? []));
  }
  return seen;
}

/**
 * The branch's migrations that are not below `merged`, oldest first, walking down from
 * `rebased` through its one same-app parent each; or why they are not one chain.
 */
function chainBelow(state: AppMigrations, rebased: string, merged: string): string[] | string {
  const done = withAncestors(state, merged);
  const chain: string[] = [];
  for (let n = rebased; !done.has(n); ) {
    if (!state.app.migrations.has(n)) return `${n} has no file`;
    chain.unshift(n);
    const parents = sameAppParents(state, n);
    if (parents === null) return `${n} cannot be read`;
    if (parents.length !== 1)
      return `rebase_migration refuses ${n}.py: it has ${parents.length} dependencies within ${state.app.label} (it needs exactly one)`;
    n = parents[0]!;
  }
  return chain;
}

/** One app whose max_migration.txt holds a conflict: the plan rebase_migration (run once per migration) would carry out. */
function conflictedApp(
  state: AppMigrations,
  names: { merged: string; rebased: string },
  manage: string,
): AppReport {
  const { project, label, maxMigrationPath } = state.app;
  const fail = (code: string, message: string) =>
    appReport(project, label, 'needs-rebase', [{ code, message, file: maxMigrationPath, line: 1 }]);
  for (const n of [names.merged, names.rebased]) {
    if (!state.app.migrations.has(n))
      return fail(
        'needs-rebase-manual',
        `${label}'s max_migration.txt names ${n}, which has no file (rebase_migration refuses it too)`,
      );
  }
  const chain = chainBelow(state, names.rebased, names.merged);
  if (typeof chain === 'string')
    return fail('needs-rebase-manual', `${label} cannot be rebased automatically: ${chain}`);
  if (chain.length === 0)
    return fail(
      'max-migration-conflict',
      `${label}'s max_migration.txt conflicts, but ${names.rebased} is already below ${names.merged}: keep '${names.merged}'`,
    );
  const planned = planChain(
    project,
    label,
    names.merged,
    chain.map((name) => {
      const read = state.migrations.get(name)!;
      return { name, path: state.app.migrations.get(name)!, source: read.ok ? read.source : '' };
    }),
    state.app.migrations.keys(),
    maxMigrationPath,
  );
  if (!planned.ok)
    return fail('needs-rebase-manual', `${label} cannot be rebased automatically: ${planned.reason}`);
  const cd = project ? `cd ${shellQuote(project)} && ` : '';
  const message =
    chain.length === 1
      ? `${label}'s max_migration.txt holds a conflict between ${names.merged} and this branch's ${names.rebased}: ${names.rebased} must move after ${names.merged}`
      : `${label}'s max_migration.txt holds a conflict between ${names.merged} and this branch's chain ${chain.join(', ')}; rebase_migration moves only ${names.rebased}, so each is moved in turn (run --fix)`;
  return appReport(
    project,
    label,
    'needs-rebase',
    [
      {
        code: chain.length === 1 ? 'needs-rebase' : 'needs-rebase-chain',
        message,
        file: maxMigrationPath,
        line: 1,
      },
    ],
    {
      fix: chain.length === 1 ? `${cd}${manage} rebase_migration ${label}` : null,
      plans: planned.plans,
    },
  );
}

/**
 * Judges the working tree of a merge, rebase or cherry-pick that stopped (or of a conflict
 * left in it): what `--fix`, like `rebase_migration`, works on. An app whose
 * max_migration.txt holds conflict markers gets the plan; the others are checked as they are.
 */
export async function checkWorkingTree(
  options: CheckOptions,
  op: OperationInProgress | null,
): Promise<MigrationReport> {
  const tree = await WorkingTree.load(options.repo);
  const state = await readRepositoryMigrations(tree);
  const selection = selectApps(options, state);
  const manage = options.manageCommand?.trim() || 'python manage.py';
  const apps: AppReport[] = [];
  for (const project of state.projects) {
    const graphs = buildProjectGraph(project);
    for (const [label, app] of project.apps) {
      if (selection.excluded.has(label) || app.app.migrations.size === 0) continue;
      const text = app.maxMigration ? decoder.decode(app.maxMigration) : '';
      const conflict = conflictNames(text);
      if (conflict) {
        // During a merge git puts this branch first; rebase_migration swaps the names then.
        const [merged, rebased] =
          op?.kind === 'merge' ? [conflict.last, conflict.first] : [conflict.first, conflict.last];
        apps.push(conflictedApp(app, { merged, rebased }, manage));
        continue;
      }
      const problems: Problem[] = checkAppState(
        app,
        graphs.get(label)!,
        selection.dlm(project.project, label),
      );
      const status =
        problems.length === 0
          ? 'linear'
          : problems.some((p) => p.code === 'dlm.E005')
            ? 'pr-several-leaves'
            : 'pr-problems';
      apps.push(appReport(project.project, label, status, problems));
    }
  }
  apps.push(...discoveryReports(state, selection.excluded));
  apps.sort((a, b) => compareNames(a.project, b.project) || compareNames(a.app, b.app));
  const onto = op?.onto ?? '';
  return {
    ok: apps.every((a) => a.ok),
    base: { ref: options.base, commit: onto, name: options.baseName ?? options.base },
    head: {
      ref: op ? `the working tree (${op.kind} in progress)` : 'the working tree',
      commit: op?.stoppedAt ?? '',
    },
    mergeBase: '',
    apps,
    nothingChecked: selection.nothingChecked,
  };
}

export interface FixResult {
  applied: RebasePlan[];
  /** Apps with problems no plan fixes, with why. */
  skipped: { app: AppReport; reason: string }[];
}

/**
 * `--fix`: carries out the plans of a working-tree report, editing the files as they are on
 * disk (uncommitted edits are the input, never overwritten). Like rebase_migration, refuses
 * when no max_migration.txt holds a conflict.
 */
export async function applyFixes(repo: string, report: MigrationReport): Promise<FixResult> {
  const planned = report.apps.filter((a) => a.plans.length > 0);
  if (planned.length === 0) {
    const conflicted = report.apps.some((a) =>
      a.problems.some((p) => p.code.startsWith('needs-rebase') || p.code === 'max-migration-conflict'),
    );
    if (!conflicted)
      throw new MigrationCheckUsageError(
        `--fix: no max_migration.txt in the working tree holds a merge conflict, so there is nothing to rebase (rebase_migration refuses the same way). Merge or rebase onto ${report.base.name} first; run --fix while git stops on the conflict.`,
      );
  }
  const tree = await WorkingTree.load(repo);
  const result: FixResult = { applied: [], skipped: [] };
  for (const app of report.apps) {
    if (app.ok) continue;
    if (app.plans.length === 0) {
      result.skipped.push({ app, reason: app.problems[0]?.message ?? 'no automatic fix' });
      continue;
    }
    for (const plan of app.plans) {
      await applyFix(tree.directory, plan);
      result.applied.push(plan);
    }
  }
  return result;
}
