import { describe, expect, it } from 'vitest';
import { discoverApps } from '../../../src/shared/migrations/apps.js';
import { buildProjectGraph } from '../../../src/shared/migrations/graph.js';
import { readRepositoryMigrations } from '../../../src/shared/migrations/repository-migrations.js';
import { conflictNames, readMaxMigration } from '../../../src/shared/migrations/rules.js';
import type { MemoryTree } from '../../../src/shared/migrations/tree.js';
import { appTree, stateCodes } from './helpers.js';

const m = (t: string) => `${t}\n`;

async function leaves(tree: MemoryTree, label = 'a') {
  const snapshot = await readRepositoryMigrations(tree);
  const graph = buildProjectGraph(snapshot.projects[0]!).get(label)!;
  return { leaves: graph.leaves, roots: graph.roots, errors: graph.errors.map((e) => e.code) };
}

describe('graph rules (Django)', () => {
  it('a linear app has one leaf and one root', async () => {
    const tree = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '0001_initial']] },
    });
    expect(await leaves(tree)).toEqual({ leaves: ['0002_x'], roots: ['0001_initial'], errors: [] });
  });

  it('two 0002 siblings on 0001 are two leaves; numbers mean nothing', async () => {
    const tree = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '0001_initial']] },
      'a/migrations/0002_y': { deps: [['a', '0001_initial']] },
      'a/migrations/0005_z': { deps: [['a', '0001_initial']] },
    });
    expect((await leaves(tree)).leaves).toEqual(['0002_x', '0002_y', '0005_z']);
    const chain = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '0001_initial']] },
      'a/migrations/0002_y': { deps: [['a', '0002_x']] },
    });
    expect((await leaves(chain)).leaves).toEqual(['0002_y']);
  });

  it('two roots merged by a migration with two same-app parents is linear', async () => {
    const tree = appTree({
      'a/migrations/0001_x': {},
      'a/migrations/0001_y': {},
      'a/migrations/0002_merge': {
        deps: [
          ['a', '0001_x'],
          ['a', '0001_y'],
        ],
      },
    });
    expect(await leaves(tree)).toEqual({ leaves: ['0002_merge'], roots: ['0001_x', '0001_y'], errors: [] });
  });

  it('a child in another app does not make a migration a non-leaf; same-app run_before adds an edge', async () => {
    const tree = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '0001_initial']] },
      'b/migrations/0001_initial': { deps: [['a', '0002_x']] },
      'a/migrations/0002_y': { deps: [['a', '0001_initial']], runBefore: [['a', '0002_x']] },
    });
    expect((await leaves(tree)).leaves).toEqual(['0002_x']);
    expect((await leaves(tree, 'b')).leaves).toEqual(['0001_initial']);
  });

  it('cross-app run_before does not order the app', async () => {
    const tree = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '0001_initial']], runBefore: [['b', '0001_initial']] },
      'b/migrations/0001_initial': {},
    });
    expect((await leaves(tree)).leaves).toEqual(['0002_x']);
  });

  it('a squash replaces its replaced files when they still exist', async () => {
    const tree = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '0001_initial']] },
      'a/migrations/0001_squashed_0002_x': {
        replaces: [
          ['a', '0001_initial'],
          ['a', '0002_x'],
        ],
      },
      'a/migrations/0003_y': { deps: [['a', '0002_x']] },
    });
    expect(await leaves(tree)).toEqual({ leaves: ['0003_y'], roots: ['0001_squashed_0002_x'], errors: [] });
  });

  it('a dependency on a deleted replaced migration resolves to the squash', async () => {
    const tree = appTree({
      'a/migrations/0001_squashed_0002_x': {
        replaces: [
          ['a', '0001_initial'],
          ['a', '0002_x'],
        ],
      },
      'a/migrations/0003_y': { deps: [['a', '0002_x']] },
    });
    expect(await leaves(tree)).toEqual({ leaves: ['0003_y'], roots: ['0001_squashed_0002_x'], errors: [] });
  });

  it('siblings, one on the squash and one on a replaced node, are two leaves', async () => {
    const tree = appTree({
      'a/migrations/0001_squashed_0002_x': {
        replaces: [
          ['a', '0001_initial'],
          ['a', '0002_x'],
        ],
      },
      'a/migrations/0003_y': { deps: [['a', '0002_x']] },
      'a/migrations/0003_z': { deps: [['a', '0001_squashed_0002_x']] },
    });
    expect((await leaves(tree)).leaves).toEqual(['0003_y', '0003_z']);
  });

  it('same-app __first__ is ignored (a second root); same-app __latest__ is an error', async () => {
    const first = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '__first__']] },
    });
    expect((await leaves(first)).leaves).toEqual(['0001_initial', '0002_x']);
    const latest = appTree({
      'a/migrations/0001_initial': {},
      'a/migrations/0002_x': { deps: [['a', '__latest__']] },
    });
    expect((await leaves(latest)).errors).toEqual(['missing-dependency']);
  });

  it('swappable_dependency never matters; unknown apps cannot be checked and are ignored', async () => {
    const tree = appTree({
      'a/migrations/0001_initial': {
        swappable: true,
        deps: [
          ['auth', '0012_x'],
          ['unknown', '__first__'],
        ],
      },
      'a/migrations/0002_x': { deps: [['a', '0001_initial']], swappable: true },
    });
    expect(await leaves(tree)).toEqual({ leaves: ['0002_x'], roots: ['0001_initial'], errors: [] });
  });

  it('a missing parent and a cycle are errors', async () => {
    const missing = appTree({ 'a/migrations/0002_x': { deps: [['a', '0001_gone']] } });
    expect((await leaves(missing)).errors).toEqual(['missing-dependency']);
    const cycle = appTree({
      'a/migrations/0001_x': { deps: [['a', '0002_y']] },
      'a/migrations/0002_y': { deps: [['a', '0001_x']] },
    });
    expect((await leaves(cycle)).errors).toEqual(['cycle']);
  });
});

describe('DLM rules on max_migration.txt', () => {
  const base = {
    'a/migrations/0001_initial': {},
    'a/migrations/0002_x': { deps: [['a', '0001_initial']] as [string, string][] },
  };

  it('accepts the right name, with CRLF or trailing spaces', async () => {
    for (const content of ['0002_x\n', '0002_x', '0002_x\r\n', '0002_x  \n', '\n0002_x\n\n']) {
      expect(await stateCodes(appTree({ ...base, 'a/migrations/max_migration.txt': content }))).toEqual({
        a: [],
      });
    }
  });

  it('E001 missing, empty (DLM crashes: we say so), E002 lines, E003 missing name, E004 stale', async () => {
    expect(await stateCodes(appTree(base))).toEqual({ a: ['dlm.E001'] });
    expect(await stateCodes(appTree({ ...base, 'a/migrations/max_migration.txt': '\n' }))).toEqual({
      a: ['max-migration-empty'],
    });
    expect(
      await stateCodes(appTree({ ...base, 'a/migrations/max_migration.txt': '0001_initial\n0002_x\n' })),
    ).toEqual({
      a: ['dlm.E002'],
    });
    expect(await stateCodes(appTree({ ...base, 'a/migrations/max_migration.txt': m('0003_gone') }))).toEqual({
      a: ['dlm.E003'],
    });
    expect(
      await stateCodes(appTree({ ...base, 'a/migrations/max_migration.txt': m('0001_initial') })),
    ).toEqual({
      a: ['dlm.E004'],
    });
  });

  it('E005 first: several leaves hide the other checks', async () => {
    const tree = appTree({
      ...base,
      'a/migrations/0002_y': { deps: [['a', '0001_initial']] },
      'a/migrations/max_migration.txt': m('0001_initial'),
    });
    expect(await stateCodes(tree)).toEqual({ a: ['dlm.E005'] });
  });

  it('reads conflict markers the way rebase_migration does, plain and diff3', () => {
    expect(conflictNames('<<<<<<< HEAD\n0002_a\n=======\n0002_b\n>>>>>>> b\n')).toEqual({
      first: '0002_a',
      last: '0002_b',
    });
    expect(conflictNames('<<<<<<< HEAD\n0002_a\n||||||| base\n0001\n=======\n0002_b\n>>>>>>> b\n')).toEqual({
      first: '0002_a',
      last: '0002_b',
    });
    expect(conflictNames('<<<<<<< HEAD\n0002_a\n=======\n0002_b\n>>>>>>> b\n\n')).toBeNull();
    expect(
      readMaxMigration(new TextEncoder().encode('<<<<<<< HEAD\n0002_a\n=======\n0002_b\n>>>>>>> b\n')),
    ).toMatchObject({
      kind: 'several-lines',
      conflict: { first: '0002_a', last: '0002_b' },
    });
  });
});

describe('discovery', () => {
  it('applies Django module rules to names and skips vendored directories', async () => {
    const tree = appTree(
      {
        'a/migrations/0001_initial': {},
        'a/migrations/_private.py': 'x = 1\n',
        'a/migrations/~tmp.py': 'x = 1\n',
        'a/migrations/0004.a.py': 'x = 1\n',
        'a/migrations/README.md': 'hi\n',
        'a/migrations/sub/__init__.py': '',
        'a/migrations/sub/0009_x.py': 'x = 1\n',
      },
      [],
    );
    tree.set('.venv/lib/python3.12/site-packages/v/migrations/__init__.py', '');
    tree.set('lib/site-packages/w/migrations/__init__.py', '');
    tree.set('nomig/migrations/0001_initial.py', 'x = 1\n');
    const { apps } = await discoverApps(tree);
    expect(apps.map((a) => [a.label, [...a.migrations.keys()]])).toEqual([['a', ['0001_initial']]]);
  });

  it('refuses a label that is not a Python identifier (it would land in a shell command)', async () => {
    const tree = appTree({ 'shop/migrations/0001_initial': {} });
    tree.set('shop/apps.py', "class ShopConfig(AppConfig):\n    name = 'shop'\n    label = 'x; rm -rf ~'\n");
    const { apps, notes } = await discoverApps(tree);
    expect(apps).toEqual([]);
    expect(notes.map((n) => n.code)).toEqual(['invalid-label']);
  });

  it('takes the label from apps.py (label, else the last part of name) and groups by manage.py', async () => {
    const tree = appTree({ 'p1/shop/migrations/0001_initial': {}, 'p2/shop/migrations/0001_initial': {} });
    tree.set('p1/manage.py', '');
    tree.set('p2/manage.py', '');
    tree.set(
      'p1/shop/apps.py',
      'from django.apps import AppConfig\n\nclass ShopConfig(AppConfig):\n    name = \'p1.shop\'\n    label = "store"\n',
    );
    tree.set(
      'p2/shop/apps.py',
      "class ShopConfig(AppConfig):\n    default_auto_field = 'x'\n    name = 'project.shop_v2'\n",
    );
    const { apps } = await discoverApps(tree);
    expect(apps.map((a) => [a.project, a.label])).toEqual([
      ['p1', 'store'],
      ['p2', 'shop_v2'],
    ]);
  });
});
