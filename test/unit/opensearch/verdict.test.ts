import { describe, expect, it } from 'vitest';
import {
  dateFromSnapshotName,
  judgeSnapshot,
  nextPollDelay,
  snapshotName,
} from '../../../src/shared/opensearch/snapshot.js';

const good = {
  snapshot: 'snapshot_2026-11-25',
  state: 'SUCCESS',
  indices: ['b', 'a'],
  failures: [],
  shards: { total: 2, successful: 2, failed: 0 },
};

describe('judgeSnapshot', () => {
  it('passes only SUCCESS with no failed shard, no failure and every expected index', () => {
    const v = judgeSnapshot(good, ['a', 'b']);
    expect(v).toMatchObject({
      ok: true,
      state: 'SUCCESS',
      indices: ['a', 'b'],
      problems: [],
      missingIndices: [],
    });
  });

  it.each(['PARTIAL', 'FAILED', 'IN_PROGRESS', 'INCOMPATIBLE'])('fails state %s', (state) => {
    const v = judgeSnapshot({ ...good, state }, ['a']);
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(`state is ${state}, not SUCCESS`);
  });

  it('fails SUCCESS with a failed shard (as _status before 2.14 could report it)', () => {
    const v = judgeSnapshot({ ...good, shards: { total: 2, successful: 1, failed: 1 } }, []);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(['1 of 2 shards failed']);
  });

  it('fails SUCCESS with failures listed', () => {
    const v = judgeSnapshot(
      {
        ...good,
        failures: [
          {
            index: 'a',
            shard_id: 0,
            reason: 'IndexShardSnapshotFailedException[boom]',
            status: 'INTERNAL_SERVER_ERROR',
          },
        ],
      },
      [],
    );
    expect(v.ok).toBe(false);
    expect(v.failures).toEqual([
      {
        index: 'a',
        shard: 0,
        reason: 'IndexShardSnapshotFailedException[boom]',
        status: 'INTERNAL_SERVER_ERROR',
      },
    ]);
    expect(v.problems[0]).toMatch(/1 shard failure\(s\): a\[0\]: IndexShardSnapshotFailedException\[boom\]/);
  });

  it('fails when an expected index is missing, and when there are no shard counts', () => {
    expect(judgeSnapshot(good, ['a', 'c']).problems).toEqual([
      'expected indices missing from the snapshot: c',
    ]);
    const { shards: _s, ...noShards } = good;
    expect(judgeSnapshot(noShards, []).problems).toEqual(['the snapshot reports no shard counts']);
  });

  it('a missing snapshot is a failed verdict, not an exception', () => {
    const v = judgeSnapshot(undefined, ['a'], 'snapshot_x');
    expect(v).toMatchObject({ ok: false, state: 'MISSING', missingIndices: ['a'] });
    expect(v.problems).toEqual(['snapshot snapshot_x does not exist in the repository']);
  });
});

describe('snapshot names', () => {
  it('builds and parses names by the pattern', () => {
    expect(snapshotName('snapshot_{date}', '2026-11-25')).toBe('snapshot_2026-11-25');
    expect(snapshotName('gw.{date}-daily', '2026-01-02')).toBe('gw.2026-01-02-daily');
    expect(dateFromSnapshotName('snapshot_{date}', 'snapshot_2026-11-25')).toBe('2026-11-25');
    expect(dateFromSnapshotName('gw.{date}-daily', 'gw.2026-01-02-daily')).toBe('2026-01-02');
    expect(dateFromSnapshotName('gw.{date}-daily', 'gwx2026-01-02-daily')).toBeUndefined(); // '.' is literal
    expect(dateFromSnapshotName('snapshot_{date}', 'manual-before-upgrade')).toBeUndefined();
    expect(dateFromSnapshotName('snapshot_{date}', 'snapshot_2026-11-25-extra')).toBeUndefined();
  });

  it('refuses patterns without {date} and bad dates', () => {
    expect(() => snapshotName('snapshot', '2026-11-25')).toThrow(/\{date\}/);
    expect(() => snapshotName('s_{date}', '25.11.2026')).toThrow(/not a date/);
  });
});

describe('nextPollDelay', () => {
  it('starts at 100 ms and grows by half up to 500 ms (verdict within a second of SUCCESS)', () => {
    const delays: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 8; i++) {
      d = nextPollDelay(d);
      delays.push(d);
    }
    expect(delays).toEqual([100, 150, 225, 338, 500, 500, 500, 500]);
  });
});
