import { decodeSource } from './migration-file.js';
import { type LogicalLine, tokenize } from './python-tokenizer.js';
import { isSkippedName, isSkippedPath, type RepositoryTree, type TreeEntry } from './tree.js';

/** A Django app with a migrations package, as found in a repository tree. */
export interface DjangoApp {
  /** Directory holding the project's manage.py ('' for the repository root or when there is none). */
  project: string;
  /** The app label, as dependencies spell it. */
  label: string;
  appDir: string;
  migrationsDir: string;
  /** Migration name -> file path, by Django's module rules. */
  migrations: Map<string, string>;
  maxMigrationPath: string;
}

export interface DiscoveryNote {
  project: string;
  label: string | null;
  code: 'migrations-symlink' | 'duplicate-label' | 'unreadable-apps-py' | 'invalid-label';
  message: string;
  file: string;
}

export interface Discovery {
  apps: DjangoApp[];
  notes: DiscoveryNote[];
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * A migration module name as Django's loader sees it (pkgutil.iter_modules on the package):
 * a `.py` file directly in the package, not starting with `_` or `~`, without a dot in its stem.
 */
export function migrationNameOf(fileName: string): string | null {
  if (!fileName.endsWith('.py')) return null;
  const stem = fileName.slice(0, -3);
  if (stem.length === 0 || stem.includes('.') || stem.startsWith('_') || stem.startsWith('~')) return null;
  return stem;
}

/** Finds every app with a `migrations/__init__.py`, outside vendored and virtualenv directories. */
export async function discoverApps(tree: RepositoryTree): Promise<Discovery> {
  const layout = layoutOf(tree);
  const { notes, packages, projects } = layout;
  const appsPy = packages.map((m) => `${dirname(m)}/apps.py`).filter((p) => tree.entries.has(p));
  const appsPyContent = await tree.read(appsPy);
  const apps: DjangoApp[] = [];
  for (const migrationsDir of packages.sort()) {
    const app = appAt(migrationsDir, layout, appsPyContent);
    if (app) apps.push(app);
  }
  notes.push(...duplicateLabels(apps));
  for (const note of notes) {
    if (note.code === 'migrations-symlink') note.project = projectOf(dirname(note.file), projects);
  }
  return { apps, notes };
}

/** What discovery needs from a tree's paths: projects, migrations packages, files by directory. */
interface Layout {
  /** Directories holding a manage.py. */
  projects: Set<string>;
  /** Directories `<app>/migrations` holding an `__init__.py`. */
  packages: string[];
  filesByDir: Map<string, string[]>;
  notes: DiscoveryNote[];
}

function layoutOf(tree: RepositoryTree): Layout {
  const layout: Layout = { projects: new Set(), packages: [], filesByDir: new Map(), notes: [] };
  for (const [dir, entries] of tree.directories ?? byDirectory(tree)) {
    if (isSkippedPath(dir)) continue;
    const facts = factsOf(dir, entries);
    if (facts.project) layout.projects.add(dir);
    if (facts.package) layout.packages.push(dir);
    for (const link of facts.symlinks) {
      layout.notes.push({
        project: '',
        label: null,
        code: 'migrations-symlink',
        message: `${link} is a symbolic link; its migrations are not read (git stores only the link). Check the directory it points to instead.`,
        file: link,
      });
    }
    layout.filesByDir.set(dir, facts.paths);
  }
  return layout;
}

/** By directory first: a tree has 10,000s of files in a few dozen directories. */
function byDirectory(tree: RepositoryTree): Map<string, TreeEntry[]> {
  const entriesByDir = new Map<string, TreeEntry[]>();
  for (const entry of tree.entries.values()) {
    const dir = dirname(entry.path);
    const list = entriesByDir.get(dir);
    if (list) list.push(entry);
    else entriesByDir.set(dir, [entry]);
  }
  return entriesByDir;
}

/** What discovery reads from one directory's files. */
interface DirectoryFacts {
  /** Holds a manage.py. */
  project: boolean;
  /** An `<app>/migrations` holding an `__init__.py`. */
  package: boolean;
  /** `migrations` entries that are symbolic links. */
  symlinks: string[];
  /** Its files' paths, skipped names left out. */
  paths: string[];
}

// By the directory's list of entries: the trees of one check share the list of an unchanged directory.
const FACTS = new WeakMap<readonly TreeEntry[], DirectoryFacts>();

function factsOf(dir: string, entries: readonly TreeEntry[]): DirectoryFacts {
  const known = FACTS.get(entries);
  if (known) return known;
  const isMigrations = basename(dir) === 'migrations' && dirname(dir) !== '';
  const facts: DirectoryFacts = { project: false, package: false, symlinks: [], paths: [] };
  for (const entry of entries) {
    const name = basename(entry.path);
    // A file named like a skipped directory is skipped too, as its path would be.
    if (isSkippedName(name)) continue;
    if (name === 'manage.py' && entry.kind === 'file') facts.project = true;
    if (name === '__init__.py' && isMigrations) facts.package = true;
    if (entry.kind === 'symlink' && name === 'migrations') facts.symlinks.push(entry.path);
    facts.paths.push(entry.path);
  }
  FACTS.set(entries, facts);
  return facts;
}

/** The app of one migrations package, its label from apps.py; null (with a note) for an invalid label. */
function appAt(
  migrationsDir: string,
  layout: Layout,
  appsPyContent: ReadonlyMap<string, Uint8Array>,
): DjangoApp | null {
  const appDir = dirname(migrationsDir);
  const project = projectOf(appDir, layout.projects);
  let label = basename(appDir);
  const appsPyPath = `${appDir}/apps.py`;
  const content = appsPyContent.get(appsPyPath);
  if (content) {
    const found = labelOf(content);
    if (found.ok) label = found.label ?? label;
    else {
      layout.notes.push({
        project,
        label,
        code: 'unreadable-apps-py',
        message: `cannot read the app label from ${appsPyPath} (${found.reason}); using the directory name '${label}'`,
        file: appsPyPath,
      });
    }
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) {
    // Django refuses such a label at startup; it would also end up in a suggested command.
    layout.notes.push({
      project,
      label,
      code: 'invalid-label',
      message: `the app in ${appDir} has the label '${label}', which is not a Python identifier; Django refuses to start with it`,
      file: content ? appsPyPath : appDir,
    });
    return null;
  }
  const migrations = migrationsOf(layout.filesByDir.get(migrationsDir) ?? []);
  return {
    project,
    label,
    appDir,
    migrationsDir,
    migrations,
    maxMigrationPath: `${migrationsDir}/max_migration.txt`,
  };
}

// By the file's bytes: a check's trees get the same bytes for the same blob, so each apps.py is read once.
const LABELS = new WeakMap<Uint8Array, ReturnType<typeof labelFromAppsPy>>();

function labelOf(content: Uint8Array): ReturnType<typeof labelFromAppsPy> {
  let found = LABELS.get(content);
  if (!found) {
    found = labelFromAppsPy(content);
    LABELS.set(content, found);
  }
  return found;
}

// By the package's list of paths (shared by trees where it is unchanged); never changed once built.
const MIGRATIONS = new WeakMap<readonly string[], Map<string, string>>();

/** Migration name -> path of a package's files. */
function migrationsOf(paths: readonly string[]): Map<string, string> {
  let migrations = MIGRATIONS.get(paths);
  if (migrations) return migrations;
  migrations = new Map();
  for (const p of paths) {
    const name = migrationNameOf(basename(p));
    if (name !== null) migrations.set(name, p);
  }
  MIGRATIONS.set(paths, migrations);
  return migrations;
}

/** A second app with a project's label (Django refuses to start). */
function duplicateLabels(apps: readonly DjangoApp[]): DiscoveryNote[] {
  const notes: DiscoveryNote[] = [];
  const seen = new Map<string, DjangoApp>();
  for (const app of apps) {
    const key = `${app.project}\0${app.label}`;
    const other = seen.get(key);
    if (other) {
      notes.push({
        project: app.project,
        label: app.label,
        code: 'duplicate-label',
        message: `two apps share the label '${app.label}': ${other.appDir} and ${app.appDir} (Django refuses to start); set a distinct AppConfig.label`,
        file: `${app.appDir}/apps.py`,
      });
    } else seen.set(key, app);
  }
  return notes;
}

function projectOf(appDir: string, projects: Set<string>): string {
  for (let dir = appDir; ; dir = dirname(dir)) {
    if (projects.has(dir)) return dir;
    if (dir === '') return '';
  }
}

/**
 * The label of the AppConfig in apps.py: `label = "..."`, else the last part of `name = "..."`.
 * With several configs, the one marked `default = True` wins, as in Django.
 */
export function labelFromAppsPy(
  bytes: Uint8Array,
): { ok: true; label: string | null } | { ok: false; reason: string } {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  let lines: LogicalLine[];
  try {
    lines = tokenize(decoded.text);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const configs: { label?: string; name?: string; isDefault: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!;
    if (header.indent !== 0 || header.tokens[0]?.text !== 'class') continue;
    const config: { label?: string; name?: string; isDefault: boolean } = { isDefault: false };
    const bodyIndent = lines[i + 1]?.indent ?? 0;
    for (let j = i + 1; j < lines.length && lines[j]!.indent > 0; j++) {
      const line = lines[j]!;
      const [target, eq, value, end] = line.tokens;
      if (line.indent !== bodyIndent || eq?.text !== '=' || end !== undefined) continue;
      if (target?.text === 'label' && value?.type === 'string') config.label = value.value;
      if (target?.text === 'name' && value?.type === 'string') config.name = value.value;
      if (target?.text === 'default' && value?.text === 'True') config.isDefault = true;
    }
    if (config.label !== undefined || config.name !== undefined) configs.push(config);
  }
  const chosen = configs.length === 1 ? configs[0] : (configs.find((c) => c.isDefault) ?? configs[0]);
  if (!chosen) return { ok: true, label: null };
  if (chosen.label !== undefined) return { ok: true, label: chosen.label };
  return { ok: true, label: chosen.name!.slice(chosen.name!.lastIndexOf('.') + 1) };
}
