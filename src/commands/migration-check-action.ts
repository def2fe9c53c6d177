import { ConfigurationError } from '../shared/errors.js';
import { checkMigrations, type MigrationReport, verdictLine } from '../shared/migrations/index.js';
import {
  type CommentOutcome,
  commentOrNote,
  renderComment,
  worthComment,
} from '../shared/migrations/pr-comment.js';
import { runGit } from '../shared/migrations/tree.js';
import type { GitHubClient } from '../shared/report/github.js';
import { plural } from '../shared/report/summary.js';
import type { Settings } from '../shared/settings/index.js';
import { annotate, checkOptions, outputs, table } from './migration-check-common.js';
import type { CommandContext, CommandResult } from './types.js';

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

const BASE_BROKEN = new Set(['base-not-linear', 'pr-worsens-base', 'repairs-base']);

async function comment(
  client: GitHubClient,
  pr: number,
  report: MigrationReport,
  runUrl: string | undefined,
): Promise<CommentOutcome> {
  return commentOrNote(client, pr, renderComment(report, runUrl ? { runUrl } : {}), !worthComment(report));
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
  const check = (base: string, head: string, baseName: string) =>
    checkMigrations(checkOptions(s, 'action', base, head, baseName));
  if (pr) {
    // The base branch as it is now (the payload's base sha may be older than the branch).
    const current = `refs/remotes/origin/${pr.base.ref}`;
    const moved = await runGit(s.repo, ['rev-parse', '--verify', '--quiet', current]).then(
      () => true,
      () => false,
    );
    const base = s.base ?? (moved ? `origin/${pr.base.ref}` : pr.base.sha);
    const report = await check(base, pr.head.sha, s.base ?? pr.base.ref);
    annotate(context.log, report);
    const outcome = client ? await comment(client, pr.number, report, event.runUrl) : null;
    return {
      ok: report.ok,
      headline: verdictLine(report),
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
      const report = await check(base, head, s.base ?? branch);
      reports.push(report);
      rows.push(...table(report, `#${pull.number} `));
      if (!report.apps.some((a) => a.status !== 'unchanged')) continue;
      annotate(context.log, report, `#${pull.number} `);
      details.push(commentLine(await comment(client, pull.number, report, event.runUrl), pull.number));
    }
    const baseBroken = reports.some((r) => r.apps.some((a) => BASE_BROKEN.has(a.status)));
    const needing = reports.filter((r) => !r.ok).length;
    return {
      // The push itself is at fault only when the base branch is not linear.
      ok: !baseBroken,
      headline: baseBroken
        ? `${branch} itself is not linear; ${plural(pulls.length, 'open pull request')} into it re-checked, ${needing} ${needing === 1 ? 'needs' : 'need'} attention.`
        : `${plural(pulls.length, 'open pull request')} into ${branch} re-checked; ${needing} ${needing === 1 ? 'needs' : 'need'} attention.`,
      details,
      table: { header: ['pull request: app', 'verdict', 'fix'], rows },
      outputs: outputs(reports),
    };
  }
  if (!s.base)
    throw new ConfigurationError(`On '${event.name}' set 'base' (the branch or commit to compare with).`);
  const report = await check(s.base, event.sha || 'HEAD', s.base);
  annotate(context.log, report);
  return {
    ok: report.ok,
    headline: verdictLine(report),
    table: { header: ['app', 'verdict', 'fix'], rows: table(report) },
    outputs: outputs([report]),
  };
}

export async function productionSeams(s: Settings): Promise<ActionSeams> {
  const [{ context: ctx }, { octokitClient }] = await Promise.all([
    import('@actions/github'),
    import('../shared/report/github.js'),
  ]);
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
