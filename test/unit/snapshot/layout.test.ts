import { describe, expect, it } from 'vitest';
import {
  backupsRoot,
  isRestoreWorkDir,
  isSnapshotDate,
  parseLeftoverName,
  snapshotDate,
  snapshotPaths,
} from '../../../src/shared/snapshot/layout.js';
import { planLeftovers } from '../../../src/shared/snapshot/prepare.js';

describe('snapshotDate', () => {
  const instant = new Date('2026-11-25T03:30:00Z');
  it('is the date in UTC by default zone', () => expect(snapshotDate(instant, 'UTC')).toBe('2026-11-25'));
  it('is the local date in the configured zone', () => {
    expect(snapshotDate(instant, 'America/Chicago')).toBe('2026-11-24');
    expect(snapshotDate(new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-26');
  });
  it('rejects an unknown zone naming the setting', () =>
    expect(() => snapshotDate(instant, 'Mars/Olympus')).toThrow(/Invalid timezone 'Mars\/Olympus'/));
});

describe('paths', () => {
  const layout = { deployDir: '/srv/gateway', backupsDir: 'data/backups/', timezone: 'UTC' };
  it('puts backups under the deploy dir unless absolute', () => {
    expect(backupsRoot(layout)).toBe('/srv/gateway/data/backups');
    expect(backupsRoot({ ...layout, backupsDir: '/mnt/b' })).toBe('/mnt/b');
    expect(backupsRoot({ ...layout, deployDir: '.' })).toBe('data/backups');
  });
  it('names the final, partial, replaced dirs and the lock', () => {
    expect(snapshotPaths(layout, '2026-11-25', 'r1')).toEqual({
      root: '/srv/gateway/data/backups',
      date: '2026-11-25',
      label: '2026-11-25',
      final: '/srv/gateway/data/backups/2026-11-25',
      partial: '/srv/gateway/data/backups/.2026-11-25.partial-r1',
      replaced: '/srv/gateway/data/backups/.2026-11-25.replaced-r1',
      lockFile: '/srv/gateway/data/backups/.gateway-ops.lock',
    });
  });
  it('refuses run ids that could escape the directory', () => {
    expect(() => snapshotPaths(layout, '2026-11-25', '../x')).toThrow(/run id/);
    expect(() => snapshotPaths(layout, '2026-02-30', 'r1')).toThrow(/not a date/);
  });
  it('knows real dates', () => {
    expect(isSnapshotDate('2024-02-29')).toBe(true);
    expect(isSnapshotDate('2026-02-29')).toBe(false);
    expect(isSnapshotDate('2026-1-01')).toBe(false);
  });
});

describe('leftovers', () => {
  it('parses only our hidden names', () => {
    expect(parseLeftoverName('.2026-11-25.partial-abc')).toEqual({
      name: '.2026-11-25.partial-abc',
      date: '2026-11-25',
      kind: 'partial',
      runId: 'abc',
    });
    expect(parseLeftoverName('.2026-11-25.partial-')).toBeNull();
    expect(parseLeftoverName('2026-11-25')).toBeNull();
    expect(parseLeftoverName('.git')).toBeNull();
  });
  it('removes partials, restores a replaced snapshot whose date is missing, removes one that was replaced', () => {
    expect(
      planLeftovers([
        '2026-11-24',
        '.2026-11-25.partial-a',
        '.2026-11-24.replaced-b',
        '.2026-11-23.replaced-c',
        '.2026-11-01.deleting-d',
        'notes',
      ]),
    ).toEqual([
      { name: '.2026-11-01.deleting-d', action: 'remove', date: '2026-11-01' },
      { name: '.2026-11-23.replaced-c', action: 'restore', date: '2026-11-23' },
      { name: '.2026-11-24.replaced-b', action: 'remove', date: '2026-11-24' },
      { name: '.2026-11-25.partial-a', action: 'remove', date: '2026-11-25' },
    ]);
  });
  it("removes a dead restore's work dir (mktemp's, or the older base-36 name); a drill's or a look-alike is not ours", () => {
    expect(
      planLeftovers([
        '.restore-Ab3dE9xYz0',
        '.restore-mim4v2k1',
        '.drill-Ab3dE9xYz0',
        '.restore-',
        '.restore-a/b',
      ]),
    ).toEqual([
      { name: '.restore-Ab3dE9xYz0', action: 'remove', date: '' },
      { name: '.restore-mim4v2k1', action: 'remove', date: '' },
    ]);
    expect(isRestoreWorkDir('.restore-../x')).toBe(false);
  });
});
