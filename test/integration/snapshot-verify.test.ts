import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { verifySnapshot } from '../../src/shared/snapshot/index.js';
import { connect, newDeployDir, runBackup, seedCluster } from './postgres-helpers.js';

/** verify over SSH re-reads every file of a real snapshot and says what differs, expected vs found. */
describe('snapshot verify over SSH', () => {
  let remote: SshRemoteHost;
  let path = '';
  beforeAll(async () => {
    await seedCluster();
    remote = await connect();
    const { layout } = newDeployDir('verify');
    const outcome = await runBackup(remote, layout, { runId: 'verify1' });
    if (outcome.kind !== 'committed') throw new Error('expected a new snapshot');
    path = outcome.snapshot.path;
  });
  afterAll(async () => {
    await remote?.close();
  });

  it('finds a good snapshot good', async () => {
    const report = await verifySnapshot(remote, path);
    expect(report).toMatchObject({ verdict: 'good', problems: [], filesChecked: 1 });
    expect(report.bytesChecked).toBe(statSync(join(path, 'postgres/pg_dumpall.sql.zst')).size);
  });

  it('reports a flipped byte inside the compressed dump: sha256 and the zstd test both fail', async () => {
    const file = join(path, 'postgres/pg_dumpall.sql.zst');
    const original = readFileSync(file);
    const at = Math.floor(original.length / 2);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([original[at]! ^ 0xff]), 0, 1, at);
    closeSync(fd);
    try {
      const report = await verifySnapshot(remote, path);
      expect(report.verdict).toBe('bad');
      expect(report.fileProblems.map((problem) => problem.kind)).toEqual(['sha256', 'integrity']);
      const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
      expect(report.fileProblems[0]).toMatchObject({ expected: manifest.files[0].sha256 });
      expect(report.fileProblems[0]!.found).toMatch(/^[0-9a-f]{64}$/);
      expect(report.problems[1]).toMatch(/postgres\/pg_dumpall\.sql\.zst: zstd test failed: /);
    } finally {
      const fd2 = openSync(file, 'r+');
      writeSync(fd2, original, at, 1, at);
      closeSync(fd2);
    }
    expect((await verifySnapshot(remote, path)).verdict).toBe('good');
  });

  it('calls a snapshot without its manifest incomplete, never good', async () => {
    renameSync(join(path, 'manifest.json'), join(path, '..', 'manifest.aside'));
    try {
      const report = await verifySnapshot(remote, path);
      expect(report.verdict).toBe('incomplete');
      expect(report.problems[0]).toMatch(/has no manifest\.json: the snapshot was never completed/);
    } finally {
      renameSync(join(path, '..', 'manifest.aside'), join(path, 'manifest.json'));
    }
  });

  it('reports a truncated dump with its expected and found size', async () => {
    const file = join(path, 'postgres/pg_dumpall.sql.zst');
    const original = readFileSync(file);
    const fd = openSync(file, 'w');
    writeSync(fd, original, 0, original.length - 100);
    closeSync(fd);
    try {
      const report = await verifySnapshot(remote, path);
      expect(report.verdict).toBe('bad');
      expect(report.problems[0]).toBe(
        `postgres/pg_dumpall.sql.zst: size ${original.length - 100} bytes, expected ${original.length}`,
      );
    } finally {
      unlinkSync(file);
      const fd2 = openSync(file, 'w', 0o600);
      writeSync(fd2, original);
      closeSync(fd2);
    }
  });
});
