import { type AppGraph, type AppMigrations, buildProjectGraph, type ProjectMigrations } from './graph.js';
import type { RepositoryMigrations } from './repository-migrations.js';
import type { RepositoryTree } from './tree.js';

/** One tree of the check (base, head, merge-base or the merged result) with its graphs, built on demand. */
export interface Side {
  state: RepositoryMigrations;
  graphs: Map<string, Map<string, AppGraph>>;
  tree: RepositoryTree;
}

export function side(tree: RepositoryTree, state: RepositoryMigrations): Side {
  return { state, graphs: new Map(), tree };
}

export interface SideApp {
  state: AppMigrations;
  graph: AppGraph;
}

/** An app of one side; its project's graph is built on first use (the merge-base never needs one). */
export function appOf(s: Side, project: string, label: string): SideApp | null {
  const p: ProjectMigrations | undefined = s.state.projects.find((x) => x.project === project);
  const state = p?.apps.get(label);
  if (!p || !state) return null;
  return {
    state,
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

export interface AppContext {
  base: Side;
  head: Side;
  mb: Side;
  merged: Side;
  /** True for a max_migration.txt both sides rewrote (git would stop on it). */
  isConflicted: (path: string) => boolean;
  manage: string;
  /** What messages call the base: the branch name when it is known. */
  baseName: string;
}
