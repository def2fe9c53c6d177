import type { Problem } from './graph.js';
import type { MigrationReadResult } from './migration-file.js';
import { needsRebase, renumberingSteps } from './rebase-advice.js';
import { type AppReport, appReport } from './report.js';
import { checkAppState } from './rules.js';
import { type AppContext, appOf, type SideApp } from './sides.js';
import type { TreeEntry } from './tree.js';

const idIn = (entries: ReadonlyMap<string, TreeEntry>, p: string | undefined) =>
  p ? entries.get(p)?.id : undefined;

/** The text after a migration's number (`0003_add_email` -> `add_email`), or null for a non-numbered name. */
function nameAfterNumber(name: string): string | null {
  const m = /^\d+_(.+)$/.exec(name);
  return m ? m[1]! : null;
}

/** A migration's source without its dependency list, whitespace folded: what stays the same when it is renumbered. */
function bodyWithoutDependencies(read: MigrationReadResult | undefined): string | null {
  if (!read?.ok || !read.source) return null;
  const deps = read.declaration.dependencyAssignments[0]?.value;
  const text = deps ? read.source.slice(0, deps.start) + read.source.slice(deps.end) : read.source;
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Migrations the base already has that the pull request deletes, renames or edits: a
 * database may have applied them. A deleted file is a rename when an added one has the same
 * content, the same name after its number, or the same body under a new number.
 */
function baseMigrationChanges(
  ctx: AppContext,
  label: string,
  h: SideApp,
  b: SideApp | null,
  m: SideApp | null,
  added: string[],
): Problem[] {
  const headEntries = ctx.head.tree.entries;
  const mbEntries = ctx.mb.tree.entries;
  const changed: Problem[] = [];
  let squashed: Set<string> | null = null;
  const base = ctx.baseName;
  for (const [name, mbPath] of m?.state.app.migrations ?? []) {
    if (!b?.state.app.migrations.has(name)) continue;
    const headPath = h.state.app.migrations.get(name);
    const mbId = idIn(mbEntries, mbPath);
    if (headPath === undefined) {
      squashed ??= squashedBy(h, label);
      if (squashed.has(name)) continue;
      const oldBody = bodyWithoutDependencies(m?.state.migrations.get(name));
      const renamedTo = added.find((a) => {
        if (idIn(headEntries, h.state.app.migrations.get(a)) === mbId) return true;
        const suffix = nameAfterNumber(name);
        if (suffix !== null && suffix === nameAfterNumber(a)) return true;
        return oldBody !== null && oldBody === bodyWithoutDependencies(h.state.migrations.get(a));
      });
      changed.push({
        code: renamedTo ? 'pr-renames-base-migration' : 'pr-deletes-base-migration',
        message: renamedTo
          ? `this pull request renames ${label}.${name} (already on ${base}) to ${renamedTo}; databases that applied it would run it again. Keep the name.`
          : `this pull request deletes ${label}.${name}, which ${base} already has; databases may have applied it. Restore it and add a new migration instead.`,
        file: mbPath,
        line: null,
      });
    } else if (idIn(headEntries, headPath) !== mbId) {
      changed.push({
        code: 'pr-edits-base-migration',
        message: `this pull request edits ${label}.${name}, which ${base} already has; databases that applied it will not see the change. Revert it and add a new migration instead.`,
        file: headPath,
        line: null,
      });
    }
  }
  return changed;
}

/** The app's migrations that a squash of the side replaces. */
function squashedBy(app: SideApp, label: string): Set<string> {
  const names = new Set<string>();
  for (const read of app.state.migrations.values()) {
    if (!read.ok) continue;
    for (const r of read.declaration.replaces) if (r.app === label) names.add(r.name);
  }
  return names;
}

/** Why a branch has several leaves, and what to do instead of a merge migration (which is not linear). */
function severalLeaves(ctx: AppContext, label: string, h: SideApp, b: SideApp | null): string {
  const leaves = h.graph.leaves;
  const fromBase = leaves.filter((l) => b?.state.app.migrations.has(l));
  const own = leaves.filter((l) => !b?.state.app.migrations.has(l));
  const prefix = `this pull request's branch itself has several leaf migrations in ${label} (${leaves.join(', ')}), which Django's migrate refuses`;
  if (fromBase.length === 1 && own.length === 1) {
    return `${prefix}: ${ctx.baseName}'s ${fromBase[0]} and this branch's ${own[0]} (as after a merge whose max_migration.txt conflict was resolved by hand). Put this branch's migration after ${fromBase[0]}: ${renumberingSteps([own[0]!], fromBase[0]!, label)}`;
  }
  return `${prefix}. Make each depend on the one before it, so the app has one chain: rename the later ones after their new parent and write the last name into max_migration.txt`;
}

/** Whether `differs` holds for any migration (name, path) of `migrations`. */
function changesAny(
  migrations: ReadonlyMap<string, string> | undefined,
  differs: (name: string, path: string) => boolean,
): boolean {
  for (const [name, p] of migrations ?? []) if (differs(name, p)) return true;
  return false;
}

/** One app's verdict: what the pull request changes, its own state, and the merged result. */
export function checkApp(ctx: AppContext, project: string, label: string, dlm: boolean): AppReport {
  const h = appOf(ctx.head, project, label)!;
  const b = appOf(ctx.base, project, label);
  const m = appOf(ctx.mb, project, label);
  const headEntries = ctx.head.tree.entries;
  const mbEntries = ctx.mb.tree.entries;
  const added: string[] = [];
  for (const n of h.state.app.migrations.keys()) if (!m?.state.app.migrations.has(n)) added.push(n);
  added.sort();
  const touched =
    added.length > 0 ||
    changesAny(
      m?.state.app.migrations,
      (n, p) => idIn(headEntries, h.state.app.migrations.get(n)) !== idIn(mbEntries, p),
    ) ||
    idIn(headEntries, h.state.app.maxMigrationPath) !== idIn(mbEntries, m?.state.app.maxMigrationPath);

  const baseProblems = b ? checkAppState(b.state, b.graph, dlm) : [];
  if (baseProblems.length > 0)
    return againstBrokenBase(ctx, project, label, dlm, baseProblems, touched, added);
  if (!touched) return appReport(project, label, 'unchanged', []);

  const changed = baseMigrationChanges(ctx, label, h, b, m, added);
  const headProblems = checkAppState(h.state, h.graph, dlm);
  if (headProblems.some((p) => p.code === 'dlm.E005')) {
    return appReport(project, label, 'pr-several-leaves', [
      ...changed,
      ...headProblems.map((p) =>
        p.code === 'dlm.E005' ? { ...p, message: severalLeaves(ctx, label, h, b) } : p,
      ),
    ]);
  }
  if (headProblems.length > 0) {
    const status = headProblems.some((p) => p.code === 'unreadable-migration') ? 'unreadable' : 'pr-problems';
    return appReport(project, label, status, [...changed, ...headProblems]);
  }
  if (changed.length > 0) return appReport(project, label, 'pr-changes-base-migration', changed);

  const mg = appOf(ctx.merged, project, label)!;
  const mergedConflict = ctx.isConflicted(mg.state.app.maxMigrationPath);
  if (mg.graph.leaves.length <= 1 && !mergedConflict && mg.graph.errors.length === 0) {
    const after = checkAppState(mg.state, mg.graph, dlm);
    return after.length === 0
      ? appReport(project, label, 'linear', [])
      : appReport(project, label, 'pr-problems', after);
  }
  if (mg.graph.errors.length > 0 || mg.graph.unreadable.length > 0) {
    return appReport(project, label, 'pr-problems', [...mg.graph.errors, ...mg.graph.unreadable]);
  }
  return needsRebase(ctx, project, label, { head: h, base: b, merged: mg, added });
}

/** Problems that are the same problem in two states: by code for max_migration.txt, by message for the graph. */
function problemKey(p: Problem): string {
  return p.code === 'dlm.E005' || /^(dlm\.E00[1-4]|max-migration-)/.test(p.code) ? p.code : p.message;
}

/**
 * The base is already not linear for the app: judge what the pull request does to it. A PR
 * whose head and merge result are linear repairs it (passes, with a note); one that leaves
 * it as broken passes with a warning; one that adds a leaf or a new problem fails.
 */
function againstBrokenBase(
  ctx: AppContext,
  project: string,
  label: string,
  dlm: boolean,
  baseProblems: Problem[],
  touched: boolean,
  added: string[],
): AppReport {
  const h = appOf(ctx.head, project, label)!;
  const b = appOf(ctx.base, project, label)!;
  const m = appOf(ctx.mb, project, label);
  const mg = appOf(ctx.merged, project, label)!;
  const onBase = baseProblems.map((p) => p.message).join('; ');
  const state = `${ctx.baseName} is already not linear for ${label} (${onBase})`;
  const notes = baseProblems.map((p) => ({
    ...p,
    code: 'base-not-linear',
    message: `${ctx.baseName} itself is not linear (not caused by this pull request): ${p.message}`,
  }));
  if (!touched) return appReport(project, label, 'base-not-linear', [], { notes });

  const changed = baseMigrationChanges(ctx, label, h, b, m, added);
  const headProblems = checkAppState(h.state, h.graph, dlm);
  const mergedConflict = ctx.isConflicted(mg.state.app.maxMigrationPath);
  const mergedProblems: Problem[] = mergedConflict
    ? [
        {
          code: 'max-migration-conflict',
          message: `this pull request and ${ctx.baseName} both change ${label}'s max_migration.txt; merge ${ctx.baseName} into this branch and resolve it, then check again`,
          file: h.state.app.maxMigrationPath,
          line: 1,
        },
      ]
    : checkAppState(mg.state, mg.graph, dlm);

  if (headProblems.length === 0 && mergedProblems.length === 0) {
    // Rewriting migrations is how a broken app is usually repaired: say so, without failing it.
    return appReport(project, label, 'repairs-base', [], {
      notes: [
        {
          code: 'repairs-base',
          message: `${state}; this pull request makes it linear again`,
          file: b.state.app.maxMigrationPath,
          line: null,
        },
        ...changed,
      ],
    });
  }
  const known = new Set(baseProblems.map(problemKey));
  const introduced = mergedProblems.filter((p) => !known.has(problemKey(p)));
  const moreLeaves = mg.graph.leaves.length > Math.max(1, b.graph.leaves.length);
  if (introduced.length > 0 || moreLeaves || changed.length > 0) {
    const why: Problem[] = [...changed, ...introduced];
    if (moreLeaves) {
      why.push({
        code: 'dlm.E005',
        message: `${state}, and this pull request adds a leaf: after merging, ${label} has ${mg.graph.leaves.length} leaf migrations (${mg.graph.leaves.join(', ')}) instead of ${b.graph.leaves.length}. Make this pull request's migrations depend on ${b.graph.leaves.join(' or ')}, or repair ${label} in this pull request`,
        file: h.state.app.maxMigrationPath,
        line: null,
      });
    }
    if (why.length === changed.length && introduced.length === 0 && !moreLeaves) {
      // Only rewritten history, and the result still not linear: the rewrite did not repair it.
      why.push(...mergedProblems);
    }
    return appReport(project, label, 'pr-worsens-base', why, { notes });
  }
  return appReport(project, label, 'base-not-linear', [], { notes });
}
