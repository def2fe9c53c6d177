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

type Declared = { label: string; name: string; id: number; decl: MigrationDeclaration };

/**
 * Builds the project's migration graph the way Django's MigrationLoader does with no
 * database connection (every squash is used), and reports it per app. Dependencies on apps
 * that are not in the repository (django.contrib, third-party packages) cannot be checked
 * and are ignored. Nodes are array indexes: a PR check builds this for 10,000s of files.
 */
export function buildProjectGraph(project: ProjectMigrations): Map<string, AppGraph> {
  const graph = new GraphBuilder(project);
  // Same-app dependencies first, so that another app's `__first__` finds the right root.
  graph.addSameAppEdges();
  graph.addOtherEdges();
  graph.applySquashes();
  graph.reportMissing();
  graph.reportListReferences();
  graph.reportCycles();
  return graph.summarize();
}

/** The steps of buildProjectGraph over one project's nodes, in the order Django's loader takes them. */
class GraphBuilder {
  private readonly nodes: Node[] = [];
  /** Node ids by app, then by migration name. */
  private readonly index = new Map<string, Map<string, number>>();
  private readonly result = new Map<string, AppGraph>();
  private readonly declarations: Declared[] = [];
  // What the later steps look at, sorted out while adding same-app edges (most migrations have
  // none of it): declarations with another app's dependency or run_before, with replaces, with a
  // reference written as a list; and the nodes of missing migrations.
  private readonly withOtherRefs: Declared[] = [];
  private readonly squashes: Declared[] = [];
  private readonly withListRefs: Declared[] = [];
  private readonly missing: number[] = [];
  private readonly project: ProjectMigrations;

  constructor(project: ProjectMigrations) {
    this.project = project;
    for (const [label, state] of project.apps) {
      const unreadable: Problem[] = [];
      this.result.set(label, { label, nodes: [], leaves: [], roots: [], unreadable, errors: [] });
      // An app read for its names only has no nodes and nothing unreadable (references to it are checked by name).
      if (state.partial) continue;
      for (const [name, read] of state.migrations) {
        if (!read.ok) {
          unreadable.push({
            code: 'unreadable-migration',
            message: `cannot read ${label}.${name}: ${read.reason}`,
            file: state.app.migrations.get(name) ?? null,
            line: read.line,
          });
        }
        const id = this.add(label, name, null);
        if (read.ok) this.declarations.push({ label, name, id, decl: read.declaration });
      }
    }
  }

  private add(app: string, name: string, missing: Node['missing']): number {
    const id = this.nodes.length;
    this.nodes.push({ app, name, parents: [], children: [], removed: false, missing });
    let names = this.index.get(app);
    if (!names) {
      names = new Map();
      this.index.set(app, names);
    }
    names.set(name, id);
    if (missing) this.missing.push(id);
    return id;
  }

  private idOf(app: string, name: string): number | undefined {
    return this.index.get(app)?.get(name);
  }

  private pathOf(app: string, name: string): string | null {
    return this.project.apps.get(app)?.app.migrations.get(name) ?? null;
  }

  private ensure(app: string, name: string, fromApp: string, fromName: string, line: number): number {
    return this.idOf(app, name) ?? this.add(app, name, { fromApp, fromName, line });
  }

  private addEdge(child: number, parent: number): void {
    const nodes = this.nodes;
    if (!nodes[child]!.parents.includes(parent)) nodes[child]!.parents.push(parent);
    if (!nodes[parent]!.children.includes(child)) nodes[parent]!.children.push(child);
  }

  addSameAppEdges(): void {
    for (const declared of this.declarations) {
      const { label, name, id, decl } = declared;
      let otherApp = decl.runBefore.length > 0;
      let list = false;
      for (const dep of decl.dependencies) {
        if (dep.form === 'list') list = true;
        if (dep.app !== label) otherApp = true;
        else if (dep.name !== '__first__')
          this.addEdge(id, this.ensure(dep.app, dep.name, label, name, dep.line));
      }
      if (otherApp) this.withOtherRefs.push(declared);
      if (decl.replaces.length > 0) this.squashes.push(declared);
      if (list || decl.replaces.some(isList) || decl.runBefore.some(isList)) this.withListRefs.push(declared);
    }
  }

  /** The node a reference to another app (or `__first__`/`__latest__`) means, if it can be checked. */
  private resolve(app: string, name: string, current: string, fromName: string, line: number): number | null {
    const target = this.project.apps.get(app);
    if (target?.partial && (target.migrations.has(name) || name === '__first__' || name === '__latest__'))
      return null;
    if (name !== '__first__' && name !== '__latest__') {
      return target ? this.ensure(app, name, current, fromName, line) : null;
    }
    if (app === current || !target) return null;
    // The app's first root (or leaf) by name, looking at same-app edges only.
    const nodes = this.nodes;
    let found: number | null = null;
    for (const i of this.index.get(app)?.values() ?? []) {
      const n = nodes[i]!;
      if (n.missing || (found !== null && n.name >= nodes[found]!.name)) continue;
      if (!sameAppEdge(nodes, app, name === '__first__' ? n.parents : n.children)) found = i;
    }
    return found;
  }

  addOtherEdges(): void {
    for (const { label, name, id, decl } of this.withOtherRefs) {
      for (const dep of decl.dependencies) {
        if (dep.app === label) continue;
        const parent = this.resolve(dep.app, dep.name, label, name, dep.line);
        if (parent !== null) this.addEdge(id, parent);
      }
      for (const child of decl.runBefore) {
        const target = this.resolve(child.app, child.name, label, name, child.line);
        if (target !== null) this.addEdge(target, id);
      }
    }
  }

  /** Squashes replace what they replace (all of it, as with an empty database). */
  applySquashes(): void {
    for (const { id: replacement, decl } of this.squashes) {
      const replaced = new Set<number>();
      for (const r of decl.replaces) {
        const i = this.idOf(r.app, r.name);
        if (i !== undefined && !this.nodes[i]!.removed) replaced.add(i);
      }
      for (const r of replaced) this.replace(r, replacement, replaced);
    }
  }

  private replace(r: number, replacement: number, replaced: Set<number>): void {
    const node = this.nodes[r]!;
    node.removed = true;
    for (const c of node.children) {
      const child = this.nodes[c]!;
      child.parents = child.parents.filter((x) => x !== r);
      if (!replaced.has(c)) this.addEdge(c, replacement);
    }
    for (const p of node.parents) {
      const parent = this.nodes[p]!;
      parent.children = parent.children.filter((x) => x !== r);
      if (!replaced.has(p)) this.addEdge(replacement, p);
    }
    node.parents = [];
    node.children = [];
  }

  reportMissing(): void {
    for (const id of this.missing) {
      const node = this.nodes[id]!;
      if (!node.missing || node.removed) continue;
      const { fromApp, fromName, line } = node.missing;
      const graph = this.result.get(fromApp);
      if (!graph) continue;
      const message =
        node.app === fromApp && node.name === '__latest__'
          ? `${fromApp}.${fromName} depends on ('${node.app}', '__latest__') in its own app, which Django cannot resolve`
          : `${fromApp}.${fromName} depends on ${node.app}.${node.name}, which does not exist`;
      graph.errors.push({ code: 'missing-dependency', message, file: this.pathOf(fromApp, fromName), line });
    }
  }

  reportListReferences(): void {
    for (const { label, name, decl } of this.withListRefs) {
      for (const refs of [decl.dependencies, decl.replaces, decl.runBefore]) {
        for (const ref of refs) {
          if (ref.form !== 'list') continue;
          this.result.get(label)!.errors.push({
            code: 'list-reference',
            message: `${label}.${name} refers to ['${ref.app}', '${ref.name}'] with a list; Django needs a tuple there (its loader fails with "unhashable type: 'list'")`,
            file: this.pathOf(label, name),
            line: ref.line,
          });
        }
      }
    }
  }

  reportCycles(): void {
    const nodes = this.nodes;
    for (const cycle of findCycles(nodes)) {
      const first = nodes[cycle[0]!]!;
      const names = cycle.map((i) => `${nodes[i]!.app}.${nodes[i]!.name}`);
      this.result.get(first.app)?.errors.push({
        code: 'cycle',
        message: `circular dependency: ${names.join(' -> ')} -> ${names[0]}`,
        file: this.pathOf(first.app, first.name),
        line: null,
      });
    }
  }

  /** Each app's nodes, leaves and roots (per app: a child in another app does not count), sorted. */
  summarize(): Map<string, AppGraph> {
    const nodes = this.nodes;
    for (const node of nodes) {
      if (node.missing || node.removed) continue;
      const graph = this.result.get(node.app)!;
      graph.nodes.push(node.name);
      if (!sameAppEdge(nodes, node.app, node.children)) graph.leaves.push(node.name);
      if (!sameAppEdge(nodes, node.app, node.parents)) graph.roots.push(node.name);
    }
    for (const graph of this.result.values()) {
      graph.nodes.sort();
      graph.leaves.sort();
      graph.roots.sort();
    }
    return this.result;
  }
}

const isList = (ref: { form: string }) => ref.form === 'list';

/** Whether any of `ends` (a node's parents or children) is in `app`. */
function sameAppEdge(nodes: readonly Node[], app: string, ends: readonly number[]): boolean {
  for (const i of ends) if (nodes[i]!.app === app) return true;
  return false;
}

/** Every cycle, reported once, starting at its smallest member (for stable messages). */
function findCycles(nodes: Node[]): number[][] {
  const cycles: number[][] = [];
  const label = (i: number) => `${nodes[i]!.app}\0${nodes[i]!.name}`;
  // 0 = unvisited, 1 = on the current path, 2 = done.
  const state = new Uint8Array(nodes.length);
  // The depth-first path, and for each node on it the index of the next child to visit.
  const path = new Int32Array(nodes.length);
  const nextChild = new Int32Array(nodes.length);
  for (let start = 0; start < nodes.length; start++) {
    if (state[start] !== 0 || nodes[start]!.removed) continue;
    let depth = 1;
    path[0] = start;
    nextChild[0] = 0;
    state[start] = 1;
    while (depth > 0) {
      const top = path[depth - 1]!;
      const children = nodes[top]!.children;
      const at = nextChild[depth - 1]!;
      if (at >= children.length) {
        depth--;
        state[top] = 2;
        continue;
      }
      nextChild[depth - 1] = at + 1;
      const next = children[at]!;
      if (state[next] === 1) {
        const onPath = path.subarray(0, depth);
        const cycle = Array.from(onPath.subarray(onPath.indexOf(next)));
        const min = cycle.reduce((a, b) => (label(b) < label(a) ? b : a));
        const i = cycle.indexOf(min);
        cycles.push([...cycle.slice(i), ...cycle.slice(0, i)]);
      } else if (state[next] === 0) {
        state[next] = 1;
        path[depth] = next;
        nextChild[depth] = 0;
        depth++;
      }
    }
  }
  return cycles;
}
