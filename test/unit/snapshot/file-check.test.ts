import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileCheckScript, parseFileChecks } from '../../../src/shared/snapshot/verify.js';

const dir = mkdtempSync(join(tmpdir(), 'gwops-file-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The check script as the host runs it (bash, strict mode), on real files. */
function check(streamTests: boolean) {
  const script = fileCheckScript(dir, [{ path: 'dump.sql.zst', compression: 'zstd' }], { streamTests });
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -euo pipefail\n${script}`], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return { script, found: parseFileChecks(run.stdout) };
}

describe('the file check: checksums with or without a second stream test', () => {
  const plain = 'COPY t FROM stdin;\n1\n\\.\n'.repeat(1000);
  const zst = spawnSync('zstd', ['-q', '-c'], { input: plain });
  writeFileSync(join(dir, 'dump.sql.zst'), zst.stdout);
  const sum = createHash('sha256').update(zst.stdout).digest('hex');

  it('by default decodes the stream besides the checksum', () => {
    const { script, found } = check(true);
    expect(script).toContain('zstd -q -t');
    expect(found).toEqual([
      {
        path: 'dump.sql.zst',
        size: zst.stdout.length,
        sha256: sum,
        testedAs: 'zstd',
        integrity: { ok: true },
      },
    ]);
  });

  it('with streamTests off (the restore): size, sha256 and the stream kind, no decode', () => {
    const { script, found } = check(false);
    expect(script).not.toMatch(/zstd -q -t|gzip -t/);
    expect(found).toEqual([
      { path: 'dump.sql.zst', size: zst.stdout.length, sha256: sum, testedAs: 'zstd', integrity: null },
    ]);
  });

  it('with streamTests off, a flipped byte still changes the sha256 it reports', () => {
    const bytes = readFileSync(join(dir, 'dump.sql.zst'));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    writeFileSync(join(dir, 'dump.sql.zst'), bytes);
    const { found } = check(false);
    expect(found[0]!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(found[0]!.sha256).not.toBe(sum);
  });
});
