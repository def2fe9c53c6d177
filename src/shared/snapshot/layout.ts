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
  /** The snapshot's day (the manifest's `date`). */
  readonly date: string;
  /** The directory's name: the date for a daily snapshot, or a label such as `pre-restore-20261201T101500Z`. */
  readonly label: string;
  /** `<root>/<label>`: exists only when complete. */
  readonly final: string;
  /** `<root>/.<label>.partial-<runId>`: where the run works. */
  readonly partial: string;
  /** `<root>/.<label>.replaced-<runId>`: the old snapshot while `force` swaps in the new one. */
  readonly replaced: string;
  readonly lockFile: string;
}

export const MANIFEST_FILE = 'manifest.json';
export const LOCK_FILE = '.gateway-ops.lock';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A restore's safety snapshot: `pre-restore-<UTC time>`, e.g. `pre-restore-20261201T101500Z`. */
const PRE_RESTORE = /^pre-restore-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** `.2026-11-25.partial-<id>` / `.replaced-<id>` / `.deleting-<id>`: left behind by a run that crashed. */
const LEFTOVER =
  /^\.(\d{4}-\d{2}-\d{2}|pre-restore-\d{8}T\d{6}Z)\.(partial|replaced|deleting)-([A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;

/** A restore's private work dir (`mktemp -d .restore-XXXXXXXXXX`; a base-36 time before mktemp). */
const RESTORE_WORK_DIR = /^\.restore-[A-Za-z0-9]{1,32}$/;

export type SnapshotKind = 'daily' | 'pre-restore';

/** Whether a name in the backups dir is a restore's work dir: only a run that died leaves one. */
export function isRestoreWorkDir(name: string): boolean {
  return RESTORE_WORK_DIR.test(name);
}

/** The label of a restore's safety snapshot taken at `now`: `pre-restore-20261201T101500Z` (UTC). */
export function preRestoreLabel(now: Date): string {
  return `pre-restore-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}Z`;
}

/** True for a real UTC time in the `pre-restore-YYYYMMDDTHHMMSSZ` form. */
export function isPreRestoreLabel(name: string): boolean {
  const m = PRE_RESTORE.exec(name);
  if (!m) return false;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  const time = new Date(iso);
  return !Number.isNaN(time.getTime()) && time.toISOString() === iso;
}

/** What kind of snapshot a directory name is, or null when it is not a snapshot's name at all. */
export function snapshotKind(name: string): SnapshotKind | null {
  if (isSnapshotDate(name)) return 'daily';
  if (isPreRestoreLabel(name)) return 'pre-restore';
  return null;
}

/** The UTC day of a pre-restore label (`2026-12-01`), or the date itself for a daily one. */
export function dayOfSnapshotName(name: string): string | null {
  if (isSnapshotDate(name)) return name;
  const m = PRE_RESTORE.exec(name);
  return m && isPreRestoreLabel(name) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

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

export function snapshotPaths(
  layout: SnapshotLayout,
  date: string,
  runId: string,
  label: string = date,
): SnapshotPaths {
  if (!isSnapshotDate(date)) throw new Error(`snapshotPaths: '${date}' is not a date YYYY-MM-DD`);
  if (label !== date && !isPreRestoreLabel(label)) {
    throw new Error(`snapshotPaths: label '${label}' is neither the date nor pre-restore-YYYYMMDDTHHMMSSZ`);
  }
  if (!RUN_ID.test(runId)) {
    throw new Error(`snapshotPaths: run id '${runId}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'`);
  }
  const root = backupsRoot(layout);
  return {
    root,
    date,
    label,
    final: posix.join(root, label),
    partial: posix.join(root, `.${label}.partial-${runId}`),
    replaced: posix.join(root, `.${label}.replaced-${runId}`),
    lockFile: posix.join(root, LOCK_FILE),
  };
}

export interface LeftoverName {
  readonly name: string;
  /** The snapshot's name (a date, or a pre-restore label). */
  readonly date: string;
  readonly kind: 'partial' | 'replaced' | 'deleting';
  readonly runId: string;
}

/** Recognises the hidden work directories a crashed run leaves behind; anything else is not ours. */
export function parseLeftoverName(name: string): LeftoverName | null {
  const match = LEFTOVER.exec(name);
  if (!match || snapshotKind(match[1]!) === null) return null;
  return { name, date: match[1]!, kind: match[2] as LeftoverName['kind'], runId: match[3]! };
}
