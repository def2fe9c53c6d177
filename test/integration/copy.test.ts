/**
 * The off-host copy against two real sshd: the production host and the copy host (own host key,
 * own client key). Snapshots are planted on the production host's disk as a committed backup
 * leaves them; the copy runs as the backup runs it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CopySettings, copySnapshot, parseCopyRecord } from '../../src/shared/copy/index.js';
import { errorMessage } from '../../src/shared/errors.js';
import {
  connectRemoteHost,
  HostKeyMismatchError,
  type SshRemoteHost,
} from '../../src/shared/remote/index.js';
import { applyDiskRetention } from '../../src/shared/snapshot/disk-retention.js';
import {
  bench,
  connectCopyHost,
  connectProduction,
  copyHost,
  filesContaining,
  keyLines,
  ownedDir,
  plantSnapshot,
  recording,
  treeOf,
  unique,
} from './copy-helpers.js';
import { testLog } from './postgres-helpers.js';

const execFileP = promisify(execFile);
const policy = { keepDaily: 7, keepWeekly: 4, keepMonthly: 6 };

function settings(root: string, extra: Partial<CopySettings> = {}): CopySettings {
  return { root, via: 'runner', policy, progressIntervalMs: 20, ...extra };
}

function places(name: string) {
  const id = unique(name);
  return {
    backups: ownedDir(join(bench().workDir, id, 'data/backups')),
    copies: join(copyHost().workDir, id),
  };
}

function record(backups: string, label: string) {
  return parseCopyRecord(readFileSync(join(backups, `${label}.copy.json`), 'utf8'));
}

describe('copySnapshot: production host -> runner -> copy host', () => {
  let source: SshRemoteHost;
  let target: SshRemoteHost;
  beforeAll(async () => {
    source = await connectProduction();
    target = await connectCopyHost();
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('copies every file, verifies it on the copy host, seals it, records the verdict, prints progress', async () => {
    const { backups, copies } = places('full');
    const snap = plantSnapshot(backups, '2026-11-20', {
      'postgres/pg_dumpall.sql.zst': randomBytes(6 * 1024 * 1024),
      'opensearch/snapshot.json': Buffer.from('{"state":"SUCCESS"}\n'),
      'secrets/secrets.tar.age': randomBytes(3000),
    });
    const before = treeOf(snap.path);
    const log = testLog();
    const result = await copySnapshot(source, target, snap, settings(copies), log);
    expect(result.record.verified).toBe(true);
    expect(result.record.files).toBe(4);
    expect(result.record.hostKeyFingerprint).toBe(copyHost().hostFingerprint);
    // Byte for byte the same files, manifest included, under the dated name; no work dir left.
    expect(treeOf(join(copies, '2026-11-20'))).toEqual(before);
    expect(readdirSync(copies).filter((n) => n.endsWith('.partial'))).toEqual([]);
    // Readable by the copy user only.
    expect(statSync(join(copies, '2026-11-20', 'secrets/secrets.tar.age')).mode & 0o077).toBe(0);
    // The local snapshot is untouched; the verdict sits beside it.
    expect(treeOf(snap.path)).toEqual(before);
    expect(record(backups, '2026-11-20')).toMatchObject({ verified: true, files: 4, via: 'runner' });
    const progress = log.lines.filter((l) => /^info: copy: .* of .*, .*\/s, \d\d:\d\d:\d\d elapsed$/.test(l));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(/of 6\.0 MiB \(100%\)/);
    expect(result.details.join('\n')).toMatch(/verified there \(4 files, sha256 computed on the copy host/);

    // A second run finds it there and verified: nothing is sent.
    const again = await copySnapshot(source, target, snap, settings(copies), testLog());
    expect(again.record.bytesSent).toBe(0);
    expect(again.details[0]).toMatch(/already there and verified/);
  });

  it('refuses a copy host with the wrong host key before anything is sent', async () => {
    const info = copyHost();
    const error = await connectRemoteHost({
      host: info.host,
      port: info.port,
      username: info.username,
      privateKey: info.clientKey.privateKey,
      hostFingerprint: info.otherHostFingerprint,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect(errorMessage(error)).toContain(`expected ${info.otherHostFingerprint}`);
    const known = await connectRemoteHost({
      host: info.host,
      port: info.port,
      username: info.username,
      privateKey: info.clientKey.privateKey,
      knownHosts: `[127.0.0.1]:${info.port} ${info.otherHostPublicKey}`,
    }).catch((e: unknown) => e);
    expect(known).toBeInstanceOf(HostKeyMismatchError);
    // The production host's key pin does not open the copy host either: each host has its own.
    const crossed = await connectRemoteHost({
      host: info.host,
      port: info.port,
      username: info.username,
      privateKey: info.clientKey.privateKey,
      hostFingerprint: bench().ssh.hostFingerprint,
    }).catch((e: unknown) => e);
    expect(crossed).toBeInstanceOf(HostKeyMismatchError);
  });

  it('copy-to-path not writable: refused with the path named, nothing sent, the local snapshot intact', async () => {
    const { backups, copies } = places('readonly');
    ownedDir(copies);
    chownSync(copies, 0, 0); // root's, mode 0755: the copy user cannot write
    chmodSync(copies, 0o755);
    const snap = plantSnapshot(backups, '2026-11-21');
    const before = treeOf(snap.path);
    const error = await copySnapshot(source, target, snap, settings(join(copies, 'sub')), testLog()).catch(
      (e: unknown) => e,
    );
    expect(errorMessage(error)).toMatch(
      /copy-to-path .*\/sub is not writable on the copy host .*Permission denied.*Nothing was sent/,
    );
    expect(readdirSync(copies)).toEqual([]);
    expect(treeOf(snap.path)).toEqual(before);
    expect(record(backups, '2026-11-21')).toMatchObject({ verified: false });
    expect(record(backups, '2026-11-21')?.problems[0]).toMatch(/not writable/);
  });

  it('copy host disk full (a 1 MiB tmpfs): refused before sending, nothing sealed', async () => {
    const { backups, copies } = places('full-disk');
    ownedDir(copies);
    const info = bench();
    await execFileP('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=1m,uid=${info.user.uid},gid=${info.user.gid},mode=0700`,
      'tmpfs',
      copies,
    ]);
    try {
      const snap = plantSnapshot(backups, '2026-11-22', {
        'postgres/pg_dumpall.sql.zst': randomBytes(3 * 1024 * 1024),
      });
      const error = await copySnapshot(source, target, snap, settings(copies), testLog()).catch(
        (e: unknown) => e,
      );
      expect(errorMessage(error)).toMatch(
        /has \d+ bytes free in .*; this copy needs \d+ more\. Nothing was sent\./,
      );
      expect(readdirSync(copies).filter((n) => /^\d{4}-/.test(n))).toEqual([]);
      expect(record(backups, '2026-11-22')?.verified).toBe(false);
    } finally {
      await execFileP('umount', [copies]);
    }
  });

  it('disk fills during the transfer: the write error is reported, nothing is sealed', async () => {
    const { backups, copies } = places('fills');
    ownedDir(copies);
    const info = bench();
    await execFileP('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=4m,uid=${info.user.uid},gid=${info.user.gid},mode=0700`,
      'tmpfs',
      copies,
    ]);
    try {
      const snap = plantSnapshot(backups, '2026-11-22', {
        'postgres/pg_dumpall.sql.zst': randomBytes(3 * 1024 * 1024),
      });
      // Something else fills the disk after the free-space check: a real concurrent writer.
      const filler = new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (existsSync(join(copies, '.2026-11-22.partial'))) {
            clearInterval(timer);
            execFile('dd', ['if=/dev/zero', `of=${join(copies, 'filler')}`, 'bs=1M', 'count=3'], () =>
              resolve(),
            );
          }
        }, 1);
      });
      const error = await copySnapshot(source, target, snap, settings(copies), testLog()).catch(
        (e: unknown) => e,
      );
      await filler;
      expect(errorMessage(error)).toMatch(/No space left on device|does not verify/);
      expect(readdirSync(copies).filter((n) => /^\d{4}-/.test(n))).toEqual([]);
    } finally {
      await execFileP('umount', [copies]);
    }
  });

  it('connection cut mid-transfer, then re-run: resumes (the bytes already there are not resent) and ends verified', async () => {
    const { backups, copies } = places('cut');
    const big = randomBytes(24 * 1024 * 1024);
    const snap = plantSnapshot(backups, '2026-11-23', {
      'opensearch/snapshot.json': Buffer.from('{"a":1}\n'),
      'postgres/pg_dumpall.sql.zst': big,
    });
    // A TCP relay to the copy host's sshd that drops the connection after 10 MiB went through.
    const sockets = new Set<Socket>();
    let forwarded = 0;
    const relay: Server = createServer((client) => {
      const upstream = new NetSocket();
      upstream.connect(copyHost().port, '127.0.0.1');
      sockets.add(client);
      sockets.add(upstream);
      client.on('data', (chunk: Buffer) => {
        forwarded += chunk.length;
        if (forwarded > 10 * 1024 * 1024) for (const s of sockets) s.destroy();
        else upstream.write(chunk);
      });
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const cut = await connectCopyHost((relay.address() as { port: number }).port);
    const first = await copySnapshot(source, cut, snap, settings(copies), testLog()).catch((e: unknown) => e);
    relay.close();
    await cut.close();
    expect(first).toBeInstanceOf(Error);
    expect(existsSync(join(copies, '2026-11-23'))).toBe(false);
    const partialSize = statSync(join(copies, '.2026-11-23.partial', 'postgres/pg_dumpall.sql.zst')).size;
    expect(partialSize).toBeGreaterThan(0);
    expect(partialSize).toBeLessThan(big.length);

    const log = testLog();
    const second = await copySnapshot(source, target, snap, settings(copies), log);
    expect(second.record.verified).toBe(true);
    expect(log.lines.join('\n')).toMatch(/Resuming the copy: 1 file and \d+ bytes already on/);
    // Only the rest of the big file (and the manifest, sent last) travelled the second time.
    const manifestSize = statSync(join(snap.path, 'manifest.json')).size;
    expect(second.record.bytesSent).toBe(big.length - partialSize + manifestSize);
    expect(treeOf(join(copies, '2026-11-23'))).toEqual(treeOf(snap.path));
  });

  it('a resumed file whose first bytes differ from the snapshot is sent again whole', async () => {
    const { backups, copies } = places('bad-prefix');
    const data = randomBytes(2 * 1024 * 1024);
    const snap = plantSnapshot(backups, '2026-11-23', { 'postgres/pg_dumpall.sql.zst': data });
    const partial = ownedDir(join(copies, '.2026-11-23.partial', 'postgres'));
    writeFileSync(join(partial, 'pg_dumpall.sql.zst'), randomBytes(1000));
    chownSync(join(partial, 'pg_dumpall.sql.zst'), bench().user.uid, bench().user.gid);
    const log = testLog();
    const result = await copySnapshot(source, target, snap, settings(copies), log);
    expect(log.lines.join('\n')).toMatch(
      /the resumed file does not match the snapshot; sending it again whole/,
    );
    expect(result.record.verified).toBe(true);
    expect(readFileSync(join(copies, '2026-11-23', 'postgres/pg_dumpall.sql.zst')).equals(data)).toBe(true);
  });

  it('a corrupted file on the copy host is found by the next run and repaired (only that file resent)', async () => {
    const { backups, copies } = places('corrupt');
    const snap = plantSnapshot(backups, '2026-11-24', {
      'postgres/pg_dumpall.sql.zst': randomBytes(512 * 1024),
      'secrets/secrets.tar.age': randomBytes(4096),
    });
    await copySnapshot(source, target, snap, settings(copies), testLog());
    const file = join(copies, '2026-11-24', 'secrets/secrets.tar.age');
    const bytes = readFileSync(file);
    bytes[100] = (bytes[100]! + 1) % 256; // same size, other content
    writeFileSync(file, bytes);
    const log = testLog();
    const result = await copySnapshot(source, target, snap, settings(copies), log);
    expect(log.lines.join('\n')).toMatch(
      /does not match the snapshot: secrets\/secrets\.tar\.age: sha256 [0-9a-f]{64} on the copy host, expected [0-9a-f]{64}/,
    );
    expect(result.details.join('\n')).toMatch(/failed verification and was repaired/);
    expect(result.record.bytesSent).toBe(4096);
    expect(treeOf(join(copies, '2026-11-24'))).toEqual(treeOf(snap.path));
  });

  it('prunes the copies by the same policy as the production host (60 planted days)', async () => {
    const { backups, copies } = places('retention');
    ownedDir(copies);
    const days: string[] = [];
    for (let i = 0; i < 60; i++) days.push(new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10));
    for (const day of days) {
      plantSnapshot(backups, day, { 'x.bin': Buffer.from(day) });
      plantSnapshot(copies, day, { 'x.bin': Buffer.from(day) });
    }
    // A copy of an older day interrupted long ago: removed with the retention.
    ownedDir(join(copies, `.${days[3]}.partial`));
    const today = '2026-10-31';
    const snap = plantSnapshot(backups, today, { 'x.bin': Buffer.from(today) });
    const result = await copySnapshot(source, target, snap, settings(copies), testLog());
    const layout = { deployDir: join(backups, '../..'), backupsDir: 'data/backups', timezone: 'UTC' };
    await applyDiskRetention(source, layout, policy, testLog(), today);
    const dated = (dir: string) =>
      readdirSync(dir)
        .filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))
        .sort();
    expect(dated(copies)).toEqual(dated(backups));
    // 7 daily + the Sundays of 3 earlier weeks + the ends of 2 earlier months, the newest included.
    expect(dated(copies)).toEqual([
      '2026-09-30',
      '2026-10-11',
      '2026-10-18',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
    ]);
    expect(readdirSync(copies).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(result.details.at(-1)).toMatch(/Copy retention: kept 10, deleted 51/);
  });

  it('the default route never gives the production host the copy host key', async () => {
    const { backups, copies } = places('no-key-on-prod');
    const snap = plantSnapshot(backups, '2026-11-25');
    const recorded = recording(source);
    const docker = readFileSync(bench().docker.logPath, 'utf8').length;
    await copySnapshot(recorded.host, target, snap, settings(copies), testLog());
    const lines = keyLines(copyHost().clientKey.privateKey);
    expect(lines.length).toBeGreaterThan(2);
    for (const seen of recorded.seen) for (const line of lines) expect(seen).not.toContain(line);
    expect(recorded.seen.length).toBeGreaterThan(0);
    const dockerLog = existsSync(bench().docker.logPath)
      ? readFileSync(bench().docker.logPath, 'utf8').slice(docker)
      : '';
    for (const line of lines) expect(dockerLog).not.toContain(line);
    // Nothing the production host's user can write holds it: its home, the deployment.
    expect(filesContaining(bench().user.home, lines)).toEqual([]);
    expect(filesContaining(join(backups, '../..'), lines)).toEqual([]);
  });
});

describe('copy-via: host (rsync on the production host)', () => {
  let source: SshRemoteHost;
  let target: SshRemoteHost;
  beforeAll(async () => {
    source = await connectProduction();
    target = await connectCopyHost();
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  const viaHost = (root: string): CopySettings =>
    settings(root, {
      via: 'host',
      viaHost: {
        host: copyHost().host,
        port: copyHost().port,
        user: copyHost().username,
        privateKey: copyHost().clientKey.privateKey,
        knownHosts: copyHost().knownHostsLine,
      },
    });
  const leftovers = () => readdirSync(bench().user.home).filter((n) => n.startsWith('.gateway-ops-copy-'));
  const lines = () => keyLines(copyHost().clientKey.privateKey);

  it('copies and verifies; the key is gone afterwards', async () => {
    const { backups, copies } = places('via-host');
    const snap = plantSnapshot(backups, '2026-11-26', {
      'postgres/pg_dumpall.sql.zst': randomBytes(1024 * 1024),
      'secrets/secrets.tar.age': randomBytes(100),
    });
    const recorded = recording(source);
    const result = await copySnapshot(recorded.host, target, snap, viaHost(copies), testLog());
    expect(result.record).toMatchObject({ verified: true, via: 'host', files: 3 });
    expect(treeOf(join(copies, '2026-11-26'))).toEqual(treeOf(snap.path));
    expect(leftovers()).toEqual([]);
    expect(filesContaining(bench().user.home, lines())).toEqual([]);
    // The key reached the host on stdin only, never in a script (argv, ps).
    const scripts = recorded.seen.filter((s) => s.includes('rsync'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) for (const line of lines()) expect(s).not.toContain(line);
  });

  it('a failed rsync fails the copy and still leaves no key behind', async () => {
    const { backups, copies } = places('via-host-fail');
    const snap = plantSnapshot(backups, '2026-11-27', { 'postgres/pg_dumpall.sql.zst': randomBytes(1000) });
    chmodSync(join(snap.path, 'postgres/pg_dumpall.sql.zst'), 0o000); // unreadable for the SSH user
    try {
      const error = await copySnapshot(source, target, snap, viaHost(copies), testLog()).catch(
        (e: unknown) => e,
      );
      expect(errorMessage(error)).toMatch(/copy-via host: rsync on the production host failed/);
      expect(existsSync(join(copies, '2026-11-27'))).toBe(false);
      expect(leftovers()).toEqual([]);
      expect(filesContaining(bench().user.home, lines())).toEqual([]);
    } finally {
      chmodSync(join(snap.path, 'postgres/pg_dumpall.sql.zst'), 0o644);
    }
  });

  it('a copy host key that does not match the pin: rsync refuses, no key left', async () => {
    const { backups, copies } = places('via-host-badpin');
    const snap = plantSnapshot(backups, '2026-11-28');
    const wrong = viaHost(copies);
    const error = await copySnapshot(
      source,
      target,
      snap,
      {
        ...wrong,
        viaHost: {
          ...wrong.viaHost!,
          knownHosts: `[127.0.0.1]:${copyHost().port} ${copyHost().otherHostPublicKey}`,
        },
      },
      testLog(),
    ).catch((e: unknown) => e);
    expect(errorMessage(error)).toMatch(
      /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/,
    );
    expect(leftovers()).toEqual([]);
  });
});
