import type { HashLine } from './scripts.js';

/** A file the copy must end with: its path, size and sha256 (from the manifest, or of manifest.json). */
export interface ExpectedFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * What to do with one file, given what the copy host already holds (an interrupted run's work):
 * - `keep`: same size and sha256: not sent again;
 * - `resume`: shorter than expected: the rest is appended from its length (the bytes already there
 *   are not sent twice; the whole-file sha256 afterwards catches a prefix that does not match, and
 *   such a file is then sent again whole, once);
 * - `restart`: longer, or the right size with the wrong content: sent again whole;
 * - `send`: not there yet.
 */
export type FileStep =
  | { readonly file: ExpectedFile; readonly action: 'keep' }
  | { readonly file: ExpectedFile; readonly action: 'resume'; readonly offset: number }
  | { readonly file: ExpectedFile; readonly action: 'restart' | 'send' };

export interface TransferPlan {
  readonly steps: readonly FileStep[];
  /** Files in the partial directory that the snapshot does not have: removed before the seal. */
  readonly extras: readonly string[];
  /** Bytes this run sends. */
  readonly bytesToSend: number;
  /** Bytes already on the copy host and not sent again. */
  readonly bytesKept: number;
}

/** Pure: the steps that turn what the copy host holds into exactly the expected files. */
export function planTransfer(expected: readonly ExpectedFile[], found: readonly HashLine[]): TransferPlan {
  const there = new Map(found.filter((line) => line.kind === 'file').map((line) => [line.path, line]));
  const steps: FileStep[] = expected.map((file) => {
    const line = there.get(file.path);
    if (!line) return { file, action: 'send' };
    if (line.size === file.size && line.sha256 === file.sha256) return { file, action: 'keep' };
    if (line.size > 0 && line.size < file.size) return { file, action: 'resume', offset: line.size };
    return { file, action: 'restart' };
  });
  const wanted = new Set(expected.map((file) => file.path));
  const extras = found.filter((line) => line.kind === 'extra' && !wanted.has(line.path)).map((l) => l.path);
  let bytesToSend = 0;
  let bytesKept = 0;
  for (const step of steps) {
    if (step.action === 'keep') bytesKept += step.file.size;
    else if (step.action === 'resume') {
      bytesKept += step.offset;
      bytesToSend += step.file.size - step.offset;
    } else bytesToSend += step.file.size;
  }
  return { steps, extras, bytesToSend, bytesKept };
}

/** Every difference between the expected files and what the copy host computed, one line each. */
export function verifyProblems(expected: readonly ExpectedFile[], found: readonly HashLine[]): string[] {
  const there = new Map(found.filter((line) => line.kind === 'file').map((line) => [line.path, line]));
  const problems: string[] = [];
  for (const file of expected) {
    const line = there.get(file.path);
    if (!line) problems.push(`${file.path}: missing on the copy host (expected ${file.size} bytes)`);
    else if (line.size !== file.size)
      problems.push(`${file.path}: ${line.size} bytes on the copy host, expected ${file.size}`);
    else if (line.sha256 !== file.sha256)
      problems.push(`${file.path}: sha256 ${line.sha256} on the copy host, expected ${file.sha256}`);
  }
  const wanted = new Set(expected.map((file) => file.path));
  for (const line of found) {
    if (line.kind === 'extra' && !wanted.has(line.path))
      problems.push(`${line.path}: on the copy host but not in the manifest (${line.size} bytes)`);
  }
  return problems;
}
