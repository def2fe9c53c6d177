import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backupsDiskScript,
  judgeBackupsDisk,
  parseBackupsDisk,
} from '../../../src/shared/health/backups-disk.js';
import { LocalHost } from '../snapshot/local-host.js';

const MiB = 1024 ** 2;
const dir = mkdtempSync(join(tmpdir(), 'gwops-backups-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backupsDiskScript (run by the local bash)', () => {
  const host = new LocalHost();
  it('measures the nearest existing parent when the backups dir does not exist yet', async () => {
    const root = join(dir, "not yet/it's made/backups");
    const disk = parseBackupsDisk(root, (await host.exec(backupsDiskScript(root))).stdout);
    expect(disk.measured).toBe(dir);
    expect(disk.availBytes).toBeGreaterThan(0);
    expect(disk.last).toBeNull();
  });
  it('sizes the newest directory that has a manifest, not a newer incomplete one', async () => {
    const root = join(dir, 'backups');
    for (const [date, complete, bytes] of [
      ['2026-11-29', true, 1 * MiB],
      ['2026-11-30', true, 2 * MiB],
      ['2026-12-01', false, 3 * MiB],
    ] as const) {
      mkdirSync(join(root, date), { recursive: true });
      writeFileSync(join(root, date, 'data'), Buffer.alloc(bytes, 1));
      if (complete) writeFileSync(join(root, date, 'manifest.json'), '{}');
    }
    mkdirSync(join(root, '.2026-12-01.partial-x'));
    const disk = parseBackupsDisk(root, (await host.exec(backupsDiskScript(root))).stdout);
    expect(disk.last?.date).toBe('2026-11-30');
    expect(disk.last!.bytes).toBeGreaterThanOrEqual(2 * MiB);
    expect(disk.last!.bytes).toBeLessThan(3 * MiB);
  });
});

describe('judgeBackupsDisk', () => {
  const last = { date: '2026-11-30', bytes: 100 * MiB };
  const at = (availBytes: number) => judgeBackupsDisk({ root: '/b', measured: '/b', availBytes, last }, 'h');
  it('fails and blocks below the last size plus margin, warns below twice that, passes above', () => {
    expect(at(105 * MiB)).toMatchObject({ status: 'fail', blocking: true });
    expect(at(105 * MiB).fix).toContain('Free at least');
    expect(at(150 * MiB).status).toBe('warn');
    expect(at(1000 * MiB)).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining('room for 9 more'),
    });
  });
  it('passes with nothing to compare before the first snapshot', () => {
    expect(judgeBackupsDisk({ root: '/b', measured: '/', availBytes: 1, last: null }, 'h').status).toBe('ok');
  });
});
