import type { BlobStore, GitTree, RepositoryTree, TreeEntry } from './tree.js';
import { EntriesByDirectory } from './tree-entries.js';

type Directories = ReadonlyMap<string, readonly TreeEntry[]>;

/**
 * The tree a merge of head into base would have (no checkout, no merge): each path takes the
 * side that changed it; both sides rewriting max_migration.txt is a conflict, as in git.
 */
export class MergedTree implements RepositoryTree {
  readonly entries: ReadonlyMap<string, TreeEntry>;
  readonly directories: Directories;
  private readonly synthetic = new Map<string, Uint8Array>();
  private readonly blobs: BlobStore;

  constructor(blobs: BlobStore, base: GitTree, head: GitTree, mergeBase: GitTree) {
    this.blobs = blobs;
    // What the merge changes against the base: path -> its entry, null for a deleted one.
    const merged = new Map<string, TreeEntry | null>();
    // Only directories whose list differs between head and merge-base hold a path head changed.
    const changed = differingDirectories(head.directories, mergeBase.directories);
    for (const dir of changed) {
      const paths = new Set<string>();
      for (const e of head.directories.get(dir) ?? []) paths.add(e.path);
      for (const e of mergeBase.directories.get(dir) ?? []) paths.add(e.path);
      for (const p of paths) this.merge(p, base, head, mergeBase, merged);
    }
    const entryOf = (p: string) => (merged.has(p) ? (merged.get(p) ?? undefined) : base.entries.get(p));
    this.directories = mergedDirectories(entryOf, [base, head, mergeBase], changed);
    this.entries = new EntriesByDirectory(this.directories);
  }

  private merge(
    p: string,
    base: GitTree,
    head: GitTree,
    mergeBase: GitTree,
    merged: Map<string, TreeEntry | null>,
  ): void {
    const h = head.entries.get(p);
    const m = mergeBase.entries.get(p);
    if (h?.id === m?.id) return;
    const b = base.entries.get(p);
    const bothChanged = b?.id !== m?.id && b?.id !== h?.id;
    if (bothChanged && p.endsWith('/max_migration.txt') && b && h) {
      // Both sides rewrote the one line: git stops here with conflict markers.
      this.synthetic.set(p, new Uint8Array());
      merged.set(p, { path: p, kind: 'file', id: `conflict:${b.id}:${h.id}` });
    } else if (bothChanged) {
      // Another file both sides changed: the base's version stands in (git may merge it).
    } else merged.set(p, h ?? null);
  }

  async read(paths: readonly string[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    const real = paths.filter((p) => !this.synthetic.has(p) && this.entries.get(p)?.kind === 'file');
    const blobs = await this.blobs.get(real.map((p) => this.entries.get(p)!.id));
    for (const p of real) out.set(p, blobs.get(this.entries.get(p)!.id)!);
    for (const p of paths) if (this.synthetic.has(p)) out.set(p, this.synthetic.get(p)!);
    return out;
  }

  isConflicted(p: string): boolean {
    return this.synthetic.has(p);
  }
}

/** Directories whose lists of files are not the same list in the two trees (listed once per check). */
function differingDirectories(a: Directories, b: Directories): string[] {
  const out: string[] = [];
  for (const [dir, list] of a) if (b.get(dir) !== list) out.push(dir);
  for (const dir of b.keys()) if (!a.has(dir)) out.push(dir);
  return out;
}

/** The merged tree by directory: the base's lists, each directory head changed rebuilt from the entries. */
function mergedDirectories(
  entryOf: (path: string) => TreeEntry | undefined,
  trees: readonly GitTree[],
  changed: readonly string[],
): Directories {
  const directories = new Map(trees[0]!.directories);
  for (const dir of changed) {
    const files: TreeEntry[] = [];
    const seen = new Set<string>();
    for (const tree of trees) {
      for (const e of tree.directories.get(dir) ?? []) {
        const merged = seen.has(e.path) ? undefined : entryOf(e.path);
        seen.add(e.path);
        if (merged) files.push(merged);
      }
    }
    if (files.length > 0) directories.set(dir, files);
    else directories.delete(dir);
  }
  return directories;
}

/** Directories holding a file that differs between the two trees. */
export function changedDirectories(a: GitTree, b: GitTree): Set<string> {
  const dirs = new Set<string>();
  for (const dir of differingDirectories(a.directories, b.directories)) {
    const other = b.directories.get(dir) ?? [];
    const mine = a.directories.get(dir) ?? [];
    const differs =
      mine.some((e) => b.entries.get(e.path)?.id !== e.id) || other.some((e) => !a.entries.has(e.path));
    if (differs) dirs.add(dir);
  }
  return dirs;
}
