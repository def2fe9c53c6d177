import { stat } from 'node:fs/promises';
import path from 'node:path';
import { context as githubContext } from '@actions/github';
import { ConfigurationError } from '../shared/errors.js';
import {
  applyFixes,
  appTitle,
  type CheckOptions,
  checkMigrations,
  MigrationCheckUsageError,
  type MigrationReport,
  renderText,
  toJson,
} from '../shared/migrations/index.js';
import { runGit } from '../shared/migrations/tree.js';
import { type GitHubClient, octokitClient } from '../shared/report/github.js';
import type { Log } from '../shared/report/log.js';
import { type CommentOutcome, commentOrNote, renderComment } from '../shared/report/pr-comment.js';
import { plural } from '../shared/report/summary.js';
import type { Settings } from '../shared/settings/index.js';
import type { Command, CommandContext, CommandResult } from './types.js';

async function check(options: CheckOptions): Promise<MigrationReport> {
  try {
    return await checkMigrations(options);
  } catch (error) {
    if (error instanceof MigrationCheckUsageError) throw new ConfigurationError(error.message);
    throw error;
  }
}

function checkOptions(s: Settings, base: string, head: string): CheckOptions {
  return {
    repo: s.repo,
    base,
    head,
    apps: s.apps ?? [],
    excludeApps: s['exclude-apps'],
    manageCommand: s['manage-command'],
  };
}

function annotate(log: Log, report: MigrationReport, prefix = ''): void {
  for (const app of report.apps) {
    if (app.plan) {
      log.error(
        `${prefix}${appTitle(app)}: max_migration.txt says ${app.plan.rebasedName} here and ${app.plan.mergedName} on ${report.base.ref}; after \`${app.fix}\` it says ${app.plan.newName}.`,
        { file: app.plan.maxMigrationPath, line: 1, title: 'migration-check: needs-rebase' },
      );
    }
    for (const p of app.problems) {
      log.error(`${prefix}${appTitle(app)}: ${p.message}`, {
        ...(p.file ? { file: p.file } : {}),
        ...(p.line ? { line: p.line } : {}),
        title: `migration-check: ${p.code}`,
      });
    }
  }
}

function outputs(reports: MigrationReport[]): Record<string, string> {
  const apps = reports.flatMap((r) => toJson(r).apps);
  return {
    ok: String(reports.every((r) => r.ok)),
    conflicts: JSON.stringify(apps.filter((a) => !a.ok)),
    'apps-needing-rebase': [...new Set(apps.filter((a) => a.fix !== null).map((a) => a.app))].join(','),
  };
}

function table(report: MigrationReport, label = '') {
  return report.apps.map((a) => [
    `${label}${appTitle(a)}`,
    a.ok ? 'ok' : a.status,
    a.fix ?? (a.ok ? '' : 'see the problems'),
  ]);
}

/** `gateway-ops migration-check` in a terminal: the report on stdout, the verdict as the exit code. */
async function runInTerminal(context: CommandContext): Promise<CommandResult> {
  const s = context.settings;
  if (!s.base)
    throw new ConfigurationError(
      "Setting 'base' is required: the base branch or commit, e.g. --base origin/main.",
    );
  const details: string[] = [];
  let head = s.head;
  if (s.fix && head === 'HEAD' && (await rebaseInProgress(s.repo))) {
    // Mid-rebase, HEAD is the base plus what was replayed so far; the branch is ORIG_HEAD.
    head = 'ORIG_HEAD';
    details.push('a rebase is in progress: compared ORIG_HEAD (the branch before the rebase) with the base');
  }
  const report = await check(checkOptions(s, s.base, head));
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
  context.stdout(s.format === 'json' ? `${JSON.stringify(toJson(report))}\n` : renderText(report));
  const failed = report.apps.filter((a) => !a.ok).length;
  return {
    ok: report.ok,
    headline: report.ok
      ? `${plural(report.apps.length, 'app')} checked: migrations are linear.`
      : `${failed} of ${plural(report.apps.length, 'app')} ${failed === 1 ? 'has' : 'have'} migration problems.`,
    details,
    table: { header: ['app', 'verdict', 'fix'], rows: table(report) },
    outputs: outputs([report]),
  };
}

async function rebaseInProgress(repo: string): Promise<boolean> {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    const gitPath = (await runGit(repo, ['rev-parse', '--git-path', dir]).catch(() => null))
      ?.toString('utf8')
      .trim();
    if (gitPath && (await stat(path.resolve(repo, gitPath)).catch(() => null))?.isDirectory()) return true;
  }
  return false;
}

/** What the action needs from the workflow run; `githubContext` in production, plain data in tests. */
export interface ActionEvent {
  name: string;
  payload: Record<string, unknown> & {
    pull_request?: { number: number; base: { sha: string; ref: string }; head: { sha: string } };
  };
  sha: string;
  ref: string;
  owner: string;
  repo: string;
  runUrl?: string;
}

export interface ActionSeams {
  event: ActionEvent;
  /** null when no token was given: annotations and summary only. */
  client: GitHubClient | null;
  /** Makes a pull request's head available locally; returns a ref to it. */
  fetchPullHead: (pr: { number: number; headSha: string }) => Promise<string>;
}

function commentLine(outcome: CommentOutcome | null, pr: number): string {
  if (!outcome)
    return `#${pr}: no github-token, so no pull request comment (annotations and this summary only).`;
  if (outcome.action === 'skipped') return `#${pr}: ${outcome.reason}`;
  return `#${pr}: comment ${outcome.action}.`;
}

/**
 * The action: on `pull_request`, check that pull request and keep its sticky comment; on a
 * `push` to the base branch, re-check every open pull request into it (GitHub runs no
 * pull_request workflow for one whose max_migration.txt now conflicts) and tell each.
 */
export async function runInAction(context: CommandContext, seams: ActionSeams): Promise<CommandResult> {
  const s = context.settings;
  const { event, client } = seams;
  const pr = event.payload.pull_request;
  if (pr) {
    // The base branch as it is now (the payload's base sha may be older than the branch).
    const current = `refs/remotes/origin/${pr.base.ref}`;
    const moved = await runGit(s.repo, ['rev-parse', '--verify', '--quiet', current]).then(
      () => true,
      () => false,
    );
    const report = await check(
      checkOptions(s, s.base ?? (moved ? `origin/${pr.base.ref}` : pr.base.sha), pr.head.sha),
    );
    annotate(context.log, report);
    const outcome = client
      ? await commentOrNote(
          client,
          pr.number,
          renderComment(report, event.runUrl ? { runUrl: event.runUrl } : {}),
          report.ok,
        )
      : null;
    const failed = report.apps.filter((a) => !a.ok).length;
    return {
      ok: report.ok,
      headline: report.ok
        ? `${plural(report.apps.length, 'app')} checked: migrations are linear.`
        : `${failed} of ${plural(report.apps.length, 'app')} ${failed === 1 ? 'needs' : 'need'} attention.`,
      details: [commentLine(outcome, pr.number)],
      table: { header: ['app', 'verdict', 'fix'], rows: table(report) },
      outputs: outputs([report]),
    };
  }
  if (event.name === 'push') {
    const branch = event.ref.replace(/^refs\/heads\//, '');
    const base = s.base ?? event.sha;
    if (!client)
      throw new ConfigurationError("On 'push' the action re-checks open pull requests: set github-token.");
    const pulls = await client.listOpenPullRequests(branch);
    const reports: MigrationReport[] = [];
    const details: string[] = [];
    const rows: string[][] = [];
    for (const pull of pulls) {
      const head = await seams.fetchPullHead(pull);
      const report = await check(checkOptions(s, base, head));
      reports.push(report);
      const touched = report.apps.some((a) => a.status !== 'unchanged');
      rows.push(...table(report, `#${pull.number} `));
      if (!touched) continue;
      annotate(context.log, report, `#${pull.number} `);
      const outcome = await commentOrNote(
        client,
        pull.number,
        renderComment(report, event.runUrl ? { runUrl: event.runUrl } : {}),
        report.ok,
      );
      details.push(commentLine(outcome, pull.number));
    }
    const baseBroken = reports.some((r) => r.apps.some((a) => a.status === 'base-not-linear'));
    const needing = reports.filter((r) => !r.ok).length;
    return {
      // The push itself is at fault only when the base branch is not linear.
      ok: !baseBroken,
      headline: baseBroken
        ? `${branch} itself is not linear.`
        : `${pulls.length} open pull request(s) into ${branch} re-checked; ${needing} need attention.`,
      details,
      table: { header: ['pull request: app', 'verdict', 'fix'], rows },
      outputs: outputs(reports),
    };
  }
  if (!s.base)
    throw new ConfigurationError(`On '${event.name}' set 'base' (the branch or commit to compare with).`);
  const report = await check(checkOptions(s, s.base, event.sha || 'HEAD'));
  annotate(context.log, report);
  return {
    ok: report.ok,
    headline: report.ok ? 'Migrations are linear.' : 'Migration problems found.',
    table: { header: ['app', 'verdict', 'fix'], rows: table(report) },
    outputs: outputs([report]),
  };
}

function productionSeams(s: Settings): ActionSeams {
  const ctx = githubContext;
  const serverUrl = process.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const event: ActionEvent = {
    name: ctx.eventName,
    payload: ctx.payload as ActionEvent['payload'],
    sha: ctx.sha,
    ref: ctx.ref,
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    runUrl: `${serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}/actions/runs/${ctx.runId}`,
  };
  const token = s['github-token'];
  return {
    event,
    client: token
      ? octokitClient({
          token,
          owner: event.owner,
          repo: event.repo,
          ...(process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {}),
        })
      : null,
    fetchPullHead: async (pull) => {
      const ref = `refs/gateway-ops/pull/${pull.number}`;
      await runGit(s.repo, [
        'fetch',
        '--no-tags',
        '--quiet',
        'origin',
        `+refs/pull/${pull.number}/head:${ref}`,
      ]);
      return ref;
    },
  };
}

export const migrationCheckCommand: Command = async (context) =>
  context.surface === 'cli'
    ? runInTerminal(context)
    : runInAction(context, productionSeams(context.settings));
