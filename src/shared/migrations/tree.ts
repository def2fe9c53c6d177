import { spawn } from 'node:child_process';

/** One file in a repository snapshot. `id` identifies its content (git blob id or a stand-in). */
export interface TreeEntry {
  path: string;
  kind: 'file' | 'symlink' | 'submodule';
  id: string;
}

/** A repository snapshot: a commit's tree, or a plain directory; read-only. */
export interface RepositoryTree {
  readonly entries: ReadonlyMap<string, TreeEntry>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array>>;
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

// Vendored and virtualenv code is never first-party (DLM looks for site-packages the same way).
const SKIPPED_PATH = /(?:^|\/)(?:\.git|node_modules|\.venv|site-packages|dist-packages|__pycache__)(?:\/|$)/;

/** True when a path lies under a directory we never treat as first-party code. */
export function isSkippedPath(p: string): boolean {
  return SKIPPED_PATH.test(p);
}

export class GitError extends Error {
  readonly stderr: string;
  readonly exitCode: number | null;
  constructor(message: string, stderr: string, exitCode: number | null) {
    super(message);
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.name = 'GitError';
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

/** Reads blobs through one `git cat-file --batch` per call, caching by blob id across trees. */
export class BlobStore {
  private readonly cache = new Map<string, Uint8Array>();
  private readonly repo: string;
  constructor(repo: string) {
    this.repo = repo;
  }

  async get(ids: readonly string[]): Promise<Map<string, Uint8Array>> {
    const missing = [...new Set(ids.filter((id) => !this.cache.has(id)))];
    if (missing.length > 0) {
      const out = await runGit(this.repo, ['cat-file', '--batch'], `${missing.join('\n')}\n`);
      let pos = 0;
      for (const id of missing) {
        const nl = out.indexOf(10, pos);
        const header = out.subarray(pos, nl).toString('utf8');
        const [sha, type, size] = header.split(' ');
        if (type !== 'blob' || sha !== id)
          throw new GitError(`git cat-file: expected blob ${id}, got '${header}'`, '', 0);
        const length = Number(size);
        this.cache.set(id, out.subarray(nl + 1, nl + 1 + length));
        pos = nl + 1 + length + 1;
      }
    }
    const result = new Map<string, Uint8Array>();
    for (const id of ids) result.set(id, this.cache.get(id)!);
    return result;
  }
}

/** A commit's tree, listed with `git ls-tree` and read with `git cat-file`; nothing is checked out. */
export class GitTree implements RepositoryTree {
  readonly commit: string;
  readonly entries: ReadonlyMap<string, TreeEntry>;
  private readonly blobs: BlobStore;
  private constructor(commit: string, entries: ReadonlyMap<string, TreeEntry>, blobs: BlobStore) {
    this.commit = commit;
    this.entries = entries;
    this.blobs = blobs;
  }

  static async load(repo: string, commit: string, blobs: BlobStore): Promise<GitTree> {
    const out = (await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', commit])).toString('utf8');
    const entries = new Map<string, TreeEntry>();
    for (const record of out.split('\0')) {
      if (!record) continue;
      const tab = record.indexOf('\t');
      const [mode, type, id] = record.slice(0, tab).split(' ');
      const p = record.slice(tab + 1);
      const kind = type === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
      entries.set(p, { path: p, kind, id: id! });
    }
    return new GitTree(commit, entries, blobs);
  }

  async read(paths: readonly string[]): Promise<Map<string, Uint8Array>> {
    const wanted = paths.map((p) => this.entries.get(p)).filter((e): e is TreeEntry => e?.kind === 'file');
    const blobs = await this.blobs.get(wanted.map((e) => e.id));
    const out = new Map<string, Uint8Array>();
    for (const e of wanted) out.set(e.path, blobs.get(e.id)!);
    return out;
  }
}
