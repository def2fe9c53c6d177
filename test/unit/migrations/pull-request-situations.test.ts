/**
 * What migration-check says on a real project's history (issue: a main branch that is not
 * linear for long stretches), each situation built as a git repository: the verdict, the
 * words of the CLI and of the pull request comment, and the exit code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { type ActionEvent, runInAction } from '../../../src/commands/migration-check-action.js';
import type { CommandContext } from '../../../src/commands/types.js';
import { checkMigrations, type MigrationReport } from '../../../src/shared/migrations/index.js';
import { renderComment } from '../../../src/shared/migrations/pr-comment.js';
import type { GitHubClient, IssueComment, OpenPullRequest } from '../../../src/shared/report/github.js';
import { ConsoleLog } from '../../../src/shared/report/log.js';
import { loadSettings } from '../../../src/shared/settings/index.js';
import {
  appFiles,
  chain,
  type Files,
  migrationSource as M,
  projectSkeleton,
} from '../../fixtures/migrations/project.js';
import { git, makeRepo } from './oracle/harness.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'migration-situations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let count = 0;
/** `mb` on main, `head` on branch pr from it, then `base` on main. */
function repo(mb: Files, head: Files, base?: Files): string {
  const dir = path.join(tmp, String(count++));
  makeRepo(dir, { ...projectSkeleton(), ...mb }, base, head);
  return dir;
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['migration-check', ...args], {
    stdout: (t) => out.push(t),
    stderr: (l) => err.push(l),
    env: {},
  });
  return { code, stdout: out.join(''), stderr: err.join('\n') };
}

const check = (dir: string, extra: Partial<Parameters<typeof checkMigrations>[0]> = {}) =>
  checkMigrations({ repo: dir, base: 'main', head: 'pr', ...extra });

const linearA = appFiles('a', chain('a', 2));
/** Main with two leaves in a: 0003_x and 0003_y, both on 0002_m2. */
const twoLeaves: Files = {
  ...linearA,
  'a/migrations/0003_x.py': M({ deps: [['a', '0002_m2']] }),
  'a/migrations/0003_y.py': M({ deps: [['a', '0002_m2']] }),
  'a/migrations/max_migration.txt': '0003_y\n',
};
/** Main whose max_migration.txt still names 0002_m2 after 0003_x was merged. */
const stale: Files = {
  ...linearA,
  'a/migrations/0003_x.py': M({ deps: [['a', '0002_m2']] }),
  'a/migrations/max_migration.txt': '0002_m2\n',
};

function statuses(report: MigrationReport) {
  return Object.fromEntries(report.apps.map((a) => [a.app, a.status]));
}

describe('a pull request into a base that is not linear', () => {
  it('repairs two leaves by making them one chain: passes, says it repairs the base, notes the rewritten migration', async () => {
    const dir = repo(twoLeaves, {
      'a/migrations/0003_y.py': null,
      'a/migrations/0004_y.py': M({ deps: [['a', '0003_x']] }),
      'a/migrations/max_migration.txt': '0004_y\n',
    });
    const report = await check(dir);
    expect(statuses(report)).toEqual({ a: 'repairs-base' });
    expect(report.ok).toBe(true);
    const notes = report.apps[0]!.notes;
    expect(notes[0]!.message).toBe(
      'main is already not linear for a (Conflicting migrations detected - multiple leaf nodes in a: 0003_x, 0003_y); this pull request makes it linear again',
    );
    // Renaming a migration main already has still rewrites history: said, as a note here.
    expect(notes[1]).toMatchObject({ code: 'pr-renames-base-migration' });
    expect(notes[1]!.message).toMatch(/renames a\.0003_y \(already on main\) to 0004_y/);
    const comment = renderComment(report);
    expect(comment).toContain('### ✅ Migration check: passed, with notes');
    expect(comment).toContain('| a | passes: repairs main, which was not linear |');
    const r = await cli(['--repo', dir, '--base', 'main', '--head', 'pr']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}ok {4}a: repairs-base$/m);
    expect(r.stdout).toMatch(/note \[repairs-base\] main is already not linear for a/);
  });

  it('repairs a stale max_migration.txt: passes', async () => {
    const dir = repo(stale, { 'a/migrations/max_migration.txt': '0003_x\n' });
    const report = await check(dir);
    expect(statuses(report)).toEqual({ a: 'repairs-base' });
    expect(report.apps[0]!.notes[0]!.message).toBe(
      "main is already not linear for a (a's max_migration.txt contains '0002_m2', but the latest migration is '0003_x'); this pull request makes it linear again",
    );
    expect((await cli(['--repo', dir, '--base', 'main', '--head', 'pr'])).code).toBe(0);
  });

  it('leaves it broken and adds an unrelated migration: passes with a warning that is not a failure', async () => {
    const dir = repo(
      { ...stale, ...appFiles('b', chain('b', 1)) },
      {
        'a/models.py': '# the app changes, its migrations do not\n',
        'b/migrations/0002_pr.py': M({ deps: [['b', '0001_initial']] }),
        'b/migrations/max_migration.txt': '0002_pr\n',
      },
    );
    const report = await check(dir);
    expect(statuses(report)).toEqual({ a: 'base-not-linear', b: 'linear' });
    expect(report.ok).toBe(true);
    expect(report.apps[0]!.problems).toEqual([]);
    expect(report.apps[0]!.notes[0]!.message).toBe(
      "main itself is not linear (not caused by this pull request): a's max_migration.txt contains '0002_m2', but the latest migration is '0003_x'",
    );
    const comment = renderComment(report);
    expect(comment).toContain(
      '| a | warning: main is not linear; this pull request does not make it worse |',
    );
    const r = await cli(['--repo', dir, '--base', 'main', '--head', 'pr']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}WARN {2}a: base-not-linear$/m);
    expect(r.stderr).toContain(
      '2 apps checked: this branch adds no migration problem; 1 app is already not linear on main.',
    );
  });

  it('makes it worse (a third leaf): fails, and says the base was already broken', async () => {
    const dir = repo(twoLeaves, {
      'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
    });
    const report = await check(dir);
    expect(statuses(report)).toEqual({ a: 'pr-worsens-base' });
    expect(report.apps[0]!.problems[0]!.message).toMatch(
      /^main is already not linear for a .*, and this pull request adds a leaf: after merging, a has 3 leaf migrations \(0003_pr, 0003_x, 0003_y\) instead of 2/,
    );
    expect(renderComment(report)).toContain(
      '| a | fails: main is not linear, and this pull request makes it worse |',
    );
    expect((await cli(['--repo', dir, '--base', 'main', '--head', 'pr'])).code).toBe(1);
  });
});

describe('a rename git does not see as one', () => {
  it('a renumbered, edited migration is reported as a rename of a migration the base has, not a deletion', async () => {
    const dir = repo(linearA, {
      'a/migrations/0002_m2.py': null,
      'a/migrations/0003_m2.py': `${M({
        deps: [
          ['a', '0001_initial'],
          ['auth', '0001_initial'],
        ],
      })}${'# an edit\n'.repeat(30)}`,
      'a/migrations/max_migration.txt': '0003_m2\n',
    });
    // git itself pairs nothing: a deletion and an addition.
    expect(git(dir, ['diff', '-M', '--name-status', 'main', 'pr'])).toMatch(
      /^D\ta\/migrations\/0002_m2\.py$/m,
    );
    const report = await check(dir);
    expect(report.apps[0]!.problems.map((p) => p.code)).toEqual(['pr-renames-base-migration']);
    expect(report.apps[0]!.problems[0]!.message).toBe(
      'this pull request renames a.0002_m2 (already on main) to 0003_m2; databases that applied it would run it again. Keep the name.',
    );
  });

  it('the same operations under a new name and number are a rename too', async () => {
    const body = (deps: string) =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = ${deps}\n\n    operations = [\n        migrations.RunSQL("SELECT 1"),\n    ]\n`;
    const dir = repo(
      { ...appFiles('a', { '0001_initial': {}, '0002_add_flag': body('[("a", "0001_initial")]') }) },
      {
        'a/migrations/0002_add_flag.py': null,
        'a/migrations/0007_flag_again.py': body('[\n        ("a", "0001_initial"),\n    ]'),
        'a/migrations/max_migration.txt': '0007_flag_again\n',
      },
    );
    const report = await check(dir);
    expect(report.apps[0]!.problems[0]!.message).toMatch(
      /renames a\.0002_add_flag \(already on main\) to 0007_flag_again/,
    );
  });
});

describe('a repository where nothing would be checked', () => {
  const files = { ...appFiles('users', chain('users', 2), null) };

  it('no max_migration.txt anywhere: a settings error naming --apps, create_max_migration_files and --allow-no-apps', async () => {
    const dir = repo(files, { 'users/migrations/0003_x.py': M({ deps: [['users', '0002_m2']] }) });
    const r = await cli(['--repo', dir, '--base', 'main', '--head', 'pr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "nothing to check: no app has migrations/max_migration.txt (django-linear-migrations' file) and --apps is not set. To check, set --apps to the app labels to check, or run `python manage.py create_max_migration_files` and commit the files; to accept a repository without them, set --allow-no-apps.",
    );
    const allowed = await cli(['--repo', dir, '--base', 'main', '--head', 'pr', '--allow-no-apps']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("Nothing checked by django-linear-migrations' rules:");
    expect(allowed.stderr).not.toMatch(/migrations are linear/);
  });

  it('still reports two leaves with --allow-no-apps: Django refuses them whatever DLM says', async () => {
    const dir = repo(files, {
      'users/migrations/0003_x.py': M({ deps: [['users', '0002_m2']] }),
      'users/migrations/0003_y.py': M({ deps: [['users', '0002_m2']] }),
    });
    const r = await cli([
      '--repo',
      dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--allow-no-apps',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).apps[0]).toMatchObject({ app: 'users', status: 'pr-several-leaves' });
  });

  it('an unknown label in --apps is a settings error with "did you mean"', async () => {
    const dir = repo(files, {});
    const r = await cli(['--repo', dir, '--base', 'main', '--head', 'pr', '--apps', 'user']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--apps: no app with migrations has the label 'user' (did you mean 'users'?). Expected app labels (AppConfig.label) of this repository: users.",
    );
    const ok = await cli(['--repo', dir, '--base', 'main', '--head', 'pr', '--apps', 'users']);
    expect(ok.stderr).not.toContain('no app with migrations');
  });

  it('the action names its inputs, not flags', async () => {
    const dir = repo(files, {});
    const rev = (r: string) => git(dir, ['rev-parse', r]).trim();
    const event: ActionEvent = {
      name: 'pull_request',
      payload: {
        pull_request: { number: 1, base: { sha: rev('main'), ref: 'main' }, head: { sha: rev('pr') } },
      },
      sha: rev('pr'),
      ref: 'refs/pull/1/merge',
      owner: 'o',
      repo: 'r',
    };
    const seams = { event, client: null, fetchPullHead: async () => rev('pr') };
    await expect(runInAction(actionContext(dir), seams)).rejects.toThrow(
      /set apps to the app labels .* set allow-no-apps: true\./,
    );
    await expect(runInAction(actionContext(dir, { apps: 'user' }), seams)).rejects.toThrow(
      /^apps: no app with migrations has the label 'user' \(did you mean 'users'\?\)/,
    );
  });
});

class FakeGitHub implements GitHubClient {
  comments = new Map<number, IssueComment[]>();
  pulls: OpenPullRequest[] = [];
  async ownLogin() {
    return 'github-actions[bot]';
  }
  async listComments(issue: number, page: number, perPage: number) {
    return (this.comments.get(issue) ?? []).slice((page - 1) * perPage, page * perPage);
  }
  async createComment(issue: number, body: string) {
    const c = { id: issue * 100, body, author: 'github-actions[bot]' };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), c]);
    return c;
  }
  async updateComment() {}
  async listOpenPullRequests() {
    return this.pulls;
  }
}

function actionContext(dir: string, inputs: Record<string, string> = {}): CommandContext {
  const { settings } = loadSettings('migration-check', {
    surface: 'action',
    explicit: { repo: dir, ...inputs },
  });
  return { settings, log: new ConsoleLog(() => {}), surface: 'action', stdout: () => {} };
}

describe('the comment a push to the base writes on a pull request', () => {
  it('names the branch, not the pushed commit; renders code as code; says each thing once; no merge migration advice', async () => {
    const dir = repo(
      linearA,
      {
        'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
        'a/migrations/max_migration.txt': '0003_pr\n',
      },
      {
        'a/migrations/0003_base.py': M({ deps: [['a', '0002_m2']] }),
        'a/migrations/max_migration.txt': '0003_base\n',
      },
    );
    const sha = git(dir, ['rev-parse', 'main']).trim();
    const gh = new FakeGitHub();
    gh.pulls = [{ number: 3, headSha: git(dir, ['rev-parse', 'pr']).trim(), headRef: 'pr', fromFork: false }];
    const event: ActionEvent = {
      name: 'push',
      payload: {},
      sha,
      ref: 'refs/heads/main',
      owner: 'o',
      repo: 'r',
    };
    await runInAction(actionContext(dir), { event, client: gh, fetchPullHead: async (p) => p.headSha });
    const body = gh.comments.get(3)![0]!.body;
    expect(body).toContain('main has moved on to a\\.0003\\_base');
    expect(body).not.toContain(`${sha.slice(0, 12)} has moved on`);
    expect(body).toContain('against `main` (`');
    // Backticks in our messages are code spans, never shown as literal escaped backticks.
    expect(body).not.toContain('\\`');
    expect(body.match(/0004_pr\.py/g)).toHaveLength(1);
    expect(body).toContain(
      '**Fix:** merge or rebase onto `main`, then run `python manage.py rebase_migration a`.',
    );
    expect(body).not.toContain('--merge');
  });

  it('after a merge committed with two leaves, advises renumbering, never makemigrations --merge', async () => {
    const dir = repo(
      linearA,
      {
        'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
        'a/migrations/0003_base.py': M({ deps: [['a', '0002_m2']] }),
        'a/migrations/max_migration.txt': '0003_pr\n',
      },
      {
        'a/migrations/0003_base.py': M({ deps: [['a', '0002_m2']] }),
        'a/migrations/max_migration.txt': '0003_base\n',
      },
    );
    const report = await check(dir);
    expect(report.apps[0]!.status).toBe('pr-several-leaves');
    const message = report.apps[0]!.problems[0]!.message;
    expect(message).not.toContain('--merge');
    expect(message).toContain(
      "Put this branch's migration after 0003_base: make 0003_pr depend on ('a', '0003_base'), rename 0003_pr -> 0004_pr",
    );
  });
});

describe('an unknown ref', () => {
  it('suggests fetching the branch from its remote, not `git fetch origin origin/main`', async () => {
    const dir = repo(linearA, {});
    const r = await cli(['--repo', dir, '--base', 'origin/release']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`git fetch origin release`');
  });
});
