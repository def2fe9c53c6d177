export { shellJoin as shellWords, shellQuote } from '../remote/quote.js';

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
