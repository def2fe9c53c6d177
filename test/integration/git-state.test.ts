import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitSnapshotDirectory, prepareGitState } from '../../src/shared/git-state/index.js';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { shellQuote } from '../../src/shared/remote/index.js';
import { bench, connect, newDeployDir, testLog } from './postgres-helpers.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'safe.directory=*', '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args],
    {
      cwd,
      encoding: 'utf8',
    },
  );
}

function giveToBenchUser(dir: string): void {
  const { uid, gid, dedicated } = bench().user;
  if (dedicated) execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
}

/** A checkout with one commit, a staged change, an unstaged change and untracked files. */
function checkout(name: string): string {
  const { deployDir } = newDeployDir(name);
  git(deployDir, 'init', '-q', '-b', 'main');
  writeFileSync(join(deployDir, 'compose.yaml'), 'services: {}\n');
  writeFileSync(join(deployDir, 'README.md'), 'gateway\n');
  git(deployDir, 'add', '.');
  git(deployDir, 'commit', '-q', '-m', 'first');
  return deployDir;
}

/** The snapshot work dir the component writes below, with writeFile as the snapshot offers it. */
function workDirectory(remote: SshRemoteHost, deployDir: string): GitSnapshotDirectory {
  const path = join(deployDir, 'data/backups/.2026-12-01.partial-git');
  mkdirSync(path, { recursive: true, mode: 0o700 });
  giveToBenchUser(join(deployDir, 'data'));
  return {
    path,
    async writeFile(relativePath, content, component) {
      const target = join(path, relativePath);
      await remote.exec(`umask 077\ncat > ${shellQuote(target)}`, { stdin: content });
      const bytes = Buffer.from(content);
      return {
        path: relativePath,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        compression: 'none',
        component,
      };
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('git state over SSH (git on the host)', () => {
  let remote: SshRemoteHost;
  beforeAll(async () => {
    remote = await connect();
  });
  afterAll(async () => {
    await remote?.close();
  });

  it('records branch, commit, status and both patches, archives HEAD, lists a huge untracked file by name at no cost', async () => {
    const repo = checkout('git-branch');
    writeFileSync(join(repo, 'compose.yaml'), 'services: {web: {}}\n');
    git(repo, 'add', 'compose.yaml');
    writeFileSync(join(repo, 'README.md'), 'gateway, edited\n');
    writeFileSync(join(repo, 'notes.txt'), 'untracked\n');
    execFileSync('truncate', ['-s', '8G', join(repo, 'huge-dump.sql')]); // sparse: 8 GiB to read, none on disk
    giveToBenchUser(repo);
    const dir = workDirectory(remote, repo);
    const log = testLog();
    const prepared = await prepareGitState(remote, repo, log);
    const started = Date.now();
    const result = await prepared.take(dir);
    const elapsed = Date.now() - started;

    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(result).toMatchObject({
      name: 'git',
      verdict: 'passed',
      details: {
        branch: 'main',
        detached: false,
        commit: head,
        staged: true,
        unstaged: true,
        archive: true,
        untracked: 3,
      },
    });
    expect(filesUnder(dir.path)).toEqual([
      'git/HEAD.tar.gz',
      'git/staged.patch',
      'git/state.json',
      'git/unstaged.patch',
    ]);
    for (const file of result.files) {
      expect(file.sha256, file.path).toBe(sha256(join(dir.path, file.path)));
      expect(file.size, file.path).toBe(statSync(join(dir.path, file.path)).size);
    }
    expect(result.files.find((f) => f.path === 'git/HEAD.tar.gz')?.compression).toBe('gzip');
    expect(readFileSync(join(dir.path, 'git/staged.patch'), 'utf8')).toBe(
      git(repo, 'diff', '--cached', '--binary'),
    );
    expect(readFileSync(join(dir.path, 'git/unstaged.patch'), 'utf8')).toBe(git(repo, 'diff', '--binary'));
    const out = mkdtempSync(join(tmpdir(), 'gwops-git-'));
    execFileSync('tar', ['-xzf', join(dir.path, 'git/HEAD.tar.gz'), '-C', out]);
    expect(readFileSync(join(out, 'compose.yaml'), 'utf8')).toBe('services: {}\n');

    const state = JSON.parse(readFileSync(join(dir.path, 'git/state.json'), 'utf8'));
    expect(state).toMatchObject({
      repository: true,
      branch: 'main',
      detached: false,
      commit: head,
      toplevel: repo,
    });
    expect([...state.untracked].sort()).toEqual(['data/', 'huge-dump.sql', 'notes.txt']);
    expect(state.status).toContain('# branch.head main');
    expect(state.status.some((line: string) => /^1 M\. .* compose\.yaml$/.test(line))).toBe(true);
    expect(state.status.some((line: string) => /^1 \.M .* README\.md$/.test(line))).toBe(true);
    // The untracked file was never read nor copied: the git files are small, and it took no time.
    expect(result.files.reduce((sum, file) => sum + file.size, 0)).toBeLessThan(64 * 1024);
    expect(elapsed).toBeLessThan(10_000);
    expect(readFileSync(join(dir.path, 'git/HEAD.tar.gz')).includes('huge-dump')).toBe(false);
  });

  it('records a detached HEAD as detached, with its commit', async () => {
    const repo = checkout('git-detached');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'checkout', '-q', '--detach');
    giveToBenchUser(repo);
    const dir = workDirectory(remote, repo);
    const result = await (await prepareGitState(remote, repo, testLog())).take(dir);
    expect(result.details).toMatchObject({
      branch: null,
      detached: true,
      commit: head,
      staged: false,
      unstaged: false,
    });
    expect(filesUnder(dir.path)).toEqual(['git/HEAD.tar.gz', 'git/state.json']);
    const state = JSON.parse(readFileSync(join(dir.path, 'git/state.json'), 'utf8'));
    expect(state.status).toContain('# branch.head (detached)');
  });

  it('records a repository without commits: no archive, the staged files as a patch', async () => {
    const { deployDir: repo } = newDeployDir('git-empty');
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'compose.yaml'), 'services: {}\n');
    git(repo, 'add', 'compose.yaml');
    giveToBenchUser(repo);
    const dir = workDirectory(remote, repo);
    const log = testLog();
    const result = await (await prepareGitState(remote, repo, log)).take(dir);
    expect(result).toMatchObject({
      verdict: 'passed',
      details: { branch: 'main', detached: false, commit: null, staged: true, archive: false },
    });
    expect(filesUnder(dir.path)).toEqual(['git/staged.patch', 'git/state.json']);
    expect(log.lines.join('\n')).toMatch(/Git: branch main \(no commits yet\)/);
  });

  it('records a deploy-dir that is not a repository as such: skipped, nothing written', async () => {
    const { deployDir } = newDeployDir('git-none');
    const dir = workDirectory(remote, deployDir);
    const log = testLog();
    const result = await (await prepareGitState(remote, deployDir, log)).take(dir);
    expect(result).toMatchObject({
      name: 'git',
      verdict: 'skipped',
      details: { repository: false },
      files: [],
    });
    expect(log.lines.join('\n')).toMatch(/warn: deploy-dir .* is not in a git repository/);
    expect(filesUnder(dir.path)).toEqual([]);
  });

  it.runIf(bench().user.dedicated)(
    'says what to do when git refuses a checkout owned by another user',
    async () => {
      const { deployDir } = newDeployDir('git-dubious');
      const repo = join(deployDir, 'app');
      mkdirSync(repo);
      git(repo, 'init', '-q', '-b', 'main'); // owned by root, read by the bench user
      const error = await prepareGitState(remote, repo, testLog()).then(
        () => null,
        (e: Error & { hint?: string }) => e,
      );
      expect(error?.message).toMatch(
        /git refuses to read .*: the checkout belongs to another user \("dubious ownership"\)/,
      );
      expect(error?.hint).toMatch(/git config --global --add safe\.directory /);
    },
  );
});
