import { plural } from '../report/summary.js';
import type { Problem } from './graph.js';
import type { RebasePlan } from './rebase-plan.js';

export type AppStatus =
  | 'linear'
  | 'unchanged'
  | 'needs-rebase'
  | 'pr-several-leaves'
  | 'pr-changes-base-migration'
  | 'pr-problems'
  /** The base is not linear for the app and the pull request makes it linear: passes. */
  | 'repairs-base'
  /** The base is not linear for the app and the pull request leaves it so, no worse: a warning. */
  | 'base-not-linear'
  /** The base is not linear for the app and the pull request makes it worse: fails. */
  | 'pr-worsens-base'
  | 'unreadable';

export interface AppReport {
  /** Directory of the app's manage.py ('' for the repository root). */
  project: string;
  app: string;
  ok: boolean;
  status: AppStatus;
  /** What fails the app; empty when ok. */
  problems: Problem[];
  /** Said without failing the app: the base's own problems, a repair, a rewritten migration in a repair. */
  notes: Problem[];
  /** The command that fixes this app (`... rebase_migration <app>`), or null when none does in one step. */
  fix: string | null;
  /** The rebase steps, in order: one for rebase_migration's case, one per migration for a chain. */
  plans: RebasePlan[];
}

/** An app's report; ok when nothing fails it. */
export function appReport(
  project: string,
  app: string,
  status: AppStatus,
  problems: Problem[],
  extra: { notes?: Problem[]; fix?: string | null; plans?: RebasePlan[] } = {},
): AppReport {
  return {
    project,
    app,
    ok: problems.length === 0,
    status,
    problems,
    notes: extra.notes ?? [],
    fix: extra.fix ?? null,
    plans: extra.plans ?? [],
  };
}

export interface MigrationReport {
  ok: boolean;
  /** `name` is what messages call the base (the branch, never a bare commit when the branch is known). */
  base: { ref: string; commit: string; name: string };
  head: { ref: string; commit: string };
  mergeBase: string;
  apps: AppReport[];
  /** Set when no app uses max_migration.txt and no `apps` were given: why nothing was checked by DLM's rules. */
  nothingChecked: string | null;
}

/** The stable `--format json` shape (see the CLI contract in the issue). */
export interface MigrationReportJson {
  ok: boolean;
  apps: {
    app: string;
    /** Directory of the app's manage.py; '' for the repository root. Added for repositories with several projects. */
    project: string;
    ok: boolean;
    /** Added with the verdicts for a base that is not linear (repairs-base, base-not-linear, pr-worsens-base). */
    status: AppStatus;
    problems: { code: string; message: string; file: string | null; line: number | null }[];
    notes: { code: string; message: string; file: string | null; line: number | null }[];
    fix: string | null;
  }[];
  nothingChecked: string | null;
}

const plain = (p: Problem) => ({ code: p.code, message: p.message, file: p.file, line: p.line });

export function toJson(report: MigrationReport): MigrationReportJson {
  return {
    ok: report.ok,
    apps: report.apps.map((a) => ({
      app: a.app,
      project: a.project,
      ok: a.ok,
      status: a.status,
      problems: a.problems.map(plain),
      notes: a.notes.map(plain),
      fix: a.fix,
    })),
    nothingChecked: report.nothingChecked,
  };
}

function where(file: string | null, line: number | null): string {
  if (!file) return '';
  return line ? ` (${file}:${line})` : ` (${file})`;
}

export function appTitle(app: AppReport): string {
  return app.project ? `${app.project}: ${app.app}` : app.app;
}

/** The one-line verdict: the CLI's and the action's headline. */
export function verdictLine(report: MigrationReport): string {
  if (report.nothingChecked) return report.nothingChecked;
  const failed = report.apps.filter((a) => !a.ok).length;
  const warned = report.apps.filter((a) => a.ok && a.status === 'base-not-linear').length;
  if (!report.ok)
    return `${failed} of ${plural(report.apps.length, 'app')} ${failed === 1 ? 'has' : 'have'} migration problems.`;
  return warned > 0
    ? `${plural(report.apps.length, 'app')} checked: this branch adds no migration problem; ${plural(warned, 'app')} ${warned === 1 ? 'is' : 'are'} already not linear on ${report.base.name}.`
    : `${plural(report.apps.length, 'app')} checked: migrations are linear.`;
}

/** What a plan does, in one sentence per step (the CLI, the annotations and the comment say the same). */
export function planSteps(plans: readonly RebasePlan[]): string[] {
  return plans.map(
    (p) =>
      `rename ${p.oldPath} to ${p.newName}.py and set its dependencies = ${p.newDependencies}, then write ${p.newName} into max_migration.txt`,
  );
}

/**
 * Plain text for a terminal: one line per app, the problems and notes under it. The verdict
 * is the headline the CLI prints after it, so it is not repeated here.
 */
export function renderText(report: MigrationReport): string {
  const lines: string[] = [];
  const short = (sha: string) => sha.slice(0, 12);
  lines.push(
    `migration-check: ${report.head.ref} (${short(report.head.commit)}) against ${report.base.name} (${short(report.base.commit)}), merge-base ${short(report.mergeBase)}`,
  );
  for (const app of report.apps) {
    const word = !app.ok ? 'FAIL' : app.status === 'base-not-linear' ? 'WARN' : 'ok';
    const suffix =
      app.status === 'unchanged'
        ? ' (not changed by this branch)'
        : app.status === 'linear'
          ? ''
          : `: ${app.status}`;
    lines.push(`  ${word.padEnd(5)} ${appTitle(app)}${suffix}`);
    for (const p of app.problems) lines.push(`        [${p.code}] ${p.message}${where(p.file, p.line)}`);
    for (const p of app.notes) lines.push(`        note [${p.code}] ${p.message}${where(p.file, p.line)}`);
    if (app.fix) lines.push(`        fix: ${app.fix}`);
    const steps = planSteps(app.plans);
    steps.forEach((step, i) => {
      lines.push(`        ${steps.length > 1 ? `step ${i + 1}: ` : 'it will '}${step}`);
    });
    if (app.plans.length > 0)
      lines.push(
        `        (when black is installed, rebase_migration then also runs \`black --fast\` on the new file)`,
      );
  }
  if (report.nothingChecked) lines.push(`  ${report.nothingChecked}`);
  return `${lines.join('\n')}\n`;
}
