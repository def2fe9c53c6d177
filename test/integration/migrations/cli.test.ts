/**
 * The `gateway-ops migration-check` contract on real git repositories: exit codes, the JSON
 * shape, and the bad inputs a user can hit (not a repository, unknown ref, shallow clone,
 * binary or conflicted migration files, a symlinked migrations directory).
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { appFiles, chain, migrationSource, projectSkeleton } from '../../fixtures/migrations/project.js';
import { git, makeRepo } from '../../unit/migrations/oracle/harness.js';

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'migration-cli-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

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

function needsRebaseRepo(name: string): string {
  const repo = path.join(tmp, name);
  makeRepo(
    repo,
    { ...projectSkeleton(), ...appFiles('a', chain('a', 2)), ...appFiles('b', chain('b', 1)) },
    {
      'a/migrations/0003_base.py': migrationSource({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_base\n',
    },
    {
      'a/migrations/0003_pr.py': migrationSource({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_pr\n',
      'b/migrations/0002_pr.py': migrationSource({ deps: [['b', '0001_initial']] }),
      'b/migrations/max_migration.txt': '0002_pr\n',
    },
  );
  return repo;
}

describe('gateway-ops migration-check', () => {
  it('prints the stable JSON shape and exits 1 when an app needs a rebase', async () => {
    const repo = needsRebaseRepo('json');
    const r = await cli([
      '--repo',
      repo,
      '--base',
      'main',
      '--head',
      'pr',
      '--format',
      'json',
      '--manage-command',
      'docker exec -it app python manage.py',
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toEqual({
      ok: false,
      apps: [
        {
          app: 'a',
          project: '',
          ok: false,
          problems: [
            {
              code: 'needs-rebase',
              message: expect.stringContaining('main has moved on to a.0003_base'),
              file: 'a/migrations/0003_pr.py',
              line: 7,
            },
          ],
          fix: 'docker exec -it app python manage.py rebase_migration a',
          status: 'needs-rebase',
          notes: [],
        },
        { app: 'b', project: '', ok: true, status: 'linear', problems: [], notes: [], fix: null },
      ],
      nothingChecked: null,
    });
  });

  it('exits 0 with text output when every app is linear', async () => {
    const repo = needsRebaseRepo('text');
    const r = await cli(['--repo', repo, '--base', 'main', '--head', 'main']);
    expect(r.code).toBe(0);
    // The verdict is said once: on stderr after the report, not in the report on stdout too.
    expect(r.stderr.match(/migrations are linear/g)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/migrations are linear/);
    expect(r.stdout).toMatch(/ok {4}a \(not changed by this branch\)/);
  });

  it('exits 2 for a directory that is not a git repository, and for an unknown ref', async () => {
    const notRepo = mkdtempSync(path.join(tmpdir(), 'not-a-repo-'));
    const r1 = await cli(['--repo', notRepo, '--base', 'main']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/not a git repository/);
    const repo = needsRebaseRepo('refs');
    const r2 = await cli(['--repo', repo, '--base', 'origin/nope']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/unknown ref 'origin\/nope'/);
    rmSync(notRepo, { recursive: true, force: true });
  });

  it('exits 2 on a shallow clone without the merge-base, saying to use fetch-depth: 0', async () => {
    const repo = needsRebaseRepo('deep');
    const shallow = path.join(tmp, 'shallow');
    git(tmp, ['clone', '-q', '--depth', '1', '--branch', 'main', `file://${repo}`, 'shallow']);
    git(shallow, ['fetch', '-q', '--depth', '1', 'origin', 'pr:pr']);
    const r = await cli(['--repo', shallow, '--base', 'main', '--head', 'pr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fetch-depth: 0/);
  });

  it('reports binary and conflicted migration files, never ok', async () => {
    const repo = path.join(tmp, 'bad');
    makeRepo(
      repo,
      { ...projectSkeleton(), ...appFiles('a', chain('a', 1)), ...appFiles('c', chain('c', 1)) },
      undefined,
      {
        'a/migrations/0002_bin.py': '\u0000\u0001binary',
        'a/migrations/max_migration.txt': '0002_bin\n',
        'c/migrations/0002_conflict.py':
          'class Migration:\n<<<<<<< HEAD\n    dependencies = [("c", "0001_initial")]\n=======\n    dependencies = []\n>>>>>>> x\n',
        'c/migrations/max_migration.txt': '0002_conflict\n',
      },
    );
    const r = await cli(['--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    const byApp = Object.fromEntries(json.apps.map((a: { app: string }) => [a.app, a]));
    expect(byApp.a.problems[0].message).toMatch(/binary/);
    expect(byApp.c.problems[0]).toMatchObject({
      message: expect.stringMatching(/conflict markers/),
      line: 2,
    });
  });

  it('reports a symlinked migrations directory instead of skipping it silently', async () => {
    const repo = path.join(tmp, 'symlink');
    makeRepo(
      repo,
      {
        ...projectSkeleton(),
        ...appFiles('a', chain('a', 1)),
        'shared_migrations/0001_initial.py': migrationSource(),
      },
      undefined,
      {
        'b/__init__.py': '',
      },
    );
    git(repo, ['checkout', '-q', 'pr']);
    symlinkSync('../shared_migrations', path.join(repo, 'b', 'migrations'));
    git(repo, ['add', 'b/migrations']);
    git(repo, ['commit', '-q', '-m', 'symlinked migrations']);
    const r = await cli(['--repo', repo, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.apps.find((a: { app: string }) => a.app === 'b').problems[0]).toMatchObject({
      code: 'migrations-symlink',
      file: 'b/migrations',
    });
  });
});
