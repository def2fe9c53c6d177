/**
 * `migration-check --fix` against the real `rebase_migration` in the same working tree: it
 * edits what the user has at the current stop of a merge, rebase or cherry-pick (uncommitted
 * edits included), refuses as rebase_migration does without a conflict, says "fixed" and
 * exits 0; a chain of new migrations is moved one by one, as running rebase_migration once
 * per migration does, and Django and DLM accept the result.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli.js';
import {
  appFiles,
  chain,
  type Files,
  migrationSource as M,
  projectSkeleton,
} from '../../../fixtures/migrations/project.js';
import {
  ensureVenv,
  git,
  makeRepo,
  mergeConflict,
  oracleAppOk,
  rebaseConflict,
  runManage,
  runOracle,
  snapshotFiles,
} from './harness.js';

let venvProblem: string | null = null;
let tmp = '';
beforeAll(() => {
  venvProblem = ensureVenv();
  if (venvProblem && process.env['CI']) throw new Error(`the migration oracle needs .venv: ${venvProblem}`);
  tmp = mkdtempSync(path.join(tmpdir(), 'migration-fix-'));
}, 300_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

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

const linearA = { ...projectSkeleton(), ...appFiles('a', chain('a', 2)) };
const baseMoved: Files = {
  'a/migrations/0003_base.py': M({ deps: [['a', '0002_m2']] }),
  'a/migrations/max_migration.txt': '0003_base\n',
};

let n = 0;
function build(head: Files, base: Files = baseMoved): string {
  const repo = path.join(tmp, `repo${n++}`);
  makeRepo(repo, linearA, base, head);
  return repo;
}

/** Two working trees in the same state: one for rebase_migration, one for --fix. */
function pair(repo: string, stop: (repo: string, dir: string) => void): { dlm: string; ours: string } {
  const dlm = `${repo}-dlm`;
  const ours = `${repo}-ours`;
  stop(repo, dlm);
  stop(repo, ours);
  return { dlm, ours };
}

const maxFile = (dir: string) => path.join(dir, 'a/migrations/max_migration.txt');

describe('--fix edits the working tree at the current stop', () => {
  it('a chain of two new migrations: each renamed and re-parented, byte for byte what rebase_migration run once per migration writes', async (ctx) => {
    if (venvProblem) ctx.skip();
    const repo = build({
      'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
      'a/migrations/0004_pr2.py': M({ deps: [['a', '0003_pr']] }),
      'a/migrations/max_migration.txt': '0004_pr2\n',
    });
    const { dlm, ours } = pair(repo, rebaseConflict);

    // Without --fix, mid-rebase: the plan for the working tree, and a failing exit code.
    const checked = await cli(['--repo', ours]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('step 1: rename a/migrations/0003_pr.py to 0004_pr.py');
    expect(checked.stdout).toContain('step 2: rename a/migrations/0004_pr2.py to 0005_pr2.py');

    // rebase_migration, once per migration, each time with the conflict it needs.
    for (const [merged, rebased] of [
      ['0003_base', '0003_pr'],
      ['0004_pr', '0004_pr2'],
    ]) {
      writeFileSync(maxFile(dlm), `<<<<<<< HEAD\n${merged}\n=======\n${rebased}\n>>>>>>> pr\n`);
      const run = runManage(dlm, ['rebase_migration', 'a']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    const fixed = await cli(['--repo', ours, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain(
      'fixed a: Renamed 0003_pr.py to 0004_pr.py, updated its dependencies, and updated max_migration.txt.',
    );
    expect(fixed.stdout).toContain(
      'fixed a: Renamed 0004_pr2.py to 0005_pr2.py, updated its dependencies, and updated max_migration.txt.',
    );
    expect(fixed.stderr).toContain('git rebase --continue');
    expect(snapshotFiles(ours)).toEqual(snapshotFiles(dlm));
    expect(oracleAppOk(runOracle([ours])[0]!, 'a')).toBe(true);
  });

  it('mid-merge, keeps an uncommitted edit of the migration (rebase_migration edits the same file)', async (ctx) => {
    if (venvProblem) ctx.skip();
    const repo = build({
      'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_pr\n',
    });
    const { dlm, ours } = pair(repo, mergeConflict);
    for (const dir of [dlm, ours])
      appendFileSync(path.join(dir, 'a/migrations/0003_pr.py'), '# uncommitted edit\n');
    expect(runManage(dlm, ['rebase_migration', 'a']).status).toBe(0);
    const fixed = await cli(['--repo', ours, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^fixed a: Renamed 0003_pr\.py to 0004_pr\.py/m);
    expect(readFileSync(path.join(ours, 'a/migrations/0004_pr.py'), 'utf8')).toContain('# uncommitted edit');
    expect(snapshotFiles(ours)).toEqual(snapshotFiles(dlm));
  });

  it('a rebase stopped at an earlier commit: check and --fix use that commit, not the branch tip', async (ctx) => {
    if (venvProblem) ctx.skip();
    const repo = build({
      'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_pr\n',
    });
    // A second commit on the branch changes the migration's dependencies.
    git(repo, ['checkout', '-q', 'pr']);
    writeFileSync(
      path.join(repo, 'a/migrations/0003_pr.py'),
      M({
        deps: [
          ['a', '0002_m2'],
          ['auth', '0001_initial'],
        ],
      }),
    );
    git(repo, ['commit', '-q', '-am', 'later: another dependency']);
    git(repo, ['checkout', '-q', 'main']);
    const { dlm, ours } = pair(repo, rebaseConflict);
    const checked = await cli(['--repo', ours]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("set its dependencies = [('a', '0003_base')],");
    expect(checked.stderr).toMatch(/a rebase is in progress \(stopped at [0-9a-f]{12}\)/);
    expect(runManage(dlm, ['rebase_migration', 'a']).status).toBe(0);
    expect((await cli(['--repo', ours, '--fix'])).code).toBe(0);
    expect(snapshotFiles(ours)).toEqual(snapshotFiles(dlm));
    expect(readFileSync(path.join(ours, 'a/migrations/0004_pr.py'), 'utf8')).not.toContain('auth');
  });

  it('a cherry-pick in progress', async (ctx) => {
    if (venvProblem) ctx.skip();
    const repo = build({
      'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_pr\n',
    });
    const { dlm, ours } = pair(repo, (from, dir) => {
      git(path.dirname(dir), ['clone', '-q', from, path.basename(dir)]);
      git(dir, ['cherry-pick', 'origin/pr'], true);
    });
    expect(readFileSync(maxFile(ours), 'utf8')).toMatch(/^<<<<<<< /);
    expect(runManage(dlm, ['rebase_migration', 'a']).status).toBe(0);
    const fixed = await cli(['--repo', ours, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('git cherry-pick --continue');
    expect(snapshotFiles(ours)).toEqual(snapshotFiles(dlm));
  });

  it('without conflict markers, refuses as rebase_migration does and changes nothing', async (ctx) => {
    if (venvProblem) ctx.skip();
    const repo = build({
      'a/migrations/0003_pr.py': M({ deps: [['a', '0002_m2']] }),
      'a/migrations/max_migration.txt': '0003_pr\n',
    });
    git(repo, ['checkout', '-q', 'pr']);
    const dlm = runManage(repo, ['rebase_migration', 'a']);
    expect(dlm.status).not.toBe(0);
    expect(dlm.stderr).toMatch(/does not seem to contain a merge conflict/);
    const before = snapshotFiles(repo);
    const r = await cli(['--repo', repo, '--base', 'main', '--fix']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--fix: no max_migration.txt in the working tree holds a merge conflict, so there is nothing to rebase (rebase_migration refuses the same way). Merge or rebase onto main first; run --fix while git stops on the conflict.',
    );
    expect(r.stdout).not.toContain('fixed');
    expect(snapshotFiles(repo)).toEqual(before);
  });
});
