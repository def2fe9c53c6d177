import { Buffer, isAscii } from 'node:buffer';
import type { AppGraph, AppMigrations, Problem } from './graph.js';

/** What max_migration.txt says, read the way django-linear-migrations reads it. */
export type MaxMigrationContent =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'empty' }
  | { kind: 'several-lines'; lines: string[]; conflict: ConflictNames | null }
  | { kind: 'name'; name: string };

/** The two names in a committed or in-progress conflict, as `rebase_migration` parses them. */
export interface ConflictNames {
  /** Line 2: the side already merged (during a rebase, the upstream). */
  first: string;
  /** The second-to-last line: the side being rebased. */
  last: string;
}

// Python's str.splitlines() separators.
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function splitPythonLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(PY_LINE_BREAK);
  if (PY_LINE_BREAK.test(text.slice(-1)) || text.endsWith('\r\n')) lines.pop();
  return lines;
}

// Strips a leading BOM. A decode without `stream` keeps no state, so one decoder serves every file.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** DLM reads `read_text().strip().splitlines()`: CRLF and surrounding blanks are forgiven. */
export function readMaxMigration(bytes: Uint8Array | null): MaxMigrationContent {
  if (bytes === null) return { kind: 'missing' };
  let text: string;
  if (isAscii(bytes)) {
    // The usual file: decoded natively, without starting the fatal decoder (and ASCII has no BOM).
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  } else {
    try {
      text = UTF8.decode(bytes);
    } catch {
      return { kind: 'unreadable', reason: 'is not valid UTF-8' };
    }
  }
  // Python's open() in text mode turns \r\n and \r into \n before strip().
  const lines = splitPythonLines(text.replace(/\r\n?/g, '\n').trim());
  if (lines.length === 0) return { kind: 'empty' };
  if (lines.length > 1) return { kind: 'several-lines', lines, conflict: conflictNames(text) };
  return { kind: 'name', name: lines[0]! };
}

/**
 * The names `rebase_migration` would take from a conflicted max_migration.txt: the first
 * line must start with `<<<<<<<` and the last with `>>>>>>>` (not stripped, so a blank line
 * after the markers defeats it); line 2 and the second-to-last line are the names.
 */
export function conflictNames(text: string): ConflictNames | null {
  const lines = splitPythonLines(text.replace(/\r\n?/g, '\n'));
  if (lines.length <= 1) return null;
  if (!lines[0]!.startsWith('<<<<<<<') || !lines[lines.length - 1]!.startsWith('>>>>>>>')) return null;
  return { first: lines[1]!.trim(), last: lines[lines.length - 2]!.trim() };
}

/**
 * One app's state in one tree: Django's graph rules, then DLM's E001-E005 on
 * max_migration.txt. `checkMaxMigration` is false for apps the configuration does not check.
 */
export function checkAppState(state: AppMigrations, graph: AppGraph, checkMaxMigration: boolean): Problem[] {
  const label = state.app.label;
  const maxPath = state.app.maxMigrationPath;
  if (graph.unreadable.length > 0) return [...graph.unreadable, ...graph.errors];
  // Django's loader raises on these before any leaf is looked at.
  if (graph.errors.length > 0) return [...graph.errors];
  const problems: Problem[] = [];
  if (graph.leaves.length > 1) {
    // DLM checks E005 first, and when it fires it is the only error.
    const files = graph.leaves.map((l) => state.app.migrations.get(l));
    return [
      {
        code: 'dlm.E005',
        message: `Conflicting migrations detected - multiple leaf nodes in ${label}: ${graph.leaves.join(', ')}`,
        file: files[files.length - 1] ?? null,
        line: null,
      },
      ...problems,
    ];
  }
  if (!checkMaxMigration || state.app.migrations.size === 0) return problems;
  const content = readMaxMigration(state.maxMigration);
  switch (content.kind) {
    case 'missing':
      problems.push({
        code: 'dlm.E001',
        message: `${label}'s max_migration.txt does not exist`,
        file: maxPath,
        line: null,
      });
      break;
    case 'unreadable':
      problems.push({
        code: 'max-migration-unreadable',
        message: `${label}'s max_migration.txt ${content.reason}`,
        file: maxPath,
        line: null,
      });
      break;
    case 'empty':
      // DLM itself crashes here (IndexError); say what to write instead.
      problems.push({
        code: 'max-migration-empty',
        message: `${label}'s max_migration.txt is empty; it must contain the latest migration's name${graph.leaves.length === 1 ? ` ('${graph.leaves[0]}')` : ''}`,
        file: maxPath,
        line: 1,
      });
      break;
    case 'several-lines': {
      const markers = content.lines.some((l) => /^(<{7}|={7}|>{7}|\|{7})/.test(l));
      problems.push({
        code: 'dlm.E002',
        message: markers
          ? `${label}'s max_migration.txt contains git conflict markers`
          : `${label}'s max_migration.txt contains multiple lines`,
        file: maxPath,
        line: 2,
      });
      break;
    }
    case 'name': {
      if (!state.app.migrations.has(content.name)) {
        problems.push({
          code: 'dlm.E003',
          message: `${label}'s max_migration.txt points to non-existent migration '${content.name}'`,
          file: maxPath,
          line: 1,
        });
      } else if (graph.leaves.length === 1 && graph.leaves[0] !== content.name) {
        problems.push({
          code: 'dlm.E004',
          message: `${label}'s max_migration.txt contains '${content.name}', but the latest migration is '${graph.leaves[0]}'`,
          file: maxPath,
          line: 1,
        });
      }
    }
  }
  return problems;
}
