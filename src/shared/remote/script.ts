/**
 * The pieces every host script is made of. A script is built by a TypeScript function from these
 * and from values passed through `shellQuote` (one word) or `shellJoin` (an argv); the exec
 * channel adds `SCRIPT_PRELUDE` in front of it, so no script repeats it.
 */
import { shellJoin, shellQuote } from './quote.js';

export { shellJoin, shellQuote };

/** The prelude of every script: bash strict mode (also inside `$(...)`). Added by the exec channel. */
export const SCRIPT_PRELUDE = 'set -euo pipefail\nshopt -s inherit_errexit 2>/dev/null || true\n';

/**
 * Script prologue for long work on the host. sshd sends no signal when the SSH connection drops
 * (no pty), so a pipeline writing to files would run on, orphaned, into a directory the next run
 * cleans up. A watcher holds the script's stdin (which the caller keeps open until the command
 * ends) and, on EOF, kills the script's whole process group. `session_guard_end` disarms it.
 * Everything after the prologue reads /dev/null, so `docker exec -i` cannot eat the watcher's input.
 */
export const SESSION_GUARD = `exec 3<&0 0</dev/null
( exec >/dev/null 2>&1; cat <&3 >/dev/null || true; kill -TERM 0 ) &
session_guard_pid=$!
exec 3<&-
session_guard_end() { kill "$session_guard_pid" 2>/dev/null || true; }
`;

/**
 * Sets `hasher` to a sha256 command that reads stdin and prints `<hex> ...`: openssl when the host
 * has it (it uses the CPU's SHA instructions: about 5x faster than coreutils' sha256sum here), else
 * sha256sum.
 */
export const SHA256_HASHER = `if command -v openssl >/dev/null 2>&1 && [ "$(printf '' | openssl dgst -sha256 -r 2>/dev/null | cut -c1-8)" = e3b0c442 ]; then
  hasher=(openssl dgst -sha256 -r)
else
  hasher=(sha256sum)
fi`;

/** Removes a directory tree (nothing when it is absent). */
export function removeTreeScript(path: string): string {
  return `rm -rf -- ${shellQuote(path)}\n`;
}

/** Prints the tools of `tools` the host lacks, one per line (`prefix` before each name). */
export function missingToolsScript(tools: readonly string[], prefix = ''): string {
  const unique = [...new Set(tools)];
  return `tools=(${unique.map(shellQuote).join(' ')})
for tool in "\${tools[@]}"; do command -v "$tool" >/dev/null 2>&1 || echo ${shellQuote(prefix)}"$tool"; done`;
}

/** Prints `version <tool> <first line of its version output>` for each argv whose tool exists. */
export function toolVersionsScript(versionCommands: readonly (readonly string[])[]): string {
  if (versionCommands.length === 0) return '';
  return `version_of() { if command -v "$1" >/dev/null 2>&1; then printf 'version %s %s\\n' "$1" "$("$@" 2>&1 | head -n 1)"; fi; }
${versionCommands.map((argv) => `version_of ${shellJoin(argv)}`).join('\n')}`;
}
