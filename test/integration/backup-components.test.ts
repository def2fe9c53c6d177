/**
 * The whole backup through the CLI's run path against the bench: PostgreSQL, the secrets and the
 * git state in one snapshot; verify and status agree; the age CLI opens the secrets.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { bench, newDeployDir } from './postgres-helpers.js';

const SECRETS: Record<string, string> = {
  '.envs/.production/.django': 'DJANGO_SECRET_KEY=e2e-s3cret-77\n',
  'config/payments-e2e-31.env': 'PAYMENTS=live-31\n',
};

async function cli(...argv: string[]) {
  const info = bench();
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (text) => out.push(text),
    stderr: (line) => err.push(line),
    env: { GATEWAY_OPS_SSH_PRIVATE_KEY: info.ssh.clientKey.privateKey },
  });
  return { code, stdout: out.join(''), stderr: err.join('\n') };
}

function hostFlags(deployDir: string): string[] {
  const info = bench();
  return [
    '--ssh-host',
    info.ssh.host,
    '--ssh-port',
    String(info.ssh.port),
    '--ssh-user',
    info.ssh.username,
    '--ssh-host-fingerprint',
    info.ssh.hostFingerprint,
    '--deploy-dir',
    deployDir,
  ];
}

describe('backup with postgres, secrets and git, then verify and status', () => {
  it('takes all three, verify finds every file good, the age CLI opens the secrets, no secret name printed', async () => {
    const { deployDir } = newDeployDir('components-e2e');
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'safe.directory=*', '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args],
        {
          cwd: deployDir,
        },
      );
    git('init', '-q', '-b', 'main');
    writeFileSync(join(deployDir, '.gitignore'), '.envs/\nconfig/*.env\ndata/\n');
    writeFileSync(join(deployDir, 'compose.yaml'), 'services: {}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'deploy');
    for (const [path, content] of Object.entries(SECRETS)) {
      mkdirSync(dirname(join(deployDir, path)), { recursive: true });
      writeFileSync(join(deployDir, path), content);
    }
    const { uid, gid, dedicated } = bench().user;
    if (dedicated) execFileSync('chown', ['-R', `${uid}:${gid}`, deployDir]);
    const keyDir = mkdtempSync(join(tmpdir(), 'gwops-e2e-age-'));
    execFileSync('age-keygen', ['-o', join(keyDir, 'key.txt')], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', join(keyDir, 'key.txt')], {
      encoding: 'utf8',
    }).trim();

    const backup = await cli(
      'backup',
      ...hostFlags(deployDir),
      '--components',
      'postgres,secrets,git',
      '--age-recipients',
      recipient,
      '--format',
      'json',
    );
    expect(backup.code, backup.stderr).toBe(0);
    const path = JSON.parse(backup.stdout)['snapshot-path'] as string;
    const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.components)).toEqual(['postgres', 'secrets', 'git']);
    expect(manifest.components.secrets).toMatchObject({ verdict: 'passed', details: { files: 2 } });
    expect(manifest.components.git).toMatchObject({
      verdict: 'passed',
      details: { branch: 'main', detached: false },
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'postgres/pg_dumpall.sql.zst',
      'secrets/secrets.tar.age',
      'git/HEAD.tar.gz',
      'git/state.json',
    ]);
    for (const name of ['.django', 'payments-e2e-31', 'e2e-s3cret']) {
      expect(backup.stderr + backup.stdout).not.toContain(name);
      expect(JSON.stringify(manifest)).not.toContain(name);
    }

    const verify = await cli('verify', ...hostFlags(deployDir), '--restore-drill', 'false');
    expect(verify.code, verify.stderr).toBe(0);

    const out = mkdtempSync(join(tmpdir(), 'gwops-e2e-out-'));
    const tar = execFileSync('age', [
      '-d',
      '-i',
      join(keyDir, 'key.txt'),
      join(path, 'secrets/secrets.tar.age'),
    ]);
    execFileSync('tar', ['-x', '-C', out], { input: tar });
    for (const [file, content] of Object.entries(SECRETS))
      expect(readFileSync(join(out, file), 'utf8')).toBe(content);

    const status = await cli('status', ...hostFlags(deployDir), '--format', 'json');
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).snapshots[0]).toMatchObject({
      components: { postgres: 'passed', secrets: 'passed', git: 'passed' },
      verify: { verdict: 'good' },
      copy: null,
    });
  });
});
