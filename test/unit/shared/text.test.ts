import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/shared/report/summary.js';
import { defaultSentence } from '../../../src/shared/settings/describe.js';
import { isCalendarDate } from '../../../src/shared/settings/kinds.js';
import { renderSettingRefs, settingName, settingRef } from '../../../src/shared/settings/names.js';
import { echoValue } from '../../../src/shared/text.js';

describe('echoed values are escaped and capped', () => {
  it('newlines, ANSI escapes, bidi overrides are shown as escapes', () => {
    expect(echoValue('a\nb')).toBe('a\\nb');
    expect(echoValue('\u001b[31mred')).toBe('\\x1b[31mred');
    expect(echoValue('abc\u202Eevil')).toBe('abc\\u202eevil');
    expect(echoValue('x\u0000y\u200bz')).toBe('x\\x00y\\u200bz');
  });
  it('a 100,000-character value is cut and its length said', () => {
    const shown = echoValue('A'.repeat(100_000));
    expect(shown.length).toBeLessThan(120);
    expect(shown).toContain('(100000 characters)');
  });
});

describe('setting names in the form the user is using', () => {
  it('CLI: flags, the file twin, environment variables for secrets', () => {
    expect(settingName('force', 'cli', 'true')).toBe('--force');
    expect(settingName('ssh-known-hosts', 'cli')).toBe('--ssh-known-hosts-file');
    expect(settingName('ssh-host-fingerprint', 'cli', 'SHA256:x')).toBe('--ssh-host-fingerprint SHA256:x');
    expect(settingName('ssh-passphrase', 'cli')).toBe('the environment variable GATEWAY_OPS_SSH_PASSPHRASE');
    expect(settingName('ssh-private-key', 'cli')).toBe(
      'the environment variable GATEWAY_OPS_SSH_PRIVATE_KEY',
    );
  });
  it('action and config: the input name, `name: value`', () => {
    expect(settingName('force', 'action', 'true')).toBe('force: true');
    expect(settingName('ssh-known-hosts-file', 'action')).toBe('ssh-known-hosts');
    expect(settingName('ssh-known-hosts', 'config')).toBe('ssh-known-hosts');
  });
  it('references inside a message are rendered per surface', () => {
    const hint = `run with ${settingRef('force', true)}, or pin it in ${settingRef('ssh-known-hosts')}`;
    expect(renderSettingRefs(hint, 'cli')).toBe('run with --force, or pin it in --ssh-known-hosts-file');
    expect(renderSettingRefs(hint, 'action')).toBe('run with force: true, or pin it in ssh-known-hosts');
  });
});

describe('small words', () => {
  it('"1 file", "2 files"', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(2, 'file')).toBe('2 files');
    expect(plural(0, 'app')).toBe('0 apps');
  });
  it("a default of '.' is quoted, not 'Default: ..'", () => {
    expect(defaultSentence('.')).toBe("Default: '.'.");
    expect(defaultSentence('data/backups')).toBe('Default: data/backups.');
  });
  it('real calendar dates only', () => {
    expect(isCalendarDate('2026-12-01')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
  });
});
