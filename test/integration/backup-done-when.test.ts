/**
 * Issue 11's "done when", through the backup action's bundle as the runner runs it: PostgreSQL,
 * OpenSearch, the secrets and the git state in one snapshot; a scheduled run whose copy fails opens
 * the `backup-failure` issue (GitHub served by the loopback fake), the next run copies the snapshot
 * to the second host, verifies it there and closes the issue; 59 earlier days planted on both hosts
 * are pruned by the same policy; the age CLI opens the copy's secrets, byte for byte the deploy dir's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseRetained, snapshotDate } from '../../src/shared/snapshot/index.js';
import { runBundleAsync } from '../helpers/action-runner.js';
import {
  ageIdentity,
  deployDir,
  deploymentWithSecrets,
  hostInputs,
  openSecretsArchive,
} from '../helpers/deploy-dir.js';
import { type FakeGitHubServer, startFakeGitHub } from '../helpers/fake-github.js';
import { openDockerDouble } from '../services/docker.js';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';
import { bench, copyHost, plantSnapshot, treeOf, unique } from './copy-helpers.js';
import { seedIndex, snapshotNames } from './opensearch-helpers.js';

const CONTAINER = 'sds-gateway-done-when-opensearch';
const PASSWORD = 'Done-When-OpenSearch-Pa55word';
const REPO = 'done-when-repo';
const SECRETS: Record<string, Buffer> = {
  '.envs/.production/.django': Buffer.from('DJANGO_SECRET_KEY=done-when-s3cret-11\n'),
  '.envs/.production/.postgres': Buffer.from('POSTGRES_PASSWORD=done-when-pg-11\n'),
  'scripts/prod-hostnames.env': Buffer.from('PROD_HOSTNAMES=gateway.example.org\n'),
  'config/tls-key-done-when.env': randomBytes(4096), // any bytes, not only text
};
const POLICY = { 'keep-daily': '7', 'keep-weekly': '4', 'keep-monthly': '3' };

let node: OpenSearchNode;
let client: Client;
let location: string;
let github: FakeGitHubServer;
const docker = () => openDockerDouble(bench().docker.stateDir);

beforeAll(async () => {
  node = await useOpenSearch(bench().extensions['opensearch']);
  client = new Client({ node: node.url });
  location = join(node.pathRepo, 'done-when');
  mkdirSync(location, { recursive: true });
  spawnSync('chown', ['-R', `${node.user.uid}:${node.user.gid}`, location]);
  docker().createContainer({
    name: CONTAINER,
    env: { OPENSEARCH_ADMIN_USER: 'admin', OPENSEARCH_INITIAL_ADMIN_PASSWORD: PASSWORD },
  });
  await seedIndex(client, 'done-when-captures', 800);
  github = await startFakeGitHub();
});

afterAll(async () => {
  docker().removeContainer(CONTAINER);
  await client?.close();
  await github?.close();
});

/** The dated snapshot directories under `root`, oldest first. */
const dated = (root: string) =>
  readdirSync(root)
    .filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))
    .sort();

describe('issue 11 done when: the full backup action, copied, pruned, decrypted, alerted', () => {
  it('postgres + opensearch + secrets + git; a failed copy opens the alert, the next run copies, verifies, prunes both hosts and closes it', async () => {
    const dir = deployDir(bench(), unique('done-when'));
    deploymentWithSecrets(dir, SECRETS, bench().user);
    const age = ageIdentity();
    const backups = join(dir, 'data/backups');
    const copies = join(copyHost().workDir, unique('done-when'));

    // The 59 days before today, as earlier nightly runs left them on both hosts (plain files: the
    // full check of the newest kept one reads a .zst name as a zstd stream).
    const today = snapshotDate(new Date(), 'UTC');
    const earlier = Array.from({ length: 59 }, (_, i) =>
      new Date(Date.parse(`${today}T00:00:00Z`) - (59 - i) * 86_400_000).toISOString().slice(0, 10),
    );
    for (const day of earlier) {
      plantSnapshot(backups, day, { 'x.bin': Buffer.from(day) });
      plantSnapshot(copies, day, { 'x.bin': Buffer.from(day) });
    }

    const inputs = (copyPin: Record<string, string>) => ({
      ...hostInputs(bench(), dir),
      components: 'postgres,opensearch,secrets,git',
      'opensearch-container': CONTAINER,
      'opensearch-url': node.url,
      'snapshot-repository': REPO,
      'snapshot-location': location,
      indices: 'done-when-*',
      'opensearch-timeout': '5m',
      'age-recipients': age.recipient,
      timezone: 'UTC',
      ...POLICY,
      'copy-to-host': copyHost().host,
      'copy-to-port': String(copyHost().port),
      'copy-to-user': copyHost().username,
      'copy-to-path': copies,
      'copy-to-private-key': copyHost().clientKey.privateKey,
      'alert-issue': 'true',
      'github-token': 'ghs_donewhen0123456789',
      ...copyPin,
    });
    const env = (runId: string) => ({
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/gateway',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_RUN_ID: runId,
    });

    try {
      // 1. The copy host presents a key other than the pinned one: the run fails, the alert opens.
      const failed = await runBundleAsync(
        'backup',
        inputs({ 'copy-to-host-fingerprint': copyHost().otherHostFingerprint }),
        env('1101'),
      );
      expect(failed.status, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stdout).toMatch(/its copy to 127\.0\.0\.1 failed: host key verification failed/);
      const date = failed.outputs['snapshot-date'] ?? today;
      expect(date).toBe(today);
      const snapshot = join(backups, date);
      const manifest = JSON.parse(readFileSync(join(snapshot, 'manifest.json'), 'utf8'));
      expect(
        Object.fromEntries(
          Object.entries(manifest.components).map(([name, c]) => [name, (c as { verdict: string }).verdict]),
        ),
      ).toEqual({ postgres: 'passed', opensearch: 'passed', secrets: 'passed', git: 'passed' });
      expect(await snapshotNames(client, REPO)).toContain(`snapshot_${date}`);
      const issues = [...github.issues.values()];
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ state: 'open', labels: [{ name: 'backup-failure' }] });
      expect(issues[0]!.body).toContain('https://github.example/acme/gateway/actions/runs/1101');
      expect(issues[0]!.body).toContain('host key verification failed');

      // 2. The next scheduled run: today's snapshot verifies and is kept, the copy goes through.
      const good = await runBundleAsync(
        'backup',
        inputs({ 'copy-to-known-hosts': copyHost().knownHostsLine }),
        env('1102'),
      );
      expect(good.status, good.stdout + good.stderr).toBe(0);
      expect(good.summary).toMatch(
        /Copy on .*: verified there \(\d+ files, sha256 computed on the copy host/,
      );
      expect(treeOf(join(copies, date))).toEqual(treeOf(snapshot));
      expect(JSON.parse(readFileSync(join(backups, `${date}.copy.json`), 'utf8'))).toMatchObject({
        verified: true,
        hostKeyFingerprint: copyHost().hostFingerprint,
        files: manifest.files.length + 1,
      });
      expect(github.issues.get(issues[0]!.number)).toMatchObject({ state: 'closed' });
      expect(github.comments.get(issues[0]!.number)?.at(-1)?.body).toMatch(
        /succeeded again: .*\/actions\/runs\/1102\. Closing\./,
      );
      expect([...github.issues.values()]).toHaveLength(1);

      // 3. Sixty days on both hosts, pruned by one policy to the same days.
      const expected = chooseRetained(
        [...earlier, date].map((d) => ({ date: d, verified: true })),
        { keepDaily: 7, keepWeekly: 4, keepMonthly: 3 },
      )
        .keep.map((s) => s.date)
        .sort();
      expect(expected.length).toBeGreaterThanOrEqual(7);
      expect(expected.length).toBeLessThan(60);
      expect(expected.slice(-7)).toEqual([...earlier.slice(-6), date]);
      expect(dated(backups)).toEqual(expected);
      expect(dated(copies)).toEqual(expected);
      expect(good.summary).toContain(
        `Copy retention: kept ${expected.length}, deleted ${60 - expected.length}`,
      );

      // 4. The copy's secrets, opened with the age CLI: byte for byte the deploy dir's files, 0600.
      const archive = join(copies, date, 'secrets/secrets.tar.age');
      expect(statSync(archive).mode & 0o777).toBe(0o600);
      const opened = openSecretsArchive(archive, age.keyFile);
      try {
        for (const path of Object.keys(SECRETS))
          expect(readFileSync(join(opened, path)).equals(readFileSync(join(dir, path))), path).toBe(true);
      } finally {
        rmSync(opened, { recursive: true, force: true });
      }
      // The git state came along: the deployed commit.
      const head = execFileSync('git', ['-c', 'safe.directory=*', 'rev-parse', 'HEAD'], {
        cwd: dir,
        encoding: 'utf8',
      }).trim();
      expect(JSON.parse(readFileSync(join(copies, date, 'git/state.json'), 'utf8'))).toMatchObject({
        commit: head,
      });

      // No secret's name or content, nor the copy key, ever printed.
      for (const run of [failed, good]) {
        const printed = run.stdout.replace(/^::add-mask::.*$/gm, '') + run.stderr + run.summary;
        for (const name of ['.django', 'tls-key-done-when', 'done-when-s3cret', 'done-when-pg'])
          expect(printed).not.toContain(name);
      }
    } finally {
      age.remove();
    }
  });

  it('an unreadable secret file fails the secrets component alone: postgres, opensearch and git are kept and recorded, the run exits 1 and says why', async () => {
    const dir = deployDir(bench(), unique('done-when-unreadable'));
    deploymentWithSecrets(dir, SECRETS, bench().user);
    const locked = join(dir, '.envs/.production/.postgres');
    chownSync(locked, 0, 0);
    chmodSync(locked, 0o000);
    const age = ageIdentity();
    try {
      const run = await runBundleAsync(
        'backup',
        {
          ...hostInputs(bench(), dir),
          components: 'postgres,opensearch,secrets,git',
          'opensearch-container': CONTAINER,
          'opensearch-url': node.url,
          'snapshot-repository': REPO,
          'snapshot-location': location,
          indices: 'done-when-*',
          'opensearch-timeout': '5m',
          'age-recipients': age.recipient,
        },
        { GITHUB_EVENT_NAME: 'workflow_dispatch' },
      );
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/incomplete: secrets failed; postgres \+ opensearch \+ git kept/);
      expect(run.stdout).toMatch(/1 of the 4 secret files cannot be read by the SSH user/);
      const snapshot = join(dir, 'data/backups', snapshotDate(new Date(), 'UTC'));
      const manifest = JSON.parse(readFileSync(join(snapshot, 'manifest.json'), 'utf8'));
      expect(manifest.components.secrets).toMatchObject({ verdict: 'failed' });
      expect(manifest.components.secrets.error).toMatch(/cannot be read/);
      for (const name of ['postgres', 'opensearch', 'git'])
        expect(manifest.components[name], name).toMatchObject({ verdict: 'passed' });
      const files = manifest.files.map((f: { path: string }) => f.path);
      expect(files).toEqual(expect.arrayContaining(['postgres/pg_dumpall.sql.zst', 'git/state.json']));
      expect(files.some((f: string) => f.startsWith('secrets/'))).toBe(false);
      expect(existsSync(join(snapshot, 'secrets/secrets.tar.age'))).toBe(false);
      for (const file of files) expect(existsSync(join(snapshot, file)), file).toBe(true);
      // The unreadable file is not named (names of secrets never appear).
      expect(run.stdout + run.stderr + run.summary).not.toContain('.postgres');
    } finally {
      age.remove();
    }
  });
});
