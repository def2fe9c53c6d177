import { describe, expect, it } from 'vitest';
import { postgresOptions } from '../../../src/commands/components/postgres.js';
import { crossCheck } from '../../../src/shared/settings/checks.js';
import { loadSettings } from '../../../src/shared/settings/index.js';

const given = { 'ssh-host': 'h', 'ssh-user': 'u' };

describe('postgres-password', () => {
  it('is a secret: from GATEWAY_OPS_POSTGRES_PASSWORD in the CLI, never a flag', () => {
    const { settings } = loadSettings('backup', {
      surface: 'cli',
      explicit: { ...given, exec: 'host' },
      env: { GATEWAY_OPS_POSTGRES_PASSWORD: 'pw-canary-77' },
    });
    expect(settings['postgres-password']).toBe('pw-canary-77');
    expect(() =>
      loadSettings('backup', { surface: 'cli', explicit: { ...given, 'postgres-password': 'x' } }),
    ).toThrow("Unknown option '--postgres-password'");
  });

  it('with exec: host it reaches the dump and row counts; with docker the container has it', () => {
    const host = loadSettings('backup', {
      surface: 'action',
      explicit: { ...given, exec: 'host', 'postgres-password': 'pw-1' },
    }).settings;
    expect(postgresOptions(host).password).toBe('pw-1');
    const docker = loadSettings('backup', {
      surface: 'action',
      explicit: { ...given, 'postgres-password': 'pw-1' },
    }).settings;
    expect(postgresOptions(docker).password).toBeUndefined();
    expect(crossCheck('backup', docker, 'action').join('\n')).toContain(
      "Setting 'postgres-password' is used with exec: host only",
    );
    expect(crossCheck('backup', host, 'action').join('\n')).not.toContain('postgres-password');
  });
});
