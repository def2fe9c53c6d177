/**
 * The backup action's committed bundle, run as the runner runs it (Node 24, INPUT_* variables,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against the real sshd + docker double + PostgreSQL;
 * and the CLI built from the repository (`node bin/gateway-ops.js`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { inputsForMode, node24, runBundle } from '../helpers/action-runner.js';
import { deployDir, hostInputs } from '../helpers/deploy-dir.js';
import { openDockerDouble } from '../services/docker.js';

const bench = inject('bench');
const root = new URL('../../', import.meta.url).pathname;

function inputs(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...hostInputs(bench, dir, 'known-hosts'),
    components: 'postgres',
    ...extra,
  };
}

const keyBody = () =>
  bench.ssh.clientKey.privateKey
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('\n');

describe('actions/backup/dist/index.js against the bench', () => {
  it('takes a snapshot, writes outputs and the summary, never prints the key; a second run reuses it', async () => {
    const dir = deployDir(bench, 'action-backup');
    const r = runBundle('backup', inputs(dir));
    expect(r.stderr + r.stdout).not.toMatch(/::error::/);
    expect(r.status).toBe(0);
    const date = r.outputs['snapshot-date']!;
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.outputs['snapshot-path']).toBe(join(dir, 'data/backups', date));
    expect(r.outputs['reused']).toBe('false');
    const manifest = JSON.parse(r.outputs['manifest']!);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['postgres/pg_dumpall.sql.zst']);
    const onDisk = JSON.parse(readFileSync(join(dir, 'data/backups', date, 'manifest.json'), 'utf8'));
    expect(onDisk).toEqual(manifest);
    expect(r.summary).toContain('<table>');
    expect(r.summary).toContain('postgres/pg_dumpall.sql.zst');
    // Masking: every line of the key is registered before anything else is printed.
    const body = keyBody().split('\n')[1]!;
    expect(r.stdout).toContain(`::add-mask::${body}`);
    const printed = r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr + r.summary;
    for (const line of keyBody().split('\n')) expect(printed).not.toContain(line);
    // No hidden work directory left behind.
    expect(readdirSync(join(dir, 'data/backups')).filter((n) => n.includes('.partial-'))).toEqual([]);

    const again = runBundle('backup', inputs(dir));
    expect(again.status).toBe(0);
    expect(again.outputs['reused']).toBe('true');
    expect(again.outputs['manifest']).toBe(r.outputs['manifest']);

    const verify = runBundle(
      'backup',
      inputsForMode(inputs(dir, { mode: 'verify', 'snapshot-date': date }), 'verify'),
    );
    expect(verify.status).toBe(0);
    expect(verify.summary).toContain(`Snapshot ${date} verified`);
  });

  it('mode: verify fails on a corrupted dump, naming the file and the expected and found sha256', () => {
    const dir = deployDir(bench, 'action-corrupt');
    const r = runBundle('backup', inputs(dir));
    expect(r.status).toBe(0);
    const date = r.outputs['snapshot-date']!;
    const dump = join(dir, 'data/backups', date, 'postgres/pg_dumpall.sql.zst');
    const bytes = readFileSync(dump);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1]! + 1) & 0xff;
    writeFileSync(dump, bytes);
    const verify = runBundle('backup', inputsForMode(inputs(dir, { mode: 'verify' }), 'verify'));
    expect(verify.status).toBe(1);
    expect(verify.summary).toContain('postgres/pg_dumpall.sql.zst');
    expect(verify.summary).toMatch(/sha256/);
  });

  it('a wrong host key is refused with both fingerprints, and nothing is created', () => {
    const dir = deployDir(bench, 'action-wrong-key');
    const r = runBundle(
      'backup',
      inputs(dir, { 'ssh-known-hosts': `[127.0.0.1]:${bench.ssh.port} ${bench.ssh.otherHostPublicKey}` }),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(bench.ssh.hostFingerprint);
    expect(r.stdout).toContain(bench.ssh.otherHostFingerprint);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});

describe('settings with shell metacharacters', () => {
  it.each([
    ['postgres-container', 'sds-gateway-prod-postgres; touch /tmp/gwops-pwned'],
    ['deploy-dir', '/tmp/$(touch /tmp/gwops-pwned)'],
    ['backups-dir', 'data/`touch /tmp/gwops-pwned`'],
    ['pg-dumpall-args', '--no-role-passwords --file=/tmp/x;id'],
  ])('%s is refused before anything runs on the host', (name, value) => {
    const docker = openDockerDouble(bench.docker.stateDir);
    const mark = docker.mark();
    const dir = deployDir(bench, `action-meta-${name}`);
    const r = runBundle('backup', inputs(dir, { [name]: value }));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`Invalid setting '${name}': expected `);
    expect(r.summary).toContain('Settings rejected: nothing was done.');
    expect(docker.calls(mark)).toEqual([]);
    expect(existsSync('/tmp/gwops-pwned')).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});

describe('the CLI built from the repository', () => {
  it('node bin/gateway-ops.js backup + verify over SSH', () => {
    const dir = deployDir(bench, 'cli-backup');
    const keyFile = join(bench.tempDir, 'cli-test-key');
    writeFileSync(keyFile, bench.ssh.clientKey.privateKey, { mode: 0o600 });
    const common = [
      '--ssh-host',
      bench.ssh.host,
      '--ssh-port',
      String(bench.ssh.port),
      '--ssh-user',
      bench.ssh.username,
      '--ssh-private-key-file',
      keyFile,
      '--ssh-host-fingerprint',
      bench.ssh.hostFingerprint,
      '--deploy-dir',
      dir,
    ];
    const cli = join(root, 'bin/gateway-ops.js');
    const backup = spawnSync(
      node24,
      [cli, 'backup', ...common, '--components', 'postgres', '--compression', 'gzip'],
      {
        encoding: 'utf8',
      },
    );
    expect(backup.stderr).toContain('Snapshot ');
    expect(backup.status).toBe(0);
    const verify = spawnSync(node24, [cli, 'verify', ...common], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stderr).toMatch(/verified: 1 file,/);
    const days = readdirSync(join(dir, 'data/backups')).filter((n) => /^\d{4}-/.test(n));
    expect(readdirSync(join(dir, 'data/backups', days[0]!, 'postgres'))).toEqual(['pg_dumpall.sql.gz']);
    // stdout carries the result for a program: the snapshot's path and verdict, or JSON.
    const path = join(dir, 'data/backups', days[0]!);
    expect(backup.stdout).toBe(`${path} good\n`);
    expect(backup.stderr).toContain(`Connected to ${bench.ssh.username}@${bench.ssh.host}:${bench.ssh.port}`);
    expect(verify.stdout).toBe(`${path} good\n`);
    const json = spawnSync(node24, [cli, 'verify', ...common, '--format', 'json'], { encoding: 'utf8' });
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, verdict: 'good', 'snapshot-path': path });
  });
});
