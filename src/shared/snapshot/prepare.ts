/**
 * The start of a run on the host, before the lock is held and just after: the backups dir is
 * created and checked (nobody else can write into it), the tools are there, the listing is taken
 * and today's work dir made; what the listing holds that is not the SSH user's own is never used.
 * Under the lock, crashed runs' leftovers are cleaned up and an existing snapshot of today judged.
 */
import { posix } from 'node:path';
import { OperationError } from '../errors.js';
import { missingToolsScript, shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { settingRef } from '../setting-ref.js';
import { parseLeftoverName, type SnapshotLayout, type SnapshotPaths, snapshotKind } from './layout.js';
import { BACKUPS_LISTING, type BackupsEntry } from './listing.js';
import { type LockHooks, MISSING_TOOLS, SETUP_FAILED } from './lock.js';
import { type VerifyReport, verifySnapshot } from './verify.js';

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
  'readlink',
  'dirname',
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
if [ -L "$root" ]; then refuse "the backups dir $root is a symlink (to $(readlink -- "$root")): give its real path as ${settingRef('backups-dir')}"; fi
if [ ! -d "$root" ]; then
  mkdir -p -- "$root" 2>/dev/null || { echo "${SETUP_FAILED} cannot create the backups dir $root as $(id -un): $(mkdir -p -- "$root" 2>&1 | tail -n 1)" >&2; exit 73; }
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
# After the owner check: a dir of another user's is refused as such, with the chown that fixes it.
if [ ! -w "$root" ] || [ ! -x "$root" ]; then
  refuse "the backups dir $root is not writable by $(id -un) (owner $(stat -c %U -- "$root"), mode $(stat -c %a -- "$root")); run: chmod u+rwx $(printf %q "$root")"
fi
`;
}

export const PARTIAL_CREATED = '/partial-created';
/** Printed with a description when the snapshot's own path holds a symbolic link or a file. */
export const NOT_A_DIRECTORY = '/not-a-directory';

/** Around taking the lock: the tools and the backups dir before; the listing (and work dir) after. */
export function snapshotLockHooks(layout: SnapshotLayout, paths: SnapshotPaths): LockHooks {
  return { before: snapshotLockBefore(layout, paths.root), after: listScript(paths.root, paths) };
}

/** Before a snapshot run's lock: the tools, and a backups dir made (or checked) as only its user may write. */
export function snapshotLockBefore(layout: SnapshotLayout, root: string): string {
  return `missing=$(${missingToolsScript(SNAPSHOT_TOOLS)})
if [ -n "$missing" ]; then echo "${MISSING_TOOLS}" $missing >&2; exit 69; fi
${prepareScript(root, layout.deployDir)}`;
}

export function listScript(root: string, paths: SnapshotPaths): string {
  return `(
  cd -- ${shellQuote(root)}
${BACKUPS_LISTING})
final=${shellQuote(paths.final)}
if [ -L "$final" ]; then
  echo "${NOT_A_DIRECTORY} a symbolic link to $(readlink -- "$final") owned by $(stat -c %U -- "$final")"
elif [ -e "$final" ] && [ ! -d "$final" ]; then
  echo "${NOT_A_DIRECTORY} a $(stat -c %F -- "$final") owned by $(stat -c %U -- "$final")"
elif [ ! -e "$final" ]; then mkdir -m 0700 -- ${shellQuote(paths.partial)}; echo ${PARTIAL_CREATED}; fi
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
    else if (entry.name === paths.label) {
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

/** What to do with one hidden leftover of a crashed run (see planLeftovers). */
export interface LeftoverAction {
  readonly name: string;
  /** `remove` a crashed run's work; `restore` an old snapshot a crashed `force` swap had moved aside. */
  readonly action: 'remove' | 'restore';
  /** The snapshot's name (a date, or a pre-restore label). */
  readonly date: string;
}

/**
 * What to do with hidden work directories left by crashed runs. Pure: given the names in the
 * backups dir, a `.partial-*` is always removed (only the lock holder writes, and we hold it); a
 * `.replaced-*` is the previous snapshot of a `force` run that died between its two renames, so it
 * goes back in place when its date is missing, and is removed when the new one made it; a
 * `.deleting-*` is a snapshot retention had started to delete.
 */
export function planLeftovers(names: readonly string[]): LeftoverAction[] {
  const dates = new Set(names.filter((name) => snapshotKind(name) !== null));
  const actions: LeftoverAction[] = [];
  for (const name of [...names].sort()) {
    const leftover = parseLeftoverName(name);
    if (!leftover) continue;
    if (leftover.kind === 'replaced' && !dates.has(leftover.date)) {
      dates.add(leftover.date);
      actions.push({ name, action: 'restore', date: leftover.date });
    } else {
      actions.push({ name, action: 'remove', date: leftover.date });
    }
  }
  return actions;
}

export function leftoverScript(root: string, actions: readonly LeftoverAction[]): string {
  const lines = actions.map((action) =>
    action.action === 'remove'
      ? `rm -rf -- ${shellQuote(action.name)}`
      : `mv -T -- ${shellQuote(action.name)} ${shellQuote(action.date)}`,
  );
  return `cd -- ${shellQuote(root)}
${lines.join('\n')}
sync -- . 2>/dev/null || true
`;
}

/** Cleans up after crashed runs (see planLeftovers), saying what it does; returns what it did. */
export async function cleanLeftovers(
  remote: RemoteHost,
  root: string,
  names: readonly string[],
  log: Log,
): Promise<LeftoverAction[]> {
  const leftovers = planLeftovers(names);
  if (leftovers.length === 0) return leftovers;
  for (const leftover of leftovers) {
    log.warn(
      leftover.action === 'remove'
        ? `Removing ${posix.join(root, leftover.name)}, left by a run that did not finish.`
        : `Restoring ${leftover.date} from ${leftover.name}: a forced run died while swapping it.`,
    );
  }
  await remote.exec(leftoverScript(root, leftovers));
  return leftovers;
}

/** Today's snapshot exists: keep it (it verifies), replace it (force, or a component failed), or refuse. */
export async function judgeToday(
  remote: RemoteHost,
  paths: SnapshotPaths,
  options: { readonly force?: boolean },
  log: Log,
): Promise<{ kind: 'keep' | 'replace'; report: VerifyReport }> {
  const report = await verifySnapshot(remote, paths.final);
  if (report.verdict === 'good' && !options.force) return { kind: 'keep', report };
  // Files that verify, with a component recorded as failed: retaken, as a failed run would be.
  const onlyFailedComponents =
    report.verdict === 'incomplete' && report.failedComponents.length > 0 && report.fileProblems.length === 0;
  if (report.verdict !== 'good' && !options.force && !onlyFailedComponents) {
    throw new OperationError(
      `Today's snapshot ${paths.final} exists but is ${report.verdict}: ${report.problems.slice(0, 5).join('; ')}`,
      {
        hint: `Look at it, then run with ${settingRef('force', true)} to replace it (the old one is kept until the new one is complete).`,
      },
    );
  }
  if (onlyFailedComponents) {
    log.warn(
      `Today's snapshot ${paths.final} has failed component(s) ${report.failedComponents.join(', ')}: taking it again; it is replaced only once the new one is complete.`,
    );
  }
  return { kind: 'replace', report };
}
