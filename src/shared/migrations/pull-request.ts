import { stat } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import type { DjangoApp } from './apps.js';
import {
  type AppGraph,
  type AppSnapshot,
  buildProjectGraph,
  type Problem,
  type ProjectSnapshot,
} from './graph.js';
import { planRebase, type RebasePlan } from './rebase-plan.js';
import { checkAppState, readMaxMigration } from './rules.js';
import { loadSnapshot, type ParseCache, type RepositorySnapshot } from './snapshot.js';
import {
  BlobStore,
  GitError,
  GitTree,
  type Listing,
  type RepositoryTree,
  runGit,
  type TreeEntry,
} from './tree.js';

/** A mistake in how the check was called (exit code 2): wrong directory, unknown ref, shallow clone. */
export class MigrationCheckUsageError extends ConfigurationError {
  override readonly name = 'MigrationCheckUsageError';
}

export type AppStatus =
  | 'linear'
  | 'unchanged'
  | 'needs-rebase'
  | 'pr-several-leaves'
  | 'pr-changes-base-migration'
  | 'pr-problems'
  | 'base-not-linear'
  | 'unreadable';

export interface AppReport {
  /** Directory of the app's manage.py ('' for the repository root). */
  project: string;
  app: string;
  ok: boolean;
  status: AppStatus;
  problems: Problem[];
  /** The command that fixes this app (`... rebase_migration <app>`), or null when none does. */
  fix: string | null;
  plan: RebasePlan | null;
}

export interface MigrationReport {
  ok: boolean;
  base: { ref: string; commit: string };
  head: { ref: string; commit: string };
  mergeBase: string;
  apps: AppReport[];
}

export interface CheckOptions {
  repo: string;
  base: string;
  head?: string;
  /** Apps to check even without max_migration.txt; empty = those that have one. */
  apps?: readonly string[];
  excludeApps?: readonly string[];
  /** Prefix of the suggested command; default `python manage.py`. */
  manageCommand?: string;
}

async function git(repo: string, args: string[]): Promise<string> {
  return (await runGit(repo, args)).toString('utf8').trim();
}

async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    return await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new MigrationCheckUsageError(
      `unknown ref '${ref}' in ${repo}: expected a branch, tag or commit that exists locally (fetch it first, e.g. \`git fetch origin ${ref}\`)`,
    );
  }
}

/** Resolves refs and the merge-base, with the errors a user can act on. */
export async function resolveRevisions(repo: string, baseRef: string, headRef: string) {
  const dir = await stat(repo).catch(() => null);
  if (!dir?.isDirectory())
    throw new MigrationCheckUsageError(`not a git repository: ${repo} (no such directory)`);
  let base: string;
  let head: string;
  try {
    // One git call for both refs; only when it fails, ask again to say which ref and why.
    for (const ref of [baseRef, headRef]) {
      if (ref.startsWith('-'))
        throw new MigrationCheckUsageError(`unknown ref '${ref}': a ref cannot start with '-'`);
    }
    const out = await git(repo, ['rev-parse', `${baseRef}^{commit}`, `${headRef}^{commit}`]);
    [base, head] = out.split('\n').slice(-2) as [string, string];
  } catch (error) {
    if (error instanceof MigrationCheckUsageError) throw error;
    if (error instanceof GitError && error.exitCode === null)
      throw new MigrationCheckUsageError(error.message);
    if (
      error instanceof GitError &&
      /not a git repository|cannot change to|No such file/i.test(error.stderr)
    ) {
      throw new MigrationCheckUsageError(`not a git repository: ${repo}`);
    }
    if (!(error instanceof GitError)) throw new MigrationCheckUsageError(`not a git repository: ${repo}`);
    base = await resolveCommit(repo, baseRef);
    head = await resolveCommit(repo, headRef);
  }
  let mergeBase: string;
  try {
    mergeBase = await git(repo, ['merge-base', base, head]);
  } catch {
    const shallow = await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => 'false');
    if (shallow === 'true') {
      throw new MigrationCheckUsageError(
        `cannot find the merge-base of ${baseRef} and ${headRef}: this is a shallow clone. Check out with \`fetch-depth: 0\` (actions/checkout) or run \`git fetch --unshallow\`.`,
      );
    }
    throw new MigrationCheckUsageError(`${baseRef} and ${headRef} have no common history`);
  }
  return { base, head, mergeBase };
}

/** The tree a merge of head into base would have (no checkout, no merge); both sides rewriting max_migration.txt is a conflict. */
class MergedTree implements RepositoryTree {
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

interface Side {
  snapshot: RepositorySnapshot;
  graphs: Map<string, Map<string, AppGraph>>;
  tree: RepositoryTree;
}

function side(tree: RepositoryTree, snapshot: RepositorySnapshot): Side {
  return { snapshot, graphs: new Map(), tree };
}

/** An app of one side; its project's graph is built on first use (the merge-base never needs one). */
function appOf(s: Side, project: string, label: string): { snap: AppSnapshot; graph: AppGraph } | null {
  const p: ProjectSnapshot | undefined = s.snapshot.projects.find((x) => x.project === project);
  const snap = p?.apps.get(label);
  if (!p || !snap) return null;
  return {
    snap,
    get graph() {
      let graphs = s.graphs.get(project);
      if (!graphs) {
        graphs = buildProjectGraph(p);
        s.graphs.set(project, graphs);
      }
      return graphs.get(label)!;
    },
  };
}

/** Directories holding a file that differs between the two trees. */
function changedDirectories(a: GitTree, b: GitTree): Set<string> {
  const dirs = new Set<string>();
  const note = (p: string) => dirs.add(p.slice(0, Math.max(0, p.lastIndexOf('/'))));
  for (const [p, e] of a.entries) if (b.entries.get(p)?.id !== e.id) note(p);
  for (const p of b.entries.keys()) if (!a.entries.has(p)) note(p);
  return dirs;
}

/** Checks a pull request (head) against its base branch, from git objects only. */
export async function checkPullRequest(options: CheckOptions): Promise<MigrationReport> {
  const headRef = options.head ?? 'HEAD';
  const rev = await resolveRevisions(options.repo, options.base, headRef);
  const blobs = new BlobStore(options.repo);
  try {
    return await checkRevisions(options, headRef, rev, blobs);
  } finally {
    blobs.close();
  }
}

async function checkRevisions(
  options: CheckOptions,
  headRef: string,
  rev: { base: string; head: string; mergeBase: string },
  blobs: BlobStore,
): Promise<MigrationReport> {
  const listings = new Map<string, Listing>();
  const baseTree = await GitTree.load(options.repo, rev.base, blobs, listings);
  const headTree = await GitTree.load(options.repo, rev.head, blobs, listings);
  const mbTree = await GitTree.load(options.repo, rev.mergeBase, blobs, listings);
  const cache: ParseCache = new Map();
  // Only apps whose directory the pull request changes are read; the rest keep their names.
  const changedDirs = changedDirectories(headTree, mbTree);
  const touched = (app: DjangoApp) => changedDirs.has(app.migrationsDir) || changedDirs.has(app.appDir);
  const mergedTree = new MergedTree(blobs, baseTree, headTree, mbTree);
  const [baseSnap, headSnap, mbSnap, mergedSnap] = await Promise.all([
    loadSnapshot(baseTree, cache, touched),
    loadSnapshot(headTree, cache, touched),
    loadSnapshot(mbTree, cache, touched),
    loadSnapshot(mergedTree, cache, touched),
  ]);
  const base = side(baseTree, baseSnap);
  const head = side(headTree, headSnap);
  const mb = side(mbTree, mbSnap);
  const merged = side(mergedTree, mergedSnap);

  const manage = options.manageCommand?.trim() || 'python manage.py';
  const configured = new Set(options.apps ?? []);
  const excluded = new Set(options.excludeApps ?? []);
  const ctx: AppContext = { base, head, mb, merged, mergedTree, manage, baseRef: options.base };

  const apps: AppReport[] = [];
  for (const project of head.snapshot.projects) {
    for (const [label, snap] of project.apps) {
      const inBase = appOf(base, project.project, label);
      const checked =
        configured.size > 0
          ? configured.has(label)
          : snap.hasMaxMigration || inBase?.snap.hasMaxMigration === true;
      if (!checked || excluded.has(label)) continue;
      apps.push(
        snap.partial
          ? report(project.project, label, 'unchanged', [])
          : checkApp(ctx, project.project, label),
      );
    }
  }
  for (const note of head.snapshot.notes) {
    if (note.code === 'unreadable-apps-py') continue;
    const label = note.label ?? note.file.split('/').slice(-2, -1)[0] ?? note.file;
    if (excluded.has(label)) continue;
    apps.push({
      project: note.project,
      app: label,
      ok: false,
      status: 'unreadable',
      problems: [{ code: note.code, message: note.message, file: note.file, line: null }],
      fix: null,
      plan: null,
    });
  }
  apps.sort((a, b) => a.project.localeCompare(b.project) || a.app.localeCompare(b.app));
  return {
    ok: apps.every((a) => a.ok),
    base: { ref: options.base, commit: rev.base },
    head: { ref: headRef, commit: rev.head },
    mergeBase: rev.mergeBase,
    apps,
  };
}

interface AppContext {
  base: Side;
  head: Side;
  mb: Side;
  merged: Side;
  mergedTree: MergedTree;
  manage: string;
  baseRef: string;
}

function report(
  project: string,
  app: string,
  status: AppStatus,
  problems: Problem[],
  fix: string | null = null,
  plan: RebasePlan | null = null,
): AppReport {
  return { project, app, ok: problems.length === 0, status, problems, fix, plan };
}

function checkApp(ctx: AppContext, project: string, label: string): AppReport {
  const h = appOf(ctx.head, project, label)!;
  const b = appOf(ctx.base, project, label);
  const m = appOf(ctx.mb, project, label);

  if (b) {
    const baseProblems = checkAppState(b.snap, b.graph, b.snap.maxMigration !== null);
    if (baseProblems.length > 0) {
      return report(
        project,
        label,
        'base-not-linear',
        baseProblems.map((p) => ({
          ...p,
          code: 'base-not-linear',
          message: `the base branch ${ctx.baseRef} itself is not linear (not caused by this pull request): ${p.message}`,
        })),
      );
    }
  }

  const headEntries = ctx.head.tree.entries;
  const mbEntries = ctx.mb.tree.entries;
  const idIn = (entries: ReadonlyMap<string, TreeEntry>, p: string | undefined) =>
    p ? entries.get(p)?.id : undefined;
  const added = [...h.snap.app.migrations.keys()].filter((n) => !m?.snap.app.migrations.has(n)).sort();
  const touched =
    added.length > 0 ||
    [...(m?.snap.app.migrations ?? new Map<string, string>())].some(
      ([n, p]) => idIn(headEntries, h.snap.app.migrations.get(n)) !== idIn(mbEntries, p),
    ) ||
    idIn(headEntries, h.snap.app.maxMigrationPath) !== idIn(mbEntries, m?.snap.app.maxMigrationPath);
  if (!touched) return report(project, label, 'unchanged', []);

  // A pull request must not rewrite history the base already has (a database may have applied it).
  const changed: Problem[] = [];
  const squashed = new Set(
    [...h.snap.migrations.values()].flatMap((r) =>
      r.ok ? r.declaration.replaces.filter((x) => x.app === label).map((x) => x.name) : [],
    ),
  );
  for (const [name, mbPath] of m?.snap.app.migrations ?? []) {
    if (!b?.snap.app.migrations.has(name)) continue;
    const headPath = h.snap.app.migrations.get(name);
    const mbId = idIn(mbEntries, mbPath);
    if (headPath === undefined) {
      if (squashed.has(name)) continue;
      const renamedTo = added.find((a) => idIn(headEntries, h.snap.app.migrations.get(a)) === mbId);
      changed.push({
        code: renamedTo ? 'pr-renames-base-migration' : 'pr-deletes-base-migration',
        message: renamedTo
          ? `this pull request renames ${label}.${name} (already on ${ctx.baseRef}) to ${renamedTo}; databases that applied it would run it again. Keep the name.`
          : `this pull request deletes ${label}.${name}, which ${ctx.baseRef} already has; databases may have applied it. Restore it and add a new migration instead.`,
        file: mbPath,
        line: null,
      });
    } else if (idIn(headEntries, headPath) !== mbId) {
      changed.push({
        code: 'pr-edits-base-migration',
        message: `this pull request edits ${label}.${name}, which ${ctx.baseRef} already has; databases that applied it will not see the change. Revert it and add a new migration instead.`,
        file: headPath,
        line: null,
      });
    }
  }
  const headProblems = checkAppState(h.snap, h.graph, true);
  if (headProblems.some((p) => p.code === 'dlm.E005')) {
    return report(project, label, 'pr-several-leaves', [
      ...changed,
      ...headProblems.map((p) =>
        p.code === 'dlm.E005'
          ? {
              ...p,
              message: `this pull request's branch itself has several leaf migrations in ${label} (${h.graph.leaves.join(', ')}); make one depend on the other, or merge them with \`makemigrations --merge\``,
            }
          : p,
      ),
    ]);
  }
  if (headProblems.length > 0) {
    const status = headProblems.some((p) => p.code === 'unreadable-migration') ? 'unreadable' : 'pr-problems';
    return report(project, label, status, [...changed, ...headProblems]);
  }
  if (changed.length > 0) return report(project, label, 'pr-changes-base-migration', changed);

  const mg = appOf(ctx.merged, project, label)!;
  const mergedConflict = ctx.mergedTree.isConflicted(mg.snap.app.maxMigrationPath);
  if (mg.graph.leaves.length <= 1 && !mergedConflict && mg.graph.errors.length === 0) {
    const after = checkAppState(mg.snap, mg.graph, true);
    return after.length === 0
      ? report(project, label, 'linear', [])
      : report(project, label, 'pr-problems', after);
  }
  if (mg.graph.errors.length > 0 || mg.graph.unreadable.length > 0) {
    return report(project, label, 'pr-problems', [...mg.graph.errors, ...mg.graph.unreadable]);
  }
  return needsRebase(ctx, project, label, h, b, added, mg);
}

function needsRebase(
  ctx: AppContext,
  project: string,
  label: string,
  h: { snap: AppSnapshot; graph: AppGraph },
  b: { snap: AppSnapshot; graph: AppGraph } | null,
  added: string[],
  mg: { snap: AppSnapshot; graph: AppGraph },
): AppReport {
  const baseMax = b ? readMaxMigration(b.snap.maxMigration) : null;
  const mergedName = baseMax?.kind === 'name' ? baseMax.name : (b?.graph.leaves[0] ?? '?');
  const cd = project ? `cd ${shellQuote(project)} && ` : '';
  const command = `${cd}${ctx.manage} rebase_migration ${label}`;
  const newInPr = added.filter((n) => mg.graph.nodes.includes(n));
  const first = newInPr[0];
  const firstPath = first ? h.snap.app.migrations.get(first)! : h.snap.app.maxMigrationPath;
  const firstRead = first ? h.snap.migrations.get(first) : undefined;
  const depLine = firstRead?.ok
    ? (firstRead.declaration.dependencies.find((d) => d.app === label)?.line ?? null)
    : null;
  const parent = firstRead?.ok
    ? firstRead.declaration.dependencies.find((d) => d.app === label)?.name
    : undefined;
  const moved = `${ctx.baseRef} has moved on to ${label}.${mergedName}`;

  if (newInPr.length === 0) {
    return report(project, label, 'pr-problems', [
      {
        code: 'max-migration-conflict',
        message: `this pull request and ${ctx.baseRef} both change ${label}'s max_migration.txt, but the pull request adds no migration to ${label}; after merging, keep ${ctx.baseRef}'s '${mergedName}'`,
        file: h.snap.app.maxMigrationPath,
        line: 1,
      },
    ]);
  }
  if (newInPr.length !== 1 || !first) {
    const renumber = renumberingSteps(newInPr, mergedName, label);
    return report(project, label, 'needs-rebase', [
      {
        code: 'needs-rebase-chain',
        message:
          `this pull request adds ${newInPr.length} migrations to ${label} (${newInPr.join(', ')}) and ${moved}. ` +
          `rebase_migration moves only one migration, so running it would leave ${label} with two leaves. ` +
          `Instead, merge ${ctx.baseRef}, then either delete your new migrations and run makemigrations again, or by hand: ${renumber}`,
        file: firstPath,
        line: depLine,
      },
    ]);
  }
  const firstSource = firstRead?.ok ? firstRead.source : '';
  const outcome = planRebase({
    project,
    app: label,
    mergedName,
    rebasedName: first,
    rebasedPath: firstPath,
    rebasedSource: firstSource,
    existingNames: new Set(mg.snap.app.migrations.keys()),
    maxMigrationPath: mg.snap.app.maxMigrationPath,
  });
  const why = `this pull request's ${label}.${first} depends on ${label}.${parent ?? '?'}, but ${moved}`;
  if (!outcome.ok) {
    return report(project, label, 'needs-rebase', [
      {
        code: 'needs-rebase-manual',
        message: `${why}. ${outcome.reason}. Instead, merge ${ctx.baseRef} and edit ${first}.py by hand: make it depend on ('${label}', '${mergedName}'), rename it after ${mergedName}, and write its name into max_migration.txt.`,
        file: firstPath,
        line: depLine,
      },
    ]);
  }
  const plan = outcome.plan;
  return report(
    project,
    label,
    'needs-rebase',
    [
      {
        code: 'needs-rebase',
        message: `${why}. Merge or rebase onto ${ctx.baseRef} (max_migration.txt will conflict), then run \`${command}\`: it renames ${first}.py to ${plan.newName}.py, makes it depend on ${mergedName} and writes ${plan.newName} into max_migration.txt.`,
        file: firstPath,
        line: depLine,
      },
    ],
    command,
    plan,
  );
}

function renumberingSteps(names: string[], mergedName: string, label: string): string {
  const number = Number.parseInt(mergedName, 10);
  if (Number.isNaN(number))
    return `make the first one depend on ('${label}', '${mergedName}') and update max_migration.txt.`;
  const steps = names.map((n, i) => {
    const rest = n.includes('_') ? n.slice(n.indexOf('_') + 1) : n;
    return `${n} -> ${String(number + 1 + i).padStart(4, '0')}_${rest}`;
  });
  return `make ${names[0]} depend on ('${label}', '${mergedName}'), rename ${steps.join(', ')} (updating the dependencies that name them), and write the last name into max_migration.txt.`;
}

/** Quotes a path for a POSIX shell when it needs it (directory names come from the repository). */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
