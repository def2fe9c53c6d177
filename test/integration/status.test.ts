import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { buildManifest, serializeManifest } from '../../src/shared/snapshot/index.js';
import { bench, newDeployDir } from './postgres-helpers.js';

const HOUR = 3600_000;

interface Planted {
  label: string;
  completedHoursAgo: number;
  bytes?: number;
  copy?: { verified: boolean; problems?: string[] };
  /** No manifest: a run that never completed. */
  incomplete?: boolean;
}

/** A snapshot directory as a backup leaves it: files, then a manifest with their sizes and sha256. */
function plant(root: string, snapshot: Planted): void {
  const dir = join(root, snapshot.label);
  const content = Buffer.alloc(snapshot.bytes ?? 4096, snapshot.label);
  const file = 'postgres/pg_dumpall.sql';
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), content);
  const completedAt = new Date(Date.now() - snapshot.completedHoursAgo * HOUR);
  if (!snapshot.incomplete) {
    const manifest = buildManifest({
      gatewayOpsVersion: 'test',
      runId: 'status-test',
      host: 'test',
      date: /^\d{4}-\d{2}-\d{2}$/.test(snapshot.label)
        ? snapshot.label
        : completedAt.toISOString().slice(0, 10),
      timezone: 'UTC',
      createdAt: new Date(completedAt.getTime() - 60_000),
      completedAt,
      components: [
        {
          name: 'postgres',
          verdict: 'passed',
          durationMs: 1000,
          details: {},
          files: [
            {
              path: file,
              size: content.length,
              sha256: createHash('sha256').update(content).digest('hex'),
              compression: 'none',
              component: 'postgres',
            },
          ],
        },
        { name: 'secrets', verdict: 'skipped', durationMs: 0, details: {}, files: [] },
      ],
    });
    writeFileSync(join(dir, 'manifest.json'), serializeManifest(manifest));
  }
  if (snapshot.copy) {
    writeFileSync(
      join(root, `${snapshot.label}.copy.json`),
      JSON.stringify({
        format: 'gateway-ops-copy',
        formatVersion: 1,
        date: snapshot.label,
        host: 'backup@copy.example:22',
        verified: snapshot.copy.verified,
        verifiedAt: snapshot.copy.verified ? completedAt.toISOString() : null,
        problems: snapshot.copy.problems ?? [],
      }),
    );
  }
}

function day(hoursAgo: number): string {
  return new Date(Date.now() - hoursAgo * HOUR).toISOString().slice(0, 10);
}

function hostWith(snapshots: Planted[]): { deployDir: string; root: string } {
  const { deployDir, root } = newDeployDir('status');
  mkdirSync(root, { recursive: true });
  for (const snapshot of snapshots) plant(root, snapshot);
  const { uid, gid, dedicated } = bench().user;
  if (dedicated) execFileSync('chown', ['-R', `${uid}:${gid}`, deployDir]);
  return { deployDir, root };
}

async function status(deployDir: string, ...extra: string[]) {
  const info = bench();
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    [
      'status',
      '--ssh-host',
      info.ssh.host,
      '--ssh-port',
      String(info.ssh.port),
      '--ssh-user',
      info.ssh.username,
      '--ssh-host-fingerprint',
      info.ssh.hostFingerprint,
      '--deploy-dir',
      deployDir,
      ...extra,
    ],
    {
      stdout: (text) => out.push(text),
      stderr: (line) => err.push(line),
      env: { GATEWAY_OPS_SSH_PRIVATE_KEY: info.ssh.clientKey.privateKey },
    },
  );
  return { code, stdout: out.join(''), stderr: err.join('\n') };
}

describe('gateway-ops status against the bench host', () => {
  it('exits 0 for a fresh, verified newest snapshot and lists every snapshot with its copy state', async () => {
    const { deployDir } = hostWith([
      {
        label: day(50),
        completedHoursAgo: 50,
        copy: { verified: false, problems: ['sha256 mismatch of postgres/pg_dumpall.sql'] },
      },
      { label: day(26), completedHoursAgo: 26, incomplete: true },
      { label: day(2), completedHoursAgo: 2, copy: { verified: true } },
    ]);
    const text = await status(deployDir);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^snapshot\s+completed\s+size\s+components\s+verdict\s+copy$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${day(2)} .*postgres, secrets \\(skipped\\)\\s+good: every file verified now\\s+verified on backup@copy\\.example:22`,
      ),
    );
    expect(lines.find((l) => l.startsWith(day(26)))).toMatch(/incomplete: no manifest\.json\s+not copied$/);
    expect(lines.find((l) => l.startsWith(day(50)))).toMatch(
      /complete \(files not re-checked now\)\s+NOT verified on backup@copy\.example:22: sha256 mismatch/,
    );
    expect(text.stderr).toMatch(
      /Newest complete snapshot .*, completed 2 h( \d+ min)? ago, 4\.0 KiB, every file verified now \(3 snapshots in /,
    );

    const json = await status(deployDir, '--format', 'json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      ok: true,
      problems: [],
      newestComplete: day(2),
      maxAgeMs: 26 * HOUR,
      minSize: null,
    });
    expect(report.snapshots.map((s: { label: string; state: string }) => [s.label, s.state])).toEqual([
      [day(2), 'complete'],
      [day(26), 'incomplete'],
      [day(50), 'complete'],
    ]);
    expect(report.snapshots[0]).toMatchObject({
      manifestBytes: 4096,
      components: { postgres: 'passed', secrets: 'skipped' },
      verify: { verdict: 'good', problems: [] },
      copy: { verified: true, host: 'backup@copy.example:22' },
    });
    expect(report.snapshots[0].bytes).toBeGreaterThan(4096); // the files as found, manifest.json included
    expect(report.snapshots[2].verify).toBeNull();
    expect(report.snapshots[1].copy).toBeNull();
  });

  it('exits 1 when the newest complete snapshot is older than max-age; a newer safety snapshot does not count', async () => {
    const label = `pre-restore-${new Date(Date.now() - HOUR)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`;
    const { deployDir } = hostWith([
      { label: day(30), completedHoursAgo: 30 },
      { label, completedHoursAgo: 1 },
    ]);
    const result = await status(deployDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `The newest complete snapshot, ${day(30)}, was completed 1 d 6 h ago .*: older than max-age 1 d 2 h\\.`,
      ),
    );
    expect(result.stdout).toMatch(new RegExp(`${label} \\(safety\\)`));
    expect((await status(deployDir, '--max-age', '31h')).code).toBe(0);
  });

  it('exits 1 when the newest complete snapshot is smaller than min-size', async () => {
    const { deployDir } = hostWith([{ label: day(1), completedHoursAgo: 1, bytes: 1000 }]);
    const small = await status(deployDir, '--min-size', '1KiB', '--format', 'json');
    expect(small.code).toBe(1);
    expect(JSON.parse(small.stdout).problems).toEqual([
      `The newest complete snapshot, ${day(1)}, holds 1000 bytes: smaller than min-size 1024 bytes.`,
    ]);
    expect((await status(deployDir, '--min-size', '1000')).code).toBe(0);
  });

  it('exits 1 when the newest complete snapshot fails verify, even with good older ones', async () => {
    const { deployDir, root } = hostWith([
      { label: day(48), completedHoursAgo: 48 },
      { label: day(1), completedHoursAgo: 1 },
    ]);
    const fd = openSync(join(root, day(1), 'postgres/pg_dumpall.sql'), 'r+');
    writeSync(fd, Buffer.from('X'), 0, 1, 100);
    closeSync(fd);
    const result = await status(deployDir, '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(
      new RegExp(
        `^The newest complete snapshot, ${day(1)}, fails verify \\(bad\\): postgres/pg_dumpall\\.sql: sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\\.$`,
      ),
    );
    expect(report.snapshots[0].verify.verdict).toBe('bad');
  });

  it('exits 1 when there is no snapshot at all', async () => {
    const { deployDir } = newDeployDir('status-empty');
    const result = await status(deployDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No complete daily snapshot \(0 snapshots in /);
    expect(result.stderr).toMatch(/There is no complete daily snapshot\./);
  });
});
