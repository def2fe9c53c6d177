/**
 * `--json <file>`: every benchmark also writes its measurements as JSON, for `bench/run-all.ts`
 * (which computes the verdicts from them) instead of scraping the Markdown it writes for people.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The arguments without `--json <file>`, and the file (undefined when not given). */
export function jsonOption(argv: readonly string[]): { args: string[]; json: string | undefined } {
  const at = argv.indexOf('--json');
  if (at === -1) return { args: [...argv], json: undefined };
  const json = argv[at + 1];
  if (json === undefined || json.startsWith('--')) throw new Error('--json needs a file name: --json <file>');
  return { args: [...argv.slice(0, at), ...argv.slice(at + 2)], json };
}

export function writeJson(file: string | undefined, data: unknown): void {
  if (file === undefined) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
}
