import { describe, expect, it } from 'vitest';
import { parsePreflight } from '../../../src/shared/postgres/container.js';
import { validatePgDumpallArgs } from '../../../src/shared/postgres/dump-args.js';
import {
  bashTimesSeconds,
  DUMP_COMPLETE_MARK,
  type DumpScriptResult,
  dumpFailures,
  endsWithCompleteMark,
  pgDumpallArgv,
} from '../../../src/shared/postgres/dump-script.js';
import { compareRowCounts } from '../../../src/shared/postgres/row-counts.js';

const END = Buffer.from(`SET x;\n\n--\n${DUMP_COMPLETE_MARK}\n--\n\n`);
const good: DumpScriptResult = {
  statuses: [0, 0, 0, 0],
  size: 123,
  sha256: 'a'.repeat(64),
  tail: END,
  check: { decoder: 0, tail: 0, message: '' },
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
    const cut = { ...good, tail: Buffer.from('COPY public.t (id) FROM stdin;\n1\n2\n') };
    expect(dumpFailures(cut, 'zstd')).toEqual([
      `the dump does not end with '${DUMP_COMPLETE_MARK}': it was cut short (it ends with "2")`,
    ]);
  });
  it('rejects a stored file that does not decompress', () => {
    expect(
      dumpFailures({ ...good, check: { decoder: 1, tail: 0, message: 'unexpected end of file' } }, 'gzip'),
    ).toEqual(['gzip -d of the written stream failed (exit 1): unexpected end of file']);
    expect(dumpFailures({ ...good, check: null }, 'zstd')).toEqual(['the written stream was not checked']);
  });
  it('rejects a pipeline that did not report', () => {
    expect(dumpFailures({ ...good, statuses: [] }, 'zstd')[0]).toMatch(/did not report its 4 exit statuses/);
  });
  it('finds the completion mark only at the end', () => {
    expect(endsWithCompleteMark(END)).toBe(true);
    expect(endsWithCompleteMark(Buffer.from(`${DUMP_COMPLETE_MARK}\nSELECT 1;\n`))).toBe(false);
    expect(endsWithCompleteMark(null)).toBe(false);
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
