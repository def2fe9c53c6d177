/** The canary scans find a value raw, base64 at every alignment and URL-encoded, and only new entries. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaksIn, leaksInPath, listTopLevel, needlesOf, newOrChanged } from '../../helpers/canary/scan.js';

const needles = needlesOf([{ name: 'pw', value: 'Canary-pg-0123456789-pw' }]);

describe('canary needles', () => {
  it('finds the value raw, URL-encoded and base64 wherever it starts in an encoded text', () => {
    expect(leaksIn(needles, 'out', 'x Canary-pg-0123456789-pw y')).toEqual(['out: pw (raw)']);
    for (const pad of ['', 'a', 'ab', 'abc'])
      expect(
        leaksIn(needles, 'b64', Buffer.from(`${pad}Canary-pg-0123456789-pw!`).toString('base64')),
      ).toContain('b64: pw (base64)');
    const spaced = needlesOf([{ name: 'pp', value: 'a passphrase $&;|' }]);
    expect(leaksIn(spaced, 'url', `q=${encodeURIComponent('a passphrase $&;|')}`)).toContain(
      'url: pp (URL-encoded)',
    );
    expect(leaksIn(needles, 'clean', 'Canary-pg-012345678-pw')).toEqual([]);
  });

  it('scans only the entries created or changed since the listing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwops-scan-unit-'));
    try {
      writeFileSync(join(dir, 'old'), 'Canary-pg-0123456789-pw');
      const before = listTopLevel([dir]);
      writeFileSync(join(dir, 'new'), 'Canary-pg-0123456789-pw');
      const created = newOrChanged(before, listTopLevel([dir]));
      expect(created).toEqual([join(dir, 'new')]);
      expect(leaksInPath(needles, dir)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
