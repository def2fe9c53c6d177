import { posix } from 'node:path';
import { ConfigurationError } from '../errors.js';

/** Where one host keeps its daily snapshots. */
export interface SnapshotLayout {
  /** The deployment's directory on the host; relative paths are from the SSH user's home. */
  readonly deployDir: string;
  /** Relative to deployDir unless absolute. */
  readonly backupsDir: string;
  /** IANA time zone that decides a snapshot's date. */
  readonly timezone: string;
}

/** Every path one run touches, all on the host. */
export interface SnapshotPaths {
  readonly root: string;
  readonly date: string;
  /** `<root>/YYYY-MM-DD`: exists only when complete. */
  readonly final: string;
  /** `<root>/.YYYY-MM-DD.partial-<runId>`: where the run works. */
  readonly partial: string;
  /** `<root>/.YYYY-MM-DD.replaced-<runId>`: the old snapshot while `force` swaps in the new one. */
  readonly replaced: string;
  readonly lockFile: string;
}

export const MANIFEST_FILE = 'manifest.json';
export const LOCK_FILE = '.gateway-ops.lock';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** `.2026-11-25.partial-<id>` / `.replaced-<id>` / `.deleting-<id>`: left behind by a run that crashed. */
const LEFTOVER = /^\.(\d{4}-\d{2}-\d{2})\.(partial|replaced|deleting)-([A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;

/** The snapshot date of `now` in `timeZone` (YYYY-MM-DD). */
export function snapshotDate(now: Date, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    throw new ConfigurationError(
      `Invalid timezone '${timeZone}'. Expected an IANA time zone such as 'UTC' or 'America/Chicago'.`,
    );
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

export function isSnapshotDate(name: string): boolean {
  if (!DATE.test(name)) return false;
  const date = new Date(`${name}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(name);
}

export function backupsRoot(layout: SnapshotLayout): string {
  const root = posix.isAbsolute(layout.backupsDir)
    ? layout.backupsDir
    : posix.join(layout.deployDir || '.', layout.backupsDir);
  return posix.normalize(root).replace(/(.)\/+$/, '$1');
}

export function snapshotPaths(layout: SnapshotLayout, date: string, runId: string): SnapshotPaths {
  if (!isSnapshotDate(date)) throw new Error(`snapshotPaths: '${date}' is not a date YYYY-MM-DD`);
  if (!RUN_ID.test(runId)) {
    throw new Error(`snapshotPaths: run id '${runId}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'`);
  }
  const root = backupsRoot(layout);
  return {
    root,
    date,
    final: posix.join(root, date),
    partial: posix.join(root, `.${date}.partial-${runId}`),
    replaced: posix.join(root, `.${date}.replaced-${runId}`),
    lockFile: posix.join(root, LOCK_FILE),
  };
}

export interface LeftoverName {
  readonly name: string;
  readonly date: string;
  readonly kind: 'partial' | 'replaced' | 'deleting';
  readonly runId: string;
}

/** Recognises the hidden work directories a crashed run leaves behind; anything else is not ours. */
export function parseLeftoverName(name: string): LeftoverName | null {
  const match = LEFTOVER.exec(name);
  if (!match || !isSnapshotDate(match[1]!)) return null;
  return { name, date: match[1]!, kind: match[2] as LeftoverName['kind'], runId: match[3]! };
}
