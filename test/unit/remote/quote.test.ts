import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from '../../../src/shared/remote/index.js';

const NASTY = [
  '',
  ' ',
  'plain',
  'with space',
  "it's",
  "''",
  "'",
  '"double"',
  '$HOME',
  '$' + '{PATH}',
  '$(touch /tmp/gwops-pwned)',
  '`touch /tmp/gwops-pwned`',
  'a;b',
  'a && b || c',
  'a | b',
  '> /tmp/x < /etc/passwd',
  '*',
  '?',
  '[a-z]*',
  '~',
  '~root',
  '-n',
  '--',
  '-e foo',
  'line1\nline2',
  'tab\there',
  'cr\rlf',
  '\\',
  '\\\\n',
  '!',
  '!!',
  '#comment',
  'a=b',
  '%s%n',
  'ünïcødé ✓ 日本語',
  'emoji 🚀',
  '\u0001\u001b[31mred',
  "'; rm -rf / #",
  "x'\"'\"'y",
  '{a,b}',
  'a\\ b',
];

describe('shellQuote', () => {
  it('leaves simple words alone and quotes the rest', () => {
    expect(shellQuote('pg_dumpall')).toBe('pg_dumpall');
    expect(shellQuote('/var/lib/x-y_z.sql.zst')).toBe('/var/lib/x-y_z.sql.zst');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('refuses NUL bytes', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('round-trips nasty strings through a real bash (and sh)', () => {
    for (const shell of ['bash', 'sh']) {
      const script = `for a in ${shellJoin(NASTY)}; do printf '%s\\0' "$a"; done`;
      const out = execFileSync(
        shell,
        [...(shell === 'bash' ? ['--norc', '--noprofile'] : []), '-c', script],
        { encoding: 'utf8', input: '', env: { PATH: process.env['PATH'] ?? '' } },
      );
      expect(out.split('\0').slice(0, -1)).toEqual(NASTY);
    }
  });

  it('keeps each argument one word when used as argv', () => {
    const out = execFileSync('bash', ['-c', `printf '<%s>' ${shellJoin(NASTY)}`], {
      encoding: 'utf8',
      input: '',
    });
    expect(out).toBe(NASTY.map((a) => `<${a}>`).join(''));
  });

  it('quotes a quoted script again (nesting, as exec does with bash -c)', () => {
    const inner = `printf '%s' ${shellQuote("it's $HOME")}`;
    const out = execFileSync('bash', ['-c', `bash -c ${shellQuote(inner)}`], { encoding: 'utf8', input: '' });
    expect(out).toBe("it's $HOME");
  });
});
