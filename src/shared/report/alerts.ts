import { readFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import { SETTINGS } from '../settings/index.js';
import { type AlertIssueClient, octokitAlertIssueClient } from './alert-issues.js';
import { GitHubRequestError } from './github.js';
import type { AlertLog } from './webhook.js';

export { pingWebhook, type WebhookEvent, webhookUrl } from './webhook.js';

/**
 * Alerts that reach people: a failed scheduled run opens (or updates) ONE issue labelled
 * `backup-failure`; a later good run closes it with a comment.
 */
export const ALERT_LABEL = 'backup-failure';
/** Marks the issue as ours, so a human's issue with the same label is never closed by a run. */
const MARKER = '<!-- gateway-ops:backup-failure -->';
const BODY_LIMIT = 60_000; // GitHub refuses bodies above 65 536 characters

export interface RunOutcome {
  readonly ok: boolean;
  /** The action's name (`gateway-ops backup`). */
  readonly action: string;
  /** The run's job summary (HTML, as GitHub renders it in issues too), or a line saying why there is none. */
  readonly summary: string;
  readonly runUrl: string;
  /** Only scheduled runs open an issue: a failed manual run is watched by the person who started it. */
  readonly scheduled: boolean;
}

function cut(text: string): string {
  return text.length > BODY_LIMIT
    ? `${text.slice(0, BODY_LIMIT)}\n\n(cut at ${BODY_LIMIT} characters)`
    : text;
}

function issueBody(outcome: RunOutcome): string {
  return cut(
    `${MARKER}\nThe scheduled run of **${outcome.action}** failed: ${outcome.runUrl}\n\nThis issue is updated by every failing run and closed by the next good one.\n\n${outcome.summary}`,
  );
}

/** Opens, updates or closes the one alert issue; returns what it did, in one line. */
export async function reconcileAlertIssue(client: AlertIssueClient, outcome: RunOutcome): Promise<string> {
  const ours = (await client.openIssuesLabelled(ALERT_LABEL)).filter((i) => i.body.includes(MARKER));
  const [open, ...duplicates] = ours;
  if (outcome.ok) {
    if (!open) return 'no open alert issue: nothing to close';
    for (const issue of ours) {
      await client.comment(issue.number, `${outcome.action} succeeded again: ${outcome.runUrl}. Closing.`);
      await client.close(issue.number);
    }
    return `closed alert issue #${open.number}${duplicates.length ? ` (and ${duplicates.length} duplicate(s))` : ''}`;
  }
  if (!outcome.scheduled) return 'not a scheduled run: no alert issue opened';
  if (open) {
    await client.updateIssueBody(open.number, issueBody(outcome));
    await client.comment(open.number, cut(`Failed again: ${outcome.runUrl}\n\n${outcome.summary}`));
    return `updated alert issue #${open.number}`;
  }
  const created = await client.createIssue(
    `${outcome.action}: scheduled run failing`,
    issueBody(outcome),
    ALERT_LABEL,
  );
  return `opened alert issue #${created.number}`;
}

function input<T>(
  name: 'alert-issue' | 'alert-webhook-url' | 'github-token',
  fallback: T,
): T | string | boolean {
  const raw = core.getInput(name);
  if (!raw) return fallback;
  const parsed = SETTINGS[name].kind.parse(raw);
  return parsed.success ? (parsed.data as string | boolean) : fallback;
}

/**
 * Runs one action step, then reconciles the alert issue with its outcome (the webhook pings are
 * part of the run path of both front ends: see runCommand). Alerting never changes the run's
 * outcome; a failure to alert is a warning saying what to fix. Actions without alert-issue are
 * run as they are.
 */
export async function withAlerts(action: string, step: () => Promise<void>): Promise<void> {
  const issue = input('alert-issue', false) === true;
  const token = input('github-token', '') as string;
  const log: AlertLog = { info: (m) => core.info(m), warn: (m) => core.warning(m) };
  const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
  const before = summaryFile ? sizeOf(summaryFile) : 0;
  await step();
  if (!issue) return;
  const ok = process.exitCode === undefined || process.exitCode === 0;
  const summary = summaryFile ? readFileSync(summaryFile, 'utf8').slice(before) : '';
  const server = process.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const repository = process.env['GITHUB_REPOSITORY'] ?? '';
  const outcome: RunOutcome = {
    ok,
    action,
    summary: summary || '(no job summary was written)',
    runUrl: `${server}/${repository}/actions/runs/${process.env['GITHUB_RUN_ID'] ?? ''}`,
    scheduled: process.env['GITHUB_EVENT_NAME'] === 'schedule',
  };
  if (!token || !repository.includes('/')) {
    log.warn(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
      "alert-issue is true but no github-token was given (or GITHUB_REPOSITORY is unset): pass 'github-token: ${{ github.token }}' with 'permissions: issues: write'.",
    );
    return;
  }
  const [owner, repo] = repository.split('/') as [string, string];
  const client = octokitAlertIssueClient({
    token,
    owner,
    repo,
    ...(process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {}),
  });
  try {
    log.info(`alert-issue: ${await reconcileAlertIssue(client, outcome)}.`);
  } catch (error) {
    const denied = error instanceof GitHubRequestError && (error.status === 403 || error.status === 404);
    log.warn(
      `alert-issue: ${errorMessage(error)}${denied ? " (the workflow needs 'permissions: issues: write')" : ''}`,
    );
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
