import type { BlobStore, GitTree, RepositoryTree, TreeEntry } from './tree.js';

/**
 * The tree a merge of head into base would have (no checkout, no merge): each path takes the
 * side that changed it; both sides rewriting max_migration.txt is a conflict, as in git.
 */
export class MergedTree implements RepositoryTree {
  readonly entries = new Map<string, TreeEntry>();
  private readonly synthetic = new Map<string, Uint8Array>();
  private readonly blobs: BlobStore;

  constructor(blobs: BlobStore, base: GitTree, head: GitTree, mergeBase: GitTree) {
    this.blobs = blobs;
    for (const e of base.entries.values()) this.entries.set(e.path, e);
    for (const p of new Set([...head.entries.keys(), ...mergeBase.entries.keys()])) {
      const h = head.entries.get(p);
      const m = mergeBase.entries.get(p);
      if (h?.id === m?.id) continue;
      const b = base.entries.get(p);
      const bothChanged = b?.id !== m?.id && b?.id !== h?.id;
      if (bothChanged && p.endsWith('/max_migration.txt') && b && h) {
        // Both sides rewrote the one line: git stops here with conflict markers.
        this.synthetic.set(p, new Uint8Array());
        this.entries.set(p, { path: p, kind: 'file', id: `conflict:${b.id}:${h.id}` });
      } else if (bothChanged) {
        // Another file both sides changed: the base's version stands in (git may merge it).
      } else if (h) this.entries.set(p, h);
      else this.entries.delete(p);
    }
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

/** Directories holding a file that differs between the two trees. */
export function changedDirectories(a: GitTree, b: GitTree): Set<string> {
  const dirs = new Set<string>();
  const note = (p: string) => dirs.add(p.slice(0, Math.max(0, p.lastIndexOf('/'))));
  for (const [p, e] of a.entries) if (b.entries.get(p)?.id !== e.id) note(p);
  for (const p of b.entries.keys()) if (!a.entries.has(p)) note(p);
  return dirs;
}
