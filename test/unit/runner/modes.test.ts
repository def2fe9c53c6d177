import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { node24, runBundle } from '../../helpers/action-runner.js';

const root = new URL('../../../', import.meta.url).pathname;
const base = {
  'ssh-host': 'prod',
  'ssh-user': 'deploy',
  'ssh-private-key': 'key',
  'ssh-host-fingerprint': `SHA256:${'C'.repeat(43)}`,
};

describe('the built bundles: one run path, every input checked against the chosen mode', () => {
  it('an input the chosen mode does not take is refused by name, with the mode (not silently dropped)', () => {
    const r = runBundle('backup', { ...base, mode: 'backup', 'snapshot-date': '2026-11-30' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "Input 'snapshot-date' is not used by mode 'backup' (it is for mode 'verify'): remove it, or set mode: verify.",
    );
    expect(r.summary).toContain('Settings rejected: nothing was done.');
    const v = runBundle('backup', { ...base, mode: 'verify', 'keep-daily': '3' });
    expect(v.stdout).toContain("Input 'keep-daily' is not used by mode 'verify' (it is for mode 'backup')");
  });

  it('a bad mode is named with what it may be', () => {
    const r = runBundle('backup', { ...base, mode: 'restore' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "Invalid setting 'mode': expected one of 'backup', 'verify', 'status', 'health', found 'restore'.",
    );
  });

  it('a date that does not exist is refused by the action too', () => {
    const r = runBundle('backup', { ...base, mode: 'verify', 'snapshot-date': '2026-02-30' });
    expect(r.stdout).toContain("Invalid setting 'snapshot-date'");
  });

  it.each(['backup', 'migration-check', 'restore'])(
    '%s: the first log line comes before the libraries load',
    async (action) => {
      const started = performance.now();
      const child = spawn(node24, [join(root, 'actions', action, 'dist/index.js')], {
        env: { PATH: process.env['PATH'] ?? '' },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const first = await new Promise<string>((resolve) =>
        child.stdout.once('data', (d) => resolve(String(d))),
      );
      const firstMs = performance.now() - started;
      await new Promise((resolve) => child.on('exit', resolve));
      const total = performance.now() - started;
      expect(first).toMatch(new RegExp(`^gateway-ops ${action} \\d+\\.\\d+\\.\\d+ on Node 24\\.`));
      // the line is written before @actions/core, zod and the command load: well before the end
      expect(firstMs).toBeLessThan(total);
    },
  );
});
