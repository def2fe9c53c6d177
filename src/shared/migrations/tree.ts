import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { GatewayOpsError } from '../errors.js';
import { EntriesByDirectory } from './tree-entries.js';

/** One file in a repository tree. `id` identifies its content (git blob id or a stand-in). */
export interface TreeEntry {
  path: string;
  kind: 'file' | 'symlink' | 'submodule';
  id: string;
}

/** A repository tree: a commit's tree, or a plain directory; read-only. */
export interface RepositoryTree {
  readonly entries: ReadonlyMap<string, TreeEntry>;
  /**
   * The entries again, by directory ('' for the root; only directories holding a file), where the
   * tree knows them without a pass over every path. Two trees' lists of one unchanged directory
   * are the same array, so work per directory is done once per check (see `Listings`).
   */
  readonly directories?: ReadonlyMap<string, readonly TreeEntry[]>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array>>;
}

export { MemoryTree } from './tree-entries.js';

// Vendored and virtualenv code is never first-party (DLM looks for site-packages the same way).
const SKIPPED_NAMES = ['.git', 'node_modules', '.venv', 'site-packages', 'dist-packages', '__pycache__'];
const SKIPPED_NAME = new Set(SKIPPED_NAMES);
const SKIPPED_PATH = new RegExp(`(?:^|/)(?:${SKIPPED_NAMES.join('|').replaceAll('.', '\\.')})(?:/|$)`);

/** True when a path lies under a directory we never treat as first-party code. */
export function isSkippedPath(p: string): boolean {
  return SKIPPED_PATH.test(p);
}

/** True when a path's last part is one of those directories' names. */
export function isSkippedName(name: string): boolean {
  return SKIPPED_NAME.has(name);
}

/** git failed: an operation failure; git not runnable at all (no exit code) is the user's to fix. */
export class GitError extends GatewayOpsError {
  override readonly name = 'GitError';
  readonly kind: 'user' | 'operation';
  readonly stderr: string;
  readonly exitCode: number | null;
  constructor(message: string, stderr: string, exitCode: number | null) {
    super(message);
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.kind = exitCode === null ? 'user' : 'operation';
  }
}

/** Runs git in `repo`; resolves stdout, rejects with the command and stderr on a non-zero exit. */
export function runGit(repo: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: repo,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new GitError(`cannot run git: ${e.message}`, '', null)));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed (exit ${code}): ${stderr}`, stderr, code));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

interface GitObject {
  id: string;
  type: string;
  content: Buffer;
}

interface Batch {
  objects: (GitObject | null)[];
  remaining: number;
  resolve: (objects: (GitObject | null)[]) => void;
  reject: (error: Error) => void;
}

/**
 * One long-lived `git cat-file --batch` for a whole check: commits, trees and blobs are
 * requested through it, pipelined, instead of a git process per tree (process start-up is
 * most of the cost on a busy machine).
 */
class ObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  // A queue with a moving head: Array.shift() is linear, and a check asks for 10,000s of objects.
  // One waiter per object asked for, each pointing at its batch (a promise per batch, not per object).
  private pending: { batch: Batch; index: number }[] = [];
  private head = 0;
  private failure: Error | null = null;

  constructor(repo: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: repo, env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    this.child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
      this.drain();
    });
    const fail = (message: string) => {
      this.failure = new GitError(message, stderr, null);
      for (const batch of new Set(this.pending.slice(this.head).map((p) => p.batch)))
        batch.reject(this.failure);
      this.pending = [];
      this.head = 0;
    };
    this.child.on('error', (e) => fail(`cannot run git: ${e.message}`));
    this.child.on('close', (code) => {
      if (this.head < this.pending.length) fail(`git cat-file stopped (exit ${code}): ${stderr.trim()}`);
    });
    this.child.stdin.on('error', () => {});
  }

  private drain(): void {
    for (;;) {
      const nl = newlineIn(this.buffer);
      if (nl < 0 || this.head >= this.pending.length) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.answer(null);
        continue;
      }
      const [id, type, size] = header.split(' ');
      const length = Number(size);
      if (this.buffer.length < nl + 1 + length + 1) return;
      const content = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + length));
      this.buffer = this.buffer.subarray(nl + 1 + length + 1);
      this.answer({ id: id!, type: type!, content });
    }
  }

  private answer(object: GitObject | null): void {
    const { batch, index } = this.pending[this.head++]!;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
    batch.objects[index] = object;
    if (--batch.remaining === 0) batch.resolve(batch.objects);
  }

  /** Objects by id or revision expression, in order; null for a missing one. */
  read(specs: readonly string[]): Promise<(GitObject | null)[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (specs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const batch: Batch = { objects: new Array(specs.length), remaining: specs.length, resolve, reject };
      for (let index = 0; index < specs.length; index++) this.pending.push({ batch, index });
      this.child.stdin.write(specs.map((spec) => `${spec}\n`).join(''));
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** The first newline of a reply: its header is short, and Buffer.indexOf costs more per call than this loop. */
function newlineIn(buffer: Buffer): number {
  for (let i = 0; i < buffer.length; i++) if (buffer[i] === 10) return i;
  return -1;
}

/**
 * Reads git objects for one check, caching blobs by id across trees. A blob already asked for
 * is awaited, not asked for again: the trees of a check read the same files at the same time.
 */
export class BlobStore {
  /** A blob's request: the batch it was asked for in and its place there (one promise per batch, not per blob). */
  private readonly cache = new Map<string, { batch: Promise<(GitObject | null)[]>; index: number }>();
  private readonly repo: string;
  private reader: ObjectReader | null = null;
  constructor(repo: string) {
    this.repo = repo;
  }

  objects(): ObjectReader {
    this.reader ??= new ObjectReader(this.repo);
    return this.reader;
  }

  async get(ids: readonly string[]): Promise<Map<string, Uint8Array>> {
    const missing = [...new Set(ids.filter((id) => !this.cache.has(id)))];
    if (missing.length > 0) {
      const batch = this.objects().read(missing);
      // Whoever awaits it sees the failure; an unawaited copy must not be an unhandled rejection.
      batch.catch(() => {});
      missing.forEach((id, index) => {
        this.cache.set(id, { batch, index });
      });
    }
    const asked = ids.map((id) => this.cache.get(id)!);
    const batches = [...new Set(asked.map((a) => a.batch))];
    const answers = new Map(batches.map((b, i) => [b, i]));
    const all = await Promise.all(batches);
    const result = new Map<string, Uint8Array>();
    ids.forEach((id, i) => {
      const { batch, index } = asked[i]!;
      const o = all[answers.get(batch)!]![index];
      if (o?.type !== 'blob')
        throw new GitError(`git cat-file: expected blob ${id}, got ${o?.type ?? 'nothing'}`, '', 0);
      result.set(id, o.content);
    });
    return result;
  }

  /** Ends the cat-file process. */
  close(): void {
    this.reader?.close();
  }
}

/**
 * What one check has listed so far, shared by the trees it loads: a pull request's commits share
 * almost every subtree, so each is parsed once and its entries (objects) are reused, not rebuilt.
 */
export interface Listings {
  /** A tree object's children by tree id. */
  trees: Map<string, TreeChild[]>;
  /** The same, as they are asked for: two trees of a check are listed at the same time. */
  loading: Map<string, Promise<TreeChild[]>>;
  /** A subtree's own files (none of its subdirectories') by `<its path>\0<tree id>`, the same list of the same TreeEntry objects in every tree. */
  own: Map<string, TreeEntry[]>;
}

interface TreeChild {
  mode: string;
  name: string;
  id: string;
}

export function newListings(): Listings {
  return { trees: new Map(), loading: new Map(), own: new Map() };
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Parses git's binary tree format: `<mode> <name>\0<raw id>` entries. The content is turned into
 * two strings once (latin1, for the separators and names; hex, for the ids) and each field is a
 * slice of them: a check parses 10,000s of entries, and a conversion per field (two native calls
 * per entry) or a byte loop per separator was most of their cost. The two modes every tree is
 * made of are constants, not a new string per entry; a name with non-ASCII bytes is decoded as
 * UTF-8 (git stores names as bytes; UTF-8 in practice).
 */
function parseTree(content: Buffer, idLength: number): TreeChild[] {
  const out: TreeChild[] = [];
  const text = content.toString('latin1');
  const hex = content.toString('hex');
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const space = text.indexOf(' ', pos);
    const nul = space < 0 ? -1 : text.indexOf('\0', space + 1);
    if (nul < 0) throw new GitError('git cat-file: a tree object ends inside an entry', '', 0);
    const mode =
      space - pos === 6 && text.startsWith('100644', pos)
        ? '100644'
        : space - pos === 5 && text.startsWith('40000', pos)
          ? '40000'
          : text.slice(pos, space);
    let name = text.slice(space + 1, nul);
    if (NON_ASCII.test(name)) name = content.toString('utf8', space + 1, nul);
    const idStart = nul + 1;
    out.push({ mode, name, id: hex.slice(2 * idStart, 2 * (idStart + idLength)) });
    pos = idStart + idLength;
  }
  return out;
}

/** A commit's tree, listed and read through `git cat-file`; nothing is checked out. */
export class GitTree implements RepositoryTree {
  readonly commit: string;
  readonly entries: ReadonlyMap<string, TreeEntry>;
  readonly directories: ReadonlyMap<string, readonly TreeEntry[]>;
  readonly blobs: BlobStore;
  private constructor(
    commit: string,
    entries: ReadonlyMap<string, TreeEntry>,
    directories: ReadonlyMap<string, readonly TreeEntry[]>,
    blobs: BlobStore,
  ) {
    this.commit = commit;
    this.entries = entries;
    this.directories = directories;
    this.blobs = blobs;
  }

  static async load(
    _repo: string,
    /** A commit id, or a revision expression (`main^{commit}`) that cat-file resolves. */
    commit: string,
    blobs: BlobStore,
    listings: Listings = newListings(),
  ): Promise<GitTree> {
    const reader = blobs.objects();
    const [commitObject] = await reader.read([commit]);
    if (commitObject?.type !== 'commit') throw new GitError(`git cat-file: ${commit} is not a commit`, '', 0);
    const rootTree = /^tree ([0-9a-f]+)$/m.exec(commitObject.content.toString('utf8'))![1]!;
    await readTrees(reader, rootTree, listings);
    const directories = new Map<string, readonly TreeEntry[]>();
    directoriesUnder('', rootTree, listings, directories);
    const entries = new EntriesByDirectory(directories);
    return new GitTree(commitObject.id, entries, directories, blobs);
  }

  async read(paths: readonly string[]): Promise<Map<string, Uint8Array>> {
    const wanted = paths.map((p) => this.entries.get(p)).filter((e): e is TreeEntry => e?.kind === 'file');
    const blobs = await this.blobs.get(wanted.map((e) => e.id));
    const out = new Map<string, Uint8Array>();
    for (const e of wanted) out.set(e.path, blobs.get(e.id)!);
    return out;
  }
}

/**
 * Lists the trees under `root` not listed yet: breadth-first, one pipelined request per level.
 * A tree another load of the check has asked for is awaited, not asked for again.
 */
async function readTrees(reader: ObjectReader, root: string, listings: Listings): Promise<void> {
  const idLength = root.length / 2;
  let level = [root];
  while (level.length > 0) {
    const fresh = level.filter((id) => !listings.loading.has(id));
    if (fresh.length > 0) {
      const objects = reader.read(fresh);
      fresh.forEach((id, i) => {
        const listed = objects.then((all) => {
          const o = all[i];
          if (o?.type !== 'tree')
            throw new GitError(`git cat-file: expected tree ${id}, got ${o?.type ?? 'nothing'}`, '', 0);
          const children = parseTree(o.content, idLength);
          listings.trees.set(id, children);
          return children;
        });
        listed.catch(() => {});
        listings.loading.set(id, listed);
      });
    }
    const next = new Set<string>();
    for (const children of await Promise.all(level.map((id) => listings.loading.get(id)!))) {
      for (const c of children) if (c.mode === '40000') next.add(c.id);
    }
    // Every level, even of trees listed already: another load may still be listing their subtrees.
    level = [...next];
  }
}

const KIND_OF_MODE: Record<string, TreeEntry['kind']> = { '160000': 'submodule', '120000': 'symlink' };

/** The own files of tree `id` at `prefix` ('' or ending in '/'), built once per path and tree. */
function ownFiles(prefix: string, id: string, listings: Listings): TreeEntry[] {
  const key = `${prefix}\0${id}`;
  let own = listings.own.get(key);
  if (!own) {
    own = [];
    for (const c of listings.trees.get(id)!) {
      if (c.mode !== '40000')
        own.push({ path: prefix + c.name, kind: KIND_OF_MODE[c.mode] ?? 'file', id: c.id });
    }
    listings.own.set(key, own);
  }
  return own;
}

/** Each directory's own files under tree `id` at `prefix` (only directories that hold a file). */
function directoriesUnder(
  prefix: string,
  id: string,
  listings: Listings,
  out: Map<string, readonly TreeEntry[]>,
): void {
  const own = ownFiles(prefix, id, listings);
  if (own.length > 0) out.set(prefix.slice(0, -1), own);
  for (const c of listings.trees.get(id)!) {
    if (c.mode === '40000') directoriesUnder(`${prefix}${c.name}/`, c.id, listings, out);
  }
}
