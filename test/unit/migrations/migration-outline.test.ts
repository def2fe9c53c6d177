/**
 * readMigrationSource tokenizes only an outline of the file (module-level lines, the class
 * body's `dependencies`/`replaces`/`run_before` statements). These tests hold it to the
 * reading of every token: the same result, refusal reason and line, for the cases where
 * skipping could go wrong, and for generated sources.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MigrationReadResult,
  readMigrationLines,
  readMigrationSource,
} from '../../../src/shared/migrations/migration-file.js';
import {
  findConflictMarker,
  type LogicalLine,
  PythonSyntaxError,
  tokenize,
  tokenizeMigrationOutline,
} from '../../../src/shared/migrations/python-tokenizer.js';

/** The reading from all of the file's tokens. */
function readFromAllTokens(source: string): MigrationReadResult {
  const marker = findConflictMarker(source);
  if (marker !== null) return { ok: false, reason: 'contains git conflict markers', line: marker };
  let lines: LogicalLine[];
  try {
    lines = tokenize(source);
  } catch (error) {
    if (error instanceof PythonSyntaxError)
      return { ok: false, reason: `is not valid Python: ${error.message}`, line: error.line };
    throw error;
  }
  return readMigrationLines(source, lines);
}

/** Reads `source`, checking that the outline reading equals the reading of all tokens. */
function read(source: string): MigrationReadResult {
  const result = readMigrationSource(source);
  expect(result).toEqual(readFromAllTokens(source));
  return result;
}

function deps(source: string, attribute: 'dependencies' | 'replaces' | 'runBefore' = 'dependencies') {
  const result = read(source);
  if (!result.ok) throw new Error(`unexpected: ${result.reason} (line ${result.line})`);
  return result.declaration[attribute].map((r) => `${r.app}.${r.name}@${r.line}`);
}

function refusal(source: string) {
  const result = read(source);
  if (result.ok) throw new Error('expected the reader to refuse');
  return { reason: result.reason, line: result.line };
}

describe('the outline reader', () => {
  it('reads class-body statements after a `;`', () => {
    expect(deps("class Migration:\n    operations = []; dependencies = [('a', '0001')]\n")).toEqual([
      'a.0001@2',
    ]);
    const source =
      "class Migration:\n    x = f(1, [2]); dependencies = [('a', '1')]; replaces = [('b', '2')]; y = 3\n";
    expect(deps(source)).toEqual(['a.1@2']);
    expect(deps(source, 'replaces')).toEqual(['b.2@2']);
    // A `;` inside brackets does not start a statement.
    expect(refusal('class Migration:\n    x = [1; dependencies]\n    dependencies = 5\n')).toEqual({
      reason: 'cannot read dependencies: it is computed, not a literal list or tuple',
      line: 3,
    });
  });

  it('reads a body on the class line', () => {
    expect(
      deps("class Migration(migrations.Migration): operations = []; dependencies = [('a', '0001')]\n"),
    ).toEqual(['a.0001@1']);
    expect(deps("class Migration: run_before = [('r', '1')]\n    \n", 'runBefore')).toEqual(['r.1@1']);
  });

  it('ignores dependencies in functions, nested classes, blocks and other classes', () => {
    expect(
      deps(
        [
          'class Other:',
          "    dependencies = [('other', '1')]",
          'class Migration:',
          '    operations = []',
          '    def f(self):',
          "        dependencies = [('f', '1')]",
          '    class Meta:',
          "        dependencies = [('meta', '1')]",
          '    if True:',
          "        dependencies = [('if', '1')]",
          "    dependencies = [('a', '0001')]",
          'def g():',
          "    dependencies = [('g', '1')]",
          '',
        ].join('\n'),
      ),
    ).toEqual(['a.0001@11']);
    // The body's indent is its first line's, even when that line is skipped.
    expect(
      deps("class Migration:\n    operations = []\n    def f(self):\n        dependencies = [('f', '1')]\n"),
    ).toEqual([]);
  });

  it('does not read statements in strings and keeps line numbers across them', () => {
    expect(
      deps(
        [
          'class Migration:',
          '    """',
          "    dependencies = [('doc', '1')]",
          '    """',
          "    operations = [RunSQL('''",
          "    dependencies = [('sql', '1')]''')]",
          "    dependencies = [('a', '0001'),\r\n        ('b', '0002')]",
          '',
        ].join('\n'),
      ),
    ).toEqual(['a.0001@7', 'b.0002@8']);
  });

  it('reports syntax errors inside skipped statements with the same message and line', () => {
    const body = (lines: string[]) =>
      ['class Migration:', "    dependencies = [('a', '1')]", ...lines, ''].join('\n');
    expect(refusal(body(['    operations = [RunSQL("\\x4")]']))).toEqual({
      reason: 'is not valid Python: truncated \\x escape (line 3)',
      line: 3,
    });
    expect(refusal(body(['    operations = [("a" ]']))).toEqual({
      reason: "is not valid Python: unmatched ']' (line 3)",
      line: 3,
    });
    expect(refusal(body(['    def f(self):', '        x = "open']))).toEqual({
      reason: 'is not valid Python: unterminated string literal (line 4)',
      line: 4,
    });
    expect(refusal(body(['    operations = "\\N{DASH}"']))).toEqual({
      reason: 'is not valid Python: \\N{...} escapes are not supported by the static reader (line 3)',
      line: 3,
    });
    expect(refusal(body(['x = $']))).toEqual({
      reason: "is not valid Python: invalid character '$' (line 3)",
      line: 3,
    });
    expect(refusal(body(['    def f(self):', '            x = 1', '          y = 2']))).toEqual({
      reason: 'is not valid Python: unindent does not match any outer indentation level (line 5)',
      line: 5,
    });
    expect(refusal(body(['    operations = [1,', '']))).toEqual({
      reason: "is not valid Python: '[' was never closed (line 5)",
      line: 5,
    });
    expect(refusal(body(['    x = 1 \\ 2']))).toEqual({
      reason: 'is not valid Python: unexpected character after line continuation (line 3)',
      line: 3,
    });
  });

  it('reports Migration defined otherwise, twice, or not at all', () => {
    expect(refusal("Migration = type('Migration', (), {})\n")).toEqual({
      reason: 'defines Migration other than with a class statement',
      line: 1,
    });
    expect(refusal('class Migration: pass\nx = 1\nclass Migration:\n    pass\n')).toEqual({
      reason: 'defines class Migration 2 times',
      line: 3,
    });
    expect(refusal('if True:\n    class Migration:\n        pass\n')).toEqual({
      reason: 'has no module-level class Migration',
      line: null,
    });
  });

  it('keeps only the outline: no tokens for skipped lines and statements', () => {
    const lines = tokenizeMigrationOutline(
      'import os\nclass Migration(Base):\n    operations = [1]; dependencies = []\n    def f(self):\n        pass\n',
      ['dependencies'],
    );
    expect(lines.map((l) => [l.line, l.indent, l.tokens.map((t) => t.text).join(' ')])).toEqual([
      [1, 0, 'import'],
      [2, 0, 'class Migration ( Base ) :'],
      [3, 4, '; dependencies = [ ]'],
      [4, 4, ''],
    ]);
  });

  it('reads generated sources as the reading of all tokens does', () => {
    const fragment = fc.constantFrom(
      'class Migration(migrations.Migration):',
      'class Migration:',
      'class Other:',
      "dependencies = [('a', '0001')]",
      "replaces = [('b', '0002'), ('b', '0003')]",
      "run_before = [('c', '0004')]",
      'dependencies: list = []',
      'dependencies += []',
      'x = dependencies = []',
      'dependencies = BASE',
      'operations = [migrations.RunSQL("x")]',
      'def f(self):',
      'if True:',
      'Migration = 1',
      'pass',
      '; ',
      '; ',
      "; dependencies = [('d', '1')]",
      '"""dependencies = []',
      '"""',
      "'\\x4'",
      '(',
      ')',
      '[',
      ']',
      '\\',
      '# dependencies = []',
      '$',
      'é = 1',
      '1.5e3',
    );
    const indent = fc.constantFrom('', '', '    ', '    ', '        ', '\t', '  ');
    const line = fc
      .tuple(indent, fc.array(fragment, { minLength: 1, maxLength: 3 }))
      .map(([i, parts]) => i + parts.join(' '));
    const newline = fc.constantFrom('\n', '\n', '\r\n', '\r');
    // Most sources start with the class, so that generated lines land in its body.
    const header = fc.constantFrom('', 'class Migration:\n', 'class Migration:\n', 'class Migration:\n');
    const source = fc
      .tuple(header, fc.array(fc.tuple(line, newline), { minLength: 1, maxLength: 10 }))
      .map(([h, lines]) => h + lines.map(([l, nl]) => l + nl).join(''));
    fc.assert(
      fc.property(source, (s) => {
        expect(readMigrationSource(s)).toEqual(readFromAllTokens(s));
      }),
      { numRuns: 3000 },
    );
  });
});
