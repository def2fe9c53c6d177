import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchInfo } from '../services/bench.js';

/** A fresh deployment directory on the bench host, owned by the SSH user who writes there. */
export function deployDir(bench: BenchInfo, name: string): string {
  const dir = join(bench.workDir, name);
  mkdirSync(dir, { recursive: true });
  spawnSync('chown', ['-R', `${bench.user.uid}:${bench.user.gid}`, dir]);
  return dir;
}

/** The backup action's inputs that reach the bench host: SSH settings (host key pinned) and the deploy dir. */
export function hostInputs(
  bench: BenchInfo,
  dir: string,
  pin: 'fingerprint' | 'known-hosts' = 'fingerprint',
): Record<string, string> {
  return {
    'ssh-host': bench.ssh.host,
    'ssh-port': String(bench.ssh.port),
    'ssh-user': bench.ssh.username,
    'ssh-private-key': bench.ssh.clientKey.privateKey,
    ...(pin === 'fingerprint'
      ? { 'ssh-host-fingerprint': bench.ssh.hostFingerprint }
      : { 'ssh-known-hosts': bench.ssh.knownHostsLine }),
    'deploy-dir': dir,
  };
}
