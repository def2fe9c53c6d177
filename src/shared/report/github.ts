import { getOctokit } from '@actions/github';
import { GatewayOpsError } from '../errors.js';

/** A comment on an issue or pull request, as much as the sticky comment needs. */
export interface IssueComment {
  id: number;
  body: string;
  /** Login of the comment's author (`github-actions[bot]` for the workflow token). */
  author: string | null;
}

export interface OpenPullRequest {
  number: number;
  headSha: string;
  headRef: string;
  /** The head lives in another repository (a fork). */
  fromFork: boolean;
}

/** The few GitHub calls a pull-request check makes (its one comment, the open pull requests); tests replace it with an in-memory fake. */
export interface GitHubClient {
  /** The login of the token's own user; only comments it wrote are ever updated. */
  ownLogin(): Promise<string>;
  /** One page (1-based) of an issue's comments, oldest first. */
  listComments(issue: number, page: number, perPage: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<void>;
  /** Every open pull request into `base` (all pages). */
  listOpenPullRequests(base: string): Promise<OpenPullRequest[]>;
}

/** An HTTP error from GitHub, with its status (403 = the token may not write, e.g. on a fork). */
export class GitHubRequestError extends GatewayOpsError {
  override readonly name = 'GitHubRequestError';
  readonly kind = 'operation' as const;
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The workflow token's user when GitHub does not say (the REST /user endpoint refuses app tokens). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export async function wrap<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status =
      typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 0;
    throw new GitHubRequestError(
      `GitHub ${what} failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`,
      status,
    );
  }
}

/** The real client over Octokit (`@actions/github`); `baseUrl` for GHES (and the loopback test). */
export function octokitClient(options: {
  token: string;
  owner: string;
  repo: string;
  baseUrl?: string;
}): GitHubClient {
  const octokit = getOctokit(options.token, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  const { owner, repo } = options;
  let login: string | undefined;
  return {
    async ownLogin() {
      if (login) return login;
      try {
        const result = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
        login = result.viewer.login;
      } catch {
        login = ACTIONS_BOT_LOGIN;
      }
      return login;
    },
    listComments: (issue, page, perPage) =>
      wrap('listing comments', async () => {
        const r = await octokit.rest.issues.listComments({
          owner,
          repo,
          issue_number: issue,
          page,
          per_page: perPage,
        });
        return r.data.map((c) => ({ id: c.id, body: c.body ?? '', author: c.user?.login ?? null }));
      }),
    createComment: (issue, body) =>
      wrap('creating a comment', async () => {
        const r = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
        return { id: r.data.id, body: r.data.body ?? '', author: r.data.user?.login ?? null };
      }),
    updateComment: (commentId, body) =>
      wrap('updating a comment', async () => {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      }),
    listOpenPullRequests: (base) =>
      wrap('listing pull requests', async () => {
        const pulls = await octokit.paginate(octokit.rest.pulls.list, {
          owner,
          repo,
          base,
          state: 'open',
          per_page: 100,
        });
        return pulls.map((p) => ({
          number: p.number,
          headSha: p.head.sha,
          headRef: p.head.ref,
          fromFork: (p.head.repo?.full_name ?? '') !== `${owner}/${repo}`,
        }));
      }),
  };
}
