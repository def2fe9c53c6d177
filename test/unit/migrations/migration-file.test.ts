import { describe, expect, it } from 'vitest';
import { readMigrationFile, readMigrationSource } from '../../../src/shared/migrations/migration-file.js';

function deps(source: string) {
  const result = readMigrationSource(source);
  if (!result.ok) throw new Error(`unexpected: ${result.reason} (line ${result.line})`);
  return result.declaration;
}

function refusal(source: string) {
  const result = readMigrationSource(source);
  if (result.ok) throw new Error('expected the reader to refuse');
  return result;
}

const pairs = (refs: { app: string; name: string }[]) => refs.map((r) => `${r.app}.${r.name}`);

describe('readMigrationSource', () => {
  it('reads a plain list with line numbers', () => {
    const d = deps(
      'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [\n        ("shop", "0001_initial"),\n        ("auth", "0012_x"),\n    ]\n    operations = []\n',
    );
    expect(pairs(d.dependencies)).toEqual(['shop.0001_initial', 'auth.0012_x']);
    expect(d.dependencies.map((r) => r.line)).toEqual([6, 7]);
    expect(d.classLine).toBe(4);
  });

  it('reads tuples, tuple of tuples, single-element tuples and inner lists', () => {
    expect(
      pairs(deps("class Migration:\n    dependencies = (('a', '0001'), ('b', '0002'))\n").dependencies),
    ).toEqual(['a.0001', 'b.0002']);
    expect(pairs(deps("class Migration:\n    dependencies = (('a', '0001'),)\n").dependencies)).toEqual([
      'a.0001',
    ]);
    expect(pairs(deps("class Migration:\n    dependencies = [['a', '0001']]\n").dependencies)).toEqual([
      'a.0001',
    ]);
    expect(pairs(deps("class Migration:\n    dependencies = ('a', '0001'),\n").dependencies)).toEqual([
      'a.0001',
    ]);
  });

  it('treats (("a", "b")) as the pair itself, as Python does, and refuses it', () => {
    const r = refusal("class Migration:\n    dependencies = (('a', '0001'))\n");
    expect(r.reason).toMatch(/not an \("app", "migration"\) pair/);
  });

  it('handles comments holding fake tuples, trailing commas, mixed quotes, prefixes and concatenation', () => {
    const d = deps(
      [
        'class Migration(migrations.Migration):  # ("x", "0009_fake")',
        '    """dependencies = [("doc", "0001")] in a docstring"""',
        '    dependencies = [  # ("y", "0008_fake")',
        "        (u'a', r\"0001_\" 'init' \"ial\"),  # ('z', '1')",
        "        ('b', '''0002_x'''),",
        '        migrations.swappable_dependency(settings.AUTH_USER_MODEL),',
        '    ]',
        "    operations = [migrations.RunSQL(\"dependencies = [('sql', '0001')]\")]",
        '',
      ].join('\n'),
    );
    expect(pairs(d.dependencies)).toEqual(['a.0001_initial', 'b.0002_x']);
  });

  it('reads replaces and run_before, and line continuations', () => {
    const d = deps(
      "class Migration:\n    replaces = [('a', '0001'), \\\n        ('a', '0002')]\n    run_before = [('b', '0003')]; dependencies = []\n",
    );
    expect(pairs(d.replaces)).toEqual(['a.0001', 'a.0002']);
    expect(pairs(d.runBefore)).toEqual(['b.0003']);
    expect(d.dependencies).toEqual([]);
  });

  it('reads annotated dependencies and keeps the form for the rebase rules', () => {
    const d = deps("class Migration:\n    dependencies: list = [('a', '0001')]\n");
    expect(pairs(d.dependencies)).toEqual(['a.0001']);
    expect(d.dependencyAssignments.map((a) => a.form)).toEqual(['annotated']);
  });

  it('refuses computed lists instead of guessing', () => {
    expect(
      refusal("BASE = [('a', '0001')]\nclass Migration:\n    dependencies = BASE + [('a', '0002')]\n").reason,
    ).toMatch(/computed/);
    expect(
      refusal("class Migration:\n    dependencies = [('a', '0001')]\n    dependencies += [('b', '1')]\n")
        .reason,
    ).toMatch(/computed/);
    expect(refusal("class Migration:\n    dependencies = [(APP, '0001')]\n").reason).toMatch(
      /pair of strings/,
    );
    expect(refusal("class Migration:\n    dependencies = [(f'a', '0001')]\n").reason).toMatch(
      /pair of strings/,
    );
  });

  it('ignores the class body of nested blocks and other classes', () => {
    const d = deps(
      "class Other:\n    dependencies = [('x', '1')]\n\nclass Migration:\n    if True:\n        dependencies = [('y', '1')]\n    dependencies = [('a', '0001')]\n    def f(self):\n        dependencies = 3\n",
    );
    expect(pairs(d.dependencies)).toEqual(['a.0001']);
  });

  it('reports no Migration class, two classes, syntax errors and conflict markers with lines', () => {
    expect(refusal('x = 1\n').reason).toMatch(/no module-level class Migration/);
    expect(refusal('class Migration:\n    pass\nclass Migration:\n    pass\n')).toMatchObject({ line: 3 });
    expect(refusal("class Migration:\n    dependencies = [('a', '0001')\n").reason).toMatch(/never closed/);
    expect(refusal("class Migration:\n    dependencies = [('a', '0001)]\n").reason).toMatch(/unterminated/);
    expect(
      refusal(
        "class Migration:\n<<<<<<< HEAD\n    dependencies = []\n=======\n    dependencies = [('a','1')]\n>>>>>>> x\n",
      ),
    ).toMatchObject({ line: 2, reason: 'contains git conflict markers' });
  });

  it('refuses binary and non-UTF-8 files', () => {
    expect(readMigrationFile(new Uint8Array([0x63, 0, 0x61]))).toMatchObject({ ok: false, reason: /binary/ });
    expect(readMigrationFile(new Uint8Array([0x63, 0xff, 0x61]))).toMatchObject({
      ok: false,
      reason: /UTF-8/,
    });
  });

  it('decodes escapes and CRLF files', () => {
    const d = deps("class Migration:\r\n    dependencies = [\r\n        ('a', '0001_\\x61b'),\r\n    ]\r\n");
    expect(pairs(d.dependencies)).toEqual(['a.0001_ab']);
    expect(d.dependencies[0]!.line).toBe(3);
    const continued = deps("class Migration:\r\n    dependencies = [('a', '0001_\\\r\ninitial')]\r\n");
    expect(pairs(continued.dependencies)).toEqual(['a.0001_initial']);
  });
});
