import { getOctokit } from '@actions/github';
import { wrap } from './github.js';

/** An open issue, as much as the failure alert needs. */
export interface AlertIssue {
  number: number;
  title: string;
  body: string;
  url: string;
}

/** The few GitHub calls the failure alert makes (the same seam as GitHubClient; tests use a loopback server). */
export interface AlertIssueClient {
  /** Open issues (not pull requests) carrying `label`, oldest first. */
  openIssuesLabelled(label: string): Promise<AlertIssue[]>;
  createIssue(title: string, body: string, label: string): Promise<AlertIssue>;
  updateIssueBody(issue: number, body: string): Promise<void>;
  comment(issue: number, body: string): Promise<void>;
  close(issue: number): Promise<void>;
}

export function octokitAlertIssueClient(options: {
  token: string;
  owner: string;
  repo: string;
  baseUrl?: string;
}): AlertIssueClient {
  const octokit = getOctokit(options.token, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  const { owner, repo } = options;
  const issueOf = (i: { number: number; title: string; body?: string | null; html_url: string }) => ({
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    url: i.html_url,
  });
  return {
    openIssuesLabelled: (label) =>
      wrap('listing issues', async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
          owner,
          repo,
          state: 'open',
          labels: label,
          sort: 'created',
          direction: 'asc',
          per_page: 100,
        });
        return issues.filter((i) => !i.pull_request).map(issueOf);
      }),
    createIssue: (title, body, label) =>
      wrap('creating an issue', async () => {
        const r = await octokit.rest.issues.create({ owner, repo, title, body, labels: [label] });
        return issueOf(r.data);
      }),
    updateIssueBody: (issue, body) =>
      wrap('updating an issue', async () => {
        await octokit.rest.issues.update({ owner, repo, issue_number: issue, body });
      }),
    comment: (issue, body) =>
      wrap('commenting on an issue', async () => {
        await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
      }),
    close: (issue) =>
      wrap('closing an issue', async () => {
        await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issue,
          state: 'closed',
          state_reason: 'completed',
        });
      }),
  };
}
