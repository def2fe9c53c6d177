import { type DiscoveryNote, discoverApps } from './apps.js';
import type { AppSnapshot, ProjectSnapshot } from './graph.js';
import { type MigrationReadResult, readMigrationFile } from './migration-file.js';
import type { RepositoryTree } from './tree.js';

export interface RepositorySnapshot {
  projects: ProjectSnapshot[];
  notes: DiscoveryNote[];
}

/** Parsed files by content id: a PR's base, head and merge-base share almost every file. */
export type ParseCache = Map<string, MigrationReadResult>;

/** Discovers the apps of a tree and reads every migration file and max_migration.txt in it. */
export async function loadSnapshot(
  tree: RepositoryTree,
  cache: ParseCache = new Map(),
): Promise<RepositorySnapshot> {
  const { apps, notes } = await discoverApps(tree);
  const toRead: string[] = [];
  for (const app of apps) {
    for (const p of app.migrations.values()) {
      const entry = tree.entries.get(p);
      if (entry?.kind === 'file' && !cache.has(entry.id)) toRead.push(p);
    }
    if (tree.entries.has(app.maxMigrationPath)) toRead.push(app.maxMigrationPath);
  }
  const contents = await tree.read(toRead);
  const projects = new Map<string, ProjectSnapshot>();
  for (const app of apps) {
    const project = projects.get(app.project) ?? { project: app.project, apps: new Map() };
    projects.set(app.project, project);
    // A second app with the same label is reported by discovery; Django would refuse to start.
    if (project.apps.has(app.label)) continue;
    const migrations = new Map<string, MigrationReadResult>();
    for (const [name, p] of app.migrations) {
      const entry = tree.entries.get(p)!;
      if (entry.kind !== 'file') {
        migrations.set(name, { ok: false, reason: `is a ${entry.kind}, which is not read`, line: null });
        continue;
      }
      let read = cache.get(entry.id);
      if (!read) {
        read = readMigrationFile(contents.get(p)!);
        cache.set(entry.id, read);
      }
      migrations.set(name, read);
    }
    const snapshot: AppSnapshot = {
      app,
      migrations,
      maxMigration: contents.get(app.maxMigrationPath) ?? null,
    };
    project.apps.set(app.label, snapshot);
  }
  return { projects: [...projects.values()].sort((a, b) => a.project.localeCompare(b.project)), notes };
}
