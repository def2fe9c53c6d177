/**
 * A commit's tree as migration-check lists it (git's binary tree objects, parsed by us) against
 * what git itself lists (`git ls-tree -r -z`): every path, kind and object id, including names
 * with spaces, non-ASCII and control characters, executable files, symlinks and a submodule.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore, GitTree } from '../../../src/shared/migrations/tree.js';
import { git } from './oracle/harness.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'git-tree-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const KIND: Record<string, string> = {
  '100644': 'file',
  '100755': 'file',
  '120000': 'symlink',
  '160000': 'submodule',
};

function gitListing(dir: string, rev: string): [string, { kind: string; id: string }][] {
  const out = git(dir, ['ls-tree', '-r', '-z', '--full-tree', rev]);
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [meta, p] = [line.slice(0, tab), line.slice(tab + 1)];
      const [mode, , id] = meta.split(' ') as [string, string, string];
      return [p, { kind: KIND[mode]!, id }];
    });
}

describe('GitTree', () => {
  it('lists exactly what git ls-tree lists, names byte for byte', async () => {
    const dir = path.join(tmp, 'repo');
    mkdirSync(dir);
    git(dir, ['init', '-q']);
    const names = [
      'app/migrations/0001_initial.py',
      'app/migrations/max_migration.txt',
      'with space/a b.py',
      'ünïcödé/café ✓.py',
      'tab\there/x.py',
      'deep/a/b/c/d/e.txt',
      '-leading-dash/--x.py',
      '100644/40000',
    ];
    for (const name of names) {
      mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      writeFileSync(path.join(dir, name), `content of ${name}\n`);
    }
    writeFileSync(path.join(dir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    symlinkSync('app/migrations', path.join(dir, 'link'));
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'files']);
    // A submodule entry (mode 160000) points at a commit, here this repository's own.
    const self = git(dir, ['rev-parse', 'HEAD']).trim();
    git(dir, ['update-index', '--add', '--cacheinfo', `160000,${self},vendor/sub`]);
    git(dir, ['commit', '-q', '-m', 'submodule']);

    const blobs = new BlobStore(dir);
    try {
      const tree = await GitTree.load(dir, 'HEAD^{commit}', blobs);
      const ours = [...tree.entries.values()].map((e) => [e.path, { kind: e.kind, id: e.id }] as const);
      const theirs = gitListing(dir, 'HEAD');
      expect(new Map(ours)).toEqual(new Map(theirs));
      expect(ours).toHaveLength(names.length + 3);
      const read = await tree.read(['ünïcödé/café ✓.py', 'tab\there/x.py']);
      expect(Buffer.from(read.get('ünïcödé/café ✓.py')!).toString()).toBe('content of ünïcödé/café ✓.py\n');
      expect(Buffer.from(read.get('tab\there/x.py')!).toString()).toBe('content of tab\there/x.py\n');
    } finally {
      blobs.close();
    }
  });
});
