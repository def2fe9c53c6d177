import { stat } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import { closest } from '../text.js';
import { checkApp } from './app-check.js';
import { type DjangoApp, migrationNameOf } from './apps.js';
import { changedDirectories, MergedTree } from './merged-tree.js';
import { compareNames } from './order.js';
import { type AppReport, appReport, type MigrationReport } from './report.js';
import {
  type ParseCache,
  type RepositoryMigrations,
  readRepositoryMigrations,
} from './repository-migrations.js';
import { type AppContext, side } from './sides.js';
import { BlobStore, GitError, GitTree, newListings, type RepositoryTree, runGit } from './tree.js';

/** A mistake in how the check was called (exit code 2): wrong directory, unknown ref or app, shallow clone. */
export class MigrationCheckUsageError extends ConfigurationError {
  override readonly name = 'MigrationCheckUsageError';
}

export interface CheckOptions {
  repo: string;
  base: string;
  head?: string;
  /** What messages call the base (e.g. the branch when `base` is a commit); default `base`. */
  baseName?: string;
  /** Apps to check by django-linear-migrations' rules; empty = every app of a project where one has max_migration.txt. */
  apps?: readonly string[];
  excludeApps?: readonly string[];
  /** No app uses max_migration.txt and no `apps`: report that instead of refusing. */
  allowNoApps?: boolean;
  /** Prefix of the suggested command; default `python manage.py`. */
  manageCommand?: string;
  /** A setting's name as the user writes it (`--apps` in the CLI, `apps` in the action). */
  settingName?: (setting: string) => string;
}

async function git(repo: string, args: string[]): Promise<string> {
  return (await runGit(repo, args)).toString('utf8').trim();
}

/** `git fetch` arguments for a ref: `origin/main` is branch `main` of remote `origin`, never `git fetch origin origin/main`. */
async function fetchHint(repo: string, ref: string): Promise<string> {
  const remotes = (await git(repo, ['remote']).catch(() => '')).split('\n').filter(Boolean);
  const slash = ref.indexOf('/');
  const remote = slash > 0 ? ref.slice(0, slash) : '';
  if (remote && (remotes.includes(remote) || remotes.length === 0 || remote === 'origin'))
    return `git fetch ${remote} ${ref.slice(slash + 1)}`;
  return `git fetch ${remotes[0] ?? 'origin'} ${ref}`;
}

async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    return await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new MigrationCheckUsageError(
      `unknown ref '${ref}' in ${repo}: expected a branch, tag or commit that exists locally (fetch it first, e.g. \`${await fetchHint(repo, ref)}\`)`,
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
      !(error instanceof GitError) ||
      /not a git repository|cannot change to|No such file/i.test(error.stderr)
    ) {
      throw new MigrationCheckUsageError(`not a git repository: ${repo}`);
    }
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

/** Checks a pull request (head) against its base branch, from git objects only. */
export async function checkPullRequest(options: CheckOptions): Promise<MigrationReport> {
  const headRef = options.head ?? 'HEAD';
  const fast = await loadFast(options.repo, options.base, headRef);
  if (fast) {
    try {
      return await checkRevisions(options, headRef, fast.rev, fast.trees);
    } finally {
      fast.blobs.close();
    }
  }
  // Something is wrong: one step at a time, for the error a user can act on.
  const rev = await resolveRevisions(options.repo, options.base, headRef);
  const blobs = new BlobStore(options.repo);
  try {
    const listings = newListings();
    const trees = await Promise.all(
      [rev.base, rev.head, rev.mergeBase].map((c) => GitTree.load(options.repo, c, blobs, listings)),
    );
    return await checkRevisions(options, headRef, rev, trees as [GitTree, GitTree, GitTree]);
  } finally {
    blobs.close();
  }
}

type Trees = [base: GitTree, head: GitTree, mergeBase: GitTree];

/**
 * The usual case in two git processes started together: merge-base, and the cat-file that
 * resolves both refs and lists their trees meanwhile (process start-up is most of a git call's
 * cost). Null on any failure, for `resolveRevisions` to explain.
 */
async function loadFast(repo: string, baseRef: string, headRef: string) {
  // A ref cat-file would read as two requests, or merge-base as an option: the careful path refuses it.
  if ([baseRef, headRef].some((r) => r.startsWith('-') || /[\n\r\0]/.test(r))) return null;
  if (!(await stat(repo).catch(() => null))?.isDirectory()) return null;
  const blobs = new BlobStore(repo);
  const listings = newListings();
  const loaded = await Promise.all([
    git(repo, ['merge-base', baseRef, headRef]),
    GitTree.load(repo, `${baseRef}^{commit}`, blobs, listings),
    GitTree.load(repo, `${headRef}^{commit}`, blobs, listings),
  ])
    .then(async ([mergeBase, base, head]) => {
      const trees: Trees = [base, head, await GitTree.load(repo, mergeBase, blobs, listings)];
      return { rev: { base: base.commit, head: head.commit, mergeBase }, trees, blobs };
    })
    .catch(() => null);
  if (!loaded) blobs.close();
  return loaded;
}

async function checkRevisions(
  options: CheckOptions,
  headRef: string,
  rev: { base: string; head: string; mergeBase: string },
  [baseTree, headTree, mbTree]: Trees,
): Promise<MigrationReport> {
  const cache: ParseCache = new Map();
  // Only apps whose directory the pull request changes are read; the rest keep their names.
  const changedDirs = changedDirectories(headTree, mbTree);
  const touched = (app: DjangoApp) => changedDirs.has(app.migrationsDir) || changedDirs.has(app.appDir);
  const mergedTree = new MergedTree(baseTree.blobs, baseTree, headTree, mbTree);
  prefetchTouched(baseTree.blobs, changedDirs, [baseTree, headTree, mbTree, mergedTree]);
  const [baseState, headState, mbState, mergedState] = await Promise.all([
    readRepositoryMigrations(baseTree, cache, touched),
    readRepositoryMigrations(headTree, cache, touched),
    readRepositoryMigrations(mbTree, cache, touched),
    readRepositoryMigrations(mergedTree, cache, touched),
  ]);
  const ctx: AppContext = {
    base: side(baseTree, baseState),
    head: side(headTree, headState),
    mb: side(mbTree, mbState),
    merged: side(mergedTree, mergedState),
    isConflicted: (p) => mergedTree.isConflicted(p),
    manage: options.manageCommand?.trim() || 'python manage.py',
    baseName: options.baseName ?? options.base,
  };
  const selection = selectApps(options, headState, baseState);
  const apps: AppReport[] = [];
  for (const project of headState.projects) {
    for (const [label, state] of project.apps) {
      if (selection.excluded.has(label) || state.app.migrations.size === 0) continue;
      const dlm = selection.dlm(project.project, label);
      apps.push(
        state.partial
          ? appReport(project.project, label, 'unchanged', [])
          : checkApp(ctx, project.project, label, dlm),
      );
    }
  }
  apps.push(...discoveryReports(headState, selection.excluded));
  apps.sort((a, b) => compareNames(a.project, b.project) || compareNames(a.app, b.app));
  return {
    ok: apps.every((a) => a.ok),
    base: { ref: options.base, commit: rev.base, name: ctx.baseName },
    head: { ref: headRef, commit: rev.head },
    mergeBase: rev.mergeBase,
    apps,
    nothingChecked: selection.nothingChecked,
  };
}

/**
 * Asks git now for the files the touched apps' migrations will be read from (migration modules and
 * max_migration.txt in a changed `migrations` directory, or in the `migrations` directory of a
 * changed app directory): git reads them while the apps are discovered, instead of after.
 * The reads that need them find them in the store (or its failure, reported there).
 */
function prefetchTouched(
  blobs: BlobStore,
  changed: ReadonlySet<string>,
  trees: readonly RepositoryTree[],
): void {
  const ids = new Set<string>();
  for (const dir of changed) {
    const migrationsDir = dir.endsWith('/migrations') ? dir : dir === '' ? null : `${dir}/migrations`;
    if (migrationsDir === null) continue;
    for (const tree of trees) {
      for (const entry of tree.directories?.get(migrationsDir) ?? []) {
        const name = entry.path.slice(migrationsDir.length + 1);
        if (entry.kind !== 'file' || entry.id.includes(':')) continue;
        if (name === 'max_migration.txt' || migrationNameOf(name) !== null) ids.add(entry.id);
      }
    }
  }
  if (ids.size > 0) blobs.get([...ids]).catch(() => {});
}

/** Discovery problems (a symlinked migrations directory, a duplicate or invalid label) as failing apps. */
export function discoveryReports(state: RepositoryMigrations, excluded: ReadonlySet<string>): AppReport[] {
  const out: AppReport[] = [];
  for (const note of state.notes) {
    if (note.code === 'unreadable-apps-py') continue;
    const label = note.label ?? note.file.split('/').slice(-2, -1)[0] ?? note.file;
    if (excluded.has(label)) continue;
    out.push(
      appReport(note.project, label, 'unreadable', [
        { code: note.code, message: note.message, file: note.file, line: null },
      ]),
    );
  }
  return out;
}

export interface AppSelection {
  excluded: ReadonlySet<string>;
  /** Whether django-linear-migrations' max_migration.txt rules apply to an app (Django's graph rules always do). */
  dlm: (project: string, label: string) => boolean;
  nothingChecked: string | null;
}

/**
 * Which apps get DLM's rules: the `apps` setting, else every app of a project where any app
 * has max_migration.txt (DLM gives the others E001). Unknown labels are settings errors.
 */
export function selectApps(options: CheckOptions, ...states: RepositoryMigrations[]): AppSelection {
  const name = options.settingName ?? ((s: string) => s);
  const configured = new Set(options.apps ?? []);
  const excluded = new Set(options.excludeApps ?? []);
  const known = new Set<string>();
  const usesDlm = new Set<string>();
  for (const state of states) {
    for (const project of state.projects) {
      for (const [label, app] of project.apps) {
        if (app.app.migrations.size === 0) continue;
        known.add(label);
        if (app.hasMaxMigration) usesDlm.add(project.project);
      }
    }
  }
  for (const [setting, labels] of [
    ['apps', configured],
    ['exclude-apps', excluded],
  ] as const) {
    for (const label of labels) {
      if (known.has(label)) continue;
      const hint = closest(label, [...known]);
      throw new MigrationCheckUsageError(
        `${name(setting)}: no app with migrations has the label '${label}'${hint ? ` (did you mean '${hint}'?)` : ''}. Expected app labels (AppConfig.label) of this repository: ${[...known].sort().join(', ') || 'none found'}.`,
      );
    }
  }
  let nothingChecked: string | null = null;
  if (configured.size === 0 && usesDlm.size === 0) {
    const why =
      known.size === 0
        ? `no Django app with migrations was found in ${options.repo}`
        : `no app has migrations/max_migration.txt (django-linear-migrations' file) and ${name('apps')} is not set`;
    const what = `set ${name('apps')} to the app labels to check, or run \`python manage.py create_max_migration_files\` and commit the files`;
    if (!options.allowNoApps)
      throw new MigrationCheckUsageError(
        `nothing to check: ${why}. To check, ${what}; to accept a repository without them, set ${name('allow-no-apps')}${name('allow-no-apps').startsWith('--') ? '' : ': true'}.`,
      );
    nothingChecked =
      known.size === 0
        ? `Nothing checked: ${why} (${name('allow-no-apps')} is set).`
        : `Nothing checked by django-linear-migrations' rules: ${why} (${name('allow-no-apps')} is set). Only Django's own rule, one leaf migration per app, was checked.`;
  }
  return {
    excluded,
    dlm: (project, label) => (configured.size > 0 ? configured.has(label) : usesDlm.has(project)),
    nothingChecked,
  };
}
