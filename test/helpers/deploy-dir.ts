import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/**
 * A deployment as the reference has it: a git repository with one commit (secrets ignored), and
 * the given secret files (paths relative to the deploy dir) beside it, all owned by the SSH user.
 */
export function deploymentWithSecrets(
  dir: string,
  secrets: Record<string, string | Buffer>,
  user: BenchInfo['user'],
): void {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'safe.directory=*', '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args],
      { cwd: dir },
    );
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, '.gitignore'), '.envs/\nconfig/*.env\ndata/\n');
  writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'deploy');
  for (const [path, content] of Object.entries(secrets)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  if (user.dedicated) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, dir]);
}

/** A fresh age identity: the key file to decrypt with and its public recipient (`age1...`). */
export function ageIdentity(): { keyFile: string; recipient: string; remove(): void } {
  const keyDir = mkdtempSync(join(tmpdir(), 'gwops-age-'));
  const keyFile = join(keyDir, 'key.txt');
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
  const recipient = execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim();
  return { keyFile, recipient, remove: () => rmSync(keyDir, { recursive: true, force: true }) };
}

/** Decrypts an age archive with the standard `age` CLI and unpacks the tar into a fresh directory. */
export function openSecretsArchive(archive: string, keyFile: string): string {
  const out = mkdtempSync(join(tmpdir(), 'gwops-secrets-out-'));
  const tar = execFileSync('age', ['-d', '-i', keyFile, archive]);
  execFileSync('tar', ['-x', '-C', out], { input: tar });
  return out;
}
