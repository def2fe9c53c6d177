import {
  type AppReport,
  appTitle,
  type CheckOptions,
  type MigrationReport,
  planSteps,
  toJson,
} from '../shared/migrations/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';

/** The check's options from the settings; names in messages are in the surface's form. */
export function checkOptions(
  s: Settings,
  surface: 'cli' | 'action',
  base: string,
  head: string,
  baseName = base,
): CheckOptions {
  return {
    repo: s.repo,
    base,
    baseName,
    head,
    apps: s.apps ?? [],
    excludeApps: s['exclude-apps'],
    allowNoApps: s['allow-no-apps'],
    manageCommand: s['manage-command'],
    settingName: surface === 'cli' ? (name) => `--${name}` : (name) => name,
  };
}

/** The fix of an app in one sentence: the command, then what it does. */
function fixSentence(app: AppReport): string {
  const steps = planSteps(app.plans);
  if (steps.length === 0) return '';
  if (app.fix) return ` Fix: run \`${app.fix}\`; it will ${steps[0]}.`;
  return ` Fix: run \`gateway-ops migration-check --fix\` during the conflict; in turn it will ${steps.map((s, i) => `(${i + 1}) ${s}`).join(', ')}.`;
}

/** One annotation per problem (the fix on the first), a warning per note. */
export function annotate(log: Log, report: MigrationReport, prefix = ''): void {
  for (const app of report.apps) {
    app.problems.forEach((p, i) => {
      log.error(`${prefix}${appTitle(app)}: ${p.message}${i === 0 ? fixSentence(app) : ''}`, {
        ...(p.file ? { file: p.file } : {}),
        ...(p.line ? { line: p.line } : {}),
        title: `migration-check: ${p.code}`,
      });
    });
    for (const p of app.notes) {
      log.warn(`${prefix}${appTitle(app)}: ${p.message}`, {
        ...(p.file ? { file: p.file } : {}),
        ...(p.line ? { line: p.line } : {}),
        title: `migration-check: ${p.code}`,
      });
    }
  }
}

export function outputs(reports: MigrationReport[]): Record<string, string> {
  const apps = reports.flatMap((r) => toJson(r).apps);
  return {
    ok: String(reports.every((r) => r.ok)),
    conflicts: JSON.stringify(apps.filter((a) => !a.ok)),
    'apps-needing-rebase': [
      ...new Set(reports.flatMap((r) => r.apps.filter((a) => a.plans.length > 0).map((a) => a.app))),
    ].join(','),
  };
}

export function table(report: MigrationReport, label = ''): string[][] {
  return report.apps.map((a) => [
    `${label}${appTitle(a)}`,
    a.ok ? (a.status === 'linear' || a.status === 'unchanged' ? 'ok' : `ok (${a.status})`) : a.status,
    a.fix ?? (a.plans.length > 0 ? 'gateway-ops migration-check --fix' : a.ok ? '' : 'see the problems'),
  ]);
}
