import { Buffer, isAscii } from 'node:buffer';
import { type PyExpr, parseExpression } from './python-expression.js';
import {
  findConflictMarker,
  type LogicalLine,
  PythonSyntaxError,
  type Token,
  tokenizeMigrationOutline,
} from './python-tokenizer.js';

/** A reference to a migration as Django writes it: `("app_label", "0002_name")`. */
export interface MigrationRef {
  app: string;
  name: string;
  /** Line of the reference in its file. */
  line: number;
  /** Django hashes these: a list instead of a tuple crashes its loader. */
  form: 'tuple' | 'list';
}

/** One class-level assignment to an attribute we care about, as written. */
export interface ClassAssignment {
  /** `assign` is `x = ...`; `annotated` is `x: T = ...`; `augmented` is `x += ...`; `chained` is `a = x = ...`. */
  form: 'assign' | 'annotated' | 'augmented' | 'chained';
  value: PyExpr;
  line: number;
}

/** What a migration file declares, read without running it. */
export interface MigrationDeclaration {
  classLine: number;
  dependencies: MigrationRef[];
  replaces: MigrationRef[];
  runBefore: MigrationRef[];
  /** Every `dependencies` assignment in the class body, for the rebase rules. */
  dependencyAssignments: ClassAssignment[];
}

export type MigrationReadResult =
  | { ok: true; declaration: MigrationDeclaration; source: string }
  | { ok: false; reason: string; line: number | null };

const ATTRIBUTES = ['dependencies', 'replaces', 'run_before'] as const;
type Attribute = (typeof ATTRIBUTES)[number];

/** Decodes a file as Python source text, refusing what Python (or Django's import) would choke on. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  const binary = { ok: false, reason: 'is a binary file (contains NUL bytes)' } as const;
  // Decoded first: in valid UTF-8 only a NUL byte decodes to U+0000, and a string search is cheaper.
  // Most migration files are ASCII: checked and decoded natively, without the fatal decoder's cost
  // per call (a check decodes 1,000s of small files).
  if (isAscii(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return text.includes('\0') ? binary : { ok: true, text };
  }
  try {
    const text = UTF8.decode(bytes);
    return text.includes('\0') ? binary : { ok: true, text };
  } catch {
    return bytes.includes(0) ? binary : { ok: false, reason: 'is not valid UTF-8' };
  }
}

/** Reads the module-level `class Migration` of a migration file. */
export function readMigrationFile(bytes: Uint8Array): MigrationReadResult {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason, line: null };
  return readMigrationSource(decoded.text);
}

export function readMigrationSource(source: string): MigrationReadResult {
  const marker = findConflictMarker(source);
  if (marker !== null) return { ok: false, reason: 'contains git conflict markers', line: marker };
  let lines: LogicalLine[];
  try {
    // Only the module-level lines and the class body's attribute statements become tokens.
    lines = tokenizeMigrationOutline(source, ATTRIBUTES);
  } catch (error) {
    if (error instanceof PythonSyntaxError)
      return { ok: false, reason: `is not valid Python: ${error.message}`, line: error.line };
    throw error;
  }
  return readMigrationLines(source, lines);
}

/**
 * The declaration in a source's logical lines: those of `tokenize`, or of
 * `tokenizeMigrationOutline` with ATTRIBUTES, which keeps all that this reads.
 */
export function readMigrationLines(source: string, lines: LogicalLine[]): MigrationReadResult {
  let headerIndex = -1;
  let headers = 0;
  let secondHeaderLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.indent !== 0 || !isClassHeader(l.tokens, 'Migration')) continue;
    headers++;
    if (headers === 1) headerIndex = i;
    else if (headers === 2) secondHeaderLine = l.line;
  }
  if (headers === 0) {
    for (const l of lines) {
      if (l.indent === 0 && l.tokens[0]?.text === 'Migration')
        return { ok: false, reason: 'defines Migration other than with a class statement', line: l.line };
    }
    return { ok: false, reason: 'has no module-level class Migration', line: null };
  }
  if (headers > 1) {
    return { ok: false, reason: `defines class Migration ${headers} times`, line: secondHeaderLine };
  }
  const header = lines[headerIndex]!;
  const body = classBody(lines, headerIndex);

  const assignments: Record<Attribute, ClassAssignment[]> = {
    dependencies: [],
    replaces: [],
    run_before: [],
  };
  try {
    for (const statement of body) {
      const first = statement[0];
      if (first?.type !== 'name' || !isAttribute(first.text)) continue;
      const found = readAssignment(statement);
      if (found && isAttribute(found.target)) assignments[found.target].push(found.assignment);
    }
  } catch (error) {
    if (error instanceof PythonSyntaxError)
      return { ok: false, reason: `is not valid Python: ${error.message}`, line: error.line };
    throw error;
  }

  const declaration: MigrationDeclaration = {
    classLine: header.line,
    dependencies: [],
    replaces: [],
    runBefore: [],
    dependencyAssignments: assignments.dependencies,
  };
  for (const attribute of ATTRIBUTES) {
    // Python keeps the last assignment; that is the value Django sees.
    const assignment = assignments[attribute][assignments[attribute].length - 1];
    if (!assignment) continue;
    const refs = readRefList(attribute, assignment);
    if (!refs.ok) return { ok: false, reason: refs.reason, line: refs.line };
    if (attribute === 'dependencies') declaration.dependencies = refs.refs;
    else if (attribute === 'replaces') declaration.replaces = refs.refs;
    else declaration.runBefore = refs.refs;
  }
  return { ok: true, declaration, source };
}

function isAttribute(name: string): name is Attribute {
  return name === 'dependencies' || name === 'replaces' || name === 'run_before';
}

function isClassHeader(tokens: Token[], name: string): boolean {
  return tokens[0]?.type === 'name' && tokens[0].text === 'class' && tokens[1]?.text === name;
}

/** The simple statements directly in the class body (nested blocks are skipped). */
function classBody(lines: LogicalLine[], headerIndex: number): Token[][] {
  const statements: Token[][] = [];
  const header = lines[headerIndex]!;
  // `class Migration(...): x = 1` puts the body on the header line.
  const colon = headerColon(header.tokens);
  if (colon >= 0 && colon < header.tokens.length - 1) {
    splitStatements(header.tokens, colon + 1, statements);
    return statements;
  }
  const start = headerIndex + 1;
  const first = lines[start];
  if (!first || first.indent === 0) return statements;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.indent === 0) break;
    if (line.indent !== first.indent) continue;
    splitStatements(line.tokens, 0, statements);
  }
  return statements;
}

function headerColon(tokens: Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'op') continue;
    const text = t.text;
    if (text === '(' || text === '[' || text === '{') depth++;
    else if (text === ')' || text === ']' || text === '}') depth--;
    else if (text === ':' && depth === 0) return i;
  }
  return -1;
}

/** Appends to `out` the `;`-separated statements of `tokens` from `from` (a line with one statement is not copied). */
function splitStatements(tokens: Token[], from: number, out: Token[][]): void {
  let depth = 0;
  let start = from;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'op') continue;
    const text = t.text;
    if (text === '(' || text === '[' || text === '{') depth++;
    else if (text === ')' || text === ']' || text === '}') depth--;
    else if (text === ';' && depth === 0) {
      if (i > start) out.push(tokens.slice(start, i));
      start = i + 1;
    }
  }
  if (start === 0) {
    if (tokens.length > 0) out.push(tokens);
  } else if (start < tokens.length) out.push(tokens.slice(start));
}

function readAssignment(tokens: Token[]): { target: string; assignment: ClassAssignment } | null {
  const [name, op] = tokens;
  if (name?.type !== 'name' || op?.type !== 'op') return null;
  if (op.text === '=') {
    const rest = tokens.slice(2);
    const second = topLevelEquals(rest);
    if (second >= 0) {
      return {
        target: name.text,
        assignment: { form: 'chained', value: parseExpression(rest.slice(second + 1)), line: name.line },
      };
    }
    return {
      target: name.text,
      assignment: { form: 'assign', value: parseExpression(rest), line: name.line },
    };
  }
  if (op.text === ':') {
    const eq = topLevelEquals(tokens);
    if (eq < 0) return null;
    return {
      target: name.text,
      assignment: { form: 'annotated', value: parseExpression(tokens.slice(eq + 1)), line: name.line },
    };
  }
  const o = op.text;
  if (o.length >= 2 && o.endsWith('=') && o !== '==' && o !== '<=' && o !== '>=' && o !== '!=') {
    const value: PyExpr = {
      kind: 'computed',
      reason: `uses '${op.text}'`,
      start: op.start,
      end: tokens[tokens.length - 1]!.end,
      line: name.line,
    };
    return { target: name.text, assignment: { form: 'augmented', value, line: name.line } };
  }
  return null;
}

/** Index of the first `=` outside brackets (keyword arguments are inside them), or -1. */
function topLevelEquals(tokens: Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    else if (t.text === '=' && depth === 0) return i;
  }
  return -1;
}

/** `migrations.swappable_dependency(...)` names the user model's app; it never orders one app's migrations. */
export function isSwappableDependency(expr: PyExpr): boolean {
  if (expr.kind !== 'call') return false;
  const f = expr.func;
  return (
    (f.kind === 'name' && f.id === 'swappable_dependency') ||
    (f.kind === 'attribute' && f.attr === 'swappable_dependency')
  );
}

/** A `("app", "name")` pair (tuple or list) of two plain strings, or null. */
export function asRefPair(expr: PyExpr): { app: string; name: string } | null {
  if ((expr.kind !== 'tuple' && expr.kind !== 'list') || expr.elts.length !== 2) return null;
  const [a, b] = expr.elts;
  if (a?.kind !== 'str' || b?.kind !== 'str') return null;
  return { app: a.value, name: b.value };
}

function readRefList(
  attribute: Attribute,
  assignment: ClassAssignment,
): { ok: true; refs: MigrationRef[] } | { ok: false; reason: string; line: number } {
  const value = assignment.value;
  if (value.kind !== 'list' && value.kind !== 'tuple') {
    const why = value.kind === 'computed' ? ` (${value.reason})` : '';
    return {
      ok: false,
      reason: `cannot read ${attribute}: it is computed, not a literal list or tuple${why}`,
      line: value.line,
    };
  }
  const refs: MigrationRef[] = [];
  for (const element of value.elts) {
    if (attribute === 'dependencies' && isSwappableDependency(element)) continue;
    const pair = asRefPair(element);
    if (!pair) {
      return {
        ok: false,
        reason: `cannot read ${attribute}: an entry is not an ("app", "migration") pair of strings`,
        line: element.line,
      };
    }
    refs.push({
      app: pair.app,
      name: pair.name,
      line: element.line,
      form: element.kind === 'list' ? 'list' : 'tuple',
    });
  }
  return { ok: true, refs };
}
