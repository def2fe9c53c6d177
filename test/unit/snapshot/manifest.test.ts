import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  compareFiles,
  type ManifestInput,
  parseManifest,
  serializeManifest,
} from '../../../src/shared/snapshot/manifest.js';

const sha = (c: string) => c.repeat(64);

function sampleInput(overrides: Partial<ManifestInput> = {}): ManifestInput {
  return {
    gatewayOpsVersion: '0.1.0',
    runId: 'r1',
    host: 'backup@prod:22',
    date: '2026-11-25',
    timezone: 'UTC',
    createdAt: new Date('2026-11-25T02:00:00Z'),
    completedAt: new Date('2026-11-25T02:01:00Z'),
    components: [
      {
        name: 'postgres',
        verdict: 'passed',
        durationMs: 60_000.4,
        details: { serverVersion: '15.10', databases: { app: { 'public.t': 3 } } },
        files: [
          {
            path: 'postgres/pg_dumpall.sql.zst',
            size: 10,
            sha256: sha('a'),
            compression: 'zstd',
            component: 'postgres',
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('manifest', () => {
  it('builds, serializes and parses back the same', () => {
    const manifest = buildManifest(sampleInput());
    expect(manifest.components['postgres']!.durationMs).toBe(60_000);
    expect(manifest.formatVersion).toBe(1);
    const parsed = parseManifest(serializeManifest(manifest));
    expect(parsed).toEqual({ ok: true, manifest });
  });
  it('refuses paths that leave the snapshot, duplicates and bad checksums', () => {
    const file = { size: 1, compression: 'none' as const, component: 'postgres' };
    const bad = (path: string, sha256 = sha('b')) =>
      expect(() =>
        buildManifest(
          sampleInput({
            components: [
              {
                name: 'postgres',
                verdict: 'passed',
                durationMs: 1,
                details: {},
                files: [{ ...file, path, sha256 }],
              },
            ],
          }),
        ),
      ).toThrow(/invalid manifest/);
    bad('../etc/passwd');
    bad('/abs');
    bad('a//b');
    bad('manifest.json');
    bad('ok', 'ABC');
  });
  it('reports what is wrong with a manifest file instead of throwing', () => {
    expect(parseManifest('{')).toMatchObject({ ok: false, problem: expect.stringMatching(/not JSON/) });
    expect(parseManifest('{"format":"gateway-ops-snapshot","formatVersion":9}')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/format version 9.*upgrade/),
    });
    const manifest = JSON.parse(serializeManifest(buildManifest(sampleInput())));
    delete manifest.files[0].sha256;
    expect(parseManifest(JSON.stringify(manifest))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/files\.0\.sha256/),
    });
  });
  it('compares files with expected and found values', () => {
    const expected = buildManifest(sampleInput()).files;
    expect(
      compareFiles(expected, [
        { path: 'postgres/pg_dumpall.sql.zst', size: 10, sha256: sha('a'), integrity: { ok: true } },
      ]),
    ).toEqual([]);
    const problems = compareFiles(expected, [
      {
        path: 'postgres/pg_dumpall.sql.zst',
        size: 9,
        sha256: sha('c'),
        integrity: { ok: false, message: 'truncated input' },
      },
      { path: 'stray.txt', size: 3, sha256: null, integrity: null },
    ]);
    expect(problems.map((problem) => [problem.kind, problem.expected, problem.found])).toEqual([
      ['size', '10', '9'],
      ['sha256', sha('a'), sha('c')],
      ['integrity', 'a complete zstd stream', 'truncated input'],
      ['unexpected', 'not present (the manifest does not list it)', '3 bytes'],
    ]);
    expect(compareFiles(expected, [])[0]).toMatchObject({ kind: 'missing', found: 'no such file' });
  });
});
