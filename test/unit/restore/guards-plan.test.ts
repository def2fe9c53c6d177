import { describe, expect, it } from 'vitest';
import {
  checkGuards,
  checkPostgresVersion,
  majorVersion,
  preRestoreLabel,
} from '../../../src/shared/restore/guards.js';
import {
  buildPlan,
  componentsToRestore,
  planLines,
  proveCounts,
  safetyComponents,
} from '../../../src/shared/restore/plan.js';

const base = {
  hostname: 'qa-1',
  confirm: 'qa-1',
  allowedHosts: ['qa-1'],
  productionHosts: [],
  allowProduction: false,
};

describe('restore guards', () => {
  it('passes when every guard passes', () => {
    expect(checkGuards(base)).toBeNull();
  });
  it('empty restore-allowed-hosts refuses everything, saying what to set', () => {
    expect(checkGuards({ ...base, allowedHosts: [] })).toMatchObject({
      guard: 'restore-allowed-hosts',
      message: expect.stringContaining('Set restore-allowed-hosts: qa-1'),
    });
  });
  it('a host not allowed', () => {
    expect(checkGuards({ ...base, allowedHosts: ['qa-2'] })?.guard).toBe('restore-allowed-hosts');
  });
  it('production needs allow-production as well', () => {
    const prod = { ...base, productionHosts: ['QA-1'] };
    expect(checkGuards(prod)).toMatchObject({
      guard: 'production-hosts',
      message: expect.stringContaining('allow-production: true'),
    });
    expect(checkGuards({ ...prod, allowProduction: true })).toBeNull();
  });
  it('confirm must be exactly what hostname prints', () => {
    expect(checkGuards({ ...base, confirm: 'QA-1' })).toMatchObject({
      guard: 'confirm',
      message: expect.stringContaining("found 'QA-1'"),
    });
    expect(checkGuards({ ...base, confirm: undefined })?.message).toContain('Set confirm: qa-1');
  });
  it('the target must be at least the dump major', () => {
    expect(majorVersion('15.18 (Debian 15.18-0+deb12u1)')).toBe(15);
    expect(majorVersion(160002)).toBe(16);
    expect(checkPostgresVersion('16.1', 150018)?.message).toContain(
      'dumped from PostgreSQL 16, the target runs 15',
    );
    expect(checkPostgresVersion('15.4', 160002)).toBeNull();
    expect(checkPostgresVersion('15.4', 150004)).toBeNull();
  });
  it('labels safety snapshots in UTC', () => {
    expect(preRestoreLabel(new Date('2026-12-01T10:15:00.123Z'))).toBe('pre-restore-20261201T101500Z');
  });
});

describe('restore plan and proof', () => {
  it('restores what the snapshot holds by default; refuses an explicit component it lacks', () => {
    const every = ['postgres', 'opensearch'] as const;
    expect(componentsToRestore([...every], ['postgres'], every)).toEqual({
      components: ['postgres'],
      refusal: null,
    });
    expect(componentsToRestore(['opensearch'], ['postgres'], every).refusal).toContain(
      'refused by components',
    );
  });
  it('restores postgres and opensearch of a four-component default; refuses secrets or git named alone', () => {
    const every = ['postgres', 'opensearch', 'secrets', 'git'] as const;
    const held = ['postgres', 'opensearch', 'secrets', 'git'];
    expect(componentsToRestore([...every], held, every)).toEqual({
      components: ['postgres', 'opensearch'],
      refusal: null,
    });
    expect(componentsToRestore(['secrets'], held, every)).toEqual({
      components: [],
      refusal: expect.stringContaining('secrets cannot be restored by gateway-ops'),
    });
  });
  it('lists databases replaced, created and dropped, and live indices', () => {
    const plan = buildPlan({
      target: 'qa-1',
      snapshotDate: '2026-11-25',
      snapshotPath: '/b/2026-11-25',
      components: ['postgres', 'opensearch'],
      snapshotDatabases: ['postgres', 'app', 'gone_since'],
      targetDatabases: ['postgres', 'app', 'added_since'],
      snapshotIndices: ['a', 'b'],
      targetIndices: ['a'],
      opensearchExisting: 'close',
      stopServices: ['app'],
      safetySnapshotPath: '/b/pre-restore-20261201T101500Z',
    });
    expect(plan.databasesReplaced).toEqual(['postgres', 'app']);
    expect(plan.databasesCreated).toEqual(['gone_since']);
    expect(plan.databasesDropped).toEqual(['added_since']);
    expect(plan.indicesReplaced).toEqual(['a']);
    expect(planLines(plan)).toContain('Databases dropped (not in the snapshot): added_since');
    expect(planLines(plan)).toContain('Live indices closed first: a');
  });
  it('the safety snapshot keeps OpenSearch only when a live index is replaced (an empty cluster has nothing to keep)', () => {
    const input = {
      target: 'qa-1',
      snapshotDate: '2026-11-25',
      snapshotPath: '/b/2026-11-25',
      components: ['postgres', 'opensearch'] as const,
      snapshotDatabases: ['app'],
      targetDatabases: ['app'],
      snapshotIndices: ['captures'],
      opensearchExisting: 'close' as const,
      stopServices: [],
      safetySnapshotPath: '/b/pre-restore-20261201T101500Z',
    };
    const replacing = buildPlan({ ...input, components: [...input.components], targetIndices: ['captures'] });
    expect(safetyComponents(replacing)).toEqual(['postgres', 'opensearch']);
    expect(planLines(replacing)).toContain('Safety snapshot: /b/pre-restore-20261201T101500Z');

    const emptyCluster = buildPlan({ ...input, components: [...input.components], targetIndices: [] });
    expect(safetyComponents(emptyCluster)).toEqual(['postgres']);
    expect(planLines(emptyCluster)).toContain(
      'Safety snapshot: /b/pre-restore-20261201T101500Z (postgres only: no live index is replaced)',
    );

    const indicesOnly = buildPlan({ ...input, components: ['opensearch'], targetIndices: ['other'] });
    expect(safetyComponents(indicesOnly)).toEqual([]);
    expect(planLines(indicesOnly)).toContain('Safety snapshot: none needed (no live index is replaced)');
  });
  it('any difference in a table or an index fails the proof', () => {
    const ok = proveCounts({ app: { 'public.t': 3 } }, { app: { 'public.t': 3 } }, { i: 5 }, { i: 5 });
    expect(ok.ok).toBe(true);
    const bad = proveCounts(
      { app: { 'public.t': 3, 'public.u': 1 } },
      { app: { 'public.t': 3 } },
      { i: 5 },
      { i: 4 },
    );
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([
      'app.public.u: missing, the snapshot has 1',
      'index i: 4 documents, the snapshot has 5',
    ]);
    expect(bad.rows.map((r) => r.ok)).toEqual([false, false]);
  });
});
