import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { node24, runBundle } from '../../helpers/action-runner.js';

describe('committed bundles under Node 24', () => {
  it('the bundles run on Node 24', () => {
    const v = spawnSync(node24, ['--version'], { encoding: 'utf8' });
    expect(v.stdout).toMatch(/^v24\./);
  });

  it.each(['backup', 'restore'])('%s: a missing required input fails with a message naming it', (action) => {
    const r = runBundle(action, {});
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::error::gateway-ops');
    expect(r.stdout).toContain("Missing setting 'ssh-host'");
    expect(r.stdout).toContain("Missing setting 'ssh-user'");
    expect(r.summary).toContain('Settings rejected: nothing was done.');
    expect(r.outputs).toEqual({});
  });

  it('backup: a bad value is named with what was expected and found, and secrets are masked first', () => {
    const r = runBundle('backup', {
      'ssh-host': 'prod',
      'ssh-user': 'deploy',
      'ssh-port': '70000',
      'ssh-private-key':
        '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretbody\n-----END OPENSSH PRIVATE KEY-----',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "Invalid setting 'ssh-port': expected an integer from 1 to 65535, found '70000'.",
    );
    expect(r.stdout.indexOf('::add-mask::AAAAsecretbody')).toBeGreaterThanOrEqual(0);
    expect(r.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain('AAAAsecretbody');
    expect(r.summary).not.toContain('AAAAsecretbody');
  });

  it('restore: mode drill without its scratch target fails naming the setting, before connecting', () => {
    const r = runBundle('restore', {
      mode: 'drill',
      'ssh-host': 'prod.invalid',
      'ssh-user': 'deploy',
      'ssh-private-key': 'key',
      'ssh-host-fingerprint': `SHA256:${'C'.repeat(43)}`,
    });
    expect(r.status).toBe(1);
    expect(r.summary.replaceAll('&#39;', "'")).toContain("Missing setting 'drill-postgres-container'");
  });

  it('restore: a mode the restore action does not have is refused, listing its modes', () => {
    const r = runBundle('restore', {
      mode: 'verify',
      'ssh-host': 'prod',
      'ssh-user': 'deploy',
      'ssh-private-key': 'key',
      'ssh-host-fingerprint': `SHA256:${'C'.repeat(43)}`,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Invalid setting 'mode': expected one of 'restore', 'drill', found 'verify'.");
  });
});
