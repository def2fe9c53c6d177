import { describe, expect, it } from 'vitest';
import { blockingFindings, worstStatus } from '../../../src/shared/health/findings.js';
import {
  explainUnassigned,
  judgeClusterHealth,
  judgeNodeDisks,
  judgePathRepo,
  nodeDisks,
  pathRepoOf,
  type UnassignedShard,
} from '../../../src/shared/health/opensearch.js';
import { effectiveWatermarks } from '../../../src/shared/health/watermarks.js';

const GiB = 1024 ** 3;
const shard = (primary: boolean): UnassignedShard => ({
  index: 'captures-drf',
  shard: 0,
  primary,
  reason: 'INDEX_CREATED',
  explanation: '',
});

describe('judgeClusterHealth', () => {
  it('green passes, yellow warns (with the single-node hint), red fails and blocks', () => {
    expect(worstStatus(judgeClusterHealth({ status: 'green', number_of_nodes: 1 }, []))).toBe('ok');
    const yellow = judgeClusterHealth({ status: 'yellow', number_of_nodes: 1, unassigned_shards: 1 }, [
      shard(false),
    ]);
    expect(worstStatus(yellow)).toBe('warn');
    expect(yellow[0]!.fix).toContain('number_of_replicas to 0');
    expect(blockingFindings(yellow)).toEqual([]);
    const red = judgeClusterHealth({ status: 'red', number_of_nodes: 1, unassigned_shards: 1 }, [
      shard(true),
    ]);
    expect(worstStatus(red)).toBe('fail');
    expect(blockingFindings(red).map((f) => f.check)).toEqual([
      'cluster health',
      'unassigned captures-drf[0] primary',
    ]);
  });
  it('says how many unassigned shards were not explained', () => {
    const findings = judgeClusterHealth({ status: 'yellow', unassigned_shards: 12 }, [shard(false)]);
    expect(findings.at(-1)!.summary).toContain('11 more unassigned shard(s)');
  });
});

describe('explainUnassigned', () => {
  it('keeps the reason and the deciders that said no', () => {
    const explained = explainUnassigned(
      {
        unassigned_info: { reason: 'INDEX_CREATED' },
        allocate_explanation: 'cannot allocate because allocation is not permitted to any of the nodes',
        node_allocation_decisions: [
          {
            node_name: 'node-1',
            deciders: [
              { decider: 'same_shard', decision: 'YES', explanation: 'fine' },
              {
                decider: 'filter',
                decision: 'NO',
                explanation:
                  'node does not match index setting [index.routing.allocation.require] filters [_name:"nowhere"]',
              },
            ],
          },
        ],
      },
      shard(true),
    );
    expect(explained.reason).toBe('INDEX_CREATED');
    expect(explained.explanation).toContain('not permitted');
    expect(explained.explanation).toContain('node-1: node does not match');
    expect(explained.explanation).not.toContain('fine');
  });
});

describe('nodeDisks / judgeNodeDisks', () => {
  const rows = [
    {
      node: 'node-1',
      'disk.used': String(60 * GiB),
      'disk.avail': String(40 * GiB),
      'disk.total': String(100 * GiB),
      'disk.percent': '60',
    },
    {
      node: 'UNASSIGNED',
      shards: '3',
      'disk.used': null,
      'disk.avail': null,
      'disk.total': null,
      'disk.percent': null,
    },
  ];
  it('reads _cat/allocation in bytes, without the UNASSIGNED row, the share from the bytes', () => {
    const disks = nodeDisks([
      ...rows,
      { node: 'node-2', 'disk.used': '946', 'disk.avail': '54', 'disk.total': '1000', 'disk.percent': '95' },
    ]);
    expect(disks.map((d) => d.node)).toEqual(['node-1', 'node-2']);
    expect(disks[1]!.usedPercent).toBeCloseTo(94.6);
  });
  it('passes below low, warns past high, fails and blocks past flood-stage; percentages or sizes', () => {
    const disks = nodeDisks(rows);
    const byPercent = (low: string, high: string, flood: string) =>
      judgeNodeDisks(
        disks,
        effectiveWatermarks({
          persistent: {
            'cluster.routing.allocation.disk.watermark.low': low,
            'cluster.routing.allocation.disk.watermark.high': high,
            'cluster.routing.allocation.disk.watermark.flood_stage': flood,
          },
        }),
      );
    expect(worstStatus(byPercent('85%', '90%', '95%'))).toBe('ok');
    const high = byPercent('50%', '55%', '95%');
    expect(worstStatus(high)).toBe('warn');
    expect(high[0]!.summary).toContain('past the high watermark');
    const flood = byPercent('1%', '2%', '3%');
    expect(blockingFindings(flood)[0]!.summary).toContain(
      'past the flood-stage watermark (3% used, persistent)',
    );
    const bySize = byPercent('300gb', '200gb', '100gb');
    expect(blockingFindings(bySize)[0]!.summary).toContain('100gb (100.0 GiB) free');
  });
  it('warns when OpenSearch enforces no watermark at all', () => {
    const findings = judgeNodeDisks(
      nodeDisks(rows),
      effectiveWatermarks({ defaults: { 'cluster.routing.allocation.disk.threshold_enabled': 'false' } }),
    );
    expect(findings[0]).toMatchObject({ status: 'warn', check: 'watermarks' });
  });
});

describe('path.repo', () => {
  it('reads path.repo nested, flat, as a list or as text', () => {
    expect(pathRepoOf({ path: { repo: ['/mnt/snapshots'] } })).toEqual(['/mnt/snapshots']);
    expect(pathRepoOf({ 'path.repo': '[/a, /b]' })).toEqual(['/a', '/b']);
    expect(pathRepoOf({ path: { home: '/x' } })).toEqual([]);
  });
  it('fails a node without path.repo and a location outside it', () => {
    expect(judgePathRepo([{ name: 'n', pathRepo: [] }], '/mnt/snapshots')[0]).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('no path.repo'),
    });
    expect(judgePathRepo([{ name: 'n', pathRepo: ['/mnt/snap'] }], '/mnt/snapshots')[0]!.summary).toContain(
      'outside',
    );
    expect(judgePathRepo([{ name: 'n', pathRepo: ['/mnt/'] }], '/mnt/snapshots')[0]!.status).toBe('ok');
  });
});
