/** The start-mark filter on its own: marks split across chunks, a stream without the mark, the cap. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  LoginNoiseFilter,
  loginNoiseTransform,
  OUTPUT_START,
} from '../../../src/shared/remote/login-noise.js';

function filtered(chunks: readonly string[], end = true): string {
  const out: Buffer[] = [];
  const filter = new LoginNoiseFilter((chunk) => out.push(chunk));
  for (const chunk of chunks) filter.push(Buffer.from(chunk));
  if (end) filter.end();
  return Buffer.concat(out).toString();
}

describe('LoginNoiseFilter', () => {
  it('drops what came before the start mark, even when the mark is split across chunks', () => {
    const text = `motd line\nwelcome!\n${OUTPUT_START}real output\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(filtered([text.slice(0, cut), text.slice(cut)])).toBe('real output\n');
    }
    expect(filtered([...text])).toBe('real output\n');
  });

  it('keeps a second mark (it is the command output) and everything after the first', () => {
    expect(filtered([`noise${OUTPUT_START}a${OUTPUT_START}b`])).toBe(`a${OUTPUT_START}b`);
  });

  it('passes everything on when the stream ends without the mark (the supervisor never ran)', () => {
    expect(filtered(['bash: /usr/bin/bash: No such file or directory\n'])).toBe(
      'bash: /usr/bin/bash: No such file or directory\n',
    );
    expect(filtered(['held until the end'], false)).toBe('');
  });

  it('gives up holding after 1 MiB without the mark', () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect(filtered([big, 'tail'], false)).toBe(`${big}tail`);
  });
});

describe('loginNoiseTransform', () => {
  it('streams the bytes after the mark to a Writable', async () => {
    const out: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    });
    await pipeline(
      Readable.from([
        Buffer.from(`noise\n${OUTPUT_START.slice(0, 5)}`),
        Buffer.from(`${OUTPUT_START.slice(5)}\u0000\u00ff`, 'latin1'),
      ]),
      loginNoiseTransform(),
      sink,
    );
    expect(Buffer.concat(out)).toEqual(Buffer.from([0, 0xff]));
  });
});
