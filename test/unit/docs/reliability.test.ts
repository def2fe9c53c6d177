/**
 * docs/reliability.md against the tests it cites: every row names a test file that exists and a
 * test title that occurs in it as the literal first argument of it(...)/test(...) (or of the call
 * that it.each returns), never a skipped or todo test; rows are distinct and there are at least 80.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const doc = readFileSync(new URL('docs/reliability.md', root), 'utf8');

interface Row {
  line: number;
  path: string;
  title: string;
}

/** The test cell is the last one: `[path](../path) \`title\``. */
const TEST_CELL = /\[([^\]]+)\]\(\.\.\/([^)]+)\) `([^`]+)` \|$/;

function rows(): { rows: Row[]; malformed: string[] } {
  const out: Row[] = [];
  const malformed: string[] = [];
  let inTable = false;
  for (const [i, text] of doc.split('\n').entries()) {
    if (!text.startsWith('|')) {
      inTable = false;
      continue;
    }
    // A header row opens a table; only tables whose last column is "test" are the faults table.
    if (!inTable) {
      inTable = /\|\s*test\s*\|$/.test(text);
      continue;
    }
    if (/^\|[-| ]+\|$/.test(text)) continue;
    const m = TEST_CELL.exec(text);
    if (!m) {
      malformed.push(`line ${i + 1}: ${text}`);
      continue;
    }
    if (m[1] !== m[2]) malformed.push(`line ${i + 1}: link text ${m[1]} is not its target ${m[2]}`);
    out.push({ line: i + 1, path: m[2]!, title: m[3]! });
  }
  return { rows: out, malformed };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `title` is the literal title of a test in `source` that runs (not .skip/.todo). */
function declaresTest(source: string, title: string): boolean {
  const call = String.raw`(?:\b(?:it|test)(?:\.(?:only|concurrent|sequential))?|\b(?:it|test)\.each\([\s\S]*?\))\(\s*`;
  return ['`', "'", '"'].some((q) => new RegExp(call + escapeRe(q + title + q)).test(source));
}

const { rows: table, malformed } = rows();

describe('docs/reliability.md', () => {
  it('has only well-formed rows in its tables', () => {
    expect(malformed).toEqual([]);
  });

  it('lists at least 80 distinct faults and bad inputs', () => {
    const keys = table.map((r) => `${r.path} :: ${r.title}`);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(repeated, 'a test cited twice').toEqual([]);
    expect(table.length).toBeGreaterThanOrEqual(80);
  });

  it('cites only test files that exist', () => {
    const missing = table.filter((r) => !r.path.startsWith('test/') || !existsSync(new URL(r.path, root)));
    expect(missing.map((r) => `line ${r.line}: ${r.path}`)).toEqual([]);
  });

  it('cites only test titles that occur in their file', () => {
    const absent = table.filter(
      (r) =>
        existsSync(new URL(r.path, root)) &&
        !declaresTest(readFileSync(new URL(r.path, root), 'utf8'), r.title),
    );
    expect(absent.map((r) => `line ${r.line}: ${r.path}: ${r.title}`)).toEqual([]);
  });
});

describe('declaresTest', () => {
  const source = [
    "it('runs', () => {});",
    'test("quoted \'inner\'", () => {});',
    "it.each(['a', 'b'])('takes %s', (x) => {});",
    "it.skip('skipped', () => {});",
    "it.todo('later');",
    "const note = 'not a test';",
  ].join('\n');

  it('finds titles given to it, test and it.each, in any quotes', () => {
    expect(declaresTest(source, 'runs')).toBe(true);
    expect(declaresTest(source, "quoted 'inner'")).toBe(true);
    expect(declaresTest(source, 'takes %s')).toBe(true);
  });

  it('does not count skipped or todo tests, strings that are no title, or a part of a title', () => {
    expect(declaresTest(source, 'skipped')).toBe(false);
    expect(declaresTest(source, 'later')).toBe(false);
    expect(declaresTest(source, 'not a test')).toBe(false);
    expect(declaresTest(source, 'run')).toBe(false);
  });
});
