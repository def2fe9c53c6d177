import { posix } from 'node:path';
import { SHA256_HASHER, shellQuote } from '../remote/script.js';

/**
 * Scripts of the off-host copy. Every value goes through shellQuote; the exec prelude already sets
 * bash strict mode. On the copy host everything is created under `umask 077`: the copies hold the
 * encrypted secrets and the database dump, readable by the copy user only.
 */

/** Where one snapshot lives on the copy host while it arrives, and once it is verified. */
export interface CopyPaths {
  readonly root: string;
  readonly label: string;
  readonly final: string;
  /** `.<label>.partial`: one fixed name per snapshot, so an interrupted run's files are found again. */
  readonly partial: string;
  readonly lockFile: string;
}

export function copyPaths(root: string, label: string): CopyPaths {
  const clean = posix.normalize(root).replace(/(.)\/+$/, '$1');
  return {
    root: clean,
    label,
    final: posix.join(clean, label),
    partial: posix.join(clean, `.${label}.partial`),
    lockFile: posix.join(clean, '.gateway-ops.lock'),
  };
}

/**
 * Creates the copies' directory and prints `writable <free KiB>` or `not-writable <why>`: a path
 * the copy user cannot write is a finding with a clear message, not a failed `mkdir` deep in a transfer.
 */
export function prepareScript(root: string): string {
  return `root=${shellQuote(root)}
umask 077
if ! why=$(mkdir -p -- "$root" 2>&1); then printf 'not-writable %s\\n' "\${why//$'\\n'/ }"; exit 0; fi
probe="$root/.gateway-ops-write-test.$$"
if ! why=$({ : >"$probe"; } 2>&1); then printf 'not-writable %s\\n' "\${why//$'\\n'/ }"; exit 0; fi
rm -f -- "$probe"
printf 'writable %s\\n' "$(df -Pk -- "$root" | awk 'NR == 2 { print $4 }')"
`;
}

/**
 * Makes the work directory ready: when a copy already sits at the final name it is moved back to
 * the partial name (only after it failed verification: the caller decides), and the partial
 * directory exists afterwards.
 */
export function openPartialScript(paths: CopyPaths, reopenFinal: boolean): string {
  return `partial=${shellQuote(paths.partial)}
umask 077
${reopenFinal ? `final=${shellQuote(paths.final)}\nif [ -d "$final" ]; then rm -rf -- "$partial"; mv -T -- "$final" "$partial"; fi` : ''}
mkdir -p -- "$partial"
`;
}

/**
 * Prints `file\t<size>\t<sha256>\t<path>` for each given file present in `dir` (computed on the copy
 * host), `missing\t<path>` for the others, and `extra\t<size>\t<path>` for regular files not asked about.
 */
export function hashScript(dir: string, files: readonly string[]): string {
  return `cd -- ${shellQuote(dir)}
${SHA256_HASHER}
declare -A wanted=()
for file in ${files.map(shellQuote).join(' ')}; do
  wanted[$file]=1
  if [ ! -f "$file" ] || [ -L "$file" ]; then printf 'missing\\t%s\\n' "$file"; continue; fi
  sum=$("\${hasher[@]}" <"$file"); sum=\${sum%% *}
  printf 'file\\t%s\\t%s\\t%s\\n' "$(stat -c %s -- "$file")" "$sum" "$file"
done
while IFS= read -r -d '' entry; do
  entry=\${entry#./}
  [ -n "\${wanted[$entry]:-}" ] || printf 'extra\\t%s\\t%s\\n' "$(stat -c %s -- "$entry")" "$entry"
done < <(find . -type f -print0)
`;
}

/** Sends `file` from `offset` (0: all of it) to stdout, on the production host. */
export function sendScript(dir: string, file: string, offset: number): string {
  const path = shellQuote(posix.join(dir, file));
  return offset > 0 ? `exec tail -c +${offset + 1} -- ${path}` : `exec cat -- ${path}`;
}

/** Receives stdin into `file` in the partial directory: appended from `offset`, or written anew. */
export function receiveScript(partial: string, file: string, offset: number): string {
  const path = posix.join(partial, file);
  return `umask 077
path=${shellQuote(path)}
mkdir -p -- "$(dirname -- "$path")"
${offset > 0 ? `[ "$(stat -c %s -- "$path")" = ${offset} ] || { echo "the partial file is no longer ${offset} bytes long" >&2; exit 1; }\ncat >>"$path"` : 'cat >"$path"'}
`;
}

/** Removes files in the partial directory that the manifest does not list (an older run's leftovers). */
export function removeScript(partial: string, files: readonly string[]): string {
  if (files.length === 0) return 'true';
  return `cd -- ${shellQuote(partial)}\nrm -f -- ${files.map(shellQuote).join(' ')}`;
}

/** The verified copy takes its dated name; the directory entry is flushed to disk. */
export function sealScript(paths: CopyPaths): string {
  return `cd -- ${shellQuote(paths.root)}
if [ -e ${shellQuote(paths.label)} ]; then echo ${shellQuote(`${paths.final} appeared during the copy`)} >&2; exit 1; fi
mv -T -- ${shellQuote(posix.basename(paths.partial))} ${shellQuote(paths.label)}
sync -- . 2>/dev/null || true
`;
}

/** Partial directories of other snapshots than `label` (interrupted copies overtaken by newer ones). */
export function staleCopiesScript(paths: CopyPaths): string {
  return `cd -- ${shellQuote(paths.root)}
for d in .*.partial; do
  [ -d "$d" ] || continue
  [ "$d" = ${shellQuote(posix.basename(paths.partial))} ] || rm -rf -- "$d"
done
`;
}

/**
 * Writes the copy's verdict beside the snapshot on the production host (`<label>.copy.json`,
 * atomically), and drops the verdicts of snapshots that are gone. The sealed snapshot is untouched.
 */
export function recordScript(backupsRoot: string, label: string): string {
  const name = `${label}.copy.json`;
  return `cd -- ${shellQuote(backupsRoot)}
umask 077
cat >${shellQuote(`.${name}.tmp`)}
mv -f -- ${shellQuote(`.${name}.tmp`)} ${shellQuote(name)}
for f in *.copy.json; do
  [ -f "$f" ] || continue
  [ -d "\${f%.copy.json}" ] || rm -f -- "$f"
done
`;
}

export interface HashLine {
  readonly kind: 'file' | 'missing' | 'extra';
  readonly path: string;
  readonly size: number;
  readonly sha256: string | null;
}

export function parseHashLines(text: string): HashLine[] {
  const lines: HashLine[] = [];
  for (const line of text.split('\n')) {
    const [kind, ...rest] = line.split('\t');
    if (kind === 'file') {
      const [size, sha256, ...path] = rest;
      lines.push({ kind, size: Number(size), sha256: sha256 ?? null, path: path.join('\t') });
    } else if (kind === 'missing') {
      lines.push({ kind, size: 0, sha256: null, path: rest.join('\t') });
    } else if (kind === 'extra') {
      const [size, ...path] = rest;
      lines.push({ kind, size: Number(size), sha256: null, path: path.join('\t') });
    }
  }
  return lines;
}
