/**
 * The pure parts of the snapshot room's shape: labels, manifests with failed components, the typed
 * component details, the catalog's judgement, disk retention's plan, verify's directory check.
 */
import { describe, expect, it } from 'vitest';
import { namePatternFor } from '../../../src/commands/components/opensearch.js';
import {
  type Catalog,
  chooseSnapshot,
  judgeEntry,
  newestComplete,
  parseCatalog,
} from '../../../src/shared/snapshot/catalog.js';
import { parseComponentDetails } from '../../../src/shared/snapshot/component-details.js';
import { planDiskRetention } from '../../../src/shared/snapshot/disk-retention.js';
import {
  dayOfSnapshotName,
  isPreRestoreLabel,
  parseLeftoverName,
  preRestoreLabel,
  snapshotKind,
  snapshotPaths,
} from '../../../src/shared/snapshot/layout.js';
import {
  buildManifest,
  type ComponentResult,
  compareFiles,
  failedComponents,
  type Manifest,
  parseManifest,
  serializeManifest,
} from '../../../src/shared/snapshot/manifest.js';
import { planLeftovers } from '../../../src/shared/snapshot/prepare.js';
import { chooseRetained } from '../../../src/shared/snapshot/retention.js';
import { unexpectedDirectories } from '../../../src/shared/snapshot/verify.js';

const sha = (c: string) => c.repeat(64);
const DUMP = {
  path: 'postgres/pg_dumpall.sql.zst',
  size: 10,
  sha256: sha('a'),
  compression: 'zstd',
  component: 'postgres',
} as const;
const OS_FILE = {
  path: 'opensearch/snapshot.json',
  size: 5,
  sha256: sha('b'),
  compression: 'none',
  component: 'opensearch',
} as const;

const postgresPassed: ComponentResult = {
  name: 'postgres',
  verdict: 'passed',
  durationMs: 5,
  details: {
    exec: 'docker',
    container: 'pg',
    user: 'postgres',
    serverVersion: '15.10',
    pgDumpallVersion: 'pg_dumpall (PostgreSQL) 15.10',
    compression: 'zstd',
    file: DUMP.path,
    bytes: 10,
    rowCounts: { app: { 'public.t': 3 } },
    databases: ['app'],
  },
  files: [DUMP],
};
const opensearchPassed: ComponentResult = {
  name: 'opensearch',
  verdict: 'passed',
  durationMs: 5,
  details: {
    snapshot: 'snapshot_2026-11-25',
    repository: 'repo',
    state: 'SUCCESS',
    indices: { a: { docs: 3 } },
  },
  files: [OS_FILE],
};
const opensearchFailed: ComponentResult = {
  name: 'opensearch',
  verdict: 'failed',
  durationMs: 5,
  details: {},
  files: [],
  error: 'no index matches x-*',
};

function manifestOf(name: string, components: ComponentResult[]): Manifest {
  const label = name.startsWith('pre-restore-') ? name : undefined;
  const date = dayOfSnapshotName(name)!;
  return buildManifest({
    gatewayOpsVersion: '0.1.0',
    runId: 'r1',
    host: 'h',
    date,
    timezone: 'UTC',
    ...(label ? { label } : {}),
    createdAt: new Date(`${date}T02:00:00Z`),
    completedAt: new Date(`${date}T02:01:00Z`),
    components,
  });
}

const listingOf = (m: Manifest, sizes: Record<string, number> = {}) =>
  ['d\t4096\tpostgres', ...m.files.map((f) => `f\t${sizes[f.path] ?? f.size}\t${f.path}`)].join('\n');

describe('labels', () => {
  it('names a safety snapshot by its UTC time, and knows it from a date', () => {
    expect(preRestoreLabel(new Date('2026-12-01T10:15:00.123Z'))).toBe('pre-restore-20261201T101500Z');
    expect(isPreRestoreLabel('pre-restore-20261201T101500Z')).toBe(true);
    expect(isPreRestoreLabel('pre-restore-20261301T101500Z')).toBe(false);
    expect(isPreRestoreLabel('pre-restore-20261201T101500')).toBe(false);
    expect(snapshotKind('2026-12-01')).toBe('daily');
    expect(snapshotKind('pre-restore-20261201T101500Z')).toBe('pre-restore');
    expect(snapshotKind('notes')).toBeNull();
    expect(dayOfSnapshotName('pre-restore-20261201T101500Z')).toBe('2026-12-01');
  });

  it('lays a labelled snapshot out beside the daily ones', () => {
    const paths = snapshotPaths(
      { deployDir: '/srv', backupsDir: 'b', timezone: 'UTC' },
      '2026-12-01',
      'r1',
      'pre-restore-20261201T101500Z',
    );
    expect(paths.final).toBe('/srv/b/pre-restore-20261201T101500Z');
    expect(paths.partial).toBe('/srv/b/.pre-restore-20261201T101500Z.partial-r1');
    expect(paths.date).toBe('2026-12-01');
    expect(() =>
      snapshotPaths({ deployDir: '/srv', backupsDir: 'b', timezone: 'UTC' }, '2026-12-01', 'r1', '../x'),
    ).toThrow(/label/);
  });

  it('cleans up after a crashed labelled run as after a daily one', () => {
    expect(parseLeftoverName('.pre-restore-20261201T101500Z.partial-abc')?.date).toBe(
      'pre-restore-20261201T101500Z',
    );
    expect(
      planLeftovers([
        '.pre-restore-20261201T101500Z.partial-a',
        '.pre-restore-20261130T101500Z.replaced-b',
        'pre-restore-20261129T101500Z',
        '.pre-restore-20261129T101500Z.replaced-c',
      ]),
    ).toEqual([
      {
        name: '.pre-restore-20261129T101500Z.replaced-c',
        action: 'remove',
        date: 'pre-restore-20261129T101500Z',
      },
      {
        name: '.pre-restore-20261130T101500Z.replaced-b',
        action: 'restore',
        date: 'pre-restore-20261130T101500Z',
      },
      {
        name: '.pre-restore-20261201T101500Z.partial-a',
        action: 'remove',
        date: 'pre-restore-20261201T101500Z',
      },
    ]);
  });

  it('latest is the newest daily snapshot, never a safety one; a label is chosen by name', () => {
    const names = ['2026-11-30', 'pre-restore-20261201T101500Z'];
    expect(chooseSnapshot(names, 'latest', 'x')).toBe('2026-11-30');
    expect(chooseSnapshot(names, 'pre-restore-20261201T101500Z', 'x')).toBe('pre-restore-20261201T101500Z');
    expect(() => chooseSnapshot(['pre-restore-20261201T101500Z'], 'latest', 'h:/b')).toThrow(
      'No snapshot in h:/b.',
    );
  });

  it("gives a labelled snapshot's OpenSearch snapshot a name the daily pattern does not match", () => {
    expect(namePatternFor('snapshot_{date}', undefined)).toBe('snapshot_{date}');
    expect(namePatternFor('snapshot_{date}', 'pre-restore-20261201T101500Z')).toBe(
      'snapshot_pre-restore-20261201t101500z-{date}',
    );
  });
});

describe('manifest with a failed component', () => {
  it('records the failure with its message and no files, and reads back', () => {
    const manifest = manifestOf('2026-11-25', [postgresPassed, opensearchFailed]);
    expect(manifest.components['opensearch']).toEqual({
      verdict: 'failed',
      durationMs: 5,
      details: {},
      error: 'no index matches x-*',
    });
    expect(failedComponents(manifest)).toEqual(['opensearch']);
    const parsed = parseManifest(serializeManifest(manifest));
    expect(parsed.ok && failedComponents(parsed.manifest)).toEqual(['opensearch']);
  });

  it('refuses a failed component that lists files', () => {
    expect(() => manifestOf('2026-11-25', [{ ...opensearchFailed, files: [OS_FILE] }])).toThrow(
      /component opensearch failed, yet files of it are listed/,
    );
  });

  it('a safety snapshot carries its label and kind; a daily one neither; older manifests still parse', () => {
    const safety = manifestOf('pre-restore-20261201T101500Z', [postgresPassed]);
    expect(safety.label).toBe('pre-restore-20261201T101500Z');
    expect(safety.kind).toBe('pre-restore');
    expect(safety.date).toBe('2026-12-01');
    const daily = manifestOf('2026-11-25', [postgresPassed]);
    expect('label' in daily || 'kind' in daily).toBe(false);
    // Written before labels and the failed verdict: the same fields as a daily manifest today.
    const older = JSON.parse(serializeManifest(daily));
    expect(parseManifest(JSON.stringify(older)).ok).toBe(true);
    expect(parseManifest(JSON.stringify({ ...older, kind: 'pre-restore' })).ok).toBe(false);
  });
});

describe('component details', () => {
  it('reads PostgreSQL and OpenSearch details back, typed', () => {
    const manifest = manifestOf('2026-11-25', [postgresPassed, opensearchPassed]);
    const pg = parseComponentDetails('postgres', manifest.components['postgres']!);
    expect(pg.ok && pg.details.rowCounts['app']).toEqual({ 'public.t': 3 });
    const os = parseComponentDetails('opensearch', manifest.components['opensearch']!);
    expect(os.ok && os.details.snapshot).toBe('snapshot_2026-11-25');
    expect(os.ok && os.details.indices['a']?.docs).toBe(3);
  });

  it('says what is wrong with a bad record, and that a failed component has no details', () => {
    const bad = parseComponentDetails('opensearch', {
      verdict: 'passed',
      durationMs: 1,
      details: { snapshot: 7, repository: 'r', state: 'SUCCESS', indices: {} },
    });
    expect(bad).toEqual({
      ok: false,
      problem: expect.stringMatching(/opensearch details are not valid \(snapshot: /),
    });
    const failed = parseComponentDetails('opensearch', {
      verdict: 'failed',
      durationMs: 1,
      details: {},
      error: 'x',
    });
    expect(failed).toEqual({ ok: false, problem: 'the opensearch component failed: it has no details' });
  });
});

describe('catalog', () => {
  it('judges a directory by names and sizes: complete, partial, bad, no manifest', () => {
    const complete = manifestOf('2026-11-25', [postgresPassed]);
    expect(judgeEntry('2026-11-25', listingOf(complete), serializeManifest(complete))?.state).toBe(
      'complete',
    );
    const partial = manifestOf('2026-11-26', [postgresPassed, opensearchFailed]);
    const p = judgeEntry('2026-11-26', listingOf(partial), serializeManifest(partial))!;
    expect([p.state, p.goodComponents, p.failedComponents]).toEqual([
      'partial',
      ['postgres'],
      ['opensearch'],
    ]);
    const truncated = judgeEntry(
      '2026-11-25',
      listingOf(complete, { [DUMP.path]: 4 }),
      serializeManifest(complete),
    )!;
    expect(truncated.state).toBe('bad');
    expect(truncated.problems).toEqual(['2026-11-25/postgres/pg_dumpall.sql.zst: size 4 bytes, expected 10']);
    expect(judgeEntry('2026-11-25', '', null)?.state).toBe('no-manifest');
    expect(judgeEntry('2026-11-24', listingOf(complete), serializeManifest(complete))?.state).toBe('bad');
    expect(judgeEntry('notes', '', null)).toBeNull();
  });

  it('parses the one-round-trip listing: replaced leftovers included, foreign directories left out', () => {
    const m = manifestOf('2026-11-25', [postgresPassed]);
    const text = [
      'dir good own 2026-11-25',
      listingOf(m),
      '--manifest',
      serializeManifest(m),
      '--end',
      'dir none own 2026-11-20',
      'f\t3\tfile',
      'dir good foreign 2026-11-24',
      'dir none own .2026-11-25.replaced-r1',
      'dir none foreign .2026-11-23.replaced-r2',
      'dir none own .junk',
    ].join('\n');
    const catalog = parseCatalog('/b', text);
    expect(catalog.entries.map((e) => [e.name, e.state])).toEqual([
      ['2026-11-20', 'no-manifest'],
      ['2026-11-25', 'complete'],
    ]);
    expect(catalog.replaced).toEqual(['.2026-11-25.replaced-r1']);
    expect(catalog.foreign).toEqual(['2026-11-24']);
    expect(
      planDiskRetention(catalog, { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 }, '2026-11-25').warnings.join(
        '\n',
      ),
    ).toMatch(/owned by another user or writable by others: 2026-11-24/);
    expect(newestComplete(catalog)?.name).toBe('2026-11-25');
  });
});

function catalogOf(entries: [string, 'complete' | 'partial' | 'bad' | 'none'][]): Catalog {
  return {
    root: '/b',
    replaced: [],
    entries: entries.map(([name, state]) => {
      if (state === 'none') return judgeEntry(name, '', null)!;
      const m = manifestOf(name, state === 'partial' ? [postgresPassed, opensearchFailed] : [postgresPassed]);
      return judgeEntry(name, listingOf(m, state === 'bad' ? { [DUMP.path]: 1 } : {}), serializeManifest(m))!;
    }),
  };
}
const policy = (keepDaily: number, keepPreRestore = 3) => ({
  keepDaily,
  keepWeekly: 0,
  keepMonthly: 0,
  keepPreRestore,
});

describe('disk retention plan', () => {
  it('truncated newer snapshots never push out the older good ones (keep-daily 3)', () => {
    const catalog = catalogOf([
      ['2026-11-21', 'complete'],
      ['2026-11-22', 'complete'],
      ['2026-11-23', 'bad'],
      ['2026-11-24', 'bad'],
      ['2026-11-25', 'complete'],
    ]);
    expect(planDiskRetention(catalog, policy(3), '2026-11-25').delete.sort()).toEqual([
      '2026-11-23',
      '2026-11-24',
    ]);
  });

  it('a good snapshot is never deleted while a bad one is kept', () => {
    // Today's snapshot has a failed component: the bad days are newer than every complete one.
    const catalog = catalogOf([
      ['2026-11-20', 'complete'],
      ['2026-11-21', 'complete'],
      ['2026-11-24', 'bad'],
    ]);
    const plan = planDiskRetention(catalog, policy(1), '2026-11-24');
    expect(plan.delete).toEqual([]);
  });

  it('a day with a failed component is not a complete day, but is kept while it holds the newest good copy', () => {
    const catalog = catalogOf([
      ['2026-11-22', 'complete'],
      ['2026-11-23', 'complete'],
      ['2026-11-24', 'partial'],
      ['2026-11-25', 'partial'],
    ]);
    // keep-daily 1: 11-23 is the newest complete day; 11-25 holds the newest dump (and is this
    // run's); 11-24 is newer than every complete day: kept to be looked at. 11-22 is outside every slot.
    expect(planDiskRetention(catalog, policy(1), '2026-11-25').delete).toEqual(['2026-11-22']);
    // A complete day later than a partial one supersedes it.
    const later = catalogOf([
      ['2026-11-24', 'partial'],
      ['2026-11-25', 'complete'],
    ]);
    expect(planDiskRetention(later, policy(2), '2026-11-25').delete).toEqual(['2026-11-24']);
  });

  it('leaves manifest-less and future-dated directories alone, and says so', () => {
    const catalog = catalogOf([
      ['2026-11-10', 'none'],
      ['2026-11-23', 'complete'],
      ['2026-11-24', 'complete'],
      ['2026-11-25', 'complete'],
      ['2026-12-30', 'complete'],
    ]);
    const plan = planDiskRetention(catalog, policy(2), '2026-11-25');
    expect(plan.delete).toEqual(['2026-11-23']);
    expect(plan.warnings).toEqual([
      expect.stringMatching(/without a manifest: 2026-11-10 .*Left alone/),
      expect.stringMatching(/dated after 2026-11-25: 2026-12-30 .*Left alone and not counted/),
    ]);
  });

  it('never counts or prunes safety snapshots by the daily rules; keeps the newest keep-pre-restore', () => {
    const catalog = catalogOf([
      ['2026-11-24', 'complete'],
      ['2026-11-25', 'complete'],
      ['pre-restore-20261101T000000Z', 'complete'],
      ['pre-restore-20261102T000000Z', 'complete'],
      ['pre-restore-20261103T000000Z', 'complete'],
      ['pre-restore-20261126T000000Z', 'none'],
    ]);
    expect(planDiskRetention(catalog, policy(1, 3), '2026-11-25').delete).toEqual(['2026-11-24']);
    expect(planDiskRetention(catalog, policy(1, 2), '2026-11-25').delete).toEqual([
      '2026-11-24',
      'pre-restore-20261101T000000Z',
    ]);
    // A restore's run prunes too: the one it just took is the newest and stays, even at keep-pre-restore 1.
    const withNew = {
      ...catalog,
      entries: [...catalog.entries, catalogOf([['pre-restore-20261125T101500Z', 'complete']]).entries[0]!],
    };
    expect(planDiskRetention(withNew, policy(1, 1), 'pre-restore-20261125T101500Z').delete.sort()).toEqual([
      '2026-11-24',
      'pre-restore-20261101T000000Z',
      'pre-restore-20261102T000000Z',
      'pre-restore-20261103T000000Z',
    ]);
  });

  it('a snapshot that fails its full check counts as bad', () => {
    const catalog = catalogOf([
      ['2026-11-23', 'complete'],
      ['2026-11-24', 'complete'],
      ['2026-11-25', 'complete'],
    ]);
    expect(planDiskRetention(catalog, policy(2), '2026-11-25').delete).toEqual(['2026-11-23']);
    expect(planDiskRetention(catalog, policy(2), '2026-11-25', new Set(['2026-11-24'])).delete).toEqual([
      '2026-11-24',
    ]);
  });
});

describe('retention rule: newest good copy of each component', () => {
  it('keeps the newest snapshot holding a component even when it is not a complete day', () => {
    const plan = chooseRetained(
      [
        { date: '2026-11-23', verified: true, components: ['postgres', 'opensearch'] },
        { date: '2026-11-24', verified: false, components: ['opensearch'] },
        { date: '2026-11-25', verified: true, components: ['postgres'] },
      ],
      { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 },
    );
    // 11-24 is older than the newest verified 11-25 but holds the newest OpenSearch copy.
    expect(plan.keep.map((s) => s.date).sort()).toEqual(['2026-11-24', '2026-11-25']);
    expect(plan.reasons.find((r) => r.snapshot.date === '2026-11-24')!.why).toEqual([
      'newest good copy of opensearch (always kept)',
    ]);
  });
});

describe('verify helpers', () => {
  it('flags a directory that holds no listed file, at any depth', () => {
    const m = manifestOf('2026-11-25', [postgresPassed]);
    const entries = [
      { type: 'd', size: 0, path: 'postgres' },
      { type: 'd', size: 0, path: 'extra' },
      { type: 'd', size: 0, path: 'postgres/empty' },
      { type: 'f', size: 10, path: DUMP.path },
    ];
    expect(unexpectedDirectories(entries, m)).toEqual(['extra', 'postgres/empty']);
  });

  it('reports a stream that is not what the manifest says, and tests it as what it is', () => {
    const problems = compareFiles(
      [{ ...DUMP, compression: 'none' }],
      [
        {
          path: DUMP.path,
          size: 10,
          sha256: sha('a'),
          testedAs: 'zstd',
          integrity: { ok: false, message: 'truncated' },
        },
      ],
    );
    expect(problems.map((p) => p.message)).toEqual([
      'postgres/pg_dumpall.sql.zst: the manifest says compression none, but the file is a zstd stream',
      'postgres/pg_dumpall.sql.zst: zstd test failed: truncated',
    ]);
  });
});
