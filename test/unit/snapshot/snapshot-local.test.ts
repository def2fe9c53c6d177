import { createHash } from 'node:crypto';
import {
  chownSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseSnapshot, deleteSnapshots, listSnapshots } from '../../../src/shared/snapshot/catalog.js';
import { buildManifest, type ComponentResult } from '../../../src/shared/snapshot/manifest.js';
import {
  beginSnapshot,
  type ExistingSnapshot,
  type PartialSnapshot,
} from '../../../src/shared/snapshot/snapshot.js';
import { verifySnapshot } from '../../../src/shared/snapshot/verify.js';
import { ensureBenchUser } from '../../services/system.js';
import { LocalHost, silentLog } from './local-host.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// The host-side scripts of the snapshot room, run by the local bash through the RemoteHost contract.

const now = new Date('2026-11-25T10:00:00Z');

function setup() {
  const deployDir = mkdtempSync(join(tmpdir(), 'gwops-snap-'));
  made.push(deployDir);
  const layout = { deployDir, backupsDir: 'data/backups', timezone: 'UTC' };
  return { layout, root: join(deployDir, 'data/backups'), remote: new LocalHost(), log: silentLog() };
}

function writeComponent(partial: PartialSnapshot, text: string): ComponentResult {
  const file = join(partial.path, 'postgres', 'dump.sql');
  writeFileSync(file, text, { flag: 'w' });
  return {
    name: 'postgres',
    verdict: 'passed',
    durationMs: 5,
    details: {},
    files: [
      {
        path: 'postgres/dump.sql',
        size: Buffer.byteLength(text),
        sha256: createHash('sha256').update(text).digest('hex'),
        compression: 'none',
        component: 'postgres',
      },
    ],
  };
}

async function takeSnapshot(env: ReturnType<typeof setup>, text: string, force = false, runId = 'run1') {
  const started = await beginSnapshot(env.remote, env.layout, env.log, { now, runId, force });
  if (started.kind !== 'partial') return started;
  await env.remote.exec(`mkdir -p ${started.path}/postgres`);
  const component = writeComponent(started, text);
  const manifest = buildManifest({
    gatewayOpsVersion: '0.1.0',
    runId,
    host: env.remote.description,
    date: started.date,
    timezone: 'UTC',
    createdAt: now,
    completedAt: new Date(now.getTime() + 1000),
    components: [component],
  });
  return started.commit(manifest);
}

describe('snapshot on a host (local bash)', () => {
  it('works in a hidden 0700 dir and renames it into place with the manifest last', async () => {
    const env = setup();
    const started = await beginSnapshot(env.remote, env.layout, env.log, { now, runId: 'run1' });
    expect(started.kind).toBe('partial');
    const partial = started as PartialSnapshot;
    expect(partial.path).toBe(join(env.root, '.2026-11-25.partial-run1'));
    expect(statSync(partial.path).mode & 0o777).toBe(0o700);
    expect(readdirSync(env.root)).not.toContain('2026-11-25');
    await partial.abort();
    const committed = await takeSnapshot(env, 'hello\n');
    expect(committed).toMatchObject({ path: join(env.root, '2026-11-25'), replaced: null });
    expect(readdirSync(env.root).sort()).toEqual(['.gateway-ops.lock', '2026-11-25']);
    expect(
      JSON.parse(readFileSync(join(env.root, '2026-11-25', 'manifest.json'), 'utf8')).files,
    ).toHaveLength(1);
    const report = await verifySnapshot(env.remote, join(env.root, '2026-11-25'));
    expect(report).toMatchObject({ verdict: 'good', problems: [], filesChecked: 1, bytesChecked: 6 });
  });

  it('does not redo a snapshot that exists and verifies, and replaces it only with force', async () => {
    const env = setup();
    await takeSnapshot(env, 'first\n');
    const again = (await takeSnapshot(env, 'second\n', false, 'run2')) as ExistingSnapshot;
    expect(again.kind).toBe('existing');
    expect(again.report.verdict).toBe('good');
    await again.release();
    const forced = await takeSnapshot(env, 'second\n', true, 'run3');
    expect(forced).toMatchObject({ replaced: join(env.root, '2026-11-25') });
    expect(readFileSync(join(env.root, '2026-11-25', 'postgres/dump.sql'), 'utf8')).toBe('second\n');
    expect(readdirSync(env.root).sort()).toEqual(['.gateway-ops.lock', '2026-11-25']);
  });

  it('refuses to build over a bad snapshot of today without force', async () => {
    const env = setup();
    await takeSnapshot(env, 'first\n');
    truncateSync(join(env.root, '2026-11-25', 'postgres/dump.sql'), 2);
    await expect(takeSnapshot(env, 'x', false, 'run2')).rejects.toThrow(
      /exists but is bad: postgres\/dump.sql: size 2 bytes, expected 6/,
    );
    expect(readFileSync(join(env.root, '2026-11-25', 'postgres/dump.sql'), 'utf8')).toBe('fi');
  });

  it('lets one run at a time hold the lock and names the holder', async () => {
    const env = setup();
    const first = (await beginSnapshot(env.remote, env.layout, env.log, {
      now,
      runId: 'holder1',
    })) as PartialSnapshot;
    await expect(beginSnapshot(env.remote, env.layout, env.log, { now, runId: 'second' })).rejects.toThrow(
      /Another gateway-ops run holds the lock .*run holder1, on runner .*pid \d+, host pid \d+, started 2026-11-25T10:00:00.000Z/,
    );
    expect(readdirSync(env.root)).toContain('.2026-11-25.partial-holder1');
    await first.abort();
    expect(first.lock.held()).toBe(false);
    const second = (await beginSnapshot(env.remote, env.layout, env.log, {
      now,
      runId: 'second',
    })) as PartialSnapshot;
    await second.abort();
    expect(readdirSync(env.root)).toEqual(['.gateway-ops.lock']);
  });

  it('keeps the lock past the commit when asked (retention under the same lock), with the listing it made', async () => {
    const env = setup();
    await env.remote.exec(
      `mkdir -p ${env.root}/2026-11-20 ${env.root}/2026-11-21 ${env.root}/not-a-date ${env.root}/.2026-11-19.deleting-x && echo '{}' > ${env.root}/2026-11-20/manifest.json`,
    );
    const started = (await beginSnapshot(env.remote, env.layout, env.log, {
      now,
      runId: 'keeper',
    })) as PartialSnapshot;
    const manifest = buildManifest({
      gatewayOpsVersion: '0.1.0',
      runId: 'keeper',
      host: env.remote.description,
      date: started.date,
      timezone: 'UTC',
      createdAt: now,
      completedAt: now,
      components: [],
    });
    const committed = await started.commit(manifest, { keepLock: true });
    expect(committed.snapshots).toEqual([
      { date: '2026-11-20', verified: true },
      { date: '2026-11-21', verified: false },
      { date: '2026-11-25', verified: true },
    ]);
    expect(committed.lock?.held()).toBe(true);
    await expect(beginSnapshot(env.remote, env.layout, env.log, { now, runId: 'other' })).rejects.toThrow(
      /Another gateway-ops run holds the lock .*run keeper/,
    );
    await committed.release();
    expect(started.lock.held()).toBe(false);
    // Without keepLock the lock is released by the commit itself.
    const again = (await beginSnapshot(env.remote, env.layout, env.log, {
      now,
      runId: 'plain',
      force: true,
    })) as PartialSnapshot;
    const plain = await again.commit({ ...manifest, runId: 'plain' });
    expect(plain.lock).toBeNull();
    expect(again.lock.held()).toBe(false);
  });

  it('cleans up after crashed runs and restores a snapshot a crashed force run had moved aside', async () => {
    const env = setup();
    await takeSnapshot(env, 'first\n');
    await env.remote.exec(
      `cd ${env.root} && mkdir .2026-11-25.partial-dead && mv 2026-11-25 .2026-11-25.replaced-dead && mkdir .2026-11-24.partial-x`,
    );
    const started = await beginSnapshot(env.remote, env.layout, env.log, { now, runId: 'run2' });
    expect(started.kind).toBe('existing');
    expect(started.leftovers.map((leftover) => `${leftover.action} ${leftover.name}`)).toEqual([
      'remove .2026-11-24.partial-x',
      'remove .2026-11-25.partial-dead',
      'restore .2026-11-25.replaced-dead',
    ]);
    await (started as ExistingSnapshot).release();
    expect(readdirSync(env.root).sort()).toEqual(['.gateway-ops.lock', '2026-11-25']);
    expect(env.log.lines.join('\n')).toMatch(/Restoring 2026-11-25/);
  });

  it('says why the backups dir cannot be used', async () => {
    const env = setup();
    // Root writes anywhere: as root, the scripts run as the bench's non-root user.
    const user = process.getuid?.() === 0 ? ensureBenchUser() : null;
    const remote = user ? new LocalHost(process.env, user) : env.remote;
    if (user) {
      chownSync(env.layout.deployDir, user.uid, user.gid);
    }
    await remote.exec(`mkdir -p ${env.root} && chmod 0500 ${env.root}`);
    await expect(beginSnapshot(remote, env.layout, env.log, { now })).rejects.toThrow(/not writable/);
  });
});

describe('verify (local bash)', () => {
  it('calls a directory without a manifest incomplete, never good', async () => {
    const env = setup();
    await env.remote.exec(
      `mkdir -p ${env.root}/2026-11-20/postgres && echo x > ${env.root}/2026-11-20/postgres/a`,
    );
    const report = await verifySnapshot(env.remote, join(env.root, '2026-11-20'));
    expect(report.verdict).toBe('incomplete');
    expect(report.problems[0]).toMatch(/no manifest.json/);
    writeFileSync(join(env.root, '2026-11-20', 'manifest.json'), '{"format":1');
    expect((await verifySnapshot(env.remote, join(env.root, '2026-11-20'))).verdict).toBe('incomplete');
    expect((await verifySnapshot(env.remote, join(env.root, '2026-11-21'))).verdict).toBe('missing');
  });

  it('reports a flipped byte and a stray file with expected and found values', async () => {
    const env = setup();
    await takeSnapshot(env, 'hello\n');
    const dir = join(env.root, '2026-11-25');
    writeFileSync(join(dir, 'postgres/dump.sql'), 'jello\n');
    writeFileSync(join(dir, 'stray'), 'zz');
    const report = await verifySnapshot(env.remote, dir);
    expect(report.verdict).toBe('bad');
    expect(report.fileProblems.map((problem) => problem.kind)).toEqual(['sha256', 'unexpected']);
    expect(report.problems[0]).toMatch(/postgres\/dump.sql: sha256 [0-9a-f]{64}, expected [0-9a-f]{64}/);
  });
});

describe('catalog (local bash)', () => {
  it('lists dated snapshots, chooses latest or a date, and deletes whole snapshots under the lock', async () => {
    const env = setup();
    await env.remote.exec(
      `mkdir -p ${env.root}/2026-11-20 ${env.root}/2026-11-22 ${env.root}/.2026-11-23.partial-x ${env.root}/notes`,
    );
    expect(await listSnapshots(env.remote, env.layout)).toEqual(['2026-11-20', '2026-11-22']);
    expect(chooseSnapshot(['2026-11-20', '2026-11-22'], 'latest', 'x')).toBe('2026-11-22');
    expect(() => chooseSnapshot(['2026-11-20'], '2026-11-21', 'host:/b')).toThrow(
      'No snapshot 2026-11-21 in host:/b. Found: 2026-11-20.',
    );
    expect(() => chooseSnapshot([], 'latest', 'host:/b')).toThrow('No snapshot in host:/b.');
    const started = (await beginSnapshot(env.remote, env.layout, env.log, {
      now,
      runId: 'ret',
    })) as PartialSnapshot;
    await deleteSnapshots(env.remote, env.layout, started.lock, 'ret', ['2026-11-20', '2026-11-19']);
    expect(await listSnapshots(env.remote, env.layout)).toEqual(['2026-11-22']);
    await started.abort();
    await expect(
      deleteSnapshots(env.remote, env.layout, started.lock, 'ret', ['2026-11-22']),
    ).rejects.toThrow(/lock is not held/);
  });
});

describe('tools on the host (local bash)', () => {
  it('names a missing tool before anything is written', async () => {
    const env = setup();
    const bin = join(env.layout.deployDir, 'bin');
    await env.remote.exec(
      `mkdir ${bin} && for t in /usr/bin/* /bin/*; do n=$(basename "$t"); [ "$n" = flock ] || [ -e ${bin}/"$n" ] || ln -s "$t" ${bin}/"$n"; done`,
    );
    const remote = new LocalHost({ ...process.env, PATH: bin });
    await expect(beginSnapshot(remote, env.layout, env.log, { now })).rejects.toThrow(
      /^flock not found on host local@localhost:0: gateway-ops needs them there/,
    );
    expect(readdirSync(env.layout.deployDir)).toEqual(['bin']);
  });
});
