import { describe, expect, it } from 'vitest';
import { parsePreflight } from '../../../src/shared/postgres/container.js';
import { validatePgDumpallArgs } from '../../../src/shared/postgres/dump-args.js';
import {
  connectTarget,
  copyTarget,
  incompleteDump,
  MAX_AFTER_MARK,
  parseDumpScan,
} from '../../../src/shared/postgres/dump-scan.js';
import {
  bashTimesSeconds,
  DUMP_COMPLETE_MARK,
  type DumpScriptResult,
  dumpFailures,
  pgDumpallArgv,
} from '../../../src/shared/postgres/dump-script.js';
import { compareRowCounts } from '../../../src/shared/postgres/row-counts.js';

const scanOf = (text: string) => parseDumpScan(Buffer.from(text));
const COMPLETE_SCAN = `D \\connect app\nT 2 COPY public.t (id) FROM stdin;\nE 1000 40\n`;
const good: DumpScriptResult = {
  statuses: [0, 0, 0, 0],
  size: 123,
  sha256: 'a'.repeat(64),
  check: { decoder: 0, grep: 0, awk: 0, message: '' },
  plainSize: 1000 + DUMP_COMPLETE_MARK.length + 1 + 4,
  plainSizeModulo32: false,
  scan: scanOf(COMPLETE_SCAN),
  pipelineSeconds: 1,
  pipelineCpuSeconds: 1.5,
  checkSeconds: 0.1,
};

describe('dump acceptance', () => {
  it('accepts only a clean pipeline, a complete dump and a good compressed file', () => {
    expect(dumpFailures(good, 'zstd')).toEqual([]);
    expect(dumpFailures({ ...good, statuses: [0, 0, 0] }, 'none')).toEqual([]);
  });
  it('names the stage that failed before the ones it broke', () => {
    expect(dumpFailures({ ...good, statuses: [141, 1, 0, 0] }, 'zstd')).toEqual([
      'zstd exited 1',
      'pg_dumpall was stopped by SIGPIPE (the next stage stopped reading)',
    ]);
  });
  it('rejects a dump cut short even when every stage exited 0 (the reference script accepted it)', () => {
    const cut = { ...good, scan: scanOf('D \\connect app\nU 7 COPY public.t (id) FROM stdin;\n') };
    expect(dumpFailures(cut, 'zstd')).toEqual([
      'the dump was cut short inside the data of public.t (no end of data)',
    ]);
    const noMark = { ...good, scan: scanOf('D \\connect app\nT 2 COPY public.t (id) FROM stdin;\n') };
    expect(dumpFailures(noMark, 'zstd')).toEqual([
      `the dump does not end with '${DUMP_COMPLETE_MARK}': it was cut short`,
    ]);
  });
  it('rejects a stored file that does not decompress, and a scan that failed', () => {
    expect(
      dumpFailures(
        { ...good, check: { decoder: 1, grep: 0, awk: 0, message: 'unexpected end of file' } },
        'gzip',
      ),
    ).toEqual(['gzip -d of the written stream failed (exit 1): unexpected end of file']);
    expect(dumpFailures({ ...good, check: null }, 'zstd')).toEqual(['the written stream was not checked']);
    expect(dumpFailures({ ...good, check: { decoder: 0, grep: 2, awk: 0, message: '' } }, 'zstd')).toEqual([
      'grep (dump scan) exited 2',
    ]);
    expect(dumpFailures({ ...good, check: { decoder: 0, grep: 0, awk: 127, message: '' } }, 'zstd')).toEqual([
      'awk (dump scan) was not found (exit 127)',
    ]);
    expect(dumpFailures({ ...good, scan: null }, 'zstd')).toEqual(['the dump scan wrote nothing']);
  });
  it('rejects a pipeline that did not report', () => {
    expect(dumpFailures({ ...good, statuses: [] }, 'zstd')[0]).toMatch(/did not report its 4 exit statuses/);
  });
  it('accepts the completion mark only at the end: nothing but its trailer after it', () => {
    const at = (plainSize: number | null, extra: Partial<DumpScriptResult> = {}) =>
      dumpFailures({ ...good, plainSize, ...extra }, 'zstd');
    const markEnd = 1000 + DUMP_COMPLETE_MARK.length + 1;
    expect(at(markEnd)).toEqual([]);
    expect(at(markEnd + MAX_AFTER_MARK)).toEqual([]);
    expect(at(markEnd + MAX_AFTER_MARK + 1)).toEqual([
      `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: ${MAX_AFTER_MARK + 1} bytes follow it`,
    ]);
    expect(at(markEnd - 1)[0]).toMatch(/shorter than where the mark was found/);
    expect(at(null)).toEqual(['the size of the decoded dump is unknown, so its end cannot be checked']);
    // gzip knows the size modulo 2^32 only (its trailer): a 5 GiB dump still checks.
    const big = 5 * 2 ** 30;
    const gzip = { ...good, scan: scanOf(`D \\connect app\nE ${big} 9\n`), plainSizeModulo32: true };
    expect(
      dumpFailures({ ...gzip, plainSize: (big + DUMP_COMPLETE_MARK.length + 5) % 2 ** 32 }, 'gzip'),
    ).toEqual([]);
    expect(
      dumpFailures({ ...gzip, plainSize: (big + DUMP_COMPLETE_MARK.length + 100) % 2 ** 32 }, 'gzip'),
    ).toHaveLength(1);
    // Data or a database after the mark: the mark was text inside the dump, not its end.
    const after = scanOf(`E 10 3\nD \\connect other\nT 1 COPY public.t (id) FROM stdin;\n`);
    expect(incompleteDump(after, 10_000)).toBe(
      `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: a connection to database other follows it`,
    );
  });
});

describe('dump scan', () => {
  it('counts rows per table and database, adding up blocks of the same table', () => {
    const scan = scanOf(
      [
        'D \\connect template1',
        "D SET client_encoding = 'UTF8';",
        'D \\connect app',
        'T 3 COPY public.t (id, name) FROM stdin;',
        'T 0 COPY public.empty  FROM stdin;',
        'T 2 COPY public.parent (id) FROM stdin;',
        'T 5 COPY public.parent (id) FROM stdin;',
        `D \\connect -reuse-previous=on "dbname='gw_ünï'"`,
        'T 2 COPY public."größe" (id) FROM stdin;',
        'E 99 12',
      ].join('\n'),
    );
    expect(scan.databases).toEqual(['template1', 'app', 'gw_ünï']);
    expect(scan.rowCounts).toEqual({
      template1: {},
      app: { 'public.t': 3, 'public.empty': 0, 'public.parent': 7 },
      gw_ünï: { 'public.größe': 2 },
    });
    expect(scan.markOffset).toBe(99);
    expect(scan.unreadable).toEqual([]);
  });
  it('reads quoted identifiers and connection strings as pg_dump writes them', () => {
    expect(copyTarget('COPY "My Schema"."a ""b"".c" (x) FROM stdin;')).toBe('My Schema.a "b".c');
    expect(copyTarget('COPY s."t (1)"  FROM stdin;')).toBe('s.t (1)');
    expect(copyTarget('COPY t FROM stdin;')).toBeNull();
    expect(copyTarget('COPY s.t TO stdout;')).toBeNull();
    // A wide table's line, cut by the scan after its name (awk checked the end).
    expect(copyTarget('COPY public.wide (a_column_0, a_colu', true)).toBe('public.wide');
    expect(copyTarget('COPY public.wide (a_column_0, a_colu')).toBeNull();
    expect(connectTarget('\\connect app')).toBe('app');
    expect(connectTarget('\\connect "GW.Upper ""x"""')).toBe('GW.Upper "x"');
    expect(connectTarget(`\\connect -reuse-previous=on "dbname='it\\'s ""x"" \\\\ y'"`)).toBe(
      `it's "x" \\ y`,
    );
    expect(connectTarget(`\\connect -reuse-previous=on "dbname=Upper.Case"`)).toBe('Upper.Case');
    expect(connectTarget(`\\connect -reuse-previous=on "dbname='open`)).toBeNull();
    expect(connectTarget('\\connect a b')).toBeNull();
  });
  it('decodes names in the encoding the dump sets', () => {
    const latin1 = Buffer.concat([
      Buffer.from("D SET client_encoding = 'LATIN1';\nD \\connect app\nT 4 COPY public.\"gr"),
      Buffer.from([0xf6, 0xdf]),
      Buffer.from('e" (id) FROM stdin;\n'),
    ]);
    expect(parseDumpScan(latin1).rowCounts).toEqual({ app: { 'public.größe': 4 } });
  });
  it('keeps lines it cannot read aside instead of guessing', () => {
    const scan = scanOf('T 3 COPY public.t (id) FROM stdin;\nD \\connect bad name\n');
    expect(scan.unreadable).toEqual(['COPY public.t (id) FROM stdin;', '\\connect bad name']);
  });
});

describe('bash times', () => {
  it('adds user and system CPU', () => {
    expect(bashTimesSeconds('1m2.500s 0m0.250s')).toBe(62.75);
    expect(bashTimesSeconds('garbage')).toBeNull();
  });
});

describe('pg_dumpall command', () => {
  it('runs in the container with -i, never -t, and takes the password from the container env', () => {
    const argv = pgDumpallArgv({
      target: { kind: 'docker', container: 'pg' },
      user: 'u',
      extraArgs: ['--no-role-passwords'],
    });
    expect(argv.slice(0, 4)).toEqual(['docker', 'exec', '-i', 'pg']);
    expect(argv).not.toContain('-t');
    expect(argv.slice(-4)).toEqual(['pg_dumpall', '-U', 'u', '--no-role-passwords']);
    expect(argv.join(' ')).toContain('PGPASSWORD="$POSTGRES_PASSWORD"');
  });
  it('on the host, connects with -h/-p and never prompts', () => {
    expect(
      pgDumpallArgv({ target: { kind: 'host' }, user: 'u', host: 'db', port: 5433, extraArgs: [] }),
    ).toEqual(['pg_dumpall', '-w', '-h', 'db', '-p', '5433', '-U', 'u']);
  });
});

describe('pg-dumpall-args', () => {
  it('passes allowed options through', () => {
    expect(validatePgDumpallArgs(['--no-role-passwords', '--exclude-database=tmp_*', '-c'])).toEqual([
      '--no-role-passwords',
      '--exclude-database=tmp_*',
      '-c',
    ]);
  });
  it('refuses options the pipeline owns or that would not dump the whole cluster, saying why', () => {
    expect(() =>
      validatePgDumpallArgs(['-f', '/tmp/x', '--globals-only', '--exclude-database=$(id)']),
    ).toThrow(
      /'-f': not allowed, because the dump is written by the pipeline[\s\S]*'\/tmp\/x': unknown[\s\S]*'--globals-only': not allowed, because a snapshot needs the whole cluster[\s\S]*--exclude-database=<value>/,
    );
  });
});

describe('row counts', () => {
  it('reports every difference', () => {
    expect(
      compareRowCounts({ a: { 'public.t': 3, 'public.u': 1 }, b: {} }, { a: { 'public.t': 2 } }),
    ).toEqual([
      'a.public.t: 2 rows, expected 3',
      'a.public.u: missing (expected 1 rows)',
      'database b: missing',
    ]);
  });
});

describe('preflight', () => {
  it('reads missing tools, versions, and the container env without keeping other variables', () => {
    const text = [
      'missing zstd',
      'version gzip gzip 1.12',
      '--- gateway-ops: container ---',
      'PATH=/usr/bin',
      'POSTGRES_USER=gw',
      'POSTGRES_PASSWORD=s3=cret',
      'OTHER_SECRET=x',
      'PGPORT=5433',
      '--- gateway-ops: pg_dumpall --version ---',
      'pg_dumpall (PostgreSQL) 15.10',
      '--- gateway-ops: container exit 0',
      '',
    ].join('\n');
    expect(parsePreflight(text)).toEqual({
      missing: ['zstd'],
      versions: { gzip: 'gzip 1.12' },
      container: {
        ok: true,
        env: { user: 'gw', password: 's3=cret', host: null, port: 5433 },
        pgDumpallVersion: 'pg_dumpall (PostgreSQL) 15.10',
      },
    });
  });
  it("reports docker's complaint, never the environment", () => {
    const stopped = parsePreflight(
      '--- gateway-ops: container ---\nError response from daemon: container abc is not running\n--- gateway-ops: container exit 1\n',
    );
    expect(stopped.container).toEqual({
      ok: false,
      message: 'Error response from daemon: container abc is not running (exit 1)',
    });
    const noDump = parsePreflight(
      '--- gateway-ops: container ---\nPOSTGRES_PASSWORD=hunter2\n--- gateway-ops: pg_dumpall --version ---\nsh: pg_dumpall: not found\n--- gateway-ops: container exit 127\n',
    );
    expect(noDump.container).toEqual({ ok: false, message: 'sh: pg_dumpall: not found (exit 127)' });
  });
});
