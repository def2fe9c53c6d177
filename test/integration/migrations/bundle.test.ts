/**
 * The migration-check action's committed bundle, run as the runner runs it on a pull_request:
 * the event file, INPUT_* variables, the real Octokit against a loopback GitHub, outputs,
 * summary, annotations, one sticky comment, and the token masked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../../src/shared/migrations/pr-comment.js';
import { appFiles, chain, migrationSource, projectSkeleton } from '../../fixtures/migrations/project.js';
import { runBundleAsync } from '../../helpers/action-runner.js';
import { type FakeGitHubServer, startFakeGitHub } from '../../helpers/fake-github.js';
import { git, makeRepo } from '../../unit/migrations/oracle/harness.js';

const TOKEN = 'ghs_fakeTokenForTheBundleTest0123';
const tmp = mkdtempSync(path.join(tmpdir(), 'migration-bundle-'));
let github: FakeGitHubServer;

beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.close();
  rmSync(tmp, { recursive: true, force: true });
});

function pullRequestRun(repo: string, base: string, head: string, number: number) {
  const eventPath = path.join(tmp, `event-${number}.json`);
  writeFileSync(
    eventPath,
    JSON.stringify({
      pull_request: { number, base: { ref: 'main', sha: base }, head: { sha: head, ref: 'pr' } },
      repository: { name: 'gateway', owner: { login: 'acme' } },
    }),
  );
  return runBundleAsync(
    'migration-check',
    { 'github-token': TOKEN, repo },
    {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/gateway',
      GITHUB_API_URL: github.url,
      GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      GITHUB_SHA: head,
      GITHUB_REF: `refs/pull/${number}/merge`,
    },
  );
}

/** A repository whose PR branch adds a.0003_pr on a.0002 while main added a.0003_base: needs a rebase. */
function needsRebaseRepo(repo: string): (ref: string) => string {
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
  git(repo, ['update-ref', 'refs/remotes/origin/main', rev('main')]);
  return rev;
}

describe('actions/migration-check/dist/index.js on a pull_request', () => {
  it('a PR that needs a rebase: exit 1, outputs, annotations, one sticky comment with the exact fix; never the token', async () => {
    const repo = path.join(tmp, 'needs-rebase');
    const rev = needsRebaseRepo(repo);
    const r = await pullRequestRun(repo, rev('main'), rev('pr'), 7);
    expect(r.status).toBe(1);
    expect(r.outputs['ok']).toBe('false');
    expect(r.outputs['apps-needing-rebase']).toBe('a');
    expect(JSON.parse(r.outputs['conflicts']!)[0]).toMatchObject({
      app: 'a',
      fix: 'python manage.py rebase_migration a',
    });
    expect(r.stdout).toMatch(/::(error|warning) [^\n]*file=a\/migrations\/0003_pr\.py,line=7::/);
    expect(r.summary).toContain('rebase_migration a');
    const comments = github.comments.get(7)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(COMMENT_MARKER);
    expect(comments[0]!.body).toContain('rebase_migration a');
    expect(github.requests.some((q) => q.authorization?.includes(TOKEN))).toBe(true);
    const printed =
      r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr + r.summary + JSON.stringify(r.outputs);
    expect(printed).not.toContain(TOKEN);

    // Run again: the comment is updated in place, never duplicated.
    const again = await pullRequestRun(repo, rev('main'), rev('pr'), 7);
    expect(again.status).toBe(1);
    expect(github.comments.get(7)).toHaveLength(1);
  });

  it("a fork's read-only token: annotations and summary, with a one-line note, and no crash", async () => {
    const repo = path.join(tmp, 'fork');
    const rev = needsRebaseRepo(repo);
    github.denyWrites = true;
    try {
      const r = await pullRequestRun(repo, rev('main'), rev('pr'), 8);
      expect(r.status).toBe(1);
      expect(r.outputs['apps-needing-rebase']).toBe('a');
      expect(r.stdout).toMatch(/::(error|warning) [^\n]*file=a\/migrations\/0003_pr\.py,line=7::/);
      expect(github.comments.get(8) ?? []).toHaveLength(0);
      expect(r.summary).toMatch(/cannot|read-only|fork|not allowed/i);
    } finally {
      github.denyWrites = false;
    }
  });
});
