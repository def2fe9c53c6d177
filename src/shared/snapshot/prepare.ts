/**
 * The start of a run on the host, before the lock is held and just after: the backups dir is
 * created and checked (nobody else can write into it), the tools are there, the listing is taken
 * and today's work dir made; what the listing holds that is not the SSH user's own is never used.
 */
import { posix } from 'node:path';
import { OperationError } from '../errors.js';
import { missingToolsScript, shellQuote } from '../remote/script.js';
import type { Log } from '../report/log.js';
import { parseLeftoverName, type SnapshotLayout, type SnapshotPaths } from './layout.js';
import { BACKUPS_LISTING, type BackupsEntry } from './listing.js';
import { type LockHooks, MISSING_TOOLS, SETUP_FAILED } from './lock.js';

/** Tools every snapshot run needs on the host, checked before anything is written. */
export const SNAPSHOT_TOOLS = [
  'bash',
  'flock',
  'mkdir',
  'mv',
  'rm',
  'sync',
  'stat',
  'sha256sum',
  'find',
  'tee',
  'tail',
];
/**
 * Creates the backups dir when missing and refuses one that others could write into: a symlink,
 * or the dir or an ancestor up to the deploy dir owned by another user (root excepted for
 * ancestors) or writable by group/others. Only the backup user can then plant a lock symlink or a
 * work dir there.
 */
export function prepareScript(root: string, deployDir: string): string {
  return `umask 077
root=${shellQuote(root)}
stop=${shellQuote(posix.normalize(deployDir || '.'))}
refuse() { echo "${SETUP_FAILED} $1" >&2; exit 73; }
if [ -L "$root" ]; then refuse "the backups dir $root is a symlink (to $(readlink -- "$root")): give its real path as backups-dir"; fi
if [ ! -d "$root" ]; then
  mkdir -p -- "$root" 2>/dev/null || { echo "${SETUP_FAILED} cannot create the backups dir $root as $(id -un): $(mkdir -p -- "$root" 2>&1 | tail -n 1)" >&2; exit 73; }
fi
if [ ! -w "$root" ] || [ ! -x "$root" ]; then
  echo "${SETUP_FAILED} the backups dir $root is not writable by $(id -un) (owner $(stat -c %U -- "$root"), mode $(stat -c %a -- "$root"))" >&2
  exit 73
fi
dir=$root
while :; do
  owner=$(stat -c %u -- "$dir"); mode=$(stat -c %a -- "$dir")
  if [ "$owner" != "$(id -u)" ] && { [ "$dir" = "$root" ] || [ "$owner" != 0 ]; }; then
    refuse "$dir is owned by $(stat -c %U -- "$dir"), not $(id -un): others could plant files in the backups dir; run: chown $(id -un) $(printf %q "$dir")"
  fi
  if [ $((8#$mode & 8#022)) -ne 0 ]; then
    refuse "$dir is writable by group or others (mode $mode): others could plant files in the backups dir; run: chmod go-w $(printf %q "$dir")"
  fi
  if [ "$dir" = "$stop" ] || [ "$dir" = / ] || [ "$dir" = . ]; then break; fi
  dir=$(dirname -- "$dir")
done
`;
}

export const PARTIAL_CREATED = '/partial-created';

/** Around taking the lock: the tools and the backups dir before; the listing (and work dir) after. */
export function snapshotLockHooks(layout: SnapshotLayout, paths: SnapshotPaths): LockHooks {
  return {
    before: `missing=$(${missingToolsScript(SNAPSHOT_TOOLS)})
if [ -n "$missing" ]; then echo "${MISSING_TOOLS}" $missing >&2; exit 69; fi
${prepareScript(paths.root, layout.deployDir)}`,
    after: listScript(paths.root, paths),
  };
}

export function listScript(root: string, paths: SnapshotPaths): string {
  return `(
  cd -- ${shellQuote(root)}
${BACKUPS_LISTING})
if [ ! -e ${shellQuote(paths.final)} ]; then mkdir -m 0700 -- ${shellQuote(paths.partial)}; echo ${PARTIAL_CREATED}; fi
`;
}

/** Creates the run's work dir; fails if it exists (a run never adopts a directory it did not make). */
export function partialDirScript(paths: SnapshotPaths): string {
  return `umask 077
mkdir -m 0700 -- ${shellQuote(paths.partial)}
`;
}

/**
 * The names of the listing this run may act on. A work dir or today's snapshot that is not the
 * SSH user's own (another owner, or writable by others) was not made by gateway-ops: it is never
 * adopted, restored or removed; today's refuses the run, a work dir is left with a warning.
 */
export function ownEntries(entries: readonly BackupsEntry[], paths: SnapshotPaths, log: Log): string[] {
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.own) names.push(entry.name);
    else if (entry.name === paths.date) {
      throw new OperationError(
        `Today's snapshot ${paths.final} is owned by another user or writable by others: gateway-ops did not make it and will not use it.`,
        {
          hint: `Look at it (ls -ld ${paths.final}); remove it or fix its owner and mode (chmod go-w), then run again.`,
        },
      );
    } else if (parseLeftoverName(entry.name)) {
      log.warn(
        `Leaving ${posix.join(paths.root, entry.name)} alone: it is owned by another user or writable by others, so no gateway-ops run made it. Look at it and remove it.`,
      );
    } else names.push(entry.name);
  }
  return names;
}
