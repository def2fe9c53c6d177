import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppReport, MigrationReport } from '../../../src/shared/migrations/index.js';
import {
  COMMENT_LIMIT,
  COMMENT_MARKER,
  codeSpan,
  commentOrNote,
  escapeMarkdown,
  READ_ONLY_NOTE,
  renderComment,
  upsertStickyComment,
} from '../../../src/shared/migrations/pr-comment.js';
import {
  type GitHubClient,
  GitHubRequestError,
  type IssueComment,
  octokitClient,
} from '../../../src/shared/report/github.js';

class FakeGitHub implements GitHubClient {
  comments: IssueComment[] = [];
  calls: string[] = [];
  nextId = 1;
  readOnly = false;
  readonly login: string;
  constructor(login = 'github-actions[bot]') {
    this.login = login;
  }
  async ownLogin() {
    return this.login;
  }
  async listComments(_issue: number, page: number, perPage: number) {
    this.calls.push(`list ${page}`);
    return this.comments.slice((page - 1) * perPage, page * perPage);
  }
  async createComment(_issue: number, body: string) {
    if (this.readOnly) throw new GitHubRequestError('Resource not accessible by integration', 403);
    this.calls.push('create');
    const c = { id: this.nextId++, body, author: this.login };
    this.comments.push(c);
    return c;
  }
  async updateComment(id: number, body: string) {
    this.calls.push(`update ${id}`);
    this.comments.find((c) => c.id === id)!.body = body;
  }
  async listOpenPullRequests() {
    return [];
  }
}

function report(apps: Partial<AppReport>[]): MigrationReport {
  return {
    ok: apps.every((a) => a.ok ?? false),
    base: { ref: 'main', commit: 'a'.repeat(40), name: 'main' },
    head: { ref: 'HEAD', commit: 'b'.repeat(40) },
    mergeBase: 'c'.repeat(40),
    nothingChecked: null,
    apps: apps.map((a) => ({
      project: '',
      app: 'a',
      ok: false,
      status: 'needs-rebase',
      problems: [],
      notes: [],
      fix: null,
      plans: [],
      ...a,
    })),
  };
}

const failing = report([
  {
    app: 'shop',
    problems: [
      {
        code: 'needs-rebase',
        message: 'shop.0003_pr depends on *old* <b>x</b>',
        file: 'shop/migrations/0003_pr.py',
        line: 7,
      },
    ],
    fix: 'python manage.py rebase_migration shop',
  },
]);

describe('sticky pull request comment', () => {
  it('creates one comment, then updates it in place, then marks it resolved, never duplicating', async () => {
    const gh = new FakeGitHub();
    expect(await upsertStickyComment(gh, 5, renderComment(failing), false)).toMatchObject({
      action: 'created',
    });
    expect(await upsertStickyComment(gh, 5, renderComment(failing), false)).toMatchObject({
      action: 'unchanged',
    });
    const clean = report([{ app: 'shop', ok: true, status: 'linear' }]);
    expect(await upsertStickyComment(gh, 5, renderComment(clean), true)).toMatchObject({
      action: 'updated',
      commentId: 1,
    });
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toMatch(/resolved/);
  });

  it('posts nothing for a clean pull request it never commented on', async () => {
    const gh = new FakeGitHub();
    const clean = report([{ app: 'shop', ok: true, status: 'linear' }]);
    expect(await upsertStickyComment(gh, 5, renderComment(clean), true)).toMatchObject({ action: 'skipped' });
    expect(gh.comments).toHaveLength(0);
  });

  it('finds its comment past the first page and ignores the marker in other users’ comments', async () => {
    const gh = new FakeGitHub();
    for (let i = 0; i < 130; i++)
      gh.comments.push({ id: gh.nextId++, body: `chatter ${i} ${COMMENT_MARKER}`, author: 'someone' });
    gh.comments.push({ id: 999, body: `${COMMENT_MARKER}\nold`, author: 'github-actions[bot]' });
    expect(await upsertStickyComment(gh, 5, renderComment(failing), false)).toEqual({
      action: 'updated',
      commentId: 999,
    });
    expect(gh.calls).toEqual(['list 1', 'list 2', 'update 999']);
  });

  it('on a read-only token (fork) gives a one-line note instead of failing', async () => {
    const gh = new FakeGitHub();
    gh.readOnly = true;
    expect(await commentOrNote(gh, 5, renderComment(failing), false)).toEqual({
      action: 'skipped',
      reason: READ_ONLY_NOTE,
    });
  });

  it('escapes everything that comes from the repository and stays under the size limit', () => {
    const body = renderComment(failing);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('\\*old\\* &lt;b\\>x&lt;/b\\>');
    expect(body).toContain('`python manage.py rebase_migration shop`');
    expect(escapeMarkdown('[link](http://x) | `code`')).toBe('\\[link\\]\\(http://x\\) \\| \\`code\\`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    const many = report(
      Array.from({ length: 2000 }, (_, i) => ({
        app: `app${i}`,
        problems: [
          {
            code: 'dlm.E004',
            message: 'x'.repeat(200),
            file: `app${i}/migrations/max_migration.txt`,
            line: 1,
          },
        ],
      })),
    );
    const big = renderComment(many);
    expect(big.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(big).toMatch(/Truncated/);
  });
});

describe('the Octokit adapter against a loopback GitHub', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function fakeApi(
    handler: (req: IncomingMessage, body: string) => [number, unknown],
  ): Promise<string> {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        const [status, json] = handler(req, body);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('lists pages, creates and updates comments, and learns its own login', async () => {
    const seen: string[] = [];
    const baseUrl = await fakeApi((req, body) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/graphql') return [200, { data: { viewer: { login: 'gateway-bot[bot]' } } }];
      if (req.method === 'GET' && req.url?.startsWith('/repos/o/r/issues/7/comments'))
        return [200, [{ id: 11, body: `${COMMENT_MARKER} x`, user: { login: 'gateway-bot[bot]' } }]];
      if (req.method === 'POST')
        return [201, { id: 12, body: JSON.parse(body).body, user: { login: 'gateway-bot[bot]' } }];
      if (req.method === 'PATCH') return [200, { id: 11 }];
      if (req.url?.startsWith('/repos/o/r/pulls'))
        return [200, [{ number: 3, head: { sha: 'abc', ref: 'feature', repo: { full_name: 'fork/r' } } }]];
      return [404, { message: 'Not Found' }];
    });
    const client = octokitClient({ token: 't0ken', owner: 'o', repo: 'r', baseUrl });
    expect(await client.ownLogin()).toBe('gateway-bot[bot]');
    expect(await client.listComments(7, 2, 100)).toEqual([
      { id: 11, body: `${COMMENT_MARKER} x`, author: 'gateway-bot[bot]' },
    ]);
    expect(await upsertStickyComment(client, 7, `${COMMENT_MARKER} new`, false)).toEqual({
      action: 'updated',
      commentId: 11,
    });
    expect((await client.createComment(8, 'hi')).id).toBe(12);
    expect(await client.listOpenPullRequests('main')).toEqual([
      { number: 3, headSha: 'abc', headRef: 'feature', fromFork: true },
    ]);
    expect(seen).toContain('GET /repos/o/r/issues/7/comments?page=2&per_page=100');
    expect(seen).toContain('PATCH /repos/o/r/issues/comments/11');
  });

  it('turns a 403 into GitHubRequestError with the status', async () => {
    const baseUrl = await fakeApi(() => [403, { message: 'Resource not accessible by integration' }]);
    const client = octokitClient({ token: 't0ken', owner: 'o', repo: 'r', baseUrl });
    await expect(client.createComment(1, 'x')).rejects.toMatchObject({ status: 403 });
    expect(await client.ownLogin()).toBe('github-actions[bot]');
  });
});
