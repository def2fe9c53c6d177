/**
 * The backup action (compiled sources, run as the runner runs it) with the off-host copy and the
 * alerts: a scheduled run whose copy fails opens one `backup-failure` issue (GitHub served by the
 * loopback fake), a second failure updates it, the next good run copies, verifies and closes it;
 * a healthchecks-style monitor on loopback receives start / fail / success.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node24, readRunnerFiles, runnerEnvironment } from '../helpers/action-runner.js';
import { deployDir, hostInputs } from '../helpers/deploy-dir.js';
import { type FakeGitHubServer, startFakeGitHub } from '../helpers/fake-github.js';
import { bench, copyHost, keyLines, treeOf, unique } from './copy-helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const entry = join(root, 'lib/actions/backup/src/index.js');

interface Run {
  status: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

function runAction(inputs: Record<string, string>, env: Record<string, string>): Promise<Run> {
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run 'node scripts/build.mjs --no-bundle' first`);
  const dir = mkdtempSync(join(tmpdir(), 'gwops-runner-'));
  const { env: runnerEnv, files } = runnerEnvironment(dir, inputs, env);
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [entry], { env: runnerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stdout += c;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const written = readRunnerFiles(files);
      rmSync(dir, { recursive: true, force: true });
      resolve({ status, stdout, ...written });
    });
  });
}

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node24, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Ping {
  path: string;
  body: string;
}

describe('backup action: copy to the second host, alert issue, webhook', () => {
  let github: FakeGitHubServer;
  let monitor: Server;
  let monitorUrl = '';
  const pings: Ping[] = [];
  beforeAll(async () => {
    github = await startFakeGitHub();
    monitor = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        pings.push({ path: req.url ?? '', body });
        res.end('OK');
      });
    });
    await new Promise<void>((resolve) => monitor.listen(0, '127.0.0.1', resolve));
    monitorUrl = `http://127.0.0.1:${(monitor.address() as { port: number }).port}/ping/3f1c9a7e-secret-check-uuid`;
  });
  afterAll(async () => {
    await github?.close();
    await new Promise<void>((resolve) => monitor?.close(() => resolve()));
  });

  it('a failed copy opens one issue, a second failure updates it, the next good run copies, verifies and closes it', async () => {
    const dir = deployDir(bench(), unique('copy-action'));
    const copies = join(copyHost().workDir, unique('copy-action'));
    const env = {
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/gateway',
      GITHUB_EVENT_NAME: 'schedule',
    };
    const inputs = (extra: Record<string, string>) => ({
      ...hostInputs(bench(), dir, 'known-hosts'),
      components: 'postgres',
      'copy-to-host': copyHost().host,
      'copy-to-port': String(copyHost().port),
      'copy-to-user': copyHost().username,
      'copy-to-path': copies,
      'copy-to-private-key': copyHost().clientKey.privateKey,
      'alert-issue': 'true',
      'alert-webhook-url': monitorUrl,
      'github-token': 'ghs_faketoken0123456789',
      ...extra,
    });
    const wrongPin = inputs({ 'copy-to-host-fingerprint': copyHost().otherHostFingerprint });

    const first = await runAction(wrongPin, { ...env, GITHUB_RUN_ID: '101' });
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(
      /is complete and kept on the production host, but its copy to 127\.0\.0\.1 failed: host key verification failed/,
    );
    // The local snapshot is complete; nothing reached the copy host.
    const date = readdirSync(join(dir, 'data/backups')).find((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))!;
    expect(existsSync(join(dir, 'data/backups', date, 'manifest.json'))).toBe(true);
    expect(existsSync(copies)).toBe(false);
    const local = treeOf(join(dir, 'data/backups', date));
    expect(JSON.parse(readFileSync(join(dir, 'data/backups', `${date}.copy.json`), 'utf8'))).toMatchObject({
      verified: false,
    });
    expect([...github.issues.values()]).toHaveLength(1);
    const issue = github.issues.get(1)!;
    expect(issue).toMatchObject({ state: 'open', labels: [{ name: 'backup-failure' }] });
    expect(issue.body).toContain('https://github.example/acme/gateway/actions/runs/101');
    expect(issue.body).toContain('host key verification failed');
    expect(first.stdout).toMatch(/alert-issue: opened alert issue #1/);

    const second = await runAction(wrongPin, { ...env, GITHUB_RUN_ID: '102' });
    expect(second.status).toBe(1);
    expect([...github.issues.values()]).toHaveLength(1); // updated, never duplicated
    expect(github.issues.get(1)!.body).toContain('/actions/runs/102');
    expect(github.comments.get(1)?.map((c) => c.body)).toEqual([
      expect.stringContaining('/actions/runs/102'),
    ]);

    const good = await runAction(inputs({ 'copy-to-known-hosts': copyHost().knownHostsLine }), {
      ...env,
      GITHUB_RUN_ID: '103',
    });
    expect(good.status, good.stdout).toBe(0);
    expect(good.summary).toMatch(/Copy on .*: verified there/);
    expect(treeOf(join(copies, date))).toEqual(local);
    expect(JSON.parse(readFileSync(join(dir, 'data/backups', `${date}.copy.json`), 'utf8'))).toMatchObject({
      verified: true,
      hostKeyFingerprint: copyHost().hostFingerprint,
    });
    expect(github.issues.get(1)).toMatchObject({ state: 'closed' });
    expect(github.comments.get(1)?.at(-1)?.body).toMatch(
      /succeeded again: .*\/actions\/runs\/103\. Closing\./,
    );

    // The monitor saw every run start and end; its URL (the check's key) and the copy key never printed.
    expect(pings.map((p) => p.path)).toEqual([
      '/ping/3f1c9a7e-secret-check-uuid/start',
      '/ping/3f1c9a7e-secret-check-uuid/fail',
      '/ping/3f1c9a7e-secret-check-uuid/start',
      '/ping/3f1c9a7e-secret-check-uuid/fail',
      '/ping/3f1c9a7e-secret-check-uuid/start',
      '/ping/3f1c9a7e-secret-check-uuid',
    ]);
    expect(pings[1]!.body).toMatch(/host key verification failed/);
    for (const run of [first, second, good]) {
      const printed = run.stdout.replace(/^::add-mask::.*$/gm, '') + run.summary;
      expect(printed).not.toContain('3f1c9a7e-secret-check-uuid');
      for (const line of keyLines(copyHost().clientKey.privateKey)) expect(printed).not.toContain(line);
    }
  });

  it('the CLI (cron) pings the monitor too: start, then fail on a failed copy, success on a good one', async () => {
    const dir = deployDir(bench(), unique('copy-cli'));
    const copies = join(copyHost().workDir, unique('copy-cli'));
    const keys = mkdtempSync(join(tmpdir(), 'gwops-cli-keys-'));
    const prodKey = join(keys, 'prod');
    const copyKey = join(keys, 'copy');
    writeFileSync(prodKey, bench().ssh.clientKey.privateKey, { mode: 0o600 });
    writeFileSync(copyKey, copyHost().clientKey.privateKey, { mode: 0o600 });
    const url = `${monitorUrl.replace(/\/ping\/.*/, '')}/cron/7d2e-cli-check`;
    // Not spawnSync: the monitor answers from this process's event loop.
    const cli = (pin: string) =>
      runCli(
        [
          join(root, 'bin/gateway-ops.js'),
          'backup',
          ...['--ssh-host', bench().ssh.host, '--ssh-port', String(bench().ssh.port)],
          ...['--ssh-user', bench().ssh.username, '--ssh-private-key-file', prodKey],
          ...['--ssh-host-fingerprint', bench().ssh.hostFingerprint, '--deploy-dir', dir],
          ...['--components', 'postgres', '--copy-to-host', copyHost().host],
          ...['--copy-to-port', String(copyHost().port), '--copy-to-user', copyHost().username],
          ...['--copy-to-path', copies, '--copy-to-private-key-file', copyKey],
          ...['--copy-to-host-fingerprint', pin],
        ],
        { ...process.env, GATEWAY_OPS_ALERT_WEBHOOK_URL: url },
      );
    const seen = () => pings.filter((p) => p.path.startsWith('/cron/')).map((p) => p.path);
    try {
      const bad = await cli(copyHost().otherHostFingerprint);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/its copy to 127\.0\.0\.1 failed: host key verification failed/);
      const good = await cli(copyHost().hostFingerprint);
      expect(good.status, good.stderr).toBe(0);
      expect(good.stderr).toMatch(/Copy on .*: verified there/);
      expect(seen()).toEqual([
        '/cron/7d2e-cli-check/start',
        '/cron/7d2e-cli-check/fail',
        '/cron/7d2e-cli-check/start',
        '/cron/7d2e-cli-check',
      ]);
      expect(bad.stderr + good.stderr + bad.stdout + good.stdout).not.toContain('7d2e-cli-check');
    } finally {
      rmSync(keys, { recursive: true, force: true });
    }
  });

  it('a webhook that does not answer: the run is not held up past the timeout, and says so without the URL', async () => {
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/hc/secret-uuid-2`;
    const { pingWebhook } = await import('../../src/shared/report/alerts.js');
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const started = Date.now();
    expect(await pingWebhook(url, 'failure', 'x', log, 500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(lines).toEqual([
      'alert-webhook-url: the failure ping could not be sent (no answer within 500 ms).',
    ]);
    silent.closeAllConnections();
    silent.close();
  });
});
