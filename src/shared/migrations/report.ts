import { plural } from '../report/summary.js';
import type { AppReport, MigrationReport } from './pull-request.js';

/** The stable `--format json` shape (see the CLI contract in the issue). */
export interface MigrationReportJson {
  ok: boolean;
  apps: {
    app: string;
    /** Directory of the app's manage.py; '' for the repository root. Added for repositories with several projects. */
    project: string;
    ok: boolean;
    problems: { code: string; message: string; file: string | null; line: number | null }[];
    fix: string | null;
  }[];
}

export function toJson(report: MigrationReport): MigrationReportJson {
  return {
    ok: report.ok,
    apps: report.apps.map((a) => ({
      app: a.app,
      project: a.project,
      ok: a.ok,
      problems: a.problems.map((p) => ({ code: p.code, message: p.message, file: p.file, line: p.line })),
      fix: a.fix,
    })),
  };
}

function where(file: string | null, line: number | null): string {
  if (!file) return '';
  return line ? ` (${file}:${line})` : ` (${file})`;
}

export function appTitle(app: AppReport): string {
  return app.project ? `${app.project}: ${app.app}` : app.app;
}

/** Plain text for a terminal: one block per app with a problem, then a one-line verdict. */
export function renderText(report: MigrationReport): string {
  const lines: string[] = [];
  const short = (sha: string) => sha.slice(0, 12);
  lines.push(
    `migration-check: ${report.head.ref} (${short(report.head.commit)}) against ${report.base.ref} (${short(report.base.commit)}), merge-base ${short(report.mergeBase)}`,
  );
  for (const app of report.apps) {
    if (app.ok) {
      lines.push(
        `  ok    ${appTitle(app)}${app.status === 'unchanged' ? ' (not changed by this branch)' : ''}`,
      );
      continue;
    }
    lines.push(`  FAIL  ${appTitle(app)}: ${app.status}`);
    for (const p of app.problems) lines.push(`        [${p.code}] ${p.message}${where(p.file, p.line)}`);
    if (app.fix) lines.push(`        fix: ${app.fix}`);
    if (app.plan) {
      lines.push(`        it will rename ${app.plan.oldPath} -> ${app.plan.newPath}`);
      lines.push(`        new dependencies = ${app.plan.newDependencies}`);
      lines.push(`        ${app.plan.maxMigrationPath}: ${app.plan.newName}`);
      lines.push(
        `        (when black is installed, rebase_migration then also runs \`black --fast\` on the new file)`,
      );
    }
  }
  if (report.apps.length === 0)
    lines.push('  no checked app (none has migrations/max_migration.txt, and no `apps` setting)');
  const failed = report.apps.filter((a) => !a.ok).length;
  lines.push(
    report.ok
      ? `${plural(report.apps.length, 'app')} checked: migrations are linear.`
      : `${failed} of ${plural(report.apps.length, 'app')} ${failed === 1 ? 'has' : 'have'} migration problems.`,
  );
  return `${lines.join('\n')}\n`;
}
