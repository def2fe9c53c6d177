import type { DjangoApp } from './apps.js';
import type { MigrationReadResult } from './migration-file.js';

/** A problem found in one app, pointing at the file (and line) to look at. */
export interface Problem {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
}

/** One app's migrations as read from a snapshot. */
export interface AppSnapshot {
  app: DjangoApp;
  /** Migration name -> what its file declares (or why it cannot be read). */
  migrations: Map<string, MigrationReadResult>;
  /** Raw max_migration.txt, or null when the file does not exist. */
  maxMigration: Uint8Array | null;
}

/** Every app of one Django project (one manage.py), keyed by label. */
export interface ProjectSnapshot {
  project: string;
  apps: Map<string, AppSnapshot>;
}

/** Django's view of one app after the whole project's graph is built, without a database. */
export interface AppGraph {
  label: string;
  /** Nodes left after squashes replaced what they replace. */
  nodes: string[];
  /** Migrations with no child in the same app (Django: leaf_nodes(app)), sorted. */
  leaves: string[];
  roots: string[];
  /** Same-app parents of each node, after replacements. */
  parents: Map<string, string[]>;
  /** Migrations that cannot be read: the app's shape is then unknown, never guessed. */
  unreadable: Problem[];
  /** Missing parents, same-app `__latest__`, cycles: Django's loader raises on these. */
  errors: Problem[];
}

const key = (app: string, name: string) => `${app}\0${name}`;
const split = (k: string): [string, string] => {
  const i = k.indexOf('\0');
  return [k.slice(0, i), k.slice(i + 1)];
};

interface Node {
  key: string;
  parents: Set<string>;
  children: Set<string>;
  /** Set for references to migrations that do not exist (Django's DummyNode). */
  missing?: { from: string; file: string; line: number };
}

/**
 * Builds the project's migration graph the way Django's MigrationLoader does with no
 * database connection (every squash is used), and reports it per app. Dependencies on apps
 * that are not in the repository (django.contrib, third-party packages) cannot be checked
 * and are ignored.
 */
export function buildProjectGraph(project: ProjectSnapshot): Map<string, AppGraph> {
  const nodes = new Map<string, Node>();
  const pathOf = (k: string) => {
    const [app, name] = split(k);
    return project.apps.get(app)?.app.migrations.get(name) ?? null;
  };
  const result = new Map<string, AppGraph>();
  for (const [label, snapshot] of project.apps) {
    const unreadable: Problem[] = [];
    for (const [name, read] of snapshot.migrations) {
      if (!read.ok) {
        unreadable.push({
          code: 'unreadable-migration',
          message: `cannot read ${label}.${name}: ${read.reason}`,
          file: snapshot.app.migrations.get(name) ?? null,
          line: read.line,
        });
      }
      nodes.set(key(label, name), { key: key(label, name), parents: new Set(), children: new Set() });
    }
    result.set(label, {
      label,
      nodes: [],
      leaves: [],
      roots: [],
      parents: new Map(),
      unreadable,
      errors: [],
    });
  }

  const ensure = (k: string, from: string, line: number): Node => {
    let node = nodes.get(k);
    if (!node) {
      node = {
        key: k,
        parents: new Set(),
        children: new Set(),
        missing: { from, file: pathOf(from) ?? '', line },
      };
      nodes.set(k, node);
    }
    return node;
  };
  const addEdge = (child: string, parent: string, from: string, line: number) => {
    const c = ensure(child, from, line);
    const p = ensure(parent, from, line);
    c.parents.add(p.key);
    p.children.add(c.key);
  };
  const declarations = [...project.apps].flatMap(([label, s]) =>
    [...s.migrations].flatMap(([name, read]) => (read.ok ? [{ label, name, decl: read.declaration }] : [])),
  );

  // Same-app dependencies first, so that another app's `__first__` finds the right root.
  for (const { label, name, decl } of declarations) {
    for (const dep of decl.dependencies) {
      if (dep.app === label && dep.name !== '__first__')
        addEdge(key(label, name), key(dep.app, dep.name), key(label, name), dep.line);
    }
  }
  const resolve = (app: string, name: string, current: string): string | null => {
    if (name !== '__first__' && name !== '__latest__') return project.apps.has(app) ? key(app, name) : null;
    if (app === current || !project.apps.has(app)) return null;
    const inApp = [...nodes.values()].filter((n) => split(n.key)[0] === app && !n.missing);
    const pick = inApp
      .filter((n) =>
        [...(name === '__first__' ? n.parents : n.children)].every((other) => split(other)[0] !== app),
      )
      .map((n) => n.key)
      .sort();
    return pick[0] ?? null;
  };
  for (const { label, name, decl } of declarations) {
    const self = key(label, name);
    for (const dep of decl.dependencies) {
      if (dep.app === label) continue;
      const parent = resolve(dep.app, dep.name, label);
      if (parent) addEdge(self, parent, self, dep.line);
    }
    for (const child of decl.runBefore) {
      const target = resolve(child.app, child.name, label);
      if (target) addEdge(target, self, self, child.line);
    }
  }

  // Squashes replace what they replace (all of it, as with an empty database).
  for (const { label, name, decl } of declarations) {
    if (decl.replaces.length === 0) continue;
    const replacement = nodes.get(key(label, name))!;
    const replaced = new Set(decl.replaces.map((r) => key(r.app, r.name)));
    for (const r of replaced) {
      const node = nodes.get(r);
      if (!node) continue;
      nodes.delete(r);
      for (const c of node.children) {
        const child = nodes.get(c);
        if (!child) continue;
        child.parents.delete(r);
        if (!replaced.has(c)) {
          replacement.children.add(c);
          child.parents.add(replacement.key);
        }
      }
      for (const p of node.parents) {
        const parent = nodes.get(p);
        if (!parent) continue;
        parent.children.delete(r);
        if (!replaced.has(p)) {
          replacement.parents.add(p);
          parent.children.add(replacement.key);
        }
      }
    }
  }

  for (const node of nodes.values()) {
    if (!node.missing) continue;
    const [fromApp, fromName] = split(node.missing.from);
    const [app, name] = split(node.key);
    const graph = result.get(fromApp);
    if (!graph) continue;
    const message =
      app === fromApp && name === '__latest__'
        ? `${fromApp}.${fromName} depends on ('${app}', '__latest__') in its own app, which Django cannot resolve`
        : `${fromApp}.${fromName} depends on ${app}.${name}, which does not exist`;
    graph.errors.push({
      code: 'missing-dependency',
      message,
      file: node.missing.file || null,
      line: node.missing.line,
    });
  }

  for (const { label, name, decl } of declarations) {
    const lists = [...decl.dependencies, ...decl.replaces, ...decl.runBefore].filter(
      (r) => r.form === 'list',
    );
    for (const ref of lists) {
      result.get(label)!.errors.push({
        code: 'list-reference',
        message: `${label}.${name} refers to ['${ref.app}', '${ref.name}'] with a list; Django needs a tuple there (its loader fails with "unhashable type: 'list'")`,
        file: project.apps.get(label)!.app.migrations.get(name) ?? null,
        line: ref.line,
      });
    }
  }

  for (const cycle of findCycles(nodes)) {
    const [app] = split(cycle[0]!);
    const names = cycle.map((k) => split(k).join('.'));
    result.get(app)?.errors.push({
      code: 'cycle',
      message: `circular dependency: ${names.join(' -> ')} -> ${names[0]}`,
      file: pathOf(cycle[0]!),
      line: null,
    });
  }

  for (const node of nodes.values()) {
    if (node.missing) continue;
    const [app, name] = split(node.key);
    const graph = result.get(app)!;
    graph.nodes.push(name);
    const sameAppParents = [...node.parents].filter((p) => split(p)[0] === app && !nodes.get(p)?.missing);
    graph.parents.set(name, sameAppParents.map((p) => split(p)[1]).sort());
    if ([...node.children].every((c) => split(c)[0] !== app)) graph.leaves.push(name);
    if ([...node.parents].every((p) => split(p)[0] !== app)) graph.roots.push(name);
  }
  for (const graph of result.values()) {
    graph.nodes.sort();
    graph.leaves.sort();
    graph.roots.sort();
  }
  return result;
}

/** Every cycle, reported once, starting at its smallest key (for stable messages). */
function findCycles(nodes: Map<string, Node>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  for (const start of [...nodes.keys()].sort()) {
    if (state.has(start)) continue;
    // Iterative DFS: stack of [node, remaining children].
    const stack: [string, string[]][] = [[start, [...nodes.get(start)!.children].sort()]];
    const path = [start];
    state.set(start, 'active');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top[1].shift();
      if (next === undefined) {
        stack.pop();
        path.pop();
        state.set(top[0], 'done');
        continue;
      }
      const s = state.get(next);
      if (s === 'active') {
        const cycle = path.slice(path.indexOf(next));
        const min = [...cycle].sort()[0]!;
        const i = cycle.indexOf(min);
        cycles.push([...cycle.slice(i), ...cycle.slice(0, i)]);
      } else if (s === undefined && nodes.has(next)) {
        state.set(next, 'active');
        path.push(next);
        stack.push([next, [...nodes.get(next)!.children].sort()]);
      }
    }
  }
  return cycles;
}
