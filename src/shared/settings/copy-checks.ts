import { existsSync } from 'node:fs';
import type { Settings } from './load.js';

/** The copy-to-* settings as a whole: all or nothing once copy-to-host is set, as for ssh-*. */
export function copyToProblems(s: Settings, surface: 'action' | 'cli'): string[] {
  if (!s['copy-to-host']) return [];
  const problems: string[] = [];
  for (const name of ['copy-to-user', 'copy-to-path'] as const) {
    if (!s[name]) problems.push(`Missing setting '${name}': needed because copy-to-host is set.`);
  }
  if (!s['copy-to-private-key'] && !s['copy-to-private-key-file']) {
    problems.push(
      surface === 'action'
        ? // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
          "Missing setting 'copy-to-private-key': the copy host's SSH private key, e.g. ${{ secrets.COPY_SSH_KEY }}."
        : "Missing copy host key: set 'copy-to-private-key-file' or the environment variable GATEWAY_OPS_COPY_TO_PRIVATE_KEY.",
    );
  }
  if (s['copy-to-private-key'] && s['copy-to-private-key-file']) {
    problems.push("Settings 'copy-to-private-key' and 'copy-to-private-key-file' are both set: keep one.");
  }
  const pinned = s['copy-to-known-hosts'] || s['copy-to-known-hosts-file'] || s['copy-to-host-fingerprint'];
  if (!pinned) {
    problems.push(
      "Missing copy host key pin: set 'copy-to-known-hosts' (lines from 'ssh-keyscan -p PORT HOST'), 'copy-to-known-hosts-file' or " +
        "'copy-to-host-fingerprint' (SHA256:... from 'ssh-keygen -lf'). Host keys are always verified.",
    );
  }
  if (s['copy-via'] === 'host' && !s['copy-to-known-hosts'] && !s['copy-to-known-hosts-file']) {
    problems.push(
      "Setting 'copy-via: host' needs 'copy-to-known-hosts' or 'copy-to-known-hosts-file': rsync on the production host checks the copy host's key with OpenSSH, which cannot pin a fingerprint alone.",
    );
  }
  for (const name of ['copy-to-private-key-file', 'copy-to-known-hosts-file'] as const) {
    const path = s[name];
    if (path && !existsSync(path))
      problems.push(`Invalid setting '${name}': expected an existing file, found '${path}' (no such file).`);
  }
  return problems;
}
