import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { componentsTable } from '../../../src/commands/snapshot-report.js';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { parseCapture, statusLines } from '../../../src/shared/git-state/index.js';
import { encrypterFor, parseInventory } from '../../../src/shared/secrets/index.js';
import { loadSettings } from '../../../src/shared/settings/index.js';
import { buildManifest } from '../../../src/shared/snapshot/index.js';
import {
  describeAge,
  judgeStatus,
  type ListedSnapshot,
  parseListing,
} from '../../../src/shared/status/index.js';

const BASE = { 'ssh-host': 'prod.example.org', 'ssh-user': 'deploy' };
const RECIPIENT = execFileSync('age-keygen', { encoding: 'utf8' })
  .split('\n')
  .find((line) => line.startsWith('# public key: '))!
  .slice('# public key: '.length);

function problems(command: 'backup' | 'status', explicit: Record<string, string>): readonly string[] {
  try {
    loadSettings(command, { surface: 'action', explicit: { ...BASE, ...explicit } });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  return [];
}

describe('secrets settings', () => {
  it('defaults to the reference paths, no recipients, and all four components', () => {
    const { settings } = loadSettings('backup', { surface: 'action', explicit: BASE });
    expect(settings['secret-paths']).toEqual([
      '.envs/',
      '.env.sh',
      'scripts/.env.sh',
      'scripts/prod-hostnames.env',
      'config/*.env',
    ]);
    expect(settings['age-recipients']).toEqual([]);
    expect(settings['secrets-required']).toBe(false);
    expect(settings.components).toEqual(['postgres', 'opensearch', 'secrets', 'git']);
  });

  it('refuses secret paths that leave deploy-dir or could be an option', () => {
    for (const bad of ['../etc/passwd', '/etc/shadow', 'config/../../x', '-rf', 'a b', 'x;rm']) {
      expect(problems('backup', { 'secret-paths': bad })[0], bad).toMatch(/^Invalid setting 'secret-paths'/);
    }
    expect(problems('backup', { 'secret-paths': '.envs/,config/*.env,conf[ab]/?.env' })).toEqual([]);
  });

  it('refuses a recipient that is not an age1 X25519 key, naming the setting', () => {
    expect(problems('backup', { 'age-recipients': RECIPIENT })).toEqual([]);
    for (const bad of ['ssh-ed25519 AAAAC3Nza', 'age1short', `${RECIPIENT}x`, RECIPIENT.toUpperCase()]) {
      expect(problems('backup', { 'age-recipients': bad })[0], bad).toMatch(
        /^Invalid setting 'age-recipients'.*age X25519 public keys/,
      );
    }
  });

  it('checks the checksum with the age library: one changed character is a settings error', () => {
    expect(() => encrypterFor([RECIPIENT])).not.toThrow();
    const typo = `${RECIPIENT.slice(0, 30)}${RECIPIENT[30] === 'q' ? 'p' : 'q'}${RECIPIENT.slice(31)}`;
    expect(() => encrypterFor([RECIPIENT, typo])).toThrow(
      /^Invalid setting 'age-recipients': entry 2 .* not a valid age public key/,
    );
    expect(() => encrypterFor(['age1pq1abc'])).toThrow(/entry 1 is not an age X25519 public key/);
  });

  it('reads the inventory: counts, missing patterns, unlisted directories, missing tools', () => {
    expect(parseInventory('missing\tscripts/.env.sh\nunlisted\nfiles\t3\t120\t1\n')).toEqual({
      kind: 'inventory',
      files: 3,
      bytes: 120,
      unreadable: 1,
      missing: ['scripts/.env.sh'],
      unlisted: true,
    });
    expect(parseInventory('tools-missing\ttar sort\n')).toEqual({
      kind: 'tools-missing',
      tools: ['tar', 'sort'],
    });
    expect(parseInventory('no-deploy-dir\n')).toEqual({ kind: 'no-deploy-dir' });
  });
});

describe('git state parsing', () => {
  it('turns porcelain v2 -z entries into lines; a rename carries its old name after a TAB', () => {
    const z =
      '# branch.oid abc\0# branch.head main\x002 R. N... 100644 100644 100644 1 2 R100 new name\0old name\0? dir/\0';
    expect(statusLines(z)).toEqual([
      '# branch.oid abc',
      '# branch.head main',
      '2 R. N... 100644 100644 100644 1 2 R100 new name\told name',
      '? dir/',
    ]);
  });

  it('reads branch, upstream, ahead/behind, changes and untracked names', () => {
    const state = parseCapture(
      'version\tgit version 2.39.5\ncommit\tabc123\nbranch\tmain\nkept\tHEAD.tar.gz\nstatus-z\n' +
        '# branch.oid abc123\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +2 -5\0' +
        '1 .M N... 100644 100644 100644 a b README.md\0? notes.txt\0? big.sql\0',
    );
    expect(state).toMatchObject({
      commit: 'abc123',
      branch: 'main',
      detached: false,
      upstream: 'origin/main',
      ahead: 2,
      behind: 5,
      changed: 1,
      untracked: ['notes.txt', 'big.sql'],
      untrackedCount: 2,
      files: ['HEAD.tar.gz'],
    });
  });

  it('a detached HEAD without upstream', () => {
    const state = parseCapture(
      'commit\tabc\ndetached\nstatus-z\n# branch.oid abc\0# branch.head (detached)\0',
    );
    expect(state).toMatchObject({ branch: null, detached: true, upstream: null, ahead: null, untracked: [] });
  });
});

const HOUR = 3600_000;
const NOW = new Date('2026-12-01T12:00:00Z');

function listed(
  label: string,
  completedHoursAgo: number,
  verdicts: Record<string, string> = { postgres: 'passed' },
): ListedSnapshot {
  const completedAt = new Date(NOW.getTime() - completedHoursAgo * HOUR);
  const manifest = buildManifest({
    gatewayOpsVersion: 't',
    runId: 'r',
    host: 'h',
    date: label.startsWith('pre-restore') ? completedAt.toISOString().slice(0, 10) : label,
    timezone: 'UTC',
    createdAt: completedAt,
    completedAt,
    components: [
      {
        name: 'postgres',
        verdict: 'passed',
        durationMs: 1,
        details: {},
        files: [
          {
            path: 'postgres/d.sql',
            size: 5000,
            sha256: 'a'.repeat(64),
            compression: 'none',
            component: 'postgres',
          },
        ],
      },
    ],
  });
  // A failed component, as the snapshot run records it.
  const components = Object.fromEntries(
    Object.entries(verdicts).map(([name, verdict]) => [name, { verdict, durationMs: 1, details: {} }]),
  );
  return {
    label,
    kind: label.startsWith('pre-restore') ? 'pre-restore' : 'daily',
    bytes: 6000,
    manifest: { ...manifest, components: components as never },
    manifestProblem: null,
    copy: null,
    copyUnreadable: false,
  };
}

describe('status judgement', () => {
  const policy = { maxAgeMs: 26 * HOUR, minSize: undefined };
  it('is ok for a fresh, good newest complete snapshot', () => {
    expect(
      judgeStatus([listed('2026-11-30', 30), listed('2026-12-01', 2)], NOW, policy, {
        verdict: 'good',
        problems: [],
      }),
    ).toMatchObject({
      ok: true,
      problems: [],
      newest: { label: '2026-12-01' },
    });
  });

  it('skips a newer day with a failed component and a safety snapshot when choosing the newest complete one', () => {
    const judged = judgeStatus(
      [
        listed('2026-11-30', 27),
        listed('2026-12-01', 2, { postgres: 'passed', opensearch: 'failed' }),
        listed('pre-restore-20261201T110000Z', 1),
      ],
      NOW,
      policy,
      { verdict: 'good', problems: [] },
    );
    expect(judged.newest?.label).toBe('2026-11-30');
    expect(judged.problems).toEqual([
      'The newest complete snapshot, 2026-11-30, was completed 1 d 3 h ago (2026-11-30T09:00:00.000Z): older than max-age 1 d 2 h.',
    ]);
  });

  it('fails for too small, for a failed verify, and when there is nothing', () => {
    const small = judgeStatus(
      [listed('2026-12-01', 1)],
      NOW,
      { maxAgeMs: 26 * HOUR, minSize: 5001 },
      { verdict: 'good', problems: [] },
    );
    expect(small.problems).toEqual([
      'The newest complete snapshot, 2026-12-01, holds 5000 bytes: smaller than min-size 5001 bytes.',
    ]);
    const bad = judgeStatus([listed('2026-12-01', 1)], NOW, policy, {
      verdict: 'bad',
      problems: ['a', 'b', 'c', 'd'],
    });
    expect(bad.problems).toEqual([
      'The newest complete snapshot, 2026-12-01, fails verify (bad): a; b; c; and 1 more.',
    ]);
    expect(judgeStatus([], NOW, policy, null)).toEqual({
      ok: false,
      newest: null,
      problems: ['There is no complete daily snapshot.'],
    });
  });

  it('describes ages briefly', () => {
    expect([20_000, 45 * 60_000, 3 * HOUR + 12 * 60_000, 26 * HOUR, 48 * HOUR].map(describeAge)).toEqual([
      '20 s',
      '45 min',
      '3 h 12 min',
      '1 d 2 h',
      '2 d',
    ]);
  });

  it('parses the listing: base64 manifests and copy records, unknown names ignored', () => {
    const manifest = listed('2026-12-01', 1).manifest!;
    const m64 = Buffer.from(
      JSON.stringify({
        ...manifest,
        components: { postgres: { verdict: 'passed', durationMs: 1, details: {} } },
      }),
    ).toString('base64');
    const c64 = Buffer.from(
      JSON.stringify({
        format: 'gateway-ops-copy',
        date: '2026-12-01',
        verified: true,
        verifiedAt: 'x',
        host: 'b@c:22',
        problems: [],
      }),
    ).toString('base64');
    const parsed = parseListing(
      `entry\t2026-12-01\t6000\t${m64}\t${c64}\nentry\t2026-11-30\t10\t-\t-\nentry\tnot-a-date\t1\t-\t-\nentry\t2026-11-29\t1\t-\tbm9wZQ==\n`,
    )!;
    expect(
      parsed.map((s) => [s.label, s.manifestProblem, s.copy?.verified ?? null, s.copyUnreadable]),
    ).toEqual([
      ['2026-11-29', 'no manifest.json', null, true],
      ['2026-11-30', 'no manifest.json', null, false],
      ['2026-12-01', null, true, false],
    ]);
    expect(parseListing('no-backups-dir\n')).toBeNull();
  });
});

describe('settings of status', () => {
  it('max-age defaults to 26h; min-size takes units', () => {
    const { settings } = loadSettings('status', {
      surface: 'cli',
      explicit: { ...BASE, 'min-size': '1.5GiB' },
    });
    expect(settings['max-age']).toBe(26 * HOUR);
    expect(settings['min-size']).toBe(1.5 * 1024 ** 3);
    expect(problems('status', { 'min-size': 'big' })[0]).toMatch(
      /^Invalid setting 'min-size'.*a size such as '500MiB'/,
    );
  });
});

describe('the job summary of a snapshot', () => {
  it('has one row per component: verdict (with its reason), size, duration, files', () => {
    const manifest = buildManifest({
      gatewayOpsVersion: 't',
      runId: 'r',
      host: 'h',
      date: '2026-12-01',
      timezone: 'UTC',
      createdAt: NOW,
      completedAt: NOW,
      components: [
        {
          name: 'postgres',
          verdict: 'passed',
          durationMs: 2500,
          details: {},
          files: [
            {
              path: 'postgres/pg_dumpall.sql.zst',
              size: 2048,
              sha256: 'a'.repeat(64),
              compression: 'zstd',
              component: 'postgres',
            },
          ],
        },
        {
          name: 'secrets',
          verdict: 'skipped',
          durationMs: 0,
          details: { reason: 'no age-recipients are set' },
          files: [],
        },
      ],
    });
    expect(componentsTable(manifest)).toEqual({
      header: ['component', 'verdict', 'size', 'duration', 'files'],
      rows: [
        ['postgres', 'passed', '2.0 KiB', '2.5 s', 'postgres/pg_dumpall.sql.zst'],
        ['secrets', 'skipped: no age-recipients are set', '-', '0 ms', '-'],
      ],
    });
  });
});
