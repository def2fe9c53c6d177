/**
 * `connectRemoteHost`: an SSH session to a host on ssh2, with a pinned host key (host-key-policy.ts),
 * keepalive, connect and command timeouts, streaming exec whose non-zero or missing exit status is
 * an error (exec-channel.ts, run under the supervisor of supervisor.ts), and TCP tunnels
 * (tunnel.ts). node-ssh is not used for exec: its execCommand buffers everything and resolves
 * with `code: null` when the connection drops.
 */
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them from the default.
import ssh2, { type ConnectConfig, type Client as SshClient } from 'ssh2';

const { Client, utils } = ssh2;
type Client = SshClient;

import { settingRef } from '../setting-ref.js';
import {
  AuthenticationError,
  NotSshPortError,
  RemoteCommandError,
  RemoteConnectError,
  RemoteError,
} from './errors.js';
import { type ChannelConnection, runChannel } from './exec-channel.js';
import { hostKeyPolicy } from './host-key-policy.js';
import { fingerprintOf } from './known-hosts.js';
import { shellJoin } from './script.js';
import { remoteCommandLine, scriptSummary } from './supervisor.js';
import { openTunnel } from './tunnel.js';
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
const MAX_SCRIPT_BYTES = 100 * 1024;

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
  private readonly connection: ChannelConnection;

  constructor(client: Client, description: string, hostKeyFingerprint: string, options: RemoteHostOptions) {
    this.client = client;
    this.description = description;
    this.hostKeyFingerprint = hostKeyFingerprint;
    this.options = options;
    this.connection = {
      client,
      description,
      closeReason: () => this.closeReason,
      pending: this.pending,
    };
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
    const description = options.description ?? scriptSummary(script);
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
    if (this.closed) {
      return Promise.reject(
        new RemoteCommandError({
          command: description,
          host: this.description,
          failure: 'channel',
          detail: this.closeReason || 'the SSH connection is closed',
        }),
      );
    }
    return runChannel(this.connection, command, description, options, {
      timeoutMs: options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      maxCollectedBytes:
        options.maxCollectedBytes ?? this.options.maxCollectedStdoutBytes ?? DEFAULT_MAX_COLLECTED_STDOUT,
    });
  }

  forward(targetHost: string, targetPort: number): Promise<Tunnel> {
    if (this.closed)
      return Promise.reject(new RemoteError(`${this.description}: the SSH connection is closed`));
    return openTunnel(this.client, this.description, targetHost, targetPort, this.options.logger, (tunnel) =>
      this.tunnels.delete(tunnel),
    ).then((tunnel) => {
      this.tunnels.add(tunnel);
      return tunnel;
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
