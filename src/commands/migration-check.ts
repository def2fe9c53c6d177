import { ConfigurationError } from '../shared/errors.js';
import {
  applyFixes,
  appTitle,
  checkMigrations,
  checkWorkingTree,
  type MigrationReport,
  type OperationInProgress,
  operationInProgress,
  renderText,
  toJson,
  verdictLine,
} from '../shared/migrations/index.js';
import { checkOptions, outputs } from './migration-check-common.js';
import type { Command, CommandContext, CommandResult } from './types.js';

const NEXT_STEP: Record<OperationInProgress['kind'], string> = {
  rebase: 'git rebase --continue',
  merge: 'git commit',
  'cherry-pick': 'git cherry-pick --continue',
};

/**
 * `gateway-ops migration-check` in a terminal: the report on stdout, the verdict as the exit
 * code. While a merge, rebase or cherry-pick is stopped (or with --fix) it judges the working
 * tree, as `rebase_migration` does, and --fix edits it.
 */
async function runInTerminal(context: CommandContext): Promise<CommandResult> {
  const s = context.settings;
  const head = s.head;
  if (s.fix && head !== 'HEAD')
    throw new ConfigurationError(
      `--fix edits the working tree, so it compares no --head: expected no --head, found '${head}'.`,
    );
  const op = head === 'HEAD' ? await operationInProgress(s.repo) : null;
  if (!s.base && !op)
    throw new ConfigurationError(
      "Setting '--base' is required: the base branch or commit, e.g. --base origin/main.",
    );
  const details: string[] = [];
  let report: MigrationReport;
  const fixed: { app: string; output: string }[] = [];
  if (op || s.fix) {
    const base = s.base ?? op!.onto;
    const options = checkOptions(s, 'cli', base, 'HEAD', s.base ?? op!.onto.slice(0, 12));
    report = await checkWorkingTree(options, op);
    details.push(
      op
        ? `a ${op.kind} is in progress${op.stoppedAt ? ` (stopped at ${op.stoppedAt.slice(0, 12)})` : ''}: judged the working tree as it is now`
        : 'judged the working tree (no merge, rebase or cherry-pick in progress)',
    );
    if (s.fix) {
      const result = await applyFixes(s.repo, report);
      for (const plan of result.applied) fixed.push({ app: plan.app, output: plan.output });
      for (const skipped of result.skipped)
        details.push(`not fixed ${appTitle(skipped.app)}: ${skipped.reason}`);
      // Judge what is on disk now: the report says what the user has after the fix.
      report = await checkWorkingTree(options, op);
      if (fixed.length > 0 && op)
        details.push(`next: \`git add -A\` the changed files, then \`${NEXT_STEP[op.kind]}\``);
    }
  } else {
    const base = s.base!;
    report = await checkMigrations(checkOptions(s, 'cli', base, head));
  }
  const json = { ...toJson(report), ...(s.fix ? { fixed } : {}) };
  return {
    ok: report.ok,
    headline: verdictLine(report),
    details,
    outputs: outputs([report]),
    // The report is the result; the verdict is the headline, said once (no table repeating the apps).
    stdout: { text: fixed.map((f) => `fixed ${f.app}: ${f.output}\n`).join('') + renderText(report), json },
  };
}

export const migrationCheckCommand: Command = async (context) => {
  if (context.surface === 'cli') return runInTerminal(context);
  // The action's GitHub client is loaded only when the action runs: the CLI never needs it.
  const { runInAction, productionSeams } = await import('./migration-check-action.js');
  return runInAction(context, await productionSeams(context.settings));
};
