import type { RepositoryTree, TreeEntry } from './tree.js';

type Directories = ReadonlyMap<string, readonly TreeEntry[]>;

// A directory's files by path, by its (shared, never changed) list: built once per check, and only
// for a directory asked for often (most are asked for one file, their max_migration.txt).
const BY_PATH = new WeakMap<readonly TreeEntry[], Map<string, TreeEntry>>();
const LOOKUPS = new WeakMap<readonly TreeEntry[], number>();
const SCANS_BEFORE_MAP = 8;

function lookUp(list: readonly TreeEntry[], p: string): TreeEntry | undefined {
  let files = BY_PATH.get(list);
  if (!files) {
    const asked = LOOKUPS.get(list) ?? 0;
    if (asked < SCANS_BEFORE_MAP) {
      LOOKUPS.set(list, asked + 1);
      // From the end: of two entries with one path the map keeps the last.
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.path === p) return list[i];
      return undefined;
    }
    files = new Map(list.map((e) => [e.path, e]));
    BY_PATH.set(list, files);
  }
  return files.get(p);
}

/**
 * A tree's files by path, looked up through its directories: a check asks for a few hundred
 * paths of trees with 10,000s of files, so no map of every path is built (that was a large part
 * of a check's time). Iteration goes directory by directory.
 */
export class EntriesByDirectory implements ReadonlyMap<string, TreeEntry> {
  private readonly directories: Directories;
  constructor(directories: Directories) {
    this.directories = directories;
  }

  get(p: string): TreeEntry | undefined {
    const slash = p.lastIndexOf('/');
    const list = this.directories.get(slash < 0 ? '' : p.slice(0, slash));
    return list && lookUp(list, p);
  }

  has(p: string): boolean {
    return this.get(p) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const list of this.directories.values()) n += list.length;
    return n;
  }

  *entries(): MapIterator<[string, TreeEntry]> {
    for (const list of this.directories.values()) for (const e of list) yield [e.path, e];
  }

  *keys(): MapIterator<string> {
    for (const list of this.directories.values()) for (const e of list) yield e.path;
  }

  *values(): MapIterator<TreeEntry> {
    for (const list of this.directories.values()) yield* list;
  }

  [Symbol.iterator](): MapIterator<[string, TreeEntry]> {
    return this.entries();
  }

  forEach(fn: (value: TreeEntry, key: string, map: ReadonlyMap<string, TreeEntry>) => void): void {
    for (const [p, e] of this) fn(e, p, this);
  }
}

/** An in-memory tree, for tests and for the merged view of a pull request. */
export class MemoryTree implements RepositoryTree {
  readonly entries = new Map<string, TreeEntry>();
  private readonly contents = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.set(p, content);
  }

  set(p: string, content: string | Uint8Array, id?: string): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.entries.set(p, { path: p, kind: 'file', id: id ?? `mem:${p}:${bytes.length}:${hash(bytes)}` });
    this.contents.set(p, bytes);
  }

  delete(p: string): void {
    this.entries.delete(p);
    this.contents.delete(p);
  }

  async read(paths: readonly string[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    for (const p of paths) {
      const c = this.contents.get(p);
      if (c) out.set(p, c);
    }
    return out;
  }
}

function hash(bytes: Uint8Array): number {
  let h = 2166136261;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619);
  return h >>> 0;
}
