/**
 * The action's two triggers with a fake GitHub: a pull_request run keeps one sticky comment,
 * and a push to the base re-checks every open pull request into it and tells each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ActionEvent, runInAction } from '../../../src/commands/migration-check-action.js';
import type { CommandContext } from '../../../src/commands/types.js';
import { COMMENT_MARKER } from '../../../src/shared/migrations/pr-comment.js';
import type { GitHubClient, IssueComment, OpenPullRequest } from '../../../src/shared/report/github.js';
import { ConsoleLog } from '../../../src/shared/report/log.js';
import { loadSettings } from '../../../src/shared/settings/index.js';
import { appFiles, chain, migrationSource, projectSkeleton } from '../../fixtures/migrations/project.js';
import { git, makeRepo } from '../../unit/migrations/oracle/harness.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'migration-action-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class FakeGitHub implements GitHubClient {
  comments = new Map<number, IssueComment[]>();
  pulls: OpenPullRequest[] = [];
  private id = 1;
  async ownLogin() {
    return 'github-actions[bot]';
  }
  async listComments(issue: number, page: number, perPage: number) {
    return (this.comments.get(issue) ?? []).slice((page - 1) * perPage, page * perPage);
  }
  async createComment(issue: number, body: string) {
    const c = { id: this.id++, body, author: 'github-actions[bot]' };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), c]);
    return c;
  }
  async updateComment(id: number, body: string) {
    for (const list of this.comments.values()) for (const c of list) if (c.id === id) c.body = body;
  }
  async listOpenPullRequests() {
    return this.pulls;
  }
}

function contextFor(repo: string, lines: string[]): CommandContext {
  const { settings } = loadSettings('migration-check', { surface: 'action', explicit: { repo } });
  return { settings, log: new ConsoleLog((l) => lines.push(l)), surface: 'action', stdout: () => {} };
}

function repoWithPr(name: string): { repo: string; base: string; head: string; mb: string } {
  const repo = path.join(tmp, name);
  makeRepo(
    repo,
    { ...projectSkeleton(), ...appFiles('a', chain('a', 2)) },
    {
      'a/migrations/0003_base.py': migrationSource({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_base\n',
    },
    {
      'a/migrations/0003_pr.py': migrationSource({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_pr\n',
    },
  );
  const rev = (r: string) => git(repo, ['rev-parse', r]).trim();
  return { repo, base: rev('main'), head: rev('pr'), mb: rev('main~1') };
}

describe('migration-check action', () => {
  it('pull_request: one comment with the fix, annotations, outputs; resolved after the fix', async () => {
    const { repo, base, head } = repoWithPr('pull');
    const gh = new FakeGitHub();
    const event: ActionEvent = {
      name: 'pull_request',
      payload: { pull_request: { number: 4, base: { sha: base, ref: 'main' }, head: { sha: head } } },
      sha: 'merge',
      ref: 'refs/pull/4/merge',
      owner: 'o',
      repo: 'r',
    };
    const lines: string[] = [];
    const result = await runInAction(contextFor(repo, lines), {
      event,
      client: gh,
      fetchPullHead: async () => head,
    });
    expect(result.ok).toBe(false);
    expect(result.outputs['apps-needing-rebase']).toBe('a');
    expect(JSON.parse(result.outputs['conflicts']!)[0]).toMatchObject({
      app: 'a',
      fix: 'python manage.py rebase_migration a',
    });
    expect(lines.join('\n')).toMatch(/a\/migrations\/0003_pr\.py/);
    const [comment] = gh.comments.get(4)!;
    expect(comment!.body).toContain(COMMENT_MARKER);
    expect(comment!.body).toContain('`python manage.py rebase_migration a`');

    // The author rebases and runs the fix: the comment turns to resolved, still one comment.
    git(repo, ['checkout', '-q', 'pr']);
    git(repo, ['rebase', 'main'], true);
    git(repo, ['rm', '-q', '-f', 'a/migrations/0003_pr.py']);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(repo, 'a/migrations/0004_pr.py'),
      migrationSource({ deps: [['a', '0003_base']] }),
    );
    writeFileSync(path.join(repo, 'a/migrations/max_migration.txt'), '0004_pr\n');
    git(repo, ['add', '-A']);
    git(repo, ['-c', 'core.editor=true', 'rebase', '--continue']);
    const fixedHead = git(repo, ['rev-parse', 'HEAD']).trim();
    const again = await runInAction(contextFor(repo, []), {
      event: {
        ...event,
        payload: { pull_request: { number: 4, base: { sha: base, ref: 'main' }, head: { sha: fixedHead } } },
      },
      client: gh,
      fetchPullHead: async () => fixedHead,
    });
    expect(again.ok).toBe(true);
    expect(gh.comments.get(4)).toHaveLength(1);
    expect(gh.comments.get(4)![0]!.body).toMatch(/resolved/);
  });

  it('push to the base: re-checks open pull requests and comments on the one that now conflicts', async () => {
    const { repo, base, head, mb } = repoWithPr('push');
    const gh = new FakeGitHub();
    gh.pulls = [
      { number: 7, headSha: head, headRef: 'pr', fromFork: true },
      { number: 8, headSha: mb, headRef: 'untouched', fromFork: false },
    ];
    const event: ActionEvent = {
      name: 'push',
      payload: {},
      sha: base,
      ref: 'refs/heads/main',
      owner: 'o',
      repo: 'r',
    };
    const result = await runInAction(contextFor(repo, []), {
      event,
      client: gh,
      fetchPullHead: async (p) => p.headSha,
    });
    expect(result.ok).toBe(true);
    expect(result.headline).toMatch(/2 open pull requests into main re-checked; 1 needs attention/);
    expect(gh.comments.get(7)![0]!.body).toContain('rebase_migration a');
    expect(gh.comments.has(8)).toBe(false);
  });
});
