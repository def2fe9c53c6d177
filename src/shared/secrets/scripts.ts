import { shellQuote } from '../remote/quote.js';

/**
 * Host scripts of the secrets component. File names never leave the host in clear: the scripts
 * print counts and sizes, tar's own messages (which name files) are dropped, and the list of files
 * goes to tar through a pipe, not argv (argv shows in `ps`).
 */

export const SECRETS_TOOLS = ['tar', 'find', 'sort', 'stat'];
export const ARCHIVE_FAILED = 'gateway-ops-secrets-archive-failed';

/**
 * `secret_files PATTERN...`: the regular files under the patterns (globs expanded by bash, never
 * word-split or evaluated), NUL-separated, each once; symbolic links are followed, as the
 * deployment reads them. On fd 3: `missing<TAB>PATTERN` for a pattern that matches nothing, and
 * `unlisted` when find could not read a directory.
 */
export const SECRET_FILES_FUNCTION = `secret_files() {
  local pattern match found
  local IFS=
  for pattern in "$@"; do
    found=0
    # Unquoted on purpose: pathname expansion only (IFS is empty, so no word splitting).
    # shellcheck disable=SC2086
    for match in $pattern; do
      if [ -e "$match" ] || [ -L "$match" ]; then
        found=1
        match=\${match%/}
        find -L "./$match" -type f -print0 2>/dev/null || echo unlisted >&3
      fi
    done
    if [ "$found" = 0 ]; then printf 'missing\\t%s\\n' "$pattern" >&3; fi
  done | sort -zu
}`;

function enterDeployDir(deployDir: string): string {
  return `deploy=${shellQuote(deployDir)}
if ! cd -- "$deploy" 2>/dev/null; then echo "no-deploy-dir"; exit 0; fi
shopt -s nullglob`;
}

/**
 * Counts what the archive would hold, before anything is written:
 * `tools-missing<TAB>T...`, `no-deploy-dir`, `missing<TAB>PATTERN`, `unlisted`,
 * `files<TAB>COUNT<TAB>BYTES<TAB>UNREADABLE`.
 */
export function inventoryScript(deployDir: string, patterns: readonly string[]): string {
  return `missing_tools=
for tool in ${SECRETS_TOOLS.join(' ')}; do command -v "$tool" >/dev/null 2>&1 || missing_tools="$missing_tools $tool"; done
if [ -n "$missing_tools" ]; then printf 'tools-missing\\t%s\\n' "\${missing_tools# }"; exit 0; fi
${enterDeployDir(deployDir)}
${SECRET_FILES_FUNCTION}
exec 3>&1
count=0 bytes=0 unreadable=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  if [ -r "$file" ]; then bytes=$((bytes + $(stat -L -c %s -- "$file"))); else unreadable=$((unreadable + 1)); fi
done < <(secret_files ${patterns.map(shellQuote).join(' ')})
printf 'files\\t%s\\t%s\\t%s\\n' "$count" "$bytes" "$unreadable"
`;
}

/**
 * Writes the tar of the secret files (paths relative to deploy-dir) to stdout, nothing else. On
 * failure it says only which stage failed and its status on stderr: tar's messages name files.
 */
export function archiveScript(deployDir: string, patterns: readonly string[]): string {
  return `${enterDeployDir(deployDir)}
${SECRET_FILES_FUNCTION}
set +e
secret_files ${patterns.map(shellQuote).join(' ')} 3>/dev/null | tar --null --no-recursion --dereference -T - -cf - 2>/dev/null
status=("\${PIPESTATUS[@]}")
set -e
if [ "\${status[0]}" != 0 ] || [ "\${status[1]}" != 0 ]; then
  echo "${ARCHIVE_FAILED} list=\${status[0]} tar=\${status[1]}" >&2
  exit 1
fi
`;
}

/** Stores stdin as FILE (mode 0600, directories 0700) and prints its size. */
export function storeScript(file: string): string {
  return `umask 077
target=${shellQuote(file)}
mkdir -p -- "$(dirname -- "$target")"
cat > "$target"
stat -c %s -- "$target"
`;
}

export interface SecretsInventory {
  readonly kind: 'inventory';
  readonly files: number;
  readonly bytes: number;
  readonly unreadable: number;
  /** Patterns of secret-paths that match nothing (the user's own setting values, not found names). */
  readonly missing: readonly string[];
  /** find could not list a directory (permissions): some files may be left out. */
  readonly unlisted: boolean;
}

export type InventoryOutcome =
  | SecretsInventory
  | { readonly kind: 'tools-missing'; readonly tools: readonly string[] }
  | { readonly kind: 'no-deploy-dir' };

export function parseInventory(stdout: string): InventoryOutcome {
  const lines = stdout.split('\n').filter((line) => line !== '');
  const tools = lines.find((line) => line.startsWith('tools-missing\t'));
  if (tools) return { kind: 'tools-missing', tools: tools.split('\t')[1]!.split(' ').filter(Boolean) };
  if (lines.includes('no-deploy-dir')) return { kind: 'no-deploy-dir' };
  const counts = lines.find((line) => line.startsWith('files\t'));
  if (!counts) throw new Error(`secrets inventory: no 'files' line in the host's answer`);
  const [, files, bytes, unreadable] = counts.split('\t').map(Number);
  return {
    kind: 'inventory',
    files: files!,
    bytes: bytes!,
    unreadable: unreadable!,
    missing: lines.filter((line) => line.startsWith('missing\t')).map((line) => line.slice(8)),
    unlisted: lines.includes('unlisted'),
  };
}
