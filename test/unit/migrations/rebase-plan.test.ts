import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/shared/migrations/python-expression.js';
import { tokenize } from '../../../src/shared/migrations/python-tokenizer.js';
import { unparse } from '../../../src/shared/migrations/python-unparse.js';
import { planRebase, type RebaseInput } from '../../../src/shared/migrations/rebase-plan.js';
import { appTree, stateCodes } from './helpers.js';

function input(rebasedSource: string, over: Partial<RebaseInput> = {}): RebaseInput {
  return {
    project: '',
    app: 'a',
    mergedName: '0003_base',
    rebasedName: '0003_pr',
    rebasedPath: 'a/migrations/0003_pr.py',
    rebasedSource,
    existingNames: new Set(['0001_initial', '0002_x', '0003_base', '0003_pr']),
    maxMigrationPath: 'a/migrations/max_migration.txt',
    ...over,
  };
}

const file = (deps: string) =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = ${deps}\n\n    operations = []\n`;

describe('planRebase (what rebase_migration writes)', () => {
  it('renames by the DLM formula and re-emits the list like ast.unparse', () => {
    const outcome = planRebase(
      input(file('[\n        ("a", "0002_x"),  # old parent\n        ("auth", "0012_y"),\n    ]')),
    );
    expect(outcome).toMatchObject({
      ok: true,
      plan: {
        newName: '0004_pr',
        newPath: 'a/migrations/0004_pr.py',
        newDependencies: "[('a', '0003_base'), ('auth', '0012_y')]",
        maxMigrationContent: '0004_pr\n',
        output: 'Renamed 0003_pr.py to 0004_pr.py, updated its dependencies, and updated max_migration.txt.',
      },
    });
    if (outcome.ok) expect(outcome.plan.newContent).toBe(file("[('a', '0003_base'), ('auth', '0012_y')]"));
  });

  it('keeps tuples as tuples (one element gets its comma) and turns a same-app inner list into a tuple', () => {
    const one = planRebase(input(file("(('a', '0002_x'),)")));
    expect(one.ok && one.plan.newDependencies).toBe("(('a', '0003_base'),)");
    const bare = planRebase(input(file("('a', '0002_x'),")));
    expect(bare.ok && bare.plan.newContent).toBe(file("(('a', '0003_base'),)"));
    const inner = planRebase(input(file("[['a', '0002_x'], [u'b', \"it's\"]]")));
    expect(inner.ok && inner.plan.newDependencies).toBe("[('a', '0003_base'), [u'b', \"it's\"]]");
  });

  it('numbers past 9999 and after a squashed name, and keeps the rest of a non-numbered rebased name', () => {
    expect(planRebase(input(file("[('a', '9998_x')]"), { mergedName: '9999_base' }))).toMatchObject({
      plan: { newName: '10000_pr' },
    });
    expect(
      planRebase(
        input(file("[('a', '0001_initial')]"), {
          mergedName: '0001_squashed_0004_x',
          rebasedName: '0002_pr',
        }),
      ),
    ).toMatchObject({
      plan: { newName: '0002_pr' },
    });
    expect(planRebase(input(file("[('a', 'initial')]"), { rebasedName: 'add_field' }))).toMatchObject({
      plan: { newName: '0004_field' },
    });
  });

  it('refuses like DLM: two same-app parents, annotated or computed dependencies, a non-numbered merged name', () => {
    expect(planRebase(input(file("[('a', '0002_x'), ('a', '0001_initial')]")))).toMatchObject({
      ok: false,
      reason: /2 dependencies within a/,
    });
    expect(planRebase(input(file('[]')))).toMatchObject({ ok: false, reason: /0 dependencies within a/ });
    expect(
      planRebase(input(file("[('a', '0002_x')]").replace('dependencies =', 'dependencies: list ='))),
    ).toMatchObject({ ok: false, reason: /annotated/ });
    expect(planRebase(input(`BASE = []\n${file("BASE + [('a', '0002_x')]")}`))).toMatchObject({
      ok: false,
      reason: /cannot parse|no plain/,
    });
    expect(planRebase(input(file("[('a', '0002_x')]"), { mergedName: 'base_change' }))).toMatchObject({
      ok: false,
      reason: /does not start with a number/,
    });
    expect(planRebase(input(file("[('a', '0002_x')]"), { rebasedName: '0003' }))).toMatchObject({
      ok: false,
      reason: /no '_'/,
    });
  });

  it('refuses to rename over an existing file (DLM would overwrite it)', () => {
    expect(
      planRebase(
        input(file("[('a', '0002_x')]"), { existingNames: new Set(['0003_base', '0003_pr', '0004_pr']) }),
      ),
    ).toMatchObject({ ok: false, reason: /already exists/ });
  });

  it('writes LF line ends, as read_text/write_text do, and counts columns in UTF-8 bytes like ast', () => {
    const crlf = file("[('a', '0002_x')]").replace(/\n/g, '\r\n');
    const outcome = planRebase(input(crlf));
    expect(outcome.ok && outcome.plan.newContent).toBe(file("[('a', '0003_base')]"));
  });
});

describe('unparse (ast.unparse for literals)', () => {
  const expr = (src: string) => unparse(parseExpression(tokenize(`x = ${src}\n`)[0]!.tokens.slice(2)));
  it('uses repr() quoting and escapes', () => {
    expect(expr('("a", "b")')).toBe("('a', 'b')");
    expect(expr(`("it's", 'say "hi"')`)).toBe(`("it's", 'say "hi"')`);
    expect(expr(`('both \\' and "', 'tab\\there')`)).toBe(`('both \\' and "', 'tab\\there')`);
    expect(expr(`('caf\\xe9', '\\x00')`)).toBe(`('café', '\\x00')`);
    expect(expr('migrations.swappable_dependency(settings.AUTH_USER_MODEL)')).toBe(
      'migrations.swappable_dependency(settings.AUTH_USER_MODEL)',
    );
    expect(expr('(0x10, 1_000)')).toBe('(16, 1000)');
  });
});

describe('bad input at scale', () => {
  it('handles 10,000+ migrations in one app quickly and without recursion limits', async () => {
    const files: Record<string, { deps?: [string, string][] } | string> = {};
    let previous: string | null = null;
    for (let i = 1; i <= 10_500; i++) {
      const name = `${String(i).padStart(4, '0')}_m`;
      files[`a/migrations/${name}`] = previous ? { deps: [['a', previous]] } : {};
      previous = name;
    }
    files['a/migrations/max_migration.txt'] = `${previous}\n`;
    const started = performance.now();
    expect(await stateCodes(appTree(files))).toEqual({ a: [] });
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
