/**
 * `connectRemoteHost`: an SSH session to a host on ssh2, with a pinned host key, keepalive,
 * connect and command timeouts, streaming exec whose non-zero or missing exit status is an error,
 * and TCP tunnels. node-ssh is not used for exec: its execCommand buffers everything and resolves
 * with `code: null` when the connection drops.
 */

import { createServer, type Server, type Socket } from 'node:net';
import { finished, type Readable, type Writable } from 'node:stream';
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them from the default.
import ssh2, { type ClientChannel, type ConnectConfig, type Client as SshClient } from 'ssh2';
import { settingRef } from '../setting-ref.js';

const { Client, utils } = ssh2;
type Client = SshClient;

import {
  AuthenticationError,
  HostKeyMismatchError,
  NotSshPortError,
  RemoteCommandError,
  type RemoteCommandErrorDetails,
  RemoteConnectError,
  RemoteError,
  UnknownHostKeyError,
} from './errors.js';
import {
  fingerprintOf,
  hostKeyAlgorithmsFor,
  hostsFieldMatches,
  type KnownHostEntry,
  keyTypeOf,
  knownHostsName,
  normalizeFingerprint,
  parseKnownHosts,
} from './known-hosts.js';
import { shellJoin, shellQuote } from './quote.js';
import type { ExecOptions, ExecResult, RemoteHost, Tunnel } from './types.js';

export interface RemoteLogger {
  warn(message: string): void;
  info?(message: string): void;
  debug?(message: string): void;
}

export interface RemoteHostOptions {
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  /** The private key's text (OpenSSH or PEM), as from a secret. */
  privateKey: string | Buffer;
  passphrase?: string;
  /** known_hosts text or lines (`host`, `[host]:port`, patterns, hashed `|1|` entries, `@revoked`). */
  knownHosts?: string | readonly string[];
  /** `SHA256:...` as `ssh-keygen -lf` prints it (one, or several for a key rotation). */
  hostFingerprint?: string | readonly string[];
  /** Accept any host key. Explicit only; warns through `logger.warn` on every connection. */
  insecureSkipHostKeyCheck?: boolean;
  /** TCP connect + SSH handshake + authentication. Default 20 000 ms. */
  connectTimeoutMs?: number;
  /** Default for every command; 0 = none. Default 6 hours. */
  commandTimeoutMs?: number;
  /** SSH keepalive interval; 0 = off. Default 15 000 ms. */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives before the connection is declared dead. Default 4. */
  keepaliveCountMax?: number;
  /** Cap of collected stdout when no Writable is given. Default 16 MiB. */
  maxCollectedStdoutBytes?: number;
  logger?: RemoteLogger;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 15_000;
export const DEFAULT_KEEPALIVE_COUNT_MAX = 4;
export const DEFAULT_MAX_COLLECTED_STDOUT = 16 * 1024 * 1024;
const STDERR_TAIL_LINES = 20;
const STDERR_TAIL_BYTES = 16 * 1024;
const MAX_SCRIPT_BYTES = 100 * 1024;

/** The prelude of every script: bash strict mode (also inside `$(...)`). */
export const SCRIPT_PRELUDE = 'set -euo pipefail\nshopt -s inherit_errexit 2>/dev/null || true\n';

/**
 * What sshd runs: a small supervisor (it is the session leader, so its process group holds every
 * process of the command) that runs the script with `bash -c`, and
 * - on TERM/HUP/INT (our timeout sends TERM as an SSH `signal` request) kills the whole group;
 * - when its parent (the session's sshd process) disappears, i.e. the connection was lost, kills
 *   the whole group too, so nothing (a dump writing to a file, a lock holder) runs on unobserved.
 * The script's exit status is the supervisor's.
 */
export const SUPERVISOR = [
  "trap 'trap - TERM HUP INT; kill -KILL 0' TERM HUP INT",
  'parent=$PPID',
  '( while kill -0 "$parent" 2>/dev/null; do sleep 1; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
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
export function describeScript(script: string): string {
  const oneLine = script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join('; ')
    .replace(/\s+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}

/**
 * Send an SSH `signal` request. ssh2's `channel.signal()` silently does nothing once stdin was
 * ended (it checks `writable`), which is always the case here; the protocol allows the request
 * after EOF, so send it through the protocol object (ssh2 1.x internals, covered by a test).
 */
function sendSignal(channel: ClientChannel, name: string): void {
  const internal = channel as unknown as {
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal?: (id: number, signal: string) => void } };
  };
  const protocol = internal._client?._protocol;
  if (internal.outgoing && typeof protocol?.signal === 'function') {
    if (internal.outgoing.state === 'open' || internal.outgoing.state === 'eof') {
      protocol.signal(internal.outgoing.id, name);
    }
    return;
  }
  channel.signal(name);
}

class StderrTail {
  private text = '';
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-STDERR_TAIL_BYTES);
  }
  toString(): string {
    return this.text
      .split('\n')
      .filter((l, i, all) => l !== '' || i < all.length - 1)
      .slice(-STDERR_TAIL_LINES)
      .map((l) => (l.length > 500 ? `${l.slice(0, 500)}...` : l))
      .join('\n');
  }
}

interface HostKeyPolicy {
  /** ssh2 algorithms.serverHostKey restriction (types pinned in known_hosts), if any. */
  algorithms?: string[];
  /** Returns undefined when accepted, or the error to fail with. */
  check(key: Buffer): RemoteError | undefined;
}

function hostKeyPolicy(options: RemoteHostOptions, port: number): HostKeyPolicy {
  const where = knownHostsName(options.host, port);
  const pinCommand = `ssh-keyscan ${port === 22 ? '' : `-p ${port} `}${options.host}`;
  const fingerprints = (
    options.hostFingerprint === undefined
      ? []
      : typeof options.hostFingerprint === 'string'
        ? options.hostFingerprint
            .split(/[\n,]+/)
            .map((f) => f.trim())
            .filter(Boolean)
        : [...options.hostFingerprint]
  ).map((f) => {
    try {
      return normalizeFingerprint(f);
    } catch (error) {
      throw new RemoteConnectError(`${settingRef('ssh-host-fingerprint')}: ${(error as Error).message}`);
    }
  });
  let entries: KnownHostEntry[] = [];
  if (options.knownHosts !== undefined) {
    try {
      entries = parseKnownHosts(options.knownHosts).filter((e) =>
        hostsFieldMatches(e.hosts, options.host, port),
      );
    } catch (error) {
      throw new RemoteConnectError(`${settingRef('ssh-known-hosts')}: ${(error as Error).message}`);
    }
  }
  const revoked = entries.filter((e) => e.marker === '@revoked');
  const pinned = entries.filter((e) => e.marker === '');
  const hasKnownHosts = options.knownHosts !== undefined && String(options.knownHosts).trim() !== '';
  if (!hasKnownHosts && fingerprints.length === 0 && !options.insecureSkipHostKeyCheck) {
    throw new RemoteConnectError(
      `no host key to verify ${where} against: set ${settingRef('ssh-known-hosts')} (the output of \`${pinCommand}\`, checked out of band) or ${settingRef('ssh-host-fingerprint')} (SHA256:..., as \`ssh-keygen -lf\` prints it). Connecting without verification would let anyone on the path impersonate the host.`,
    );
  }
  const expected = [...pinned.map((e) => fingerprintOf(e.key)), ...fingerprints];
  // Ask the server for a pinned key type when known_hosts says which (ssh-keyscan lists several).
  let algorithms: string[] | undefined;
  if (pinned.length > 0 && fingerprints.length === 0) {
    algorithms = [...new Set(pinned.flatMap((e) => hostKeyAlgorithmsFor(e.keyType)))];
  }
  return {
    ...(algorithms ? { algorithms } : {}),
    check(key: Buffer) {
      const found = fingerprintOf(key);
      const type = keyTypeOf(key);
      if (revoked.some((e) => e.key.equals(key))) {
        return new HostKeyMismatchError(
          `host key verification failed for ${where}: its ${type} key ${found} is marked @revoked in ${settingRef('ssh-known-hosts')}. Do not connect; find out why the host still uses a revoked key.`,
          expected,
          found,
        );
      }
      if (pinned.some((e) => e.key.equals(key)) || fingerprints.includes(found)) return undefined;
      if (options.insecureSkipHostKeyCheck) {
        options.logger?.warn(
          `${settingRef('ssh-insecure-skip-host-key-check')} is set: the host key of ${where} (${type} ${found}) was NOT verified. Anyone able to intercept this connection can impersonate the host and read everything sent over it. Pin it with ${settingRef('ssh-known-hosts')} (\`${pinCommand}\`) or ${settingRef('ssh-host-fingerprint', found)}`,
        );
        return undefined;
      }
      if (expected.length === 0) {
        return new UnknownHostKeyError(
          `host key verification failed: ${settingRef('ssh-known-hosts')} has no entry for ${where}. The host presented the ${type} key ${found}. If that is the host's real key (compare with \`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub\` run on the host), pin it: add the output of \`${pinCommand}\` to ${settingRef('ssh-known-hosts')}, or set ${settingRef('ssh-host-fingerprint', found)}`,
          found,
        );
      }
      return new HostKeyMismatchError(
        `host key verification failed for ${where}: expected ${expected.join(' or ')}, found ${type} ${found}. The host key changed, or someone is intercepting the connection. If the host was legitimately re-keyed, verify the new key on the host and update ${settingRef('ssh-known-hosts')} / ${settingRef('ssh-host-fingerprint')}.`,
        expected,
        found,
      );
    },
  };
}

function mapConnectError(
  error: Error & { level?: string; code?: string },
  where: string,
  options: RemoteHostOptions,
  timeoutMs: number,
): RemoteError {
  if (error instanceof RemoteError) return error;
  if (error.level === 'client-authentication') {
    return new AuthenticationError(
      `authentication failed for user ${options.username} on ${where}: the key was not accepted (is its public key in ~${options.username}/.ssh/authorized_keys on the host, and is the user right?)`,
    );
  }
  if (error.level === 'protocol') {
    return new NotSshPortError(
      `${where} did not answer as an SSH server (${error.message}): is this an SSH port? Check ${settingRef('ssh-port')} and ${settingRef('ssh-host')}.`,
    );
  }
  if (error.level === 'client-timeout' && /handshake/i.test(error.message)) {
    return new RemoteConnectError(
      `could not connect to ${where} within ${timeoutMs} ms (ssh-connect-timeout): no SSH handshake completed. Check the host, the port and firewalls.`,
    );
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return new RemoteConnectError(
        `could not connect to ${where}: connection refused (is sshd running on that port?)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new RemoteConnectError(
        `could not connect to ${where}: the host name ${options.host} does not resolve`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new RemoteConnectError(`could not connect to ${where}: host unreachable`);
    case 'ECONNRESET':
      return new RemoteConnectError(
        `could not connect to ${where}: the connection was reset during the SSH handshake`,
      );
  }
  return new RemoteConnectError(`SSH connection to ${where} failed: ${error.message}`);
}

/** Connect, verify the host key, authenticate. Rejects with a RemoteError subclass. */
export async function connectRemoteHost(options: RemoteHostOptions): Promise<SshRemoteHost> {
  const port = options.port ?? 22;
  const where = `${options.username}@${options.host}:${port}`;
  if (!options.host || !options.username) {
    throw new RemoteConnectError('ssh-host and ssh-user are required');
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RemoteConnectError(`ssh-port must be 1-65535; found ${port}`);
  }
  const parsed = utils.parseKey(options.privateKey, options.passphrase);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message);
    throw new RemoteConnectError(
      encrypted
        ? `ssh-private-key could not be decrypted: ${options.passphrase ? 'the passphrase is wrong' : 'it is encrypted and no ssh-passphrase was given'}`
        : `ssh-private-key could not be read (${parsed.message}); give the whole private key text, BEGIN and END lines included`,
    );
  }
  const policy = hostKeyPolicy(options, port);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const client = new Client();
  let hostKeyError: RemoteError | undefined;
  let hostKeyFingerprint = '';
  const config: ConnectConfig = {
    host: options.host,
    port,
    username: options.username,
    privateKey: options.privateKey,
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    readyTimeout: connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
    tryKeyboard: false,
    agent: undefined,
    hostVerifier: (key: Buffer) => {
      hostKeyFingerprint = fingerprintOf(key);
      hostKeyError = policy.check(key);
      return hostKeyError === undefined;
    },
    ...(policy.algorithms ? { algorithms: { serverHostKey: policy.algorithms as never } } : {}),
  };
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error & { level?: string; code?: string }) => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(hostKeyError ?? mapConnectError(error, where, options, connectTimeoutMs));
    };
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    client.on('error', fail);
    client.once('close', () => fail(new Error('the connection closed during the SSH handshake')));
    try {
      client.connect(config);
      // Commands and their results are small messages: without TCP_NODELAY, Nagle's algorithm
      // holds each one back until the previous is acknowledged (up to the peer's 40 ms delayed
      // ACK), several times per command.
      client.setNoDelay(true);
    } catch (error) {
      fail(error as Error);
    }
  });
  options.logger?.debug?.(`connected to ${where} (host key ${hostKeyFingerprint})`);
  return new SshRemoteHost(client, where, hostKeyFingerprint, options);
}

export class SshRemoteHost implements RemoteHost {
  readonly description: string;
  /** `SHA256:...` of the key the host presented (verified unless insecure skip was set). */
  readonly hostKeyFingerprint: string;
  private readonly client: Client;
  private readonly options: RemoteHostOptions;
  private closed = false;
  private closeReason = '';
  private readonly pending = new Set<(reason: string) => void>();
  private readonly tunnels = new Set<Tunnel>();

  constructor(client: Client, description: string, hostKeyFingerprint: string, options: RemoteHostOptions) {
    this.client = client;
    this.description = description;
    this.hostKeyFingerprint = hostKeyFingerprint;
    this.options = options;
    client.on('error', (error: Error & { level?: string }) => {
      this.closeReason =
        error.level === 'client-timeout'
          ? `no answer to SSH keepalives (${error.message})`
          : `SSH connection error: ${error.message}`;
      options.logger?.warn(`${description}: ${this.closeReason}`);
    });
    client.on('close', () => {
      this.closed = true;
      for (const abort of [...this.pending]) abort(this.closeReason || 'the SSH connection closed');
      for (const tunnel of [...this.tunnels]) void tunnel.close();
    });
  }

  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    const command = remoteCommandLine(script);
    const description = options.description ?? describeScript(script);
    if (Buffer.byteLength(command) > MAX_SCRIPT_BYTES) {
      return Promise.reject(
        new RemoteCommandError({
          command: description,
          host: this.description,
          failure: 'channel',
          detail: `the script is longer than ${MAX_SCRIPT_BYTES} bytes; pass data through stdin instead`,
        }),
      );
    }
    const started = performance.now();
    const done = (outcome: string) =>
      this.options.logger?.debug?.(
        `remote command ${outcome} in ${Math.round(performance.now() - started)} ms: ${description}`,
      );
    return this.runChannel(command, description, options).then(
      (result) => {
        done('ended');
        return result;
      },
      (error: unknown) => {
        done('failed');
        throw error;
      },
    );
  }

  run(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (argv.length === 0) return Promise.reject(new RemoteError('run: empty argv'));
    const description =
      options.description ??
      (argv.length > 3 ? `${shellJoin(argv.slice(0, 3))} ...` : shellJoin(argv)).slice(0, 120);
    return this.exec(shellJoin(argv), { ...options, description });
  }

  private runChannel(command: string, description: string, options: ExecOptions): Promise<ExecResult> {
    const base: Pick<RemoteCommandErrorDetails, 'command' | 'host'> = {
      command: description,
      host: this.description,
    };
    if (this.closed) {
      return Promise.reject(
        new RemoteCommandError({
          ...base,
          failure: 'channel',
          detail: this.closeReason || 'the SSH connection is closed',
        }),
      );
    }
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const maxCollected =
      options.maxCollectedBytes ?? this.options.maxCollectedStdoutBytes ?? DEFAULT_MAX_COLLECTED_STDOUT;
    return new Promise<ExecResult>((resolve, reject) => {
      const tail = new StderrTail();
      let channel: ClientChannel | undefined;
      let exitCode: number | null = null;
      let exitSignal: string | null = null;
      type Failure = Omit<RemoteCommandErrorDetails, 'command' | 'host'>;
      let failure: Failure | undefined;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const chunks: Buffer[] = [];
      let collected = 0;
      const stdoutTarget: Writable | undefined = options.stdout;
      let stdoutDone: Promise<void> = Promise.resolve();

      const settle = (error?: Failure) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this.pending.delete(abort);
        if (error) {
          // The caller's Writable is left to the caller (it is not ended: the output is incomplete).
          if (stdoutTarget && channel) channel.unpipe(stdoutTarget);
          reject(new RemoteCommandError({ ...base, ...error, stderrTail: tail.toString() }));
          return;
        }
        resolve({
          exitCode: 0,
          stdout: stdoutTarget ? '' : Buffer.concat(chunks).toString('utf8'),
          stderrTail: tail.toString(),
        });
      };
      // Stop the command: signal it (OpenSSH honours `signal` requests) and close the channel.
      const kill = (why: Failure) => {
        failure ??= why;
        if (channel) {
          try {
            // The supervisor kills the command's whole process group on TERM.
            sendSignal(channel, 'TERM');
          } catch {
            // channel already gone
          }
          const closing = channel;
          setTimeout(() => closing.close(), 1000).unref();
          // If the server never confirms the close, give up waiting.
          setTimeout(() => settle(failure), 5000).unref();
        } else {
          settle(failure);
        }
      };
      const abort = (reason: string) => {
        failure ??= { failure: 'no-exit-status', detail: reason };
        settle(failure);
      };
      this.pending.add(abort);
      if (timeoutMs > 0) {
        timer = setTimeout(() => kill({ failure: 'timeout', detail: `${timeoutMs} ms` }), timeoutMs);
      }

      this.client.exec(command, (error, stream) => {
        if (error) {
          settle({ failure: 'channel', detail: error.message });
          return;
        }
        if (settled) {
          stream.close();
          return;
        }
        channel = stream;
        stream.on('error', (streamError: Error) => {
          failure ??= { failure: 'channel', detail: streamError.message };
        });
        let closed = false;
        const conclude = () => {
          if (failure) settle(failure);
          else if (exitSignal) settle({ failure: 'signal', signal: exitSignal });
          else if (exitCode === null) {
            settle({ failure: 'no-exit-status', detail: this.closeReason || 'channel closed' });
          } else if (exitCode !== 0) settle({ failure: 'exit-status', exitCode });
          else settle();
        };
        stream.on('exit', (code: number | null, signal?: string) => {
          if (typeof code === 'number') exitCode = code;
          if (signal) exitSignal = signal;
          // A failure is known now; give the rest of stderr a moment, but do not wait for processes
          // of the command that still hold its output open.
          if (exitSignal || (exitCode !== null && exitCode !== 0)) {
            setTimeout(() => {
              if (closed) return;
              conclude();
              stream.close();
            }, 1000).unref();
          }
        });
        stream.stderr.on('data', (data: Buffer) => {
          const text = data.toString('utf8');
          tail.push(text);
          options.onStderr?.(text);
        });
        if (stdoutTarget) {
          stream.pipe(stdoutTarget);
          stdoutDone = new Promise<void>((done) => {
            finished(stdoutTarget, (streamError) => {
              if (streamError && !settled) kill({ failure: 'stdout-error', detail: streamError.message });
              done();
            });
          });
        } else {
          stream.on('data', (data: Buffer) => {
            collected += data.length;
            if (collected > maxCollected) {
              kill({ failure: 'output-limit', detail: `more than ${maxCollected} bytes` });
              return;
            }
            chunks.push(data);
          });
        }
        stream.on('close', () => {
          closed = true;
          // With a Writable, success is known only when it has taken all the data.
          if (!failure && stdoutTarget && exitCode === 0 && !exitSignal) void stdoutDone.then(conclude);
          else conclude();
        });
        // stdin
        const input = options.stdin;
        if (input === undefined) stream.end();
        else if (typeof input === 'string' || Buffer.isBuffer(input)) stream.end(input);
        else {
          (input as Readable).on('error', (streamError: Error) =>
            kill({ failure: 'stdin-error', detail: streamError.message }),
          );
          (input as Readable).pipe(stream);
        }
      });
    });
  }

  forward(targetHost: string, targetPort: number): Promise<Tunnel> {
    if (this.closed)
      return Promise.reject(new RemoteError(`${this.description}: the SSH connection is closed`));
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      this.client.forwardOut('127.0.0.1', socket.remotePort ?? 0, targetHost, targetPort, (error, stream) => {
        if (error) {
          this.options.logger?.warn(
            `${this.description}: tunnel to ${targetHost}:${targetPort} refused by the host: ${error.message}`,
          );
          socket.destroy();
          return;
        }
        stream.on('error', () => socket.destroy());
        stream.on('close', () => socket.destroy());
        socket.on('close', () => stream.close());
        socket.pipe(stream).pipe(socket);
      });
    });
    return new Promise<Tunnel>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new RemoteError(`could not open a local port for the tunnel: ${error.message}`)),
      );
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const localPort = typeof address === 'object' && address ? address.port : 0;
        let closing: Promise<void> | undefined;
        const tunnel: Tunnel = {
          localHost: '127.0.0.1',
          localPort,
          close: () => {
            closing ??= new Promise<void>((done) => {
              this.tunnels.delete(tunnel);
              for (const socket of sockets) socket.destroy();
              server.close(() => done());
            });
            return closing;
          },
        };
        this.tunnels.add(tunnel);
        resolve(tunnel);
      });
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.tunnels].map((t) => t.close()));
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.client.once('close', () => resolve());
      this.client.end();
      setTimeout(resolve, 2000).unref();
    });
  }
}
