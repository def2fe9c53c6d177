import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../../src/shared/health/bytes.js';
import {
  effectiveWatermarks,
  exceeds,
  levelReached,
  type NodeDisk,
  parseWatermark,
  watermarkOrderProblems,
} from '../../../src/shared/health/watermarks.js';

const GiB = 1024 ** 3;
const disk = (usedPercent: number, availBytes: number): NodeDisk => ({
  node: 'n1',
  usedBytes: 0,
  availBytes,
  totalBytes: 100 * GiB,
  usedPercent,
});

describe('parseWatermark', () => {
  it('reads percentages and ratios as a share of the disk used, byte sizes as space that must stay free', () => {
    expect(parseWatermark('85%')).toEqual({ kind: 'used-percent', percent: 85, raw: '85%' });
    expect(parseWatermark('92.5%')).toMatchObject({ kind: 'used-percent', percent: 92.5 });
    expect(parseWatermark('0.9')).toMatchObject({ kind: 'used-percent', percent: 90 });
    expect(parseWatermark('1.0')).toMatchObject({ kind: 'used-percent', percent: 100 });
    expect(parseWatermark('50gb')).toEqual({ kind: 'free-bytes', bytes: 50 * GiB, raw: '50gb' });
    expect(parseWatermark('500MB')).toMatchObject({ kind: 'free-bytes', bytes: 500 * 1024 ** 2 });
    expect(parseWatermark('10b')).toMatchObject({ kind: 'free-bytes', bytes: 10 });
  });
  it('refuses what OpenSearch would refuse', () => {
    for (const bad of ['101%', '1.5', 'lots', '85', '-1%', ''])
      expect(parseWatermark(bad), bad).toBeUndefined();
  });
  it('byte sizes are 1024-based and may have a fraction', () => {
    expect(parseByteSize('1.5kb')).toBe(1536);
    expect(parseByteSize('2t')).toBe(2 * 1024 ** 4);
    expect(parseByteSize('2 parsecs')).toBeUndefined();
  });
});

describe('watermarkOrderProblems', () => {
  const m = (raw: string) => parseWatermark(raw)!;
  it('accepts rising percentages and falling free sizes', () => {
    expect(watermarkOrderProblems({ low: m('85%'), high: m('90%'), 'flood-stage': m('95%') })).toEqual([]);
    expect(watermarkOrderProblems({ low: m('100gb'), high: m('50gb'), 'flood-stage': m('10gb') })).toEqual(
      [],
    );
    expect(watermarkOrderProblems({ low: m('90%'), 'flood-stage': m('90%') })).toEqual([]);
  });
  it('refuses low > high (percentages) and low < high (free sizes), naming both settings', () => {
    const [problem] = watermarkOrderProblems({ low: m('95%'), high: m('90%') });
    expect(problem).toContain("'low' is 95%");
    expect(problem).toContain("'high' is 90%");
    expect(problem).toContain('expected low <= high');
    expect(watermarkOrderProblems({ low: m('10gb'), high: m('50gb') })[0]).toContain('expected low >= high');
    expect(watermarkOrderProblems({ high: m('96%'), 'flood-stage': m('95%') })).toHaveLength(1);
  });
  it('refuses a mix of percentages and sizes', () => {
    expect(watermarkOrderProblems({ low: m('85%'), high: m('50gb') })[0]).toContain(
      'mix percentages and byte sizes',
    );
  });
});

describe('effectiveWatermarks', () => {
  it('takes transient over persistent over defaults, flat or nested', () => {
    const w = effectiveWatermarks({
      transient: { 'cluster.routing.allocation.disk.watermark.low': '70%' },
      persistent: {
        'cluster.routing.allocation.disk.watermark.low': '80%',
        'cluster.routing.allocation.disk.watermark.high': '88%',
      },
      defaults: {
        cluster: {
          routing: { allocation: { disk: { watermark: { flood_stage: '97%' }, threshold_enabled: 'true' } } },
        },
      },
    });
    expect(w.marks.low).toMatchObject({ source: 'transient', mark: { percent: 70 } });
    expect(w.marks.high).toMatchObject({ source: 'persistent', mark: { percent: 88 } });
    expect(w.marks['flood-stage']).toMatchObject({ source: 'default', mark: { percent: 97 } });
    expect(w.thresholdEnabled).toBe(true);
    expect(w.problems).toEqual([]);
  });
  it("uses OpenSearch's defaults when the cluster reports none, and notices disabled thresholds", () => {
    const w = effectiveWatermarks({
      defaults: { 'cluster.routing.allocation.disk.threshold_enabled': 'false' },
    });
    expect([w.marks.low.mark.raw, w.marks.high.mark.raw, w.marks['flood-stage'].mark.raw]).toEqual([
      '85%',
      '90%',
      '95%',
    ]);
    expect(w.thresholdEnabled).toBe(false);
  });
  it('reports a value it cannot read and judges by the default', () => {
    const w = effectiveWatermarks({
      persistent: { 'cluster.routing.allocation.disk.watermark.high': 'soon' },
    });
    expect(w.problems[0]).toContain("watermark.high is 'soon'");
    expect(w.marks.high.mark.raw).toBe('90%');
  });
});

describe('exceeds / levelReached', () => {
  const marks = effectiveWatermarks({}).marks;
  it('compares percentages with the share used and sizes with the space free', () => {
    expect(exceeds(parseWatermark('90%')!, disk(90.1, GiB))).toBe(true);
    expect(exceeds(parseWatermark('90%')!, disk(90, GiB))).toBe(false);
    expect(exceeds(parseWatermark('10gb')!, disk(1, 9 * GiB))).toBe(true);
    expect(exceeds(parseWatermark('10gb')!, disk(99, 11 * GiB))).toBe(false);
  });
  it('names the highest level reached', () => {
    expect(levelReached(marks, disk(50, GiB))).toBeNull();
    expect(levelReached(marks, disk(86, GiB))).toBe('low');
    expect(levelReached(marks, disk(91, GiB))).toBe('high');
    expect(levelReached(marks, disk(96, GiB))).toBe('flood-stage');
  });
});
