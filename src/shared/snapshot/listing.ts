/**
 * The one listing of a backups dir: every directory in it (hidden work dirs included), whether it
 * holds a manifest, and whether it is this user's own (owned by the SSH user, writable by no one
 * else). Every reader (the run's start, the commit, retention, verify's catalog) uses it.
 */
import { shellQuote } from '../remote/script.js';
import { isSnapshotDate, MANIFEST_FILE } from './layout.js';
import type { DatedSnapshot } from './retention.js';

/**
 * Run in the backups dir: `dir <good|none> <own|foreign> <name>` per directory, each followed by
 * what `detail` prints for it (run with `$name`, `$manifest` and `$owner` set, stdin /dev/null;
 * `continue` skips to the next directory). Names holding a newline are left out: no name this
 * project writes has one, and they would forge lines.
 */
export function backupsListingWith(detail: string): string {
  return `me=$(id -u)
find . -mindepth 1 -maxdepth 1 -type d -printf '%U %m %P\\0' | while IFS=' ' read -r -d '' uid mode name; do
  [[ $name == *$'\\n'* ]] && continue
  if [ -f "$name/${MANIFEST_FILE}" ]; then manifest=good; else manifest=none; fi
  if [ "$uid" = "$me" ] && [ $((8#$mode & 8#022)) -eq 0 ]; then owner=own; else owner=foreign; fi
  printf 'dir %s %s %s\\n' "$manifest" "$owner" "$name"
${detail ? `  {\n${detail}  } </dev/null\n` : ''}done
`;
}

/** The listing alone (see backupsListingWith). */
export const BACKUPS_LISTING = backupsListingWith('');

/** The names of snapshot directories (dates, pre-restore labels), as a `case` pattern for detail scripts. */
export const SNAPSHOT_NAME_PATTERN = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] | pre-restore-*';

/** BACKUPS_LISTING of `root`, or nothing when `root` does not exist. */
export function backupsListingScript(root: string): string {
  return `if [ -d ${shellQuote(root)} ]; then
  cd -- ${shellQuote(root)}
${BACKUPS_LISTING}fi
`;
}

export interface BackupsEntry {
  readonly name: string;
  /** It holds a manifest.json. */
  readonly hasManifest: boolean;
  /** Owned by the SSH user and not writable by group or others. */
  readonly own: boolean;
}

/** The entries of a BACKUPS_LISTING (other lines are ignored). */
export function parseBackupsListing(lines: readonly string[]): BackupsEntry[] {
  return lines
    .map((line) => /^dir (good|none) (own|foreign) (.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[3]!, hasManifest: match[1] === 'good', own: match[2] === 'own' }));
}

/** The dated directories of a BACKUPS_LISTING (verified: it holds a manifest), oldest first. */
export function parseSnapshotListing(lines: readonly string[]): DatedSnapshot[] {
  return parseBackupsListing(lines)
    .filter((entry) => isSnapshotDate(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => ({ date: entry.name, verified: entry.hasManifest }));
}
