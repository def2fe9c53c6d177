import { planRebase, type RebasePlan } from './rebase-plan.js';
import { type AppReport, appReport } from './report.js';
import { readMaxMigration } from './rules.js';
import type { AppContext, SideApp } from './sides.js';

/** Quotes a path for a POSIX shell when it needs it (directory names come from the repository). */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The hand-made version of a chain rebase: the new names, in order. */
export function renumberingSteps(names: string[], mergedName: string, label: string): string {
  const number = Number.parseInt(mergedName, 10);
  if (Number.isNaN(number))
    return `make ${names[0]} depend on ('${label}', '${mergedName}') and write the last name into max_migration.txt.`;
  const steps = names.map((n, i) => {
    const rest = n.includes('_') ? n.slice(n.indexOf('_') + 1) : n;
    return `${n} -> ${String(number + 1 + i).padStart(4, '0')}_${rest}`;
  });
  return `make ${names[0]} depend on ('${label}', '${mergedName}'), rename ${steps.join(', ')} (updating the dependencies that name them), and write the last name into max_migration.txt.`;
}

/**
 * The pull request's new migrations in dependency order, when they form one chain (each
 * depends on the one before it, the first on a migration the base has); null otherwise.
 */
export function chainOrder(newNames: readonly string[], app: SideApp): string[] | null {
  const label = app.state.app.label;
  const fresh = new Set(newNames);
  const parentOf = new Map<string, string[]>();
  for (const name of newNames) {
    const read = app.state.migrations.get(name);
    if (!read?.ok) return null;
    parentOf.set(
      name,
      read.declaration.dependencies.filter((d) => d.app === label && fresh.has(d.name)).map((d) => d.name),
    );
  }
  const firsts = newNames.filter((n) => parentOf.get(n)!.length === 0);
  if (firsts.length !== 1) return null;
  const order = [firsts[0]!];
  while (order.length < newNames.length) {
    const last = order[order.length - 1]!;
    const next = newNames.filter((n) => parentOf.get(n)!.includes(last));
    if (next.length !== 1 || parentOf.get(next[0]!)!.length !== 1) return null;
    order.push(next[0]!);
  }
  return order;
}

/**
 * The rebase of each migration of a chain onto `mergedName`, in order: what running
 * rebase_migration once per migration does (each step re-parents one migration on the one
 * renamed before it). A single migration is rebase_migration's own case.
 */
export function planChain(
  project: string,
  label: string,
  mergedName: string,
  chain: readonly { name: string; path: string; source: string }[],
  existingNames: Iterable<string>,
  maxMigrationPath: string,
): { ok: true; plans: RebasePlan[] } | { ok: false; reason: string } {
  const names = new Set(existingNames);
  const plans: RebasePlan[] = [];
  let parent = mergedName;
  for (const step of chain) {
    const outcome = planRebase({
      project,
      app: label,
      mergedName: parent,
      rebasedName: step.name,
      rebasedPath: step.path,
      rebasedSource: step.source,
      existingNames: names,
      maxMigrationPath,
    });
    if (!outcome.ok) return outcome;
    plans.push(outcome.plan);
    names.delete(step.name);
    names.add(outcome.plan.newName);
    parent = outcome.plan.newName;
  }
  return { ok: true, plans };
}

export interface RebaseSides {
  head: SideApp;
  base: SideApp | null;
  merged: SideApp;
  /** Migrations the pull request adds. */
  added: string[];
}

/** The merged result has several leaves or a conflicted max_migration.txt: say how to rebase. */
export function needsRebase(ctx: AppContext, project: string, label: string, sides: RebaseSides): AppReport {
  const { head: h, base: b, merged: mg, added } = sides;
  const baseMax = b ? readMaxMigration(b.state.maxMigration) : null;
  const mergedName = baseMax?.kind === 'name' ? baseMax.name : (b?.graph.leaves[0] ?? '?');
  const cd = project ? `cd ${shellQuote(project)} && ` : '';
  const command = `${cd}${ctx.manage} rebase_migration ${label}`;
  const newInPr = added.filter((n) => mg.graph.nodes.includes(n));
  const chain = chainOrder(newInPr, h);
  const first = chain?.[0] ?? newInPr[0];
  const firstPath = first ? h.state.app.migrations.get(first)! : h.state.app.maxMigrationPath;
  const firstRead = first ? h.state.migrations.get(first) : undefined;
  const sameAppDep = firstRead?.ok
    ? firstRead.declaration.dependencies.find((d) => d.app === label)
    : undefined;
  const depLine = sameAppDep?.line ?? null;
  const moved = `${ctx.baseName} has moved on to ${label}.${mergedName}`;
  const problem = (code: string, message: string) => ({ code, message, file: firstPath, line: depLine });

  if (newInPr.length === 0) {
    return appReport(project, label, 'pr-problems', [
      {
        code: 'max-migration-conflict',
        message: `this pull request and ${ctx.baseName} both change ${label}'s max_migration.txt, but the pull request adds no migration to ${label}; after merging, keep ${ctx.baseName}'s '${mergedName}'`,
        file: h.state.app.maxMigrationPath,
        line: 1,
      },
    ]);
  }
  const manual = (reason: string) =>
    appReport(project, label, 'needs-rebase', [
      problem(
        'needs-rebase-manual',
        `this pull request adds ${newInPr.join(', ')} to ${label} and ${moved}. ${reason}. Instead, merge ${ctx.baseName}, then by hand: ${renumberingSteps(chain ?? newInPr, mergedName, label)}`,
      ),
    ]);
  if (!chain) return manual('Its new migrations do not form one chain, so no rebase can be predicted');
  const planned = planChain(
    project,
    label,
    mergedName,
    chain.map((name) => {
      const read = h.state.migrations.get(name);
      return { name, path: h.state.app.migrations.get(name)!, source: read?.ok ? read.source : '' };
    }),
    mg.state.app.migrations.keys(),
    mg.state.app.maxMigrationPath,
  );
  if (!planned.ok) return manual(planned.reason);
  if (chain.length === 1) {
    return appReport(
      project,
      label,
      'needs-rebase',
      [
        problem(
          'needs-rebase',
          `this pull request's ${label}.${first} depends on ${label}.${sameAppDep?.name ?? '?'}, but ${moved}. Merge or rebase onto ${ctx.baseName} (max_migration.txt will conflict), then run the fix.`,
        ),
      ],
      { fix: command, plans: planned.plans },
    );
  }
  return appReport(
    project,
    label,
    'needs-rebase',
    [
      problem(
        'needs-rebase-chain',
        `this pull request adds a chain of ${chain.length} migrations to ${label} (${chain.join(', ')}) and ${moved}. rebase_migration moves only the last one and would leave ${label} with two leaves. Merge or rebase onto ${ctx.baseName}, then run \`gateway-ops migration-check --fix\`, which renames and re-parents each in turn, as running rebase_migration once per migration would.`,
      ),
    ],
    { plans: planned.plans },
  );
}
