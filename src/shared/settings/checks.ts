import { existsSync } from 'node:fs';
import { copyToProblems } from './copy-checks.js';
import type { Settings } from './load.js';
import { settingName } from './names.js';
import type { CommandName } from './types.js';

/**
 * Rules that involve more than one setting, or the machine the CLI runs on. Returns problems
 * in the same form as loadSettings so both are reported together.
 */
export function crossCheck(command: CommandName, s: Settings, surface: 'action' | 'cli'): string[] {
  const problems: string[] = [];
  const onHost = ['backup', 'verify', 'restore', 'drill', 'status', 'health', 'set-watermarks'].includes(
    command,
  );
  if (onHost) {
    if (!s['ssh-private-key'] && !s['ssh-private-key-file']) {
      problems.push(
        surface === 'action'
          ? // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
            "Missing setting 'ssh-private-key': the SSH private key, e.g. ${{ secrets.BACKUP_SSH_KEY }}."
          : "Missing SSH key: set 'ssh-private-key-file' or the environment variable GATEWAY_OPS_SSH_PRIVATE_KEY.",
      );
    }
    if (s['ssh-private-key'] && s['ssh-private-key-file']) {
      problems.push(
        surface === 'cli'
          ? 'Both GATEWAY_OPS_SSH_PRIVATE_KEY and --ssh-private-key-file are set: keep one.'
          : "Settings 'ssh-private-key' and 'ssh-private-key-file' are both set: keep one.",
      );
    }
    const pinned = s['ssh-known-hosts'] || s['ssh-known-hosts-file'] || s['ssh-host-fingerprint'];
    if (!pinned && !s['ssh-insecure-skip-host-key-check']) {
      problems.push(
        surface === 'action'
          ? "Missing host key: set 'ssh-known-hosts' (lines from 'ssh-keyscan -p PORT HOST') or 'ssh-host-fingerprint' (SHA256:... from 'ssh-keygen -lf'). Host keys are always verified."
          : "Missing host key: set --ssh-known-hosts-file (a file of lines from 'ssh-keyscan -p PORT HOST') or --ssh-host-fingerprint (SHA256:... from 'ssh-keygen -lf'), or ssh-known-hosts in the --config file. Host keys are always verified.",
      );
    }
    for (const name of ['ssh-private-key-file', 'ssh-known-hosts-file'] as const) {
      const path = s[name];
      if (path && !existsSync(path))
        problems.push(
          `Invalid setting '${surface === 'cli' ? settingName(name, 'cli') : name}': expected an existing file, found '${path}' (no such file).`,
        );
    }
    if (s['postgres-password'] && s.exec !== 'host') {
      problems.push(
        `Setting '${settingName('postgres-password', surface)}' is used with exec: host only; with exec: docker the password is read from the container's environment. Remove it, or set ${settingName('exec', surface, 'host')}.`,
      );
    }
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: s.timezone });
    } catch {
      problems.push(
        `Invalid setting 'timezone': expected an IANA time zone such as 'UTC' or 'Europe/Berlin', found '${s.timezone}'.`,
      );
    }
  }
  if (command === 'backup') {
    const level = s['compression-level'];
    if (level !== undefined) {
      if (s.compression === 'gzip' && level > 9) {
        problems.push(`Invalid setting 'compression-level': expected 1 to 9 for gzip, found ${level}.`);
      }
      if (s.compression === 'none')
        problems.push("Setting 'compression-level' has no effect with compression: none; remove it.");
    }
    problems.push(...copyToProblems(s, surface));
    if (s['keep-daily'] < 1)
      problems.push("Invalid setting 'keep-daily': at least 1 snapshot is always kept.");
  }
  return problems;
}
