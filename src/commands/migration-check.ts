import { ConfigurationError } from '../shared/errors.js';
import {
  applyFixes,
  appTitle,
  checkMigrations,
  MigrationCheckUsageError,
  type MigrationReport,
  renderText,
  toJson,
} from '../shared/migrations/index.js';
import type { Command, CommandContext, CommandResult } from './types.js';

/** `gateway-ops migration-check`: the report on stdout (text or JSON), the verdict as the exit code. */
export const migrationCheckCommand: Command = async (context: CommandContext): Promise<CommandResult> => {
  const s = context.settings;
  if (!s.base)
    throw new ConfigurationError(
      "Setting 'base' is required: the base branch or commit, e.g. --base origin/main.",
    );
  let report: MigrationReport;
  try {
    report = await checkMigrations({
      repo: s.repo,
      base: s.base,
      head: s.head,
      apps: s.apps ?? [],
      excludeApps: s['exclude-apps'],
      manageCommand: s['manage-command'],
    });
  } catch (error) {
    if (error instanceof MigrationCheckUsageError) throw new ConfigurationError(error.message);
    throw error;
  }

  const details: string[] = [];
  if (s.fix && !report.ok) {
    try {
      const fixed = await applyFixes(s.repo, report);
      for (const plan of fixed.applied) details.push(`fixed ${plan.app}: ${plan.output}`);
      for (const skipped of fixed.skipped)
        details.push(`not fixed ${appTitle(skipped.app)}: ${skipped.reason}`);
    } catch (error) {
      if (error instanceof MigrationCheckUsageError) throw new ConfigurationError(error.message);
      throw error;
    }
  }

  if (context.surface === 'cli') {
    context.stdout(s.format === 'json' ? `${JSON.stringify(toJson(report))}\n` : renderText(report));
  } else {
    for (const app of report.apps) {
      for (const p of app.problems) {
        context.log.error(`${appTitle(app)}: ${p.message}`, {
          ...(p.file ? { file: p.file } : {}),
          ...(p.line ? { line: p.line } : {}),
          title: `migration-check: ${p.code}`,
        });
      }
    }
  }

  const failed = report.apps.filter((a) => !a.ok);
  const fixedAll = s.fix && details.length > 0 && details.every((d) => d.startsWith('fixed '));
  return {
    ok: report.ok,
    headline: report.ok
      ? `${report.apps.length} app(s) checked: migrations are linear.`
      : `${failed.length} of ${report.apps.length} app(s) have migration problems${fixedAll ? ' (fixed in the working tree: review and commit)' : ''}.`,
    details,
    table: {
      header: ['app', 'verdict', 'fix'],
      rows: report.apps.map((a) => [
        appTitle(a),
        a.ok ? 'ok' : a.status,
        a.fix ?? (a.ok ? '' : 'see the problems'),
      ]),
    },
    outputs: {
      ok: String(report.ok),
      conflicts: JSON.stringify(toJson(report).apps.filter((a) => !a.ok)),
      'apps-needing-rebase': report.apps
        .filter((a) => a.fix !== null)
        .map((a) => a.app)
        .join(','),
    },
  };
};
