/**
 * What sshd runs for every exec: a small supervisor around the script. It is the session leader,
 * so its process group holds every process of the command.
 */
import { SCRIPT_PRELUDE, shellQuote } from './script.js';

/**
 * The supervisor runs the script with `bash -c`, and
 * - on TERM/HUP/INT (our timeout sends TERM as an SSH `signal` request) kills the whole group;
 * - when the session's sshd process disappears, i.e. the connection was lost, kills the whole
 *   group too, so nothing (a dump writing to a file, a lock holder) runs on unobserved;
 * - when it finds itself re-parented (its parent became PID 1 or a subreaper: the connection was
 *   lost while the login shell was still starting, before or after it exec'd us), does the same.
 * The session's server process is the nearest ancestor named sshd*, dropbear* or tailscaled (a
 * login shell or wrapper that does not exec may sit between). When /proc shows none, the server
 * died before the supervisor started (it was re-parented to PID 1 or a subreaper): it says so on
 * stderr and kills its group. Without /proc the watched process is the parent.
 * The script's exit status is the supervisor's.
 */
export const SUPERVISOR = [
  "trap 'trap - TERM HUP INT; kill -KILL 0' TERM HUP INT",
  // parent_of PID: sets parent_pid from /proc (the comm field may hold spaces and parentheses).
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
  'parent_of() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; read -r _ parent_pid _ <<<"${stat##*) }"; }',
  'first_parent=$PPID',
  'session=',
  'pid=$$',
  'while parent_of "$pid" && [ "$parent_pid" -gt 1 ]; do',
  '  case $(cat "/proc/$parent_pid/comm" 2>/dev/null) in sshd*|dropbear*|tailscaled) session=$parent_pid; break ;; esac',
  '  pid=$parent_pid',
  'done',
  'if [ -z "$session" ] && [ -r /proc/$$/stat ] || [ "$first_parent" -le 1 ]; then',
  '  echo "gateway-ops: no SSH server process (sshd, dropbear, tailscaled) above this command: the connection was lost while the login shell started; stopping" >&2',
  '  kill -KILL 0',
  'fi',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
  'session=${session:-$PPID}',
  'still_attached() { kill -0 "$session" 2>/dev/null && { ! parent_of "$1" || [ "$parent_pid" = "$first_parent" ]; }; }',
  'supervisor=$$',
  '( while still_attached "$supervisor"; do sleep 1; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
  'watchdog=$!',
  'bash -c "$1" gwops-script <&0 &',
  'wait "$!" && status=0 || status=$?',
  'kill "$watchdog" 2>/dev/null || true',
  'exit "$status"',
].join('\n');

/** The exec request's command line for `script`. */
export function remoteCommandLine(script: string): string {
  return `exec bash -c ${shellQuote(SUPERVISOR)} gwops ${shellQuote(SCRIPT_PRELUDE + script)}`;
}

/** A short, single-line description of a script for messages. */
export function scriptSummary(script: string): string {
  const oneLine = script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join('; ')
    .replace(/\s+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}
