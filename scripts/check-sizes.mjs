#!/usr/bin/env node
// Files in src/ stay under 400 lines and functions under 80: lists every one over, exits 1 if any.
// Functions are found with the TypeScript parser (declarations, methods, arrows, function expressions).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const MAX_FILE = 400;
const MAX_FUNCTION = 80;
const over = [];
const files = readdirSync('src', { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => join(entry.parentPath, entry.name));
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE) over.push(`${file}: ${lines} lines (limit ${MAX_FILE})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length > MAX_FUNCTION) {
        const name =
          node.name?.getText() ??
          (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
        over.push(`${file}:${start + 1}: function ${name}: ${length} lines (limit ${MAX_FUNCTION})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const line of over) console.log(line);
console.log(
  over.length === 0
    ? `sizes: ${files.length} files in src/ within limits`
    : `sizes: ${over.length} over the limits`,
);
process.exit(over.length === 0 ? 0 : 1);
