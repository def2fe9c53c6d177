import { posix } from 'node:path';
import { OperationError } from '../errors.js';
import { shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import {
  backupsRoot,
  dayOfSnapshotName,
  MANIFEST_FILE,
  parseLeftoverName,
  type SnapshotKind,
  type SnapshotLayout,
  snapshotKind,
} from './layout.js';
import {
  backupsListingScript,
  backupsListingWith,
  parseBackupsListing,
  SNAPSHOT_NAME_PATTERN,
} from './listing.js';
import type { HostLock } from './lock.js';
import { failedComponents, type Manifest, parseManifest } from './manifest.js';
import { parseListing } from './verify.js';

/** The snapshot directories in the backups dir (dates and pre-restore labels), oldest first; hidden work dirs excluded. */
export async function listSnapshots(remote: RemoteHost, layout: SnapshotLayout): Promise<string[]> {
  const root = backupsRoot(layout);
  const { stdout } = await remote.exec(backupsListingScript(root), {
    description: `list the snapshots in ${root}`,
  });
  return parseBackupsListing(stdout.split('\n'))
    .map((entry) => entry.name)
    .filter((name) => snapshotKind(name) !== null)
    .sort();
}

/**
 * `latest` (the newest daily snapshot: a restore's safety snapshot is never `latest`), a date, or a
 * pre-restore label, against the names present; throws naming what exists when there is no match.
 */
export function chooseSnapshot(names: readonly string[], wanted: string, where: string): string {
  const sorted = [...names].sort();
  if (wanted === 'latest') {
    const latest = sorted.filter((name) => snapshotKind(name) === 'daily').at(-1);
    if (!latest) throw new OperationError(`No snapshot in ${where}.`);
    return latest;
  }
  if (!sorted.includes(wanted)) {
    throw new OperationError(
      `No snapshot ${wanted} in ${where}. Found: ${sorted.length ? sorted.slice(-10).join(', ') : 'none'}.`,
    );
  }
  return wanted;
}

/**
 * What one snapshot directory is, from a cheap look (names and sizes, no checksums):
 * `complete`: every component passed and every file has its manifest size; `partial`: the files
 * match but a component failed (the others are good); `bad`: files missing or of the wrong size,
 * or a manifest that does not parse; `no-manifest`: nothing says it is ours.
 */
export type CatalogState = 'complete' | 'partial' | 'bad' | 'no-manifest';

export interface CatalogEntry {
  readonly name: string;
  readonly kind: SnapshotKind;
  /** The snapshot's day: the date, or a pre-restore label's UTC day. */
  readonly day: string;
  readonly state: CatalogState;
  readonly manifest: Manifest | null;
  /** Components with a good copy here (none unless `complete` or `partial`). */
  readonly goodComponents: readonly string[];
  readonly failedComponents: readonly string[];
  /** Why it is not complete, one line each. */
  readonly problems: readonly string[];
}

export interface Catalog {
  readonly root: string;
  /** Oldest first. */
  readonly entries: readonly CatalogEntry[];
  /** `.<name>.replaced-*` directories: a forced run's old snapshot, moved aside and not (yet) put back or removed. */
  readonly replaced: readonly string[];
  /** Snapshot-named directories owned by another user or writable by others: not made by gateway-ops, never judged or used. */
  readonly foreign?: readonly string[];
}

const MANIFEST_START = '--manifest';
const MANIFEST_END = '--end';
const DIR_LINE = /^dir (good|none) (own|foreign) (.+)$/;

/**
 * One round trip: the backups dir's listing, and below each snapshot directory of the SSH user's
 * own its entries with sizes and its manifest's text; nothing when the dir does not exist.
 */
export function catalogScript(root: string): string {
  return `if [ -d ${shellQuote(root)} ]; then
  cd -- ${shellQuote(root)}
${backupsListingWith(`    [ "$owner" = own ] || continue
    case $name in ${SNAPSHOT_NAME_PATTERN}) ;; *) continue ;; esac
    find "$name" -mindepth 1 -printf '%y\\t%s\\t%P\\n'
    if [ "$manifest" = good ] && [ ! -L "$name/${MANIFEST_FILE}" ]; then
      echo ${MANIFEST_START}
      cat -- "$name/${MANIFEST_FILE}"
      echo
      echo ${MANIFEST_END}
    fi
`)}fi
`;
}

/** Parses catalogScript's output and judges each entry (pure). */
export function parseCatalog(root: string, text: string): Catalog {
  const blocks: { name: string; own: boolean; listing: string[]; manifest: string[] | null }[] = [];
  let inManifest = false;
  for (const line of text.split('\n')) {
    const current = blocks.at(-1);
    const dir = inManifest ? null : DIR_LINE.exec(line);
    if (inManifest && current) {
      if (line === MANIFEST_END) inManifest = false;
      else current.manifest!.push(line);
    } else if (dir) {
      blocks.push({ name: dir[3]!, own: dir[2] === 'own', listing: [], manifest: null });
    } else if (line === MANIFEST_START && current) {
      current.manifest = [];
      inManifest = true;
    } else if (current) {
      current.listing.push(line);
    }
  }
  const own = blocks.filter((block) => block.own);
  const entries = own
    .map((block) => judgeEntry(block.name, block.listing.join('\n'), block.manifest?.join('\n') ?? null))
    .filter((entry): entry is CatalogEntry => entry !== null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const replaced = own
    .map((block) => block.name)
    .filter((name) => parseLeftoverName(name)?.kind === 'replaced');
  const foreign = blocks
    .filter((block) => !block.own && snapshotKind(block.name) !== null)
    .map((block) => block.name);
  return { root, entries, replaced: replaced.sort(), foreign: foreign.sort() };
}

/** One directory, judged from its listing (`%y\t%s\t%P` lines) and its manifest's text; null when the name is not a snapshot's. */
export function judgeEntry(name: string, listing: string, manifestText: string | null): CatalogEntry | null {
  const kind = snapshotKind(name);
  const day = dayOfSnapshotName(name);
  if (kind === null || day === null) return null;
  const base = { name, kind, day, goodComponents: [], failedComponents: [] };
  if (manifestText === null) {
    return { ...base, state: 'no-manifest', manifest: null, problems: [`${name} has no ${MANIFEST_FILE}`] };
  }
  const parsed = parseManifest(manifestText);
  if (!parsed.ok) return { ...base, state: 'bad', manifest: null, problems: [`${name}: ${parsed.problem}`] };
  const manifest = parsed.manifest;
  const found = new Map(
    parseListing(listing)
      .filter((entry) => entry.type === 'f')
      .map((entry) => [entry.path, entry.size]),
  );
  const problems: string[] = [];
  if ((manifest.label ?? manifest.date) !== name) {
    problems.push(`${name}: the manifest is for ${manifest.label ?? manifest.date}`);
  }
  for (const file of manifest.files) {
    const size = found.get(file.path);
    if (size === undefined) problems.push(`${name}/${file.path}: missing (expected ${file.size} bytes)`);
    else if (size !== file.size)
      problems.push(`${name}/${file.path}: size ${size} bytes, expected ${file.size}`);
  }
  if (problems.length > 0) return { ...base, state: 'bad', manifest, problems };
  const failed = failedComponents(manifest);
  const good = Object.keys(manifest.components).filter((component) => !failed.includes(component));
  return {
    ...base,
    state: failed.length > 0 ? 'partial' : 'complete',
    manifest,
    goodComponents: good,
    failedComponents: failed,
    problems: failed.map((component) => `${name}: component ${component} failed`),
  };
}

/** Every snapshot directory of the backups dir, judged by names and sizes; empty when the dir does not exist. */
export async function readCatalog(remote: RemoteHost, layout: SnapshotLayout): Promise<Catalog> {
  const root = backupsRoot(layout);
  const { stdout } = await remote.exec(catalogScript(root), {
    description: `read the snapshots in ${root}`,
  });
  return parseCatalog(root, stdout);
}

/** The newest complete daily snapshot (what a restore's `latest` means), or null. */
export function newestComplete(catalog: Catalog): CatalogEntry | null {
  return catalog.entries.filter((e) => e.kind === 'daily' && e.state === 'complete').at(-1) ?? null;
}

/**
 * Deletes whole snapshots (retention). Under the host lock only. Each is first renamed to a hidden
 * `.DATE.deleting-<run>` name, so a dated directory is either complete or gone, never half-deleted;
 * a crash mid-removal leaves a hidden leftover the next run removes.
 */
export async function deleteSnapshots(
  remote: RemoteHost,
  layout: SnapshotLayout,
  lock: HostLock,
  runId: string,
  dates: readonly string[],
): Promise<void> {
  if (dates.length === 0) return;
  if (!lock.held())
    throw new OperationError('deleteSnapshots: the host lock is not held; nothing was deleted.');
  const root = backupsRoot(layout);
  await remote.exec(deleteSnapshotsScript(root, runId, dates), {
    description: `delete ${dates.length} snapshot(s) in ${posix.basename(root)}`,
  });
}

/** Renames each dated dir to `.DATE.deleting-<run>`, then removes it. */
export function deleteSnapshotsScript(root: string, runId: string, dates: readonly string[]): string {
  const lines = dates.map((date) => {
    if (snapshotKind(date) === null) throw new Error(`deleteSnapshots: '${date}' is not a snapshot date`);
    const hidden = `.${date}.deleting-${runId}`;
    return `if [ -d ${shellQuote(date)} ]; then mv -T -- ${shellQuote(date)} ${shellQuote(hidden)}; rm -rf -- ${shellQuote(hidden)}; fi`;
  });
  return `cd -- ${shellQuote(root)}\n${lines.join('\n')}\nsync -- . 2>/dev/null || true\n`;
}
