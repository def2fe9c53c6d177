/**
 * POSIX shell quoting. Every argument that reaches a remote shell goes through `shellQuote`:
 * the result is one word for sh/bash/dash/zsh whatever the input holds (spaces, quotes, `$`,
 * backticks, globs, newlines, leading dashes stay data; a leading dash is still an option to the
 * program receiving it, so pass `--` where that matters).
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one argument for a POSIX shell. NUL bytes cannot be passed in an argument and are refused. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('shellQuote: an argument cannot contain a NUL byte');
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Quote every argument and join them with spaces: a command line for a POSIX shell. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
