import { buildProjectGraph } from '../../../src/shared/migrations/graph.js';
import { readRepositoryMigrations } from '../../../src/shared/migrations/repository-migrations.js';
import { checkAppState } from '../../../src/shared/migrations/rules.js';
import { MemoryTree } from '../../../src/shared/migrations/tree.js';
import { type MigrationSpec, migrationSource } from '../../fixtures/migrations/project.js';

export { type MigrationSpec, migrationSource };

/** `files` maps `app/migrations/NAME` to a spec (a .py migration) or raw text; `.py` is added when no extension is given. */
export function appTree(files: Record<string, MigrationSpec | string>, apps: string[] = []): MemoryTree {
  const tree = new MemoryTree();
  const appNames = new Set(apps);
  for (const [p, spec] of Object.entries(files)) {
    appNames.add(p.split('/migrations/')[0]!);
    tree.set(
      /\.(py|txt|md)$/.test(p) ? p : `${p}.py`,
      typeof spec === 'string' ? spec : migrationSource(spec),
    );
  }
  for (const app of appNames) {
    if (!tree.entries.has(`${app}/migrations/__init__.py`)) tree.set(`${app}/migrations/__init__.py`, '');
    if (!tree.entries.has(`${app}/__init__.py`)) tree.set(`${app}/__init__.py`, '');
  }
  return tree;
}

/** Problem codes per app label for a tree, every app checked. */
export async function stateCodes(tree: MemoryTree): Promise<Record<string, string[]>> {
  const snapshot = await readRepositoryMigrations(tree);
  const out: Record<string, string[]> = {};
  for (const project of snapshot.projects) {
    const graphs = buildProjectGraph(project);
    for (const [label, app] of project.apps) {
      out[project.project ? `${project.project}:${label}` : label] = checkAppState(
        app,
        graphs.get(label)!,
        true,
      ).map((p) => p.code);
    }
  }
  return out;
}
