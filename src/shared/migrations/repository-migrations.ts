import { type DiscoveryNote, type DjangoApp, discoverApps } from './apps.js';
import type { AppMigrations, ProjectMigrations } from './graph.js';
import { type MigrationReadResult, readMigrationFile } from './migration-file.js';
import { compareNames } from './order.js';
import type { RepositoryTree } from './tree.js';

export interface RepositoryMigrations {
  projects: ProjectMigrations[];
  notes: DiscoveryNote[];
}

/** Parsed files by content id: a PR's base, head and merge-base share almost every file. */
export type ParseCache = Map<string, MigrationReadResult>;

/** Stands in for the files of an app that is not read: its names are known, its edges are not. */
const NOT_READ: MigrationReadResult = {
  ok: true,
  source: '',
  declaration: { classLine: 0, dependencies: [], replaces: [], runBefore: [], dependencyAssignments: [] },
};

// An unread app's stand-ins by its (shared, never changed) name -> path map: built once per check.
const UNREAD = new WeakMap<ReadonlyMap<string, string>, Map<string, MigrationReadResult>>();

function notRead(names: ReadonlyMap<string, string>): Map<string, MigrationReadResult> {
  let migrations = UNREAD.get(names);
  if (!migrations) {
    migrations = new Map();
    for (const name of names.keys()) migrations.set(name, NOT_READ);
    UNREAD.set(names, migrations);
  }
  return migrations;
}

/**
 * Discovers the apps of a tree and reads the migration files and max_migration.txt of the
 * apps `select` accepts (default all). The others keep their migration names only (so
 * dependencies on them can be checked) and are marked `partial`: never judge them.
 */
export async function readRepositoryMigrations(
  tree: RepositoryTree,
  cache: ParseCache = new Map(),
  select: (app: DjangoApp) => boolean = () => true,
): Promise<RepositoryMigrations> {
  const { apps, notes } = await discoverApps(tree);
  const toRead: string[] = [];
  for (const app of apps) {
    if (!select(app)) continue;
    for (const p of app.migrations.values()) {
      const entry = tree.entries.get(p);
      if (entry?.kind === 'file' && !cache.has(entry.id)) toRead.push(p);
    }
    if (tree.entries.has(app.maxMigrationPath)) toRead.push(app.maxMigrationPath);
  }
  const contents = await tree.read(toRead);
  const projects = new Map<string, ProjectMigrations>();
  for (const app of apps) {
    const project = projects.get(app.project) ?? { project: app.project, apps: new Map() };
    projects.set(app.project, project);
    // A second app with the same label is reported by discovery; Django would refuse to start.
    if (project.apps.has(app.label)) continue;
    const hasMaxMigration = tree.entries.get(app.maxMigrationPath)?.kind === 'file';
    if (!select(app)) {
      const migrations = notRead(app.migrations);
      project.apps.set(app.label, { app, migrations, maxMigration: null, hasMaxMigration, partial: true });
      continue;
    }
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
    const state: AppMigrations = {
      app,
      migrations,
      maxMigration: contents.get(app.maxMigrationPath) ?? null,
      hasMaxMigration,
      partial: false,
    };
    project.apps.set(app.label, state);
  }
  return { projects: [...projects.values()].sort((a, b) => compareNames(a.project, b.project)), notes };
}
