import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/shared/errors.js';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { prepareSecrets, SECRETS_ARCHIVE, type SecretsOptions } from '../../src/shared/secrets/index.js';
import { bench, connect, newDeployDir, testLog } from './postgres-helpers.js';

const DEFAULT_PATHS = ['.envs/', '.env.sh', 'scripts/.env.sh', 'scripts/prod-hostnames.env', 'config/*.env'];

/** Secret files with names that must never be printed, and bytes that must survive exactly. */
const SECRET_FILES: Record<string, Buffer> = {
  '.envs/.production/.django': Buffer.from('DJANGO_SECRET_KEY=pr0d-s3cret-d9f2\n'),
  '.envs/.production/.postgres': Buffer.from('POSTGRES_PASSWORD=hunter2-zq81\n'),
  '.envs/.production/keystore-9a7c.bin': randomBytes(70_000),
  '.env.sh': Buffer.from('export SENTRY_DSN=https://k3y@sentry.example/1\n'),
  'config/stripe-live-4417.env': Buffer.from('STRIPE=sk_live_4417\n'),
  "config/odd name $(touch pwned) 'q'.env": Buffer.from('ODD=1\n'),
};
const NOT_SECRET = { 'config/readme-8812.txt': 'not matched by config/*.env\n' };

function plant(root: string, files: Record<string, Buffer | string>): void {
  const { uid, gid, dedicated } = bench().user;
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  if (dedicated) execFileSync('chown', ['-R', `${uid}:${gid}`, root]);
}

function ageKey(): { identityFile: string; recipient: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gwops-age-'));
  const identityFile = join(dir, 'key.txt');
  execFileSync('age-keygen', ['-o', identityFile], { stdio: 'ignore' });
  return {
    identityFile,
    recipient: execFileSync('age-keygen', ['-y', identityFile], { encoding: 'utf8' }).trim(),
  };
}

/** A snapshot work directory owned by the SSH user, as beginSnapshot makes it. */
function workDir(deployDir: string): string {
  const dir = join(deployDir, 'data/backups/.2026-12-01.partial-test');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { uid, gid, dedicated } = bench().user;
  if (dedicated) execFileSync('chown', ['-R', `${uid}:${gid}`, join(deployDir, 'data')]);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function expectNoSecretNames(text: string): void {
  for (const name of [...Object.keys(SECRET_FILES), ...Object.keys(NOT_SECRET)]) {
    for (const part of name.split('/')) {
      if (DEFAULT_PATHS.some((pattern) => pattern.includes(part))) continue; // the user's own setting values
      expect(text).not.toContain(part);
    }
  }
  expect(text).not.toContain('pr0d-s3cret');
  expect(text).not.toContain('hunter2');
}

describe('secrets component over SSH', () => {
  let remote: SshRemoteHost;
  beforeAll(async () => {
    remote = await connect();
  });
  afterAll(async () => {
    await remote?.close();
  });

  it('archives the secret files, encrypted: the age CLI decrypts them byte for byte, names never printed', async () => {
    const { deployDir } = newDeployDir('secrets');
    plant(deployDir, { ...SECRET_FILES, ...NOT_SECRET });
    const dir = workDir(deployDir);
    const key = ageKey();
    const log = testLog();
    const options: SecretsOptions = {
      deployDir,
      paths: DEFAULT_PATHS,
      recipients: [key.recipient],
      required: false,
    };
    const prepared = await prepareSecrets(remote, options, log);
    const result = await prepared.take({ path: dir });

    expect(result).toMatchObject({
      name: 'secrets',
      verdict: 'passed',
      details: { files: 6, missing: ['scripts/.env.sh', 'scripts/prod-hostnames.env'] },
    });
    const total = Object.values(SECRET_FILES).reduce((sum, bytes) => sum + bytes.length, 0);
    expect(result.details['bytes']).toBe(total);
    expect(filesUnder(dir)).toEqual([SECRETS_ARCHIVE]);
    const archive = join(dir, SECRETS_ARCHIVE);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(archive)).mode & 0o777).toBe(0o700);
    expect(result.files).toEqual([
      expect.objectContaining({ path: SECRETS_ARCHIVE, size: statSync(archive).size, component: 'secrets' }),
    ]);
    const sha = execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0];
    expect(result.files[0]!.sha256).toBe(sha);
    // Ciphertext only: no secret value in the file.
    expect(readFileSync(archive).includes('hunter2')).toBe(false);
    expect(readFileSync(archive).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const out = mkdtempSync(join(tmpdir(), 'gwops-secrets-out-'));
    const tarBytes = execFileSync('age', ['-d', '-i', key.identityFile, archive]);
    execFileSync('tar', ['-x', '-C', out], { input: tarBytes });
    expect(filesUnder(out)).toEqual(Object.keys(SECRET_FILES).sort());
    for (const [path, bytes] of Object.entries(SECRET_FILES)) {
      expect(readFileSync(join(out, path)).equals(bytes), path).toBe(true);
    }
    // The odd name was data, not a command.
    expect(readdirSync(deployDir)).not.toContain('pwned');
    expectNoSecretNames(JSON.stringify(result) + log.lines.join('\n'));
  });

  it('fails only this component when a secret file is unreadable, naming no file, writing nothing', async () => {
    const { deployDir } = newDeployDir('secrets-unreadable');
    plant(deployDir, SECRET_FILES);
    const locked = join(deployDir, '.envs/.production/.postgres');
    chownSync(locked, 0, 0);
    chmodSync(locked, 0o000);
    const dir = workDir(deployDir);
    const log = testLog();
    const prepared = await prepareSecrets(
      remote,
      { deployDir, paths: DEFAULT_PATHS, recipients: [ageKey().recipient], required: false },
      log,
    );
    expect(prepared.inventory).toMatchObject({ files: 6, unreadable: 1 });
    const error = await prepared.take({ path: dir }).then(
      () => null,
      (e: Error & { hint?: string }) => e,
    );
    expect(error?.message).toMatch(
      /^1 of the 6 secret files cannot be read by the SSH user on .*: the secrets component failed and wrote nothing\. The names are not shown/,
    );
    expect(error?.hint).toMatch(/find -L .* '!' -readable/);
    expectNoSecretNames(`${error?.message} ${error?.hint} ${log.lines.join('\n')}`);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses a malformed recipient as a settings error naming age-recipients, before touching the host', async () => {
    const good = ageKey().recipient;
    const typo = `${good.slice(0, 20)}${good[20] === 'q' ? 'p' : 'q'}${good.slice(21)}`;
    const log = testLog();
    const error = await prepareSecrets(
      remote,
      { deployDir: '/nonexistent', paths: DEFAULT_PATHS, recipients: [good, typo], required: false },
      log,
    ).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toMatch(
      /^Invalid setting 'age-recipients': entry 2 \('age1.*'\) is not a valid age public key/,
    );
  });

  it('skips the component with a warning when no recipient is set: nothing written, in clear or not', async () => {
    const { deployDir } = newDeployDir('secrets-none');
    plant(deployDir, SECRET_FILES);
    const dir = workDir(deployDir);
    const log = testLog();
    const prepared = await prepareSecrets(
      remote,
      { deployDir, paths: DEFAULT_PATHS, recipients: [], required: false },
      log,
    );
    const result = await prepared.take({ path: dir });
    expect(result).toMatchObject({ name: 'secrets', verdict: 'skipped', files: [] });
    expect(log.lines.join('\n')).toMatch(
      /warn: No age-recipients are set: the deployment's secrets are NOT in this snapshot/,
    );
    expect(filesUnder(dir)).toEqual([]);
  });

  it('with secrets-required, a path that matches nothing stops the run before anything is written', async () => {
    const { deployDir } = newDeployDir('secrets-required');
    plant(deployDir, { '.env.sh': 'X=1\n' });
    const error = await prepareSecrets(
      remote,
      { deployDir, paths: ['.env.sh', 'config/*.env'], recipients: [ageKey().recipient], required: true },
      testLog(),
    ).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^1 of the 2 secret-paths match nothing in .* on .*: config\/\*\.env\./);
  });
});
