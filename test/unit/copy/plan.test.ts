import { describe, expect, it } from 'vitest';
import { planTransfer, verifyProblems } from '../../../src/shared/copy/plan.js';
import { copyPaths, parseHashLines } from '../../../src/shared/copy/scripts.js';

const sha = (c: string) => c.repeat(64);
const expected = [
  { path: 'postgres/pg_dumpall.sql.zst', size: 1000, sha256: sha('a') },
  { path: 'secrets/secrets.tar.age', size: 50, sha256: sha('b') },
  { path: 'opensearch/snapshot.json', size: 20, sha256: sha('c') },
  { path: 'manifest.json', size: 30, sha256: sha('d') },
];

describe('planTransfer', () => {
  it('keeps matching files, resumes shorter ones, restarts longer or different ones, sends missing ones', () => {
    const found = parseHashLines(
      [
        `file\t400\t${sha('e')}\tpostgres/pg_dumpall.sql.zst`,
        `file\t50\t${sha('b')}\tsecrets/secrets.tar.age`,
        `file\t20\t${sha('f')}\topensearch/snapshot.json`,
        'missing\tmanifest.json',
        'extra\t7\told/leftover.bin',
      ].join('\n'),
    );
    const plan = planTransfer(expected, found);
    expect(plan.steps.map((s) => [s.file.path, s.action, 'offset' in s ? s.offset : null])).toEqual([
      ['postgres/pg_dumpall.sql.zst', 'resume', 400],
      ['secrets/secrets.tar.age', 'keep', null],
      ['opensearch/snapshot.json', 'restart', null],
      ['manifest.json', 'send', null],
    ]);
    expect(plan.extras).toEqual(['old/leftover.bin']);
    expect(plan.bytesKept).toBe(400 + 50);
    expect(plan.bytesToSend).toBe(600 + 20 + 30);
  });

  it('a file longer than expected, or empty, is sent again whole', () => {
    const plan = planTransfer(
      expected.slice(0, 2),
      parseHashLines(
        `file\t2000\t${sha('e')}\tpostgres/pg_dumpall.sql.zst\nfile\t0\t${sha('e')}\tsecrets/secrets.tar.age`,
      ),
    );
    expect(plan.steps.map((s) => s.action)).toEqual(['restart', 'restart']);
    expect(plan.bytesToSend).toBe(1050);
  });

  it('nothing on the copy host: everything is sent', () => {
    const plan = planTransfer(expected, []);
    expect(plan.steps.every((s) => s.action === 'send')).toBe(true);
    expect(plan.bytesToSend).toBe(1100);
    expect(plan.bytesKept).toBe(0);
  });
});

describe('verifyProblems', () => {
  it('names every difference with what was expected and what was found', () => {
    const found = parseHashLines(
      [
        `file\t1000\t${sha('a')}\tpostgres/pg_dumpall.sql.zst`,
        `file\t49\t${sha('b')}\tsecrets/secrets.tar.age`,
        `file\t20\t${sha('9')}\topensearch/snapshot.json`,
        'extra\t3\tstray',
      ].join('\n'),
    );
    expect(verifyProblems(expected, found)).toEqual([
      'secrets/secrets.tar.age: 49 bytes on the copy host, expected 50',
      `opensearch/snapshot.json: sha256 ${sha('9')} on the copy host, expected ${sha('c')}`,
      'manifest.json: missing on the copy host (expected 30 bytes)',
      'stray: on the copy host but not in the manifest (3 bytes)',
    ]);
  });
  it('is empty when everything matches', () => {
    const found = expected.map((f) => `file\t${f.size}\t${f.sha256}\t${f.path}`).join('\n');
    expect(verifyProblems(expected, parseHashLines(found))).toEqual([]);
  });
});

describe('copyPaths', () => {
  it('one fixed hidden partial name per snapshot, so an interrupted copy is found again', () => {
    expect(copyPaths('/srv/copies/', '2026-11-25')).toEqual({
      root: '/srv/copies',
      label: '2026-11-25',
      final: '/srv/copies/2026-11-25',
      partial: '/srv/copies/.2026-11-25.partial',
      lockFile: '/srv/copies/.gateway-ops.lock',
    });
  });
});
