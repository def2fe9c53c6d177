import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRowCounts, type RowCounts } from '../../src/shared/postgres/index.js';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { parseManifest, verifySnapshot } from '../../src/shared/snapshot/index.js';
import { startPostgres } from '../services/postgres.js';
import {
  bench,
  connect,
  execFileP,
  listRoot,
  lockIsFree,
  newDeployDir,
  pipeInto,
  runBackup,
  seedCluster,
  testLog,
} from './postgres-helpers.js';

/**
 * The "done when": a real multi-database cluster, dumped over SSH through the docker
 * double, restored into a fresh cluster with ON_ERROR_STOP, and dumped again: the same.
 *
 * Known differences, normalised before comparing:
 * - `CREATE ROLE postgres;` is removed from the stream at restore time: the fresh cluster's initdb
 *   already made the superuser, and the statement would stop psql. Only that exact line is dropped;
 *   the `ALTER ROLE postgres ...` after it still runs (so the superuser gets the original's
 *   password hash and attributes). No other error is tolerated.
 * - `\restrict <key>` / `\unrestrict <key>` (PostgreSQL 15.14+, CVE-2025-8714): each pg_dump run
 *   draws a random key, so two dumps of the same data differ there; the keys are masked.
 * Nothing else differs: roles, databases, ownership, grants, large objects and data are identical.
 */
const normalise = (dump: string) => dump.replace(/^\\(un)?restrict [A-Za-z0-9]+$/gm, '\\$1restrict <key>');

describe('PostgreSQL snapshot round trip', () => {
  let remote: SshRemoteHost;
  beforeAll(async () => {
    await seedCluster();
    remote = await connect();
  });
  afterAll(async () => {
    await remote?.close();
  });

  it('dumps over SSH, verifies, restores into a fresh cluster and dumps the same', async () => {
    // Only this test's calls: other files share the log (one of them calls `docker exec -it` on purpose).
    const info = bench();
    const logStart = statSync(info.docker.logPath, { throwIfNoEntry: false })?.size ?? 0;
    const { layout, root } = newDeployDir('roundtrip');
    const log = testLog();
    const outcome = await runBackup(remote, layout, { runId: 'roundtrip1' }, log);
    expect(outcome.kind).toBe('committed');
    if (outcome.kind !== 'committed') return;
    const { snapshot, component } = outcome;
    expect(listRoot(root)).toEqual(['.gateway-ops.lock', snapshot.date]);
    expect(await lockIsFree(root)).toBe(true);

    // The manifest on disk is the one returned, and verify re-reads every file.
    const manifestText = readFileSync(join(snapshot.path, 'manifest.json'), 'utf8');
    const parsed = parseManifest(manifestText);
    expect(parsed.ok).toBe(true);
    const report = await verifySnapshot(remote, snapshot.path);
    expect(report.verdict).toBe('good');
    expect(report.problems).toEqual([]);
    const details = component.details as {
      rowCounts: RowCounts;
      serverVersion: string;
      pgDumpallVersion: string;
    };
    expect(details.serverVersion).toMatch(/^15\./);
    expect(details.pgDumpallVersion).toMatch(/pg_dumpall \(PostgreSQL\) 15/);
    expect(details.rowCounts['gw_app']).toEqual({ 'files.blobs': 1, 'public.captures': 1_000_000 });
    expect(details.rowCounts['gw_ünï']).toEqual({ 'public.größe': 2 });

    // The password never reached a command line: the docker double logged every call's argv.
    const calls = readFileSync(info.docker.logPath, 'utf8').slice(logStart);
    expect(calls).not.toContain(info.postgres.password);
    expect(calls).toMatch(/"exec","-i","sds-gateway-prod-postgres"/);
    expect(calls).not.toMatch(/"exec","-it?t/);
    expect(JSON.stringify(log.lines)).not.toContain(info.postgres.password);
    expect(log.secrets).toContain(info.postgres.password);

    // Restore into a fresh cluster.
    const freshDir = mkdtempSync(join(tmpdir(), 'gwops-restore-'));
    const fresh = await startPostgres({ dir: freshDir, user: info.user });
    try {
      const file = join(snapshot.path, 'postgres', 'pg_dumpall.sql.zst');
      const restored = await pipeInto(
        join(info.postgres.binDir, 'psql'),
        [
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          fresh.socketDir,
          '-p',
          String(fresh.port),
          '-U',
          'postgres',
          '-d',
          'postgres',
        ],
        { ...process.env, PGPASSWORD: fresh.password },
        `zstd -dc '${file}' | sed '/^CREATE ROLE postgres;$/d'`,
      );
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);

      const dumpOf = async (host: string, port: number, password: string) =>
        (
          await execFileP(
            join(info.postgres.binDir, 'pg_dumpall'),
            ['-h', host, '-p', String(port), '-U', 'postgres'],
            {
              env: { ...process.env, PGPASSWORD: password },
              maxBuffer: 512 * 1024 * 1024,
            },
          )
        ).stdout;
      const original = await dumpOf('127.0.0.1', info.postgres.port, info.postgres.password);
      const again = await dumpOf(fresh.socketDir, fresh.port, fresh.password);
      const a = normalise(original).split('\n');
      const b = normalise(again).split('\n');
      expect(b.length).toBe(a.length);
      const diff = a.flatMap((line, i) => (line === b[i] ? [] : [`${i}: ${line} | ${b[i]}`]));
      expect(diff.slice(0, 20)).toEqual([]);

      // The manifest's row counts hold on the restored cluster too.
      const counts: RowCounts = {};
      for (const db of Object.keys(details.rowCounts)) {
        const rows = await fresh.psql(
          `SELECT n.nspname || '.' || c.relname, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
          db,
        );
        counts[db] = Object.fromEntries(
          rows
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => {
              const [table, n] = line.split('|');
              return [table!, Number(n)];
            }),
        );
      }
      expect(compareRowCounts(details.rowCounts, counts)).toEqual([]);
    } finally {
      await fresh.stop();
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('exec: host dumps with the password in a pgpass file that never reaches argv and is removed', async () => {
    const info = bench();
    const { layout, root } = newDeployDir('host-exec');
    const log = testLog();
    const outcome = await runBackup(
      remote,
      layout,
      {
        target: { kind: 'host' },
        host: '127.0.0.1',
        port: info.postgres.port,
        user: info.postgres.superuser,
        password: info.postgres.password,
        compression: 'gzip',
      },
      log,
    );
    expect(outcome.kind).toBe('committed');
    if (outcome.kind !== 'committed') return;
    expect(log.secrets).toContain(info.postgres.password);
    expect(JSON.stringify(log.lines)).not.toContain(info.postgres.password);
    expect(JSON.stringify(outcome.snapshot.manifest)).not.toContain(info.postgres.password);
    // Only the dump and the manifest: the pgpass file is gone, and verify would call a stray file bad.
    expect(listRoot(join(root, outcome.snapshot.date, 'postgres'))).toEqual(['pg_dumpall.sql.gz']);
    expect((await verifySnapshot(remote, outcome.snapshot.path)).verdict).toBe('good');
    expect((outcome.component.details as { exec: string }).exec).toBe('host');
  });

  it('does not redo a snapshot that exists and verifies; force replaces it', async () => {
    const { layout, root } = newDeployDir('again');
    const first = await runBackup(remote, layout, { runId: 'first' });
    expect(first.kind).toBe('committed');
    const second = await runBackup(remote, layout, { runId: 'second' });
    expect(second.kind).toBe('existing');
    if (second.kind === 'existing') expect(second.existing.report.verdict).toBe('good');
    const forced = await runBackup(remote, layout, { runId: 'forced', force: true, compression: 'gzip' });
    expect(forced.kind).toBe('committed');
    if (forced.kind !== 'committed') return;
    expect(forced.snapshot.replaced).not.toBeNull();
    expect(forced.snapshot.manifest.runId).toBe('forced');
    expect(listRoot(root)).toEqual(['.gateway-ops.lock', forced.snapshot.date]);
    expect(listRoot(join(root, forced.snapshot.date, 'postgres'))).toEqual(['pg_dumpall.sql.gz']);
    expect((await verifySnapshot(remote, forced.snapshot.path)).verdict).toBe('good');
  });
});
