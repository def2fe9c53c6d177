/**
 * The static reader against Django's own import of real-world migration files: every
 * migration shipped in django.contrib (in the oracle's virtualenv) must read to exactly the
 * dependencies, replaces and run_before that Python sees when it imports the module.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { readMigrationFile } from '../../../../src/shared/migrations/migration-file.js';
import { ensureVenv, PYTHON, REPO_ROOT } from './harness.js';

let venvProblem: string | null = null;
beforeAll(() => {
  venvProblem = ensureVenv();
  if (venvProblem && process.env['CI']) throw new Error(`the migration oracle needs .venv: ${venvProblem}`);
}, 300_000);

it('reads every django.contrib migration exactly as Python imports it', (ctx) => {
  if (venvProblem) ctx.skip();
  const contrib = execFileSync(PYTHON, [
    '-c',
    'import django.contrib, os; print(os.path.dirname(django.contrib.__file__))',
  ])
    .toString()
    .trim();
  const files: string[] = [];
  for (const app of readdirSync(contrib)) {
    const dir = path.join(contrib, app, 'migrations');
    try {
      for (const f of readdirSync(dir)) if (/^\d{4}_\w+\.py$/.test(f)) files.push(path.join(dir, f));
    } catch {
      // not every contrib package has migrations
    }
  }
  expect(files.length).toBeGreaterThan(20);
  const script = path.join(REPO_ROOT, 'test/fixtures/migrations/read_declarations.py');
  const django = JSON.parse(execFileSync(PYTHON, [script, ...files]).toString()) as Record<
    string,
    { dependencies: (string[] | { swappable: true })[]; replaces: string[][]; run_before: string[][] }
  >;
  for (const file of files) {
    const read = readMigrationFile(readFileSync(file));
    if (!read.ok) throw new Error(`${file}: ${read.reason}`);
    const pairs = (refs: { app: string; name: string }[]) => refs.map((r) => [r.app, r.name]);
    const expected = django[file]!;
    expect({ file, deps: pairs(read.declaration.dependencies) }).toEqual({
      file,
      deps: expected.dependencies.filter((d): d is string[] => Array.isArray(d)),
    });
    expect(pairs(read.declaration.replaces)).toEqual(expected.replaces);
    expect(pairs(read.declaration.runBefore)).toEqual(expected.run_before);
  }
});
