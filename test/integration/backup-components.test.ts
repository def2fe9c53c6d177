/**
 * The whole backup through the CLI's run path against the bench: PostgreSQL, the secrets and the
 * git state in one snapshot; verify and status agree; the age CLI opens the secrets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { ageIdentity, deploymentWithSecrets, openSecretsArchive } from '../helpers/deploy-dir.js';
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
    deploymentWithSecrets(deployDir, SECRETS, bench().user);
    const age = ageIdentity();
    const recipient = age.recipient;

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

    const out = openSecretsArchive(join(path, 'secrets/secrets.tar.age'), age.keyFile);
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
