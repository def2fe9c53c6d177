/**
 * The project stands alone: no document and no source comment points at files outside the
 * repository (a sibling directory of the checkout, the machine it was written on) or at a path
 * that exists only on one machine. Code may build such paths; prose and comments may not name them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

/** What must never be named: outside the repository, or on one machine only. */
const FORBIDDEN: readonly { what: string; re: RegExp }[] = [
  { what: 'a sibling directory outside the repository', re: /\.\.\/(?:\.\.\/)*(?:shared|seed|notes)\b/ },
  { what: 'the authoring machine', re: /\/work\// },
  { what: 'a home directory', re: /(?:^|[\s`'"(])(?:\/root\/|\/home\/[a-z][\w-]*\/|\/Users\/)/ },
  { what: "a test run's temp directory", re: /\/tmp\/gwops-[\w-]+/ },
];

function tracked(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f !== '' && !f.includes('/dist/') && !f.startsWith('node_modules/'));
}

/** The comments of a source file, with their line numbers: TypeScript's own scanner for JS/TS, `#` for shell and Python. */
function commentsOf(path: string, text: string): { line: number; text: string }[] {
  const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
  if (!/\.(?:ts|mts|mjs|js)$/.test(path)) {
    return text
      .split('\n')
      .map((line, i) => ({ line: i + 1, at: line.search(/(?:^|\s)#/), text: line }))
      .filter((l) => l.at !== -1)
      .map((l) => ({ line: l.line, text: l.text.slice(l.at).trim() }));
  }
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: { line: number; text: string }[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia)
      out.push({ line: lineOf(scanner.getTokenStart()), text: scanner.getTokenText() });
  }
  return out;
}

const files = tracked();
const docs = files.filter((f) => f.endsWith('.md'));
const sources = files.filter((f) => /\.(?:ts|mts|mjs|js|sh|py)$/.test(f) || f === '.ci/run');

describe('the repository stands alone', () => {
  it('finds the documents and sources to scan', () => {
    expect(docs).toContain('README.md');
    expect(sources).toContain('src/cli.ts');
  });

  it('no document names a path outside the repository or on one machine', () => {
    const found: string[] = [];
    for (const file of docs) {
      readFileSync(`${root}${file}`, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const { what, re } of FORBIDDEN)
            if (re.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('no source comment does either', () => {
    const found: string[] = [];
    for (const file of sources) {
      for (const comment of commentsOf(file, readFileSync(`${root}${file}`, 'utf8'))) {
        for (const { what, re } of FORBIDDEN)
          if (re.test(comment.text)) found.push(`${file}:${comment.line}: ${what}: ${comment.text.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan sees what it must refuse, in comments only', () => {
    // Built from parts, so that this file does not name them itself.
    const outside = `..${'/'}shared/design.md`;
    const machine = `/wo${'rk'}/shared/notes/x.md`;
    const sample = `const a = '${machine}'; // see ${machine}\n/* ${outside} */\nconst b = "http://x//y";\n`;
    const comments = commentsOf('x.ts', sample);
    expect(comments).toEqual([
      { line: 1, text: `// see ${machine}` },
      { line: 2, text: `/* ${outside} */` },
    ]);
    for (const c of comments)
      expect(
        FORBIDDEN.some(({ re }) => re.test(c.text)),
        c.text,
      ).toBe(true);
    expect(commentsOf('x.sh', `echo hi # see ${machine}\necho '#'`)[0]!.text).toBe(`# see ${machine}`);
  });
});
