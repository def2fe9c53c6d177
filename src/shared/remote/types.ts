import type { Readable, Writable } from 'node:stream';

/**
 * The contract every other room codes against. `src/shared/remote/` implements it over
 * ssh2; nothing outside that room touches ssh2 directly.
 */

export interface ExecOptions {
  /** Bytes fed to the remote command's stdin; stdin is closed after it (or at once when absent). */
  stdin?: Readable | string | Buffer;
  /**
   * When given, stdout is piped here as it arrives (with backpressure) and never held in memory. It is
   * ended when the output ends, and `exec` resolves only after it finished. On failure it is unpiped
   * (it may or may not have been ended already): treat what it received as incomplete.
   */
  stdout?: Writable;
  /** Called with each chunk of stderr as it arrives (progress lines); the tail is kept for errors anyway. */
  onStderr?: (chunk: string) => void;
  /** Command timeout; defaults to the session's `command-timeout` setting. 0 = none. */
  timeoutMs?: number;
  /** Short description of the command for error messages (default: derived from the script / argv). */
  description?: string;
  /** Cap on collected stdout when `stdout` is not given (default: the session's, 16 MiB); exceeding it is an error. */
  maxCollectedBytes?: number;
}

export interface ExecResult {
  exitCode: 0;
  /** Collected stdout (UTF-8), only when `options.stdout` was not given; capped, see implementation. */
  stdout: string;
  /** Last lines of stderr, for messages. */
  stderrTail: string;
}

export interface Tunnel {
  readonly localHost: '127.0.0.1';
  readonly localPort: number;
  close(): Promise<void>;
}

export interface RemoteHost {
  /** `user@host:port`, for messages (never contains a secret). */
  readonly description: string;
  /** `SHA256:...` of the host key the server presented (verified against the pins). */
  readonly hostKeyFingerprint: string;
  /**
   * Run a shell script on the host under `bash` with `set -euo pipefail`. Resolves only when the
   * remote exit status is 0; rejects with RemoteCommandError on a non-zero status, a missing one
   * (connection dropped), or a timeout. Callers build scripts from `shellQuote`d arguments only.
   */
  exec(script: string, options?: ExecOptions): Promise<ExecResult>;
  /** Run one command given as argv; every argument is shell-quoted. Same error rules as `exec`. */
  run(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Forward a local TCP port on 127.0.0.1 through the SSH connection to targetHost:targetPort (as seen from the host). */
  forward(targetHost: string, targetPort: number): Promise<Tunnel>;
  close(): Promise<void>;
}

/** Where a service's commands run: inside a container through `docker exec -i`, or on the host. */
export type ExecTarget = { kind: 'docker'; container: string } | { kind: 'host' };
