import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asRefPair, readMigrationSource } from './migration-file.js';
import type { PyExpr } from './python-expression.js';
import { pyStrRepr, unparse } from './python-unparse.js';

/** Exactly what `manage.py rebase_migration <app>` does to the merged tree. */
export interface RebasePlan {
  project: string;
  app: string;
  /** The base's latest migration: the new parent. */
  mergedName: string;
  /** The pull request's migration, moved to the end. */
  rebasedName: string;
  newName: string;
  oldPath: string;
  newPath: string;
  /** The rebased file's content afterwards (before `black`, which DLM runs when installed). */
  newContent: string;
  /** The new dependency list as it appears in the file. */
  newDependencies: string;
  maxMigrationPath: string;
  maxMigrationContent: string;
  /** What rebase_migration prints. */
  output: string;
}

export type RebaseOutcome = { ok: true; plan: RebasePlan } | { ok: false; reason: string };

export interface RebaseInput {
  project: string;
  app: string;
  mergedName: string;
  rebasedName: string;
  /** Path of the rebased migration file, relative to the repository. */
  rebasedPath: string;
  /** Raw content of the rebased migration file. */
  rebasedSource: string;
  /** Every migration name in the app after the merge (to catch a rename over an existing file). */
  existingNames: ReadonlySet<string>;
  maxMigrationPath: string;
}

type Refusal = { ok: false; reason: string };
type DependencyList = Extract<PyExpr, { kind: 'list' | 'tuple' }>;

/** Computes rebase_migration's result, or the reason it refuses (or would do harm). */
export function planRebase(input: RebaseInput): RebaseOutcome {
  const fileName = `${input.rebasedName}.py`;
  // read_text() turns \r\n and \r into \n; write_text() writes \n.
  const content = input.rebasedSource.replace(/\r\n?/g, '\n');
  const list = dependencyList(content, fileName);
  if (!list.ok) return list;
  const rewritten = rewriteDependencies(list.value, input, fileName);
  if (!rewritten.ok) return rewritten;
  const renamed = newNameOf(input, fileName);
  if (!renamed.ok) return renamed;
  const newName = renamed.value;
  const newDependencies = rewritten.value;
  const [before, after] = dlmSplit(content, list.value.start, list.value.end);
  const dir = input.rebasedPath.slice(0, input.rebasedPath.lastIndexOf('/') + 1);
  return {
    ok: true,
    plan: {
      project: input.project,
      app: input.app,
      mergedName: input.mergedName,
      rebasedName: input.rebasedName,
      newName,
      oldPath: input.rebasedPath,
      newPath: `${dir}${newName}.py`,
      newContent: before + newDependencies + after,
      newDependencies,
      maxMigrationPath: input.maxMigrationPath,
      maxMigrationContent: `${newName}\n`,
      output: `Renamed ${fileName} to ${newName}.py, updated its dependencies, and updated max_migration.txt.`,
    },
  };
}

/** The one plain `dependencies = [...]` (or `(...)`) rebase_migration edits. */
function dependencyList(content: string, fileName: string): { ok: true; value: DependencyList } | Refusal {
  const read = readMigrationSource(content);
  if (!read.ok) {
    return { ok: false, reason: `rebase_migration cannot parse ${fileName}: it ${read.reason}` };
  }
  const plain = read.declaration.dependencyAssignments.filter(
    (a) => a.form === 'assign' && (a.value.kind === 'list' || a.value.kind === 'tuple'),
  );
  if (plain.length === 0) {
    const annotated = read.declaration.dependencyAssignments.some((a) => a.form === 'annotated');
    return {
      ok: false,
      reason: annotated
        ? `rebase_migration refuses ${fileName}: its dependencies are annotated (\`dependencies: list = [...]\`) and it only edits a plain \`dependencies = [...]\``
        : `rebase_migration refuses ${fileName}: it has no plain \`dependencies = [...]\` assignment`,
    };
  }
  if (plain.length > 1) {
    return {
      ok: false,
      reason: `rebase_migration refuses ${fileName}: it assigns dependencies = [...] ${plain.length} times`,
    };
  }
  return { ok: true, value: plain[0]!.value as DependencyList };
}

/** The list as rebase_migration writes it: the one same-app entry now names the merged migration. */
function rewriteDependencies(
  list: DependencyList,
  input: RebaseInput,
  fileName: string,
): { ok: true; value: string } | Refusal {
  let sameApp = 0;
  const items: string[] = [];
  for (const element of list.elts) {
    const pair = asRefPair(element);
    if (pair?.app === input.app) {
      sameApp++;
      items.push(`(${pyStrRepr(input.app)}, ${pyStrRepr(input.mergedName)})`);
      continue;
    }
    const text = unparse(element);
    if (text === null)
      return {
        ok: false,
        reason: `cannot predict how rebase_migration re-emits a dependency of ${fileName}`,
      };
    items.push(text);
  }
  if (sameApp !== 1) {
    return {
      ok: false,
      reason: `rebase_migration refuses ${fileName}: it has ${sameApp} dependencies within ${input.app} (it needs exactly one)`,
    };
  }
  const value =
    list.kind === 'list'
      ? `[${items.join(', ')}]`
      : items.length === 1
        ? `(${items[0]},)`
        : `(${items.join(', ')})`;
  return { ok: true, value };
}

/** The merged migration's number plus one, then the rebased name's rest (9999 -> 10000). */
function newNameOf(input: RebaseInput, fileName: string): { ok: true; value: string } | Refusal {
  const merged = splitName(input.mergedName);
  const rebased = splitName(input.rebasedName);
  if (!merged || !/^\d+$/.test(merged.number)) {
    return {
      ok: false,
      reason: `rebase_migration cannot number after '${input.mergedName}': the name does not start with a number and '_'`,
    };
  }
  if (!rebased) {
    return {
      ok: false,
      reason: `rebase_migration cannot rename '${input.rebasedName}': the name has no '_' after its number`,
    };
  }
  const newName = `${(BigInt(merged.number) + 1n).toString().padStart(4, '0')}_${rebased.rest}`;
  if (newName !== input.rebasedName && input.existingNames.has(newName)) {
    return {
      ok: false,
      reason: `rebase_migration would rename ${fileName} to ${newName}.py, which already exists, and overwrite it`,
    };
  }
  return { ok: true, value: newName };
}

function splitName(name: string): { number: string; rest: string } | null {
  const i = name.indexOf('_');
  return i < 0 ? null : { number: name.slice(0, i), rest: name.slice(i + 1) };
}

/**
 * Splits the content around the list exactly as DLM does: it sums Python's splitlines()
 * line lengths up to the node's line and adds ast's col_offset, which counts UTF-8 bytes.
 */
function dlmSplit(content: string, start: number, end: number): [string, string] {
  const codePoints = Array.from(content);
  const lines = splitPythonLinesKeepEnds(content).map((l) => Array.from(l).length);
  const offset = (at: number) => {
    const lineStart = content.lastIndexOf('\n', at - 1) + 1;
    const lineNo = content.slice(0, lineStart).split('\n').length;
    const colBytes = Buffer.byteLength(content.slice(lineStart, at), 'utf8');
    return lines.slice(0, lineNo - 1).reduce((a, b) => a + b, 0) + colBytes;
  };
  return [codePoints.slice(0, offset(start)).join(''), codePoints.slice(offset(end)).join('')];
}

function splitPythonLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index + m[0].length));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * Applies a plan to a working tree (`--fix`): the same three changes rebase_migration
 * makes. Refuses when the file to move is not the one the plan was computed from.
 */
export async function applyFix(repoDir: string, plan: RebasePlan, expectedSource?: string): Promise<void> {
  const oldFile = path.join(repoDir, plan.oldPath);
  let current: string;
  try {
    current = await readFile(oldFile, 'utf8');
  } catch {
    throw new Error(`cannot apply the rebase of ${plan.app}: ${plan.oldPath} does not exist in ${repoDir}`);
  }
  if (expectedSource !== undefined && current !== expectedSource) {
    throw new Error(
      `cannot apply the rebase of ${plan.app}: ${plan.oldPath} differs from the pull request's version; commit or discard local changes first`,
    );
  }
  await rename(oldFile, path.join(repoDir, plan.newPath));
  await writeFile(path.join(repoDir, plan.newPath), plan.newContent);
  await writeFile(path.join(repoDir, plan.maxMigrationPath), plan.maxMigrationContent);
}
