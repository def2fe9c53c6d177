/**
 * A backups dir others could write into is refused; a planted lock symlink is never written
 * through; a work dir another user owns is never adopted (run as root, like the bench; the other
 * user is the bench user `gwops-test`).
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { beginSnapshot } from '../../../src/shared/snapshot/snapshot.js';
import { LocalHost, silentLog } from './local-host.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const now = new Date('2026-11-25T10:00:00Z');
const otherUid = Number(execFileSync('id', ['-u', 'gwops-test'], { encoding: 'utf8' }).trim());

function setup() {
  const deployDir = mkdtempSync(join(tmpdir(), 'gwops-trust-'));
  made.push(deployDir);
  const root = join(deployDir, 'data/backups');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(join(deployDir, 'data'), 0o755);
  const layout = { deployDir, backupsDir: 'data/backups', timezone: 'UTC' };
  const warnings: string[] = [];
  const log = { ...silentLog(), warn: (message: string) => warnings.push(message) };
  return { layout, root, deployDir, remote: new LocalHost(), log, warnings };
}

describe('trust in the backups dir', () => {
  it('is run as root with the bench user present', () => {
    expect(process.getuid?.()).toBe(0);
    expect(otherUid).toBeGreaterThan(0);
  });

  it('refuses a backups dir or an ancestor writable by group/others, with the chmod to run', async () => {
    const env = setup();
    chmodSync(join(env.deployDir, 'data'), 0o777);
    await expect(beginSnapshot(env.remote, env.layout, env.log, { now })).rejects.toThrow(
      new RegExp(
        `${join(env.deployDir, 'data')} is writable by group or others \\(mode 777\\).*chmod go-w ${join(env.deployDir, 'data')}`,
      ),
    );
    chmodSync(join(env.deployDir, 'data'), 0o755);
    chmodSync(env.root, 0o770);
    await expect(beginSnapshot(env.remote, env.layout, env.log, { now })).rejects.toThrow(
      /chmod go-w .*data\/backups/,
    );
    expect(readdirSync(env.root)).toEqual([]);
  });

  it('refuses a backups dir owned by another user', async () => {
    const env = setup();
    chownSync(env.root, otherUid, otherUid);
    await expect(beginSnapshot(env.remote, env.layout, env.log, { now })).rejects.toThrow(
      /data\/backups is owned by gwops-test, not root/,
    );
  });

  it('never writes through a planted lock symlink, and says so', async () => {
    const env = setup();
    const victim = join(env.deployDir, 'victim');
    writeFileSync(victim, 'precious\n');
    chownSync(victim, otherUid, otherUid);
    symlinkSync(victim, join(env.root, '.gateway-ops.lock'));
    await expect(beginSnapshot(env.remote, env.layout, env.log, { now })).rejects.toThrow(
      /the lock file .*\.gateway-ops\.lock is a symlink or not a regular file.*does not write through it/,
    );
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('never adopts a .replaced-* or .partial-* dir owned by another user', async () => {
    const env = setup();
    for (const name of ['.2026-11-25.replaced-forged', '.2026-11-24.partial-forged']) {
      const dir = join(env.root, name);
      mkdirSync(dir, { mode: 0o700 });
      writeFileSync(join(dir, 'manifest.json'), '{"forged": true}\n');
      chownSync(dir, otherUid, otherUid);
    }
    const started = await beginSnapshot(env.remote, env.layout, env.log, { now });
    expect(started.kind).toBe('partial');
    expect(started.kind === 'partial' && started.replacing).toBeNull();
    await (started.kind === 'partial' ? started.abort() : started.release());
    expect(readdirSync(env.root).sort()).toEqual([
      '.2026-11-24.partial-forged',
      '.2026-11-25.replaced-forged',
      '.gateway-ops.lock',
    ]);
    expect(env.warnings.join('\n')).toMatch(
      /Leaving .*\.2026-11-25\.replaced-forged alone: it is owned by another user/,
    );
  });
});
