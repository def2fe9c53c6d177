import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRowCounts, ROW_COUNTS_SQL, type RowCounts } from '../../src/shared/postgres/index.js';
import { countRestoredRows, inspectPostgresTarget } from '../../src/shared/postgres/restore.js';
import type { SshRemoteHost } from '../../src/shared/remote/index.js';
import { connect, dockerTarget, newDeployDir, psql, runBackup, testLog } from './postgres-helpers.js';

/**
 * The manifest's row counts come from the dump (a line per row in each table's COPY block), read on
 * the host by grep and awk. Against real pg_dumpall output with every awkward name pg_dump has to
 * quote, and rows that look like the lines the scan looks for, they must equal the server's exact
 * `count(*)` on this quiet cluster, table for table.
 */
const DATABASES = ['Gw Mixed "Case"', "gw'quote\\back", 'gw.dot', 'GWUPPER'];
/** A COPY line far longer than the scan keeps of it (SCAN_HEADER_BYTES). */
const WIDE_COLUMNS = Array.from({ length: 120 }, (_, i) => `a_rather_long_column_name_${i}`);
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function serverCounts(databases: readonly string[]): Promise<RowCounts> {
  const counts: RowCounts = {};
  for (const database of databases) {
    const rows = await psql(
      `SELECT schema || '.' || "table" || '|' || rows FROM (${ROW_COUNTS_SQL}) counted`,
      database,
    );
    counts[database] = Object.fromEntries(
      rows
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const at = line.lastIndexOf('|');
          return [line.slice(0, at), Number(line.slice(at + 1))];
        }),
    );
  }
  return counts;
}

describe('row counts from the dump', () => {
  let remote: SshRemoteHost;
  beforeAll(async () => {
    for (const db of DATABASES) await psql(`DROP DATABASE IF EXISTS ${quoteIdent(db)}`);
    for (const db of DATABASES) {
      await psql(`CREATE DATABASE ${quoteIdent(db)}`);
      await psql(
        `CREATE SCHEMA "Odd ""Schema""";
         CREATE TABLE "Odd ""Schema"""."t.1 (x)" (id int, note text);
         INSERT INTO "Odd ""Schema"""."t.1 (x)" SELECT g, 'n' || g FROM generate_series(1, 1234) g;
         CREATE TABLE public.no_columns ();
         INSERT INTO public.no_columns SELECT FROM generate_series(1, 7);
         CREATE TABLE public.empty (id int);
         CREATE TABLE public.measures (day date, value int) PARTITION BY RANGE (day);
         CREATE TABLE public.measures_2025 PARTITION OF public.measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
         CREATE TABLE public.measures_2026 PARTITION OF public.measures FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
         INSERT INTO public.measures SELECT date '2025-06-01' + (g % 400), g FROM generate_series(1, 5000) g;
         CREATE UNLOGGED TABLE public.scratch (id int);
         INSERT INTO public.scratch SELECT generate_series(1, 42);
         CREATE TABLE public.lookalikes (line text);
         INSERT INTO public.lookalikes VALUES
           ('-- PostgreSQL database cluster dump complete'),
           (E'\\\\connect other'),
           ('COPY public.fake (id) FROM stdin;'),
           (E'\\\\.'),
           (E'two\\nlines'),
           ('größe ☃');
         CREATE MATERIALIZED VIEW public.summary AS SELECT count(*) AS n FROM public.lookalikes;
         CREATE TABLE public.wide (${WIDE_COLUMNS.map((c) => `${c} int`).join(', ')});
         INSERT INTO public.wide SELECT ${WIDE_COLUMNS.map(() => 'g').join(', ')} FROM generate_series(1, 3) g;`,
        db,
      );
    }
    remote = await connect();
  });
  afterAll(async () => {
    await remote?.close();
    for (const db of DATABASES) await psql(`DROP DATABASE IF EXISTS ${quoteIdent(db)}`);
  });

  it('equal the server’s exact counts, table for table, through every kind of name', async () => {
    const { layout } = newDeployDir('row-counts');
    const log = testLog();
    const outcome = await runBackup(remote, layout, { runId: 'rowcounts1' }, log);
    expect(outcome.kind).toBe('committed');
    if (outcome.kind !== 'committed') return;
    const details = outcome.component.details as {
      rowCounts: RowCounts;
      rowCountsFrom: string;
      databases: string[];
    };
    expect(details.rowCountsFrom).toBe('dump');
    for (const db of DATABASES) expect(details.databases).toContain(db);
    expect(log.lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
    const fromServer = await serverCounts(details.databases);
    expect(compareRowCounts(fromServer, details.rowCounts)).toEqual([]);
    expect(compareRowCounts(details.rowCounts, fromServer)).toEqual([]);
    expect(details.rowCounts['gw.dot']).toEqual({
      'Odd "Schema".t.1 (x)': 1234,
      'public.empty': 0,
      'public.lookalikes': 6,
      'public.measures_2025': 2768,
      'public.measures_2026': 2232,
      'public.no_columns': 7,
      'public.scratch': 42,
      'public.wide': 3,
    });
  });

  it('reads every name quoted (--quote-all-identifiers) and partitions loaded through their root', async () => {
    const { layout } = newDeployDir('row-counts-quoted');
    const log = testLog();
    const outcome = await runBackup(
      remote,
      layout,
      { runId: 'rowcounts3', extraArgs: ['--quote-all-identifiers', '--load-via-partition-root'] },
      log,
    );
    expect(outcome.kind).toBe('committed');
    if (outcome.kind !== 'committed') return;
    const details = outcome.component.details as { rowCounts: RowCounts; databases: string[] };
    expect(log.lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
    for (const db of DATABASES) expect(details.databases).toContain(db);
    // The partitions' rows are loaded through the root: pg_dump names the root in each COPY.
    expect(details.rowCounts['Gw Mixed "Case"']).toEqual({
      'Odd "Schema".t.1 (x)': 1234,
      'public.empty': 0,
      'public.lookalikes': 6,
      'public.measures': 5000,
      'public.no_columns': 7,
      'public.scratch': 42,
      'public.wide': 3,
    });
  });

  it('with INSERT statements in the dump, counts on the server beside it', async () => {
    const { layout } = newDeployDir('row-counts-inserts');
    const outcome = await runBackup(remote, layout, { runId: 'rowcounts2', extraArgs: ['--inserts'] });
    expect(outcome.kind).toBe('committed');
    if (outcome.kind !== 'committed') return;
    const details = outcome.component.details as { rowCounts: RowCounts; rowCountsFrom: string };
    expect(details.rowCountsFrom).toBe('server');
    expect(details.rowCounts["gw'quote\\back"]!['public.lookalikes']).toBe(6);
    expect(details.rowCounts['GWUPPER']!['Odd "Schema".t.1 (x)']).toBe(1234);
  });

  it('after a restore: exact counts of the recorded databases; one not in the cluster is left out, not an error', async () => {
    const target = await inspectPostgresTarget(
      remote,
      { target: dockerTarget(), compression: 'zstd' },
      testLog(),
    );
    // Counted while the cluster's databases are read: the answer is as if they were read first.
    const found = await countRestoredRows(remote, target, ['gw.dot', 'gw_never_restored', 'GWUPPER']);
    expect(found.databases).toContain('gw.dot');
    expect(found.databases).not.toContain('gw_never_restored');
    expect(Object.keys(found.counts)).toEqual(['gw.dot', 'GWUPPER']);
    expect(found.counts).toEqual(await serverCounts(['gw.dot', 'GWUPPER']));
    expect(compareRowCounts({ gw_never_restored: { 'public.t': 1 } }, found.counts)).toEqual([
      'database gw_never_restored: missing',
    ]);
  });
});
