import { describe, expect, it } from 'vitest';
import type { AlertIssue, AlertIssueClient } from '../../../src/shared/report/alert-issues.js';
import { type RunOutcome, reconcileAlertIssue, webhookUrl } from '../../../src/shared/report/alerts.js';

/** An in-memory repository behind the alert seam (the Octokit side runs against the loopback fake in integration). */
function memoryRepo(initial: (AlertIssue & { labels: string[] })[] = []) {
  const issues = new Map(initial.map((i) => [i.number, { ...i, open: true, comments: [] as string[] }]));
  const client: AlertIssueClient = {
    openIssuesLabelled: async (label) =>
      [...issues.values()]
        .filter((i) => i.open && i.labels.includes(label))
        .map(({ number, title, body, url }) => ({ number, title, body, url })),
    createIssue: async (title, body, label) => {
      const number = issues.size + 1;
      const issue = { number, title, body, url: `u/${number}`, labels: [label], open: true, comments: [] };
      issues.set(number, issue);
      return issue;
    },
    updateIssueBody: async (n, body) => {
      issues.get(n)!.body = body;
    },
    comment: async (n, body) => {
      issues.get(n)!.comments.push(body);
    },
    close: async (n) => {
      issues.get(n)!.open = false;
    },
  };
  return { client, issues };
}

const failed: RunOutcome = {
  ok: false,
  action: 'gateway-ops backup',
  summary: '<h2>backup failed.</h2>',
  runUrl: 'https://github.example/a/b/actions/runs/1',
  scheduled: true,
};

describe('reconcileAlertIssue', () => {
  it('opens one issue, updates it on the next failure, closes it on success', async () => {
    const { client, issues } = memoryRepo();
    expect(await reconcileAlertIssue(client, failed)).toBe('opened alert issue #1');
    expect(await reconcileAlertIssue(client, { ...failed, runUrl: 'r2' })).toBe('updated alert issue #1');
    expect(issues.size).toBe(1);
    expect(issues.get(1)!.body).toContain('r2');
    expect(await reconcileAlertIssue(client, { ...failed, ok: true, runUrl: 'r3' })).toBe(
      'closed alert issue #1',
    );
    expect(issues.get(1)).toMatchObject({ open: false });
    expect(issues.get(1)!.comments.at(-1)).toMatch(/succeeded again: r3\. Closing\./);
    expect(await reconcileAlertIssue(client, { ...failed, ok: true })).toBe(
      'no open alert issue: nothing to close',
    );
  });

  it("never touches a person's issue that only shares the label", async () => {
    const { client, issues } = memoryRepo([
      { number: 1, title: 'disk on backup host', body: 'by hand', url: 'u/1', labels: ['backup-failure'] },
    ]);
    expect(await reconcileAlertIssue(client, failed)).toBe('opened alert issue #2');
    await reconcileAlertIssue(client, { ...failed, ok: true });
    expect(issues.get(1)).toMatchObject({ open: true, body: 'by hand', comments: [] });
    expect(issues.get(2)).toMatchObject({ open: false });
  });

  it('a failed manual run opens nothing; a good manual run still closes', async () => {
    const { client, issues } = memoryRepo();
    expect(await reconcileAlertIssue(client, { ...failed, scheduled: false })).toMatch(/not a scheduled run/);
    expect(issues.size).toBe(0);
    await reconcileAlertIssue(client, failed);
    expect(await reconcileAlertIssue(client, { ...failed, ok: true, scheduled: false })).toBe(
      'closed alert issue #1',
    );
  });
});

describe('webhookUrl', () => {
  it('healthchecks.io paths: /start, the URL itself, /fail', () => {
    expect(webhookUrl('https://hc-ping.com/abc/', 'start')).toBe('https://hc-ping.com/abc/start');
    expect(webhookUrl('https://hc-ping.com/abc', 'success')).toBe('https://hc-ping.com/abc');
    expect(webhookUrl('https://hc-ping.com/abc', 'failure')).toBe('https://hc-ping.com/abc/fail');
  });
});
