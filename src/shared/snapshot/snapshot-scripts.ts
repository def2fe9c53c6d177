import {
  isSnapshotDate,
  MANIFEST_FILE,
  parseLeftoverName,
  type SnapshotPaths,
  snapshotKind,
} from './layout.js';
import { SETUP_FAILED } from './lock.js';
import type { DatedSnapshot } from './retention.js';
import { shellQuote } from './shell.js';

/** What to do with one hidden leftover of a crashed run (see planLeftovers). */
export interface LeftoverAction {
  readonly name: string;
  /** `remove` a crashed run's work; `restore` an old snapshot a crashed `force` swap had moved aside. */
  readonly action: 'remove' | 'restore';
  /** The snapshot's name (a date, or a pre-restore label). */
  readonly date: string;
}

export function prepareScript(root: string): string {
  return `umask 077
root=${shellQuote(root)}
if [ ! -d "$root" ]; then
  mkdir -p -- "$root" 2>/dev/null || { echo "${SETUP_FAILED} cannot create the backups dir $root as $(id -un): $(mkdir -p -- "$root" 2>&1 | tail -n 1)" >&2; exit 73; }
fi
if [ ! -w "$root" ] || [ ! -x "$root" ]; then
  echo "${SETUP_FAILED} the backups dir $root is not writable by $(id -un) (owner $(stat -c %U -- "$root"), mode $(stat -c %a -- "$root"))" >&2
  exit 73
fi
`;
}

export const PARTIAL_CREATED = '/partial-created';
/** Printed with a description when the snapshot's own path holds a symbolic link or a file. */
export const NOT_A_DIRECTORY = '/not-a-directory';

export function listScript(root: string, paths: SnapshotPaths): string {
  return `(cd -- ${shellQuote(root)} && find . -mindepth 1 -maxdepth 1 -type d -printf '%P\\n')
final=${shellQuote(paths.final)}
if [ -L "$final" ]; then
  echo "${NOT_A_DIRECTORY} a symbolic link to $(readlink -- "$final") owned by $(stat -c %U -- "$final")"
elif [ -e "$final" ] && [ ! -d "$final" ]; then
  echo "${NOT_A_DIRECTORY} a $(stat -c %F -- "$final") owned by $(stat -c %U -- "$final")"
elif [ ! -e "$final" ]; then mkdir -m 0700 -- ${shellQuote(paths.partial)}; echo ${PARTIAL_CREATED}; fi
`;
}

/** After a commit that died mid-swap: the old snapshot goes back when the new one is not in place. */
export function swapBackScript(paths: SnapshotPaths): string {
  return `final=${shellQuote(paths.final)}
replaced=${shellQuote(paths.replaced)}
if [ ! -e "$final" ] && [ -d "$replaced" ]; then mv -T -- "$replaced" "$final"; sync -- "$(dirname -- "$final")" || true; echo restored; fi
`;
}

export function leftoverScript(root: string, actions: readonly LeftoverAction[]): string {
  const lines = actions.map((action) =>
    action.action === 'remove'
      ? `rm -rf -- ${shellQuote(action.name)}`
      : `mv -T -- ${shellQuote(action.name)} ${shellQuote(action.date)}`,
  );
  return `set -euo pipefail
cd -- ${shellQuote(root)}
${lines.join('\n')}
sync -- . 2>/dev/null || true
`;
}

export function commitScript(paths: SnapshotPaths, files: readonly string[], replace: boolean): string {
  const quotedFiles = files.map(shellQuote).join(' ');
  return `set -euo pipefail
umask 077
partial=${shellQuote(paths.partial)}
final=${shellQuote(paths.final)}
replaced=${shellQuote(paths.replaced)}
cd -- "$partial"
files=(${quotedFiles})
for file in "\${files[@]}"; do
  [ -f "$file" ] || { echo "$file is listed in the manifest but missing from $partial" >&2; exit 1; }
done
# Data first, then the manifest, then the directories: a manifest on disk implies its files are.
if [ \${#files[@]} -gt 0 ]; then sync -- "\${files[@]}"; fi
cat > ${MANIFEST_FILE}.tmp
sync -- ${MANIFEST_FILE}.tmp
mv -T -- ${MANIFEST_FILE}.tmp ${MANIFEST_FILE}
find . -type d -exec sync -- {} +
cd ..
if [ -e "$final" ]; then
  ${
    replace
      ? `mv -T -- "$final" "$replaced"
  if ! mv -T -- "$partial" "$final"; then mv -T -- "$replaced" "$final"; exit 1; fi
  sync -- .
  rm -rf -- "$replaced"
  echo replaced`
      : `echo "$final appeared while this run was working (not made by gateway-ops?): left as it is" >&2
  exit 1`
  }
else
  mv -T -- "$partial" "$final"
fi
sync -- .
${SNAPSHOT_LISTING}`;
}

/** Lists the backups dir (the current directory): `snapshot good|none <name>` per directory. */
export const SNAPSHOT_LISTING = `for d in */; do
  d=\${d%/}
  if [ -f "$d/${MANIFEST_FILE}" ]; then echo "snapshot good $d"; elif [ -d "$d" ]; then echo "snapshot none $d"; fi
done
`;

/** The dated directories of a SNAPSHOT_LISTING (others, hidden ones included, are not snapshots). */
export function parseSnapshotListing(lines: readonly string[]): DatedSnapshot[] {
  return lines
    .map((line) => /^snapshot (good|none) (.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && isSnapshotDate(match[2]!))
    .map((match) => ({ date: match[2]!, verified: match[1] === 'good' }));
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
