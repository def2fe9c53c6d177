/**
 * One exec channel: streams stdin/stdout/stderr, and settles only on a zero exit status; a
 * non-zero or missing status, a signal, a timeout, an output limit or a stream error rejects with
 * a RemoteCommandError carrying the last lines of stderr.
 */
import { finished, type Readable, type Writable } from 'node:stream';
import type { ClientChannel, Client as SshClient } from 'ssh2';
import { RemoteCommandError, type RemoteCommandErrorDetails } from './errors.js';
import type { ExecOptions, ExecResult } from './types.js';

const STDERR_TAIL_LINES = 20;
const STDERR_TAIL_BYTES = 16 * 1024;

type Failure = Omit<RemoteCommandErrorDetails, 'command' | 'host'>;

/** What a channel needs from its connection. */
export interface ChannelConnection {
  readonly client: SshClient;
  /** `user@host:port`, for messages. */
  readonly description: string;
  /** Why the connection closed, once it has ('' while open). */
  closeReason(): string;
  /** Aborts of the channels in flight, called when the connection closes. */
  readonly pending: Set<(reason: string) => void>;
}

export interface ChannelLimits {
  /** 0 = none. */
  readonly timeoutMs: number;
  /** Cap of collected stdout when no Writable is given. */
  readonly maxCollectedBytes: number;
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

/** Runs `command` on a new channel of the connection. */
export function runChannel(
  connection: ChannelConnection,
  command: string,
  description: string,
  options: ExecOptions,
  limits: ChannelLimits,
): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    new ExecChannel(connection, description, options, limits, resolve, reject).start(command);
  });
}

class ExecChannel {
  private readonly tail = new StderrTail();
  private channel: ClientChannel | undefined;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private failure: Failure | undefined;
  private settled = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly chunks: Buffer[] = [];
  private collected = 0;
  private stdoutDone: Promise<void> = Promise.resolve();
  private readonly abort = (reason: string) => {
    this.failure ??= { failure: 'no-exit-status', detail: reason };
    this.settle(this.failure);
  };

  private readonly connection: ChannelConnection;
  private readonly description: string;
  private readonly options: ExecOptions;
  private readonly limits: ChannelLimits;
  private readonly resolve: (result: ExecResult) => void;
  private readonly reject: (error: RemoteCommandError) => void;

  // Plain fields, not parameter properties: the benchmarks load this with --experimental-strip-types.
  constructor(
    connection: ChannelConnection,
    description: string,
    options: ExecOptions,
    limits: ChannelLimits,
    resolve: (result: ExecResult) => void,
    reject: (error: RemoteCommandError) => void,
  ) {
    this.connection = connection;
    this.description = description;
    this.options = options;
    this.limits = limits;
    this.resolve = resolve;
    this.reject = reject;
  }

  start(command: string): void {
    this.connection.pending.add(this.abort);
    const { timeoutMs } = this.limits;
    if (timeoutMs > 0) {
      this.timer = setTimeout(() => this.kill({ failure: 'timeout', detail: `${timeoutMs} ms` }), timeoutMs);
    }
    this.connection.client.exec(command, (error, stream) => {
      if (error) {
        this.settle({ failure: 'channel', detail: error.message });
        return;
      }
      if (this.settled) {
        stream.close();
        return;
      }
      this.attach(stream);
    });
  }

  private settle(error?: Failure): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.connection.pending.delete(this.abort);
    const target = this.options.stdout;
    if (error) {
      // The caller's Writable is left to the caller (it is not ended: the output is incomplete).
      if (target && this.channel) this.channel.unpipe(target);
      this.reject(
        new RemoteCommandError({
          command: this.description,
          host: this.connection.description,
          ...error,
          stderrTail: this.tail.toString(),
        }),
      );
      return;
    }
    this.resolve({
      exitCode: 0,
      stdout: target ? '' : Buffer.concat(this.chunks).toString('utf8'),
      stderrTail: this.tail.toString(),
    });
  }

  /** Stops the command: signals it (OpenSSH honours `signal` requests) and closes the channel. */
  private kill(why: Failure): void {
    this.failure ??= why;
    const channel = this.channel;
    if (!channel) {
      this.settle(this.failure);
      return;
    }
    try {
      // The supervisor kills the command's whole process group on TERM.
      sendSignal(channel, 'TERM');
    } catch {
      // channel already gone
    }
    setTimeout(() => channel.close(), 1000).unref();
    // If the server never confirms the close, give up waiting.
    setTimeout(() => this.settle(this.failure), 5000).unref();
  }

  private conclude(): void {
    if (this.failure) this.settle(this.failure);
    else if (this.exitSignal) this.settle({ failure: 'signal', signal: this.exitSignal });
    else if (this.exitCode === null) {
      this.settle({ failure: 'no-exit-status', detail: this.connection.closeReason() || 'channel closed' });
    } else if (this.exitCode !== 0) this.settle({ failure: 'exit-status', exitCode: this.exitCode });
    else this.settle();
  }

  private attach(stream: ClientChannel): void {
    this.channel = stream;
    stream.on('error', (streamError: Error) => {
      this.failure ??= { failure: 'channel', detail: streamError.message };
    });
    stream.on('exit', (code: number | null, signal?: string) => {
      if (typeof code === 'number') this.exitCode = code;
      if (signal) this.exitSignal = signal;
      // A failure is known now; give the rest of stderr a moment, but do not wait for processes
      // of the command that still hold its output open.
      if (this.exitSignal || (this.exitCode !== null && this.exitCode !== 0)) {
        setTimeout(() => {
          if (this.closed) return;
          this.conclude();
          stream.close();
        }, 1000).unref();
      }
    });
    stream.stderr.on('data', (data: Buffer) => {
      const text = data.toString('utf8');
      this.tail.push(text);
      this.options.onStderr?.(text);
    });
    this.readStdout(stream);
    stream.on('close', () => {
      this.closed = true;
      // With a Writable, success is known only when it has taken all the data.
      const waitForTarget = !this.failure && this.options.stdout && this.exitCode === 0 && !this.exitSignal;
      if (waitForTarget) void this.stdoutDone.then(() => this.conclude());
      else this.conclude();
    });
    this.feedStdin(stream);
  }

  private readStdout(stream: ClientChannel): void {
    const target: Writable | undefined = this.options.stdout;
    if (target) {
      stream.pipe(target);
      this.stdoutDone = new Promise<void>((done) => {
        finished(target, (streamError) => {
          if (streamError && !this.settled)
            this.kill({ failure: 'stdout-error', detail: streamError.message });
          done();
        });
      });
      return;
    }
    const max = this.limits.maxCollectedBytes;
    stream.on('data', (data: Buffer) => {
      this.collected += data.length;
      if (this.collected > max) {
        this.kill({ failure: 'output-limit', detail: `more than ${max} bytes` });
        return;
      }
      this.chunks.push(data);
    });
  }

  private feedStdin(stream: ClientChannel): void {
    const input = this.options.stdin;
    if (input === undefined) stream.end();
    else if (typeof input === 'string' || Buffer.isBuffer(input)) stream.end(input);
    else {
      (input as Readable).on('error', (streamError: Error) =>
        this.kill({ failure: 'stdin-error', detail: streamError.message }),
      );
      (input as Readable).pipe(stream);
    }
  }
}
