import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Files } from '../../../fixtures/migrations/project.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const PYTHON = path.join(REPO_ROOT, '.venv/bin/python');
export const ORACLE_PY = path.join(REPO_ROOT, 'test/fixtures/migrations/oracle.py');

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'oracle',
  GIT_AUTHOR_EMAIL: 'oracle@example.invalid',
  GIT_COMMITTER_NAME: 'oracle',
  GIT_COMMITTER_EMAIL: 'oracle@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
};

export function git(cwd: string, args: string[], allowFailure = false): string {
  const r = spawnSync(
    'git',
    ['-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
    {
      cwd,
      env: GIT_ENV,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0 && !allowFailure) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

export function writeFiles(dir: string, files: Files): void {
  for (const [p, content] of Object.entries(files)) {
    const full = path.join(dir, p);
    if (content === null) rmSync(full, { force: true });
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}

export function gitAsync(cwd: string, args: string[], allowFailure = false): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
      { cwd, env: GIT_ENV, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && !allowFailure) reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

type Step = { git: string[] } | { write: Files };

/** The steps that build a repository with `main` (mb, then base) and `pr` (mb, then head). */
function repoSteps(mb: Files, base?: Files, head?: Files): Step[] {
  const steps: Step[] = [
    { git: ['init', '-q'] },
    { write: mb },
    { git: ['add', '-A'] },
    { git: ['commit', '-q', '-m', 'merge-base'] },
  ];
  if (head) {
    steps.push({ git: ['checkout', '-q', '-b', 'pr'] }, { write: head }, { git: ['add', '-A'] });
    steps.push(
      { git: ['commit', '-q', '--allow-empty', '-m', 'pull request'] },
      { git: ['checkout', '-q', 'main'] },
    );
  } else {
    steps.push({ git: ['branch', 'pr'] });
  }
  if (base) {
    steps.push(
      { write: base },
      { git: ['add', '-A'] },
      { git: ['commit', '-q', '--allow-empty', '-m', 'base moved on'] },
    );
  }
  return steps;
}

export function makeRepo(dir: string, mb: Files, base: Files | undefined, head: Files | undefined): void {
  mkdirSync(dir, { recursive: true });
  for (const step of repoSteps(mb, base, head)) {
    if ('git' in step) git(dir, step.git);
    else writeFiles(dir, step.write);
  }
}

export async function makeRepoAsync(
  dir: string,
  mb: Files,
  base: Files | undefined,
  head: Files | undefined,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const step of repoSteps(mb, base, head)) {
    if ('git' in step) await gitAsync(dir, step.git);
    else writeFiles(dir, step.write);
  }
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function inPool<T>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A clone of `repo` on branch `pr`, stopped by `git rebase main` on the max_migration.txt conflict. */
export function rebaseConflict(repo: string, dir: string): void {
  git(path.dirname(dir), ['clone', '-q', repo, path.basename(dir)]);
  git(dir, ['checkout', '-q', '-b', 'pr', 'origin/pr']);
  git(dir, ['rebase', 'origin/main'], true);
}

/** A clone of `repo` on branch `pr`, stopped by `git merge origin/main` on the conflict (DLM swaps the names then). */
export function mergeConflict(repo: string, dir: string): void {
  git(path.dirname(dir), ['clone', '-q', repo, path.basename(dir)]);
  git(dir, ['checkout', '-q', '-b', 'pr', 'origin/pr']);
  git(dir, ['merge', '--no-edit', '-q', 'origin/main'], true);
}

/** A clone of `repo` on `main` with `pr` merged in (conflicts left in the working tree). */
export async function mergedClone(repo: string, dir: string): Promise<void> {
  await gitAsync(path.dirname(dir), ['clone', '-q', repo, path.basename(dir)]);
  await gitAsync(dir, ['merge', '--no-edit', '-q', 'origin/pr'], true);
}

export interface OracleVerdict {
  conflicts: Record<string, string[]>;
  dlm: { id: string; msg: string }[];
  crash: string | null;
}

/** Runs Django + DLM on each project directory (one Python process, a fork per project). */
export function runOracle(projectDirs: string[]): OracleVerdict[] {
  for (const d of projectDirs) rmSync(path.join(d, '.oracle.json'), { force: true });
  execFileSync(PYTHON, [ORACLE_PY, ...projectDirs], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return projectDirs.map(
    (d) => JSON.parse(readFileSync(path.join(d, '.oracle.json'), 'utf8')) as OracleVerdict,
  );
}

/** Django/DLM's verdict for one app: no conflict, no dlm error naming it, no crash naming it. */
export function oracleAppOk(v: OracleVerdict, label: string): boolean {
  if (v.crash) return false;
  if (v.conflicts[label]) return false;
  return !v.dlm.some((e) => e.msg.startsWith(`${label}'s `) || e.msg.includes(`\n* ${label}: `));
}

export function runManage(
  projectDir: string,
  args: string[],
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(PYTHON, ['manage.py', ...args], {
    cwd: projectDir,
    encoding: 'utf8',
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PATH: `${path.dirname(PYTHON)}:${process.env['PATH']}`,
    },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of a working tree (without .git, caches and oracle output), for byte comparisons. */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (['.git', '__pycache__', '.oracle.json'].includes(e.name)) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = readFileSync(path.join(d, e.name)).toString('latin1');
    }
  };
  walk(dir, '');
  return out;
}

/** Creates the oracle's virtualenv (idempotent); returns why it is not usable, or null. */
export function ensureVenv(): string | null {
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts/setup-python.sh')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0 || !existsSync(PYTHON))
    return `scripts/setup-python.sh failed: ${r.stderr || r.error?.message}`;
  return null;
}
