import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DUMP_COMPLETE_MARK,
  dumpFailures,
  dumpScript,
  parseDumpScriptOutput,
} from '../../../src/shared/postgres/dump-script.js';
import type { Compression } from '../../../src/shared/snapshot/compression.js';
import { LocalHost } from '../snapshot/local-host.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// The host-side dump pipeline, run by the local bash with a stand-in pg_dumpall.

function fakeTools(body: string, options: { withoutZstd?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gwops-dump-'));
  made.push(dir);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'pg_dumpall'), `#!/bin/bash\n${body}\n`);
  chmodSync(join(bin, 'pg_dumpall'), 0o755);
  let path = `${bin}:${process.env['PATH']}`;
  if (options.withoutZstd) {
    // A PATH with the coreutils but no zstd: link what the script needs into a private dir.
    const tools = join(dir, 'tools');
    mkdirSync(tools);
    const needed = [
      'bash',
      'tee',
      'tail',
      'mkfifo',
      'stat',
      'sha256sum',
      'base64',
      'seq',
      'dirname',
      'mkdir',
      'rm',
      'cat',
      'kill',
      'sleep',
      'gzip',
      'grep',
      'awk',
      'sed',
      'sync',
      'head',
    ];
    writeFileSync(
      join(dir, 'link.sh'),
      needed.map((tool) => `ln -s "$(command -v ${tool})" ${tools}/${tool}`).join('\n'),
    );
    new LocalHost().exec(`bash ${join(dir, 'link.sh')}`);
    path = `${bin}:${tools}`;
  }
  const partial = join(dir, '.2026-11-25.partial-t');
  mkdirSync(partial, { mode: 0o700 });
  return { dir, partial, remote: new LocalHost({ ...process.env, PATH: path }) };
}

const COMPLETE = `printf -- '--\\n-- PostgreSQL database cluster dump\\n--\\n'; printf 'SELECT %s;\\n' $(seq 1 20000); printf -- '--\\n${DUMP_COMPLETE_MARK}\\n--\\n\\n'`;

/**
 * A dump shaped like pg_dumpall's whose data rows look like the lines the scan looks for (the end
 * mark, `\connect`, COPY): only the real structure may count.
 */
const TRICKY = [
  '--',
  '-- PostgreSQL database cluster dump',
  '--',
  "SET client_encoding = 'UTF8';",
  '\\connect template1',
  '\\connect app',
  'COPY public.notes (id, body) FROM stdin;',
  'COPY public.other (id) FROM stdin;',
  '\\connect elsewhere',
  DUMP_COMPLETE_MARK,
  `${DUMP_COMPLETE_MARK} and more`,
  '\\\\.',
  '\\.',
  "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'COPY t (a) FROM stdin'::text $$ LANGUAGE sql;",
  'COPY "Odd ""Schema"""."t.1"  FROM stdin;',
  '\\.',
  `\\connect -reuse-previous=on "dbname='gw_ünï'"`,
  'COPY public."größe" (id) FROM stdin;',
  '1',
  '2',
  '\\.',
  '--',
  DUMP_COMPLETE_MARK,
  '--',
  '',
  '',
].join('\n');

async function runDump(env: ReturnType<typeof fakeTools>, compression: Compression, stdin?: PassThrough) {
  const ext = compression === 'zstd' ? '.zst' : compression === 'gzip' ? '.gz' : '';
  const file = `postgres/pg_dumpall.sql${ext}`;
  const script = dumpScript({
    partialDir: env.partial,
    file,
    dump: ['pg_dumpall', '-U', 'postgres'],
    compression,
    level: compression === 'none' ? null : 3,
  });
  const keep = stdin ?? new PassThrough();
  const out = await env.remote.exec(script, { stdin: keep }).finally(() => keep.end());
  return { file: join(env.partial, file), result: parseDumpScriptOutput(out.stdout), stderr: out.stderrTail };
}

describe('dump pipeline (local bash)', () => {
  for (const compression of ['zstd', 'gzip', 'none'] as const) {
    it(`accepts a complete dump through ${compression}, with the file's real sha256 and size`, async () => {
      const env = fakeTools(COMPLETE);
      const { file, result } = await runDump(env, compression);
      expect(dumpFailures(result, compression)).toEqual([]);
      expect(result.pipelineCpuSeconds).toBeGreaterThanOrEqual(0);
      expect(result.pipelineSeconds).toBeGreaterThan(0);
      const bytes = readFileSync(file);
      expect(result.size).toBe(bytes.length);
      expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // Only the dump is left behind: the FIFO, scan and checksum files are gone.
      await expect(new LocalHost().exec(`ls -A ${join(env.partial, 'postgres')}`)).resolves.toMatchObject({
        stdout: `pg_dumpall.sql${compression === 'zstd' ? '.zst' : compression === 'gzip' ? '.gz' : ''}\n`,
      });
    });
  }

  it('rejects a dump whose pg_dumpall fails half-way, naming it', async () => {
    const env = fakeTools(
      `printf 'SELECT 1;\\n'; echo 'pg_dumpall: error: pg_dump failed on database "app", exiting' >&2; exit 1`,
    );
    const { result, stderr } = await runDump(env, 'zstd');
    expect(dumpFailures(result, 'zstd')[0]).toBe('pg_dumpall exited 1');
    expect(stderr).toMatch(/pg_dump failed on database "app"/);
  });

  it('rejects a dump cut short that exited 0', async () => {
    const env = fakeTools(`printf '\\\\connect app\\nCOPY public.t (id) FROM stdin;\\n1\\n'`);
    const { result } = await runDump(env, 'gzip');
    expect(dumpFailures(result, 'gzip')).toEqual([
      'the dump was cut short inside the data of public.t (no end of data)',
    ]);
    const noMark = fakeTools(`printf 'SELECT 1;\\n'`);
    const second = await runDump(noMark, 'zstd');
    expect(dumpFailures(second.result, 'zstd')).toEqual([
      `the dump does not end with '${DUMP_COMPLETE_MARK}': it was cut short`,
    ]);
  });

  it('rejects a dump whose completion mark is followed by more than its trailer', async () => {
    const env = fakeTools(
      `printf -- '${DUMP_COMPLETE_MARK}\\n--\\n\\nSELECT 1; -- written after the end\\n'`,
    );
    const { result } = await runDump(env, 'zstd');
    expect(dumpFailures(result, 'zstd')).toEqual([
      `'${DUMP_COMPLETE_MARK}' is not at the end of the dump: 39 bytes follow it`,
    ]);
  });

  for (const compression of ['zstd', 'gzip', 'none'] as const) {
    it(`counts each table's rows from the dump itself, whatever the rows say (${compression})`, async () => {
      const env = fakeTools('exec cat "$(dirname "$0")/../tricky.sql"');
      writeFileSync(join(env.dir, 'tricky.sql'), TRICKY);
      const { result } = await runDump(env, compression);
      expect(dumpFailures(result, compression)).toEqual([]);
      expect(result.scan!.databases).toEqual(['template1', 'app', 'gw_ünï']);
      expect(result.scan!.rowCounts).toEqual({
        template1: {},
        app: { 'public.notes': 5, 'Odd "Schema".t.1': 0 },
        gw_ünï: { 'public.größe': 2 },
      });
      expect(result.scan!.unreadable).toEqual([]);
    });
  }

  it('rejects when the compressor is missing on the host', async () => {
    const env = fakeTools(COMPLETE, { withoutZstd: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { result } = await runDump(env, 'zstd');
    expect(dumpFailures(result, 'zstd')[0]).toBe('zstd was not found (exit 127)');
  });

  it('rejects a stored file damaged before the check (the decoder fails)', async () => {
    // A compressor that writes a truncated frame: zstd's output cut in the middle.
    const env = fakeTools(COMPLETE);
    const bin = join(env.dir, 'bin');
    writeFileSync(
      join(bin, 'zstd'),
      `#!/bin/bash\nif [ "$1" = -q ] && [ "$2" = -T0 ]; then /usr/bin/zstd "$@" | head -c 300; else exec /usr/bin/zstd "$@"; fi\n`,
    );
    chmodSync(join(bin, 'zstd'), 0o755);
    const { result } = await runDump(env, 'zstd');
    expect(dumpFailures(result, 'zstd')[0]).toMatch(/^zstd -d of the written stream failed \(exit 1\)/);
  });

  it('stops the whole pipeline when the session ends (stdin closes)', async () => {
    const env = fakeTools(`while true; do printf 'INSERT INTO t VALUES (1);\\n'; sleep 0.01; done`);
    const stdin = new PassThrough();
    const running = runDump(env, 'zstd', stdin);
    await new Promise((resolve) => setTimeout(resolve, 700));
    stdin.end();
    await expect(running).rejects.toThrow(/exit/);
    const file = join(env.partial, 'postgres', 'pg_dumpall.sql.zst');
    const size = statSync(file).size;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(statSync(file).size).toBe(size);
    const left = await new LocalHost().exec(`pgrep -f '${env.dir}/bin/[p]g_dumpall' || true`);
    expect(left.stdout.trim()).toBe('');
  });
});
