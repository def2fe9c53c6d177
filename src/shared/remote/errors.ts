/**
 * Errors of the remote layer. Messages say what was expected, what was found and what to do; they
 * never contain key material, passwords or command output other than the stderr tail.
 */

import { GatewayOpsError } from '../errors.js';

/**
 * Base class: anything that went wrong talking to the remote host. An operation failure unless
 * the user must change something (a key the server refuses, a host key not pinned or changed).
 */
export class RemoteError extends GatewayOpsError {
  override name = 'RemoteError';
  readonly kind: 'user' | 'operation' = 'operation';
}

/** Could not connect (refused, timeout, DNS, handshake) or bad local options. */
export class RemoteConnectError extends RemoteError {
  override name = 'RemoteConnectError';
}

/** The port answered, but not as an SSH server (a web server, PostgreSQL): the user set the wrong port. */
export class NotSshPortError extends RemoteConnectError {
  override name = 'NotSshPortError';
  override readonly kind = 'user';
}

/** The host presented a key that matches none of the pinned ones (known_hosts entries or fingerprints). */
export class HostKeyMismatchError extends RemoteError {
  override name = 'HostKeyMismatchError';
  override readonly kind = 'user';
  /** Fingerprints (`SHA256:...`) that would have been accepted. */
  readonly expected: readonly string[];
  /** Fingerprint of the key the host presented. */
  readonly found: string;
  constructor(message: string, expected: readonly string[], found: string) {
    super(message);
    this.expected = expected;
    this.found = found;
  }
}

/** No known_hosts entry (and no fingerprint) for this host: nothing to verify its key against. */
export class UnknownHostKeyError extends RemoteError {
  override name = 'UnknownHostKeyError';
  override readonly kind = 'user';
  /** Fingerprint of the key the host presented. */
  readonly found: string;
  constructor(message: string, found: string) {
    super(message);
    this.found = found;
  }
}

/** The server refused our user key. */
export class AuthenticationError extends RemoteError {
  override name = 'AuthenticationError';
  override readonly kind = 'user';
}

export type RemoteCommandFailure =
  | 'exit-status' // exited with a non-zero status
  | 'signal' // killed by a signal
  | 'no-exit-status' // the channel closed without an exit status: connection lost mid-command
  | 'timeout' // the command timeout fired; the command was signalled and its channel closed
  | 'output-limit' // collected stdout exceeded the cap
  | 'stdout-error' // the Writable given for stdout failed
  | 'stdin-error' // the Readable given for stdin failed
  | 'channel'; // the session channel could not be opened (or the connection is closed)

export interface RemoteCommandErrorDetails {
  /** Short description of the command (never secrets: secrets never go on command lines). */
  command: string;
  /** `user@host:port` */
  host: string;
  failure: RemoteCommandFailure;
  exitCode?: number | null;
  signal?: string | null;
  /** Last lines of the command's stderr. */
  stderrTail?: string;
  /** Extra explanation (e.g. the timeout, the stream error). */
  detail?: string;
}

/** A remote command did not end with exit status 0. */
export class RemoteCommandError extends RemoteError {
  override name = 'RemoteCommandError';
  readonly command: string;
  readonly host: string;
  readonly failure: RemoteCommandFailure;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stderrTail: string;

  constructor(details: RemoteCommandErrorDetails) {
    super(RemoteCommandError.format(details));
    this.command = details.command;
    this.host = details.host;
    this.failure = details.failure;
    this.exitCode = details.exitCode ?? null;
    this.signal = details.signal ?? null;
    this.stderrTail = details.stderrTail ?? '';
  }

  private static format(d: RemoteCommandErrorDetails): string {
    let what: string;
    switch (d.failure) {
      case 'exit-status':
        what = `exited with status ${d.exitCode}`;
        if (d.exitCode !== undefined && d.exitCode !== null && d.exitCode > 128 && d.exitCode < 160) {
          what += ` (128+${d.exitCode - 128}: a process was killed by signal ${d.exitCode - 128})`;
        }
        break;
      case 'signal':
        what = `was killed by signal ${d.signal}`;
        break;
      case 'no-exit-status':
        what = `ended without an exit status${d.detail ? ` (${d.detail})` : ''}: the SSH connection was lost (or the remote session killed) while it ran, so its result is unknown`;
        break;
      case 'timeout':
        what = `did not finish within the command timeout (${d.detail}); it was signalled and its channel closed`;
        break;
      case 'output-limit':
        what = `wrote more output than can be collected (${d.detail}); stream it to a Writable instead`;
        break;
      case 'stdout-error':
        what = `could not deliver its output: ${d.detail}`;
        break;
      case 'stdin-error':
        what = `could not be fed its input: ${d.detail}`;
        break;
      case 'channel':
        what = `could not be started: ${d.detail}`;
        break;
    }
    const tail = d.stderrTail?.trim() ? `\nlast lines of stderr:\n${d.stderrTail.trimEnd()}` : '';
    return `remote command \`${d.command}\` on ${d.host} ${what}${tail}`;
  }
}
