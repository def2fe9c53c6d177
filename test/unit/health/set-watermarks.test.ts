import { describe, expect, it } from 'vitest';
import { afterChange, requestedWatermarks } from '../../../src/commands/set-watermarks.js';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { loadSettings } from '../../../src/shared/settings/index.js';

const settingsWith = (explicit: Record<string, string>) =>
  loadSettings('set-watermarks', {
    surface: 'cli',
    explicit: { 'ssh-host': 'h', 'ssh-user': 'u', ...explicit },
  }).settings;

describe('requestedWatermarks (before anything is sent)', () => {
  it('takes the levels given, and default as the removal of an override', () => {
    expect(
      requestedWatermarks(settingsWith({ low: '85%', high: '90%', 'flood-stage': 'default' }), 'cli'),
    ).toEqual({
      low: '85%',
      high: '90%',
      'flood-stage': null,
    });
  });
  it('refuses low > high, naming the flags in the CLI', () => {
    const run = () => requestedWatermarks(settingsWith({ low: '95%', high: '90%' }), 'cli');
    expect(run).toThrow(ConfigurationError);
    expect(run).toThrow(/'low' is 95% and 'high' is 90%; expected low <= high/);
  });
  it('refuses no level at all, and a percentage above 100', () => {
    expect(() => requestedWatermarks(settingsWith({}), 'cli')).toThrow(
      /at least one of '--low', '--high', '--flood-stage'/,
    );
    expect(() => requestedWatermarks(settingsWith({ high: '120%' }), 'action')).toThrow(
      /Invalid setting 'high': expected a percentage up to 100%.*found '120%'/,
    );
  });
  it('the schema refuses what is no watermark at all', () => {
    expect(() => settingsWith({ low: 'eighty' })).toThrow(/Invalid setting 'low'/);
  });
});

describe('afterChange', () => {
  it('sets and removes keys in the chosen scope only', () => {
    const before = {
      persistent: { 'cluster.routing.allocation.disk.watermark.low': '80%', other: 'x' },
      transient: { 'cluster.routing.allocation.disk.watermark.high': '91%' },
    };
    const after = afterChange(before, 'transient', { high: null, 'flood-stage': '97%' });
    expect(after.persistent).toEqual(before.persistent);
    expect(after.transient).toEqual({ 'cluster.routing.allocation.disk.watermark.flood_stage': '97%' });
    expect(before.transient).toEqual({ 'cluster.routing.allocation.disk.watermark.high': '91%' });
  });
});
