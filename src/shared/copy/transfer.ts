import { Transform } from 'node:stream';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import { formatBytes } from '../text.js';
import { receiveScript, sendScript } from './scripts.js';

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** One progress line every `intervalMs` while bytes flow: sent of total, rate, elapsed. */
export class CopyProgress {
  private sent = 0;
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly total: number;
  private readonly log: Log;
  // Plain fields, not parameter properties: the benchmarks load this with --experimental-strip-types.
  constructor(total: number, log: Log, intervalMs: number) {
    this.total = total;
    this.log = log;
    this.timer = setInterval(() => this.report(), intervalMs);
    this.timer.unref();
  }
  add(bytes: number): void {
    this.sent += bytes;
  }
  get bytes(): number {
    return this.sent;
  }
  line(): string {
    const elapsed = Date.now() - this.started;
    const rate = elapsed > 0 ? (this.sent * 1000) / elapsed : 0;
    const percent = this.total > 0 ? ` (${Math.floor((this.sent * 100) / this.total)}%)` : '';
    return `copy: ${formatBytes(this.sent)} of ${formatBytes(this.total)}${percent}, ${formatBytes(rate)}/s, ${clock(elapsed)} elapsed`;
  }
  report(): void {
    this.log.info(this.line());
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Streams one file from the production host to the copy host through this process: two SSH
 * channels joined by a counting Transform, with backpressure end to end. Either side failing
 * stops the other (the Transform is destroyed), so no command is left waiting on a dead pipe.
 */
export async function streamFile(
  source: RemoteHost,
  target: RemoteHost,
  from: { dir: string; file: string },
  to: { partial: string },
  offset: number,
  progress: CopyProgress,
): Promise<void> {
  const pipe = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      progress.add(chunk.length);
      callback(null, chunk);
    },
  });
  const stop = (error: unknown) => {
    if (!pipe.destroyed) pipe.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  };
  const sending = source
    .exec(sendScript(from.dir, from.file, offset), {
      stdout: pipe,
      description: `read ${from.file} on the production host`,
    })
    .catch(stop);
  const receiving = target
    .exec(receiveScript(to.partial, from.file, offset), {
      stdin: pipe,
      description: `write ${from.file} on the copy host`,
    })
    .catch(stop);
  const results = await Promise.allSettled([sending, receiving]);
  // The copy host's error says more (disk full, not writable) than the sender's broken pipe.
  const failed = results[1].status === 'rejected' ? results[1] : results[0];
  if (failed.status === 'rejected') throw failed.reason;
}
