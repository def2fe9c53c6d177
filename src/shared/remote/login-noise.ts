/**
 * What the user's login shell prints before our command starts (`.bashrc`, `.profile`, a motd
 * script) is not the command's output: it would fill an error's last stderr lines and push the
 * cause out, or corrupt a streamed dump. The supervisor prints `OUTPUT_START` on stdout and on
 * stderr as its first act; everything a stream carried before it is dropped.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** The line the supervisor prints first on stdout and on stderr (record separators around a name). */
export const OUTPUT_START = '\u001egateway-ops output starts\u001e\n';
/** The same as `printf` format text for the supervisor (octal escapes, no quote characters). */
export const OUTPUT_START_PRINTF = '\\036gateway-ops output starts\\036\\n';

const MARK = Buffer.from(OUTPUT_START);
/** Past this much text without the mark, the shell is not one that ran the supervisor: pass it on. */
const MAX_HELD_BYTES = 1024 * 1024;

/** One stream's filter: holds what arrives until the mark, then passes everything after it. */
export class LoginNoiseFilter {
  private held: Buffer = Buffer.alloc(0);
  private started = false;
  /** Bytes dropped before the mark (for a debug line). */
  dropped = 0;

  private readonly emit: (chunk: Buffer) => void;

  constructor(emit: (chunk: Buffer) => void) {
    this.emit = emit;
  }

  push(chunk: Buffer): void {
    if (this.started) {
      this.emit(chunk);
      return;
    }
    this.held = Buffer.concat([this.held, chunk]);
    const at = this.held.indexOf(MARK);
    if (at >= 0) {
      const rest = this.held.subarray(at + MARK.length);
      this.dropped = at;
      this.started = true;
      this.held = Buffer.alloc(0);
      if (rest.length > 0) this.emit(rest);
    } else if (this.held.length > MAX_HELD_BYTES) this.end();
  }

  /**
   * The stream ended before the mark: the supervisor never ran (the login shell failed, a forced
   * command ran instead), so what arrived is all there is and may be the cause: pass it on.
   */
  end(): void {
    if (this.started) return;
    this.started = true;
    const held = this.held;
    this.held = Buffer.alloc(0);
    if (held.length > 0) this.emit(held);
  }
}

/** The filter as a Transform, for stdout piped to the caller's Writable (backpressure kept). */
export function loginNoiseTransform(): Transform {
  let filter: LoginNoiseFilter;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      filter.push(chunk);
      done();
    },
    flush(done: TransformCallback) {
      filter.end();
      done();
    },
  });
  filter = new LoginNoiseFilter((chunk) => transform.push(chunk));
  return transform;
}
