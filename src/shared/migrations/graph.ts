import type { DjangoApp } from './apps.js';
import type { MigrationDeclaration, MigrationReadResult } from './migration-file.js';

/** A problem found in one app, pointing at the file (and line) to look at. */
export interface Problem {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
}

/** One app's migrations as read from one tree. */
export interface AppMigrations {
  app: DjangoApp;
  /** Migration name -> what its file declares (or why it cannot be read). */
  migrations: Map<string, MigrationReadResult>;
  /** Raw max_migration.txt, or null when the file does not exist (or was not read). */
  maxMigration: Uint8Array | null;
  hasMaxMigration: boolean;
  /** Only the names were read (the pull request does not touch the app): never judge it. */
  partial: boolean;
}

/** Every app of one Django project (one manage.py), keyed by label. */
export interface ProjectMigrations {
  project: string;
  apps: Map<string, AppMigrations>;
}

/** Django's view of one app after the whole project's graph is built, without a database. */
export interface AppGraph {
  label: string;
  /** Nodes left after squashes replaced what they replace. */
  nodes: string[];
  /** Migrations with no child in the same app (Django: leaf_nodes(app)), sorted. */
  leaves: string[];
  roots: string[];
  /** Migrations that cannot be read: the app's shape is then unknown, never guessed. */
  unreadable: Problem[];
  /** Missing parents, same-app `__latest__`, cycles: Django's loader raises on these. */
  errors: Problem[];
}

interface Node {
  app: string;
  name: string;
  parents: number[];
  children: number[];
  removed: boolean;
  /** Set for references to migrations that do not exist (Django's DummyNode). */
  missing: { fromApp: string; fromName: string; line: number } | null;
}

/**
 * Builds the project's migration graph the way Django's MigrationLoader does with no
 * database connection (every squash is used), and reports it per app. Dependencies on apps
 * that are not in the repository (django.contrib, third-party packages) cannot be checked
 * and are ignored. Nodes are array indexes: a PR check builds this for 10,000s of files.
 */
export function buildProjectGraph(project: ProjectMigrations): Map<string, AppGraph> {
  const nodes: Node[] = [];
  const index = new Map<string, number>();
  const keyOf = (app: string, name: string) => `${app}\0${name}`;
  const pathOf = (app: string, name: string) => project.apps.get(app)?.app.migrations.get(name) ?? null;
  const result = new Map<string, AppGraph>();
  const add = (app: string, name: string, missing: Node['missing']): number => {
    const id = nodes.length;
    nodes.push({ app, name, parents: [], children: [], removed: false, missing });
    index.set(keyOf(app, name), id);
    return id;
  };

  for (const [label, state] of project.apps) {
    const unreadable: Problem[] = [];
    for (const [name, read] of state.migrations) {
      if (!read.ok) {
        unreadable.push({
          code: 'unreadable-migration',
          message: `cannot read ${label}.${name}: ${read.reason}`,
          file: state.app.migrations.get(name) ?? null,
          line: read.line,
        });
      }
      // Apps read for their names only get no nodes: references to them are checked by name.
      if (!state.partial) add(label, name, null);
    }
    result.set(label, { label, nodes: [], leaves: [], roots: [], unreadable, errors: [] });
  }

  const ensure = (app: string, name: string, fromApp: string, fromName: string, line: number): number =>
    index.get(keyOf(app, name)) ?? add(app, name, { fromApp, fromName, line });
  const addEdge = (child: number, parent: number) => {
    if (!nodes[child]!.parents.includes(parent)) nodes[child]!.parents.push(parent);
    if (!nodes[parent]!.children.includes(child)) nodes[parent]!.children.push(child);
  };
  const declarations: { label: string; name: string; id: number; decl: MigrationDeclaration }[] = [];
  for (const [label, s] of project.apps) {
    if (s.partial) continue;
    for (const [name, read] of s.migrations) {
      if (read.ok)
        declarations.push({ label, name, id: index.get(keyOf(label, name))!, decl: read.declaration });
    }
  }

  // Same-app dependencies first, so that another app's `__first__` finds the right root.
  for (const { label, name, id, decl } of declarations) {
    for (const dep of decl.dependencies) {
      if (dep.app === label && dep.name !== '__first__')
        addEdge(id, ensure(dep.app, dep.name, label, name, dep.line));
    }
  }
  const resolve = (
    app: string,
    name: string,
    current: string,
    fromName: string,
    line: number,
  ): number | null => {
    const target = project.apps.get(app);
    if (target?.partial && (target.migrations.has(name) || name === '__first__' || name === '__latest__'))
      return null;
    if (name !== '__first__' && name !== '__latest__') {
      return target ? ensure(app, name, current, fromName, line) : null;
    }
    if (app === current || !target) return null;
    const candidates = nodes
      .map((n, i) => ({ n, i }))
      .filter(({ n }) => n.app === app && !n.missing)
      .filter(({ n }) => (name === '__first__' ? n.parents : n.children).every((o) => nodes[o]!.app !== app))
      .sort((a, b) => (a.n.name < b.n.name ? -1 : a.n.name > b.n.name ? 1 : 0));
    return candidates[0]?.i ?? null;
  };
  for (const { label, name, id, decl } of declarations) {
    for (const dep of decl.dependencies) {
      if (dep.app === label) continue;
      const parent = resolve(dep.app, dep.name, label, name, dep.line);
      if (parent !== null) addEdge(id, parent);
    }
    for (const child of decl.runBefore) {
      const target = resolve(child.app, child.name, label, name, child.line);
      if (target !== null) addEdge(target, id);
    }
  }

  // Squashes replace what they replace (all of it, as with an empty database).
  for (const { id: replacement, decl } of declarations) {
    if (decl.replaces.length === 0) continue;
    const replaced = new Set<number>();
    for (const r of decl.replaces) {
      const i = index.get(keyOf(r.app, r.name));
      if (i !== undefined && !nodes[i]!.removed) replaced.add(i);
    }
    for (const r of replaced) {
      const node = nodes[r]!;
      node.removed = true;
      for (const c of node.children) {
        const child = nodes[c]!;
        child.parents = child.parents.filter((x) => x !== r);
        if (!replaced.has(c)) addEdge(c, replacement);
      }
      for (const p of node.parents) {
        const parent = nodes[p]!;
        parent.children = parent.children.filter((x) => x !== r);
        if (!replaced.has(p)) addEdge(replacement, p);
      }
      node.parents = [];
      node.children = [];
    }
  }

  for (const node of nodes) {
    if (!node.missing || node.removed) continue;
    const { fromApp, fromName, line } = node.missing;
    const graph = result.get(fromApp);
    if (!graph) continue;
    const message =
      node.app === fromApp && node.name === '__latest__'
        ? `${fromApp}.${fromName} depends on ('${node.app}', '__latest__') in its own app, which Django cannot resolve`
        : `${fromApp}.${fromName} depends on ${node.app}.${node.name}, which does not exist`;
    graph.errors.push({ code: 'missing-dependency', message, file: pathOf(fromApp, fromName), line });
  }

  for (const { label, name, decl } of declarations) {
    for (const ref of [...decl.dependencies, ...decl.replaces, ...decl.runBefore]) {
      if (ref.form !== 'list') continue;
      result.get(label)!.errors.push({
        code: 'list-reference',
        message: `${label}.${name} refers to ['${ref.app}', '${ref.name}'] with a list; Django needs a tuple there (its loader fails with "unhashable type: 'list'")`,
        file: pathOf(label, name),
        line: ref.line,
      });
    }
  }

  for (const cycle of findCycles(nodes)) {
    const first = nodes[cycle[0]!]!;
    const names = cycle.map((i) => `${nodes[i]!.app}.${nodes[i]!.name}`);
    result.get(first.app)?.errors.push({
      code: 'cycle',
      message: `circular dependency: ${names.join(' -> ')} -> ${names[0]}`,
      file: pathOf(first.app, first.name),
      line: null,
    });
  }

  for (const node of nodes) {
    if (node.missing || node.removed) continue;
    const graph = result.get(node.app)!;
    graph.nodes.push(node.name);
    if (node.children.every((c) => nodes[c]!.app !== node.app)) graph.leaves.push(node.name);
    if (node.parents.every((p) => nodes[p]!.app !== node.app)) graph.roots.push(node.name);
  }
  for (const graph of result.values()) {
    graph.nodes.sort();
    graph.leaves.sort();
    graph.roots.sort();
  }
  return result;
}

/** Every cycle, reported once, starting at its smallest member (for stable messages). */
function findCycles(nodes: Node[]): number[][] {
  const cycles: number[][] = [];
  const label = (i: number) => `${nodes[i]!.app}\0${nodes[i]!.name}`;
  // 0 = unvisited, 1 = on the current path, 2 = done.
  const state = new Uint8Array(nodes.length);
  for (let start = 0; start < nodes.length; start++) {
    if (state[start] !== 0 || nodes[start]!.removed) continue;
    const stack: [number, number][] = [[start, 0]];
    const path = [start];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const children = nodes[top[0]]!.children;
      if (top[1] >= children.length) {
        stack.pop();
        path.pop();
        state[top[0]] = 2;
        continue;
      }
      const next = children[top[1]++]!;
      if (state[next] === 1) {
        const cycle = path.slice(path.indexOf(next));
        const min = cycle.reduce((a, b) => (label(b) < label(a) ? b : a));
        const i = cycle.indexOf(min);
        cycles.push([...cycle.slice(i), ...cycle.slice(0, i)]);
      } else if (state[next] === 0) {
        state[next] = 1;
        path.push(next);
        stack.push([next, 0]);
      }
    }
  }
  return cycles;
}
