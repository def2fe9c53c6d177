import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type RepositoryTree, runGit, type TreeEntry } from './tree.js';

/**
 * The working tree as it is on disk: what the user has in front of them mid-merge, mid-rebase
 * or mid-cherry-pick, uncommitted edits included. Tracked and untracked (not ignored) files.
 */
export class WorkingTree implements RepositoryTree {
  readonly entries: ReadonlyMap<string, TreeEntry>;
  private readonly root: string;

  private constructor(root: string, entries: ReadonlyMap<string, TreeEntry>) {
    this.root = root;
    this.entries = entries;
  }

  static async load(repo: string): Promise<WorkingTree> {
    const root = (await runGit(repo, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
    const listed = (await runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']))
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
    const entries = new Map<string, TreeEntry>();
    await Promise.all(
      [...new Set(listed)].map(async (p) => {
        // A file deleted in the working tree (or by the conflict) is not there for the user either.
        const s = await lstat(path.join(root, p)).catch(() => null);
        if (!s) return;
        const kind = s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'submodule' : 'file';
        entries.set(p, { path: p, kind, id: `worktree:${p}:${s.size}:${s.mtimeMs}` });
      }),
    );
    return new WorkingTree(root, entries);
  }

  /** The repository's top directory, where the tree's paths start. */
  get directory(): string {
    return this.root;
  }

  async read(paths: readonly string[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    await Promise.all(
      paths
        .filter((p) => this.entries.get(p)?.kind === 'file')
        .map(async (p) => {
          const bytes = await readFile(path.join(this.root, p)).catch(() => null);
          if (bytes) out.set(p, bytes);
        }),
    );
    return out;
  }
}

export type Operation = 'merge' | 'rebase' | 'cherry-pick';

export interface OperationInProgress {
  kind: Operation;
  /** The commit the branch is being brought onto (the merged side). */
  onto: string;
  /** The commit being replayed or merged in, for messages. */
  stoppedAt: string | null;
}

async function gitPath(repo: string, name: string): Promise<string | null> {
  const p = (await runGit(repo, ['rev-parse', '--git-path', name]).catch(() => null))
    ?.toString('utf8')
    .trim();
  return p ? path.resolve(repo, p) : null;
}

async function revParse(repo: string, ref: string): Promise<string | null> {
  return (
    (await runGit(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => null))
      ?.toString('utf8')
      .trim() || null
  );
}

/** The merge, rebase or cherry-pick that stopped in this working tree, if any. */
export async function operationInProgress(repo: string): Promise<OperationInProgress | null> {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    const p = await gitPath(repo, dir);
    if (!p || !(await lstat(p).catch(() => null))?.isDirectory()) continue;
    const onto = (await readFile(path.join(p, 'onto'), 'utf8').catch(() => '')).trim();
    return {
      kind: 'rebase',
      onto: onto || ((await revParse(repo, 'HEAD')) ?? ''),
      stoppedAt: await revParse(repo, 'REBASE_HEAD'),
    };
  }
  const mergeHead = await revParse(repo, 'MERGE_HEAD');
  if (mergeHead) return { kind: 'merge', onto: mergeHead, stoppedAt: await revParse(repo, 'HEAD') };
  const picked = await revParse(repo, 'CHERRY_PICK_HEAD');
  if (picked) return { kind: 'cherry-pick', onto: (await revParse(repo, 'HEAD')) ?? '', stoppedAt: picked };
  return null;
}
