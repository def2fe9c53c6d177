import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  connectedDatabase,
  judgeRestore,
  parseRestoreScriptOutput,
  prepareSql,
  psqlArgv,
  restoreFilterFunction,
  restoreScript,
} from '../../../src/shared/postgres/restore-script.js';
import { shellQuote } from '../../../src/shared/remote/script.js';

const DUMP = `--
-- PostgreSQL database cluster dump
--

SET default_transaction_read_only = off;

--
-- Roles
--

CREATE ROLE gw_owner;
ALTER ROLE gw_owner WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:prod';
CREATE ROLE gw_new;
ALTER ROLE gw_new WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:new';
CREATE ROLE postgres;
ALTER ROLE postgres WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS PASSWORD 'SCRAM-SHA-256$4096:su';
DROP ROLE IF EXISTS postgres;
GRANT gw_new TO gw_owner GRANTED BY postgres;

\\connect template1

CREATE ROLE inside_data_is_not_touched;
ALTER ROLE gw_owner WITH PASSWORD 'x';
`;

/** The restore script's own filter function, run by bash as the script runs it. */
function filter(text: string, vars: Record<string, string>) {
  const args = Object.entries(vars)
    .map(([k, v]) => `-v ${shellQuote(`${k}=${v}`)}`)
    .join(' ');
  return spawnSync(
    'bash',
    ['--norc', '--noprofile', '-c', `set -euo pipefail\n${restoreFilterFunction(args)}\nrestore_filter`],
    {
      input: text,
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
      env: { LC_ALL: 'C', PATH: process.env['PATH'] },
    },
  );
}

describe('the restore filter between the decompressor and psql', () => {
  const vars = { existing: 'gw_owner\npostgres', superuser: 'postgres', keep: '1', tag: '$gwops_role$' };

  it('guards CREATE ROLE, keeps existing roles their password, never drops the superuser, line for line', () => {
    const out = filter(DUMP, vars);
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.length).toBe(DUMP.split('\n').length);
    expect(lines[10]).toBe(
      'DO $gwops_role$ BEGIN CREATE ROLE gw_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $gwops_role$;',
    );
    expect(lines[11]).toBe(
      'ALTER ROLE gw_owner WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS;',
    );
    // A role the target did not have gets the snapshot's password.
    expect(lines[13]).toContain("PASSWORD 'SCRAM-SHA-256$4096:new'");
    expect(lines[15]).not.toContain('PASSWORD');
    expect(lines[16]).toMatch(/^-- gateway-ops: kept the restoring superuser/);
    // After the first \connect, nothing is rewritten.
    expect(lines.slice(19).join('\n')).toBe(DUMP.split('\n').slice(19).join('\n'));
  });

  it('with keep-role-passwords false, the snapshot passwords are restored', () => {
    const out = filter(DUMP, { ...vars, keep: '0' });
    expect(out.stdout.split('\n')[11]).toContain("PASSWORD 'SCRAM-SHA-256$4096:prod'");
  });

  it('refuses a dump line that holds the guard tag (it could end the guard early), and sends none of the bulk', () => {
    const out = filter('CREATE ROLE "a$gwops_role$b";\n\\connect template1\nCOPY t FROM stdin;\n', vars);
    expect(out.status).toBe(4);
    expect(out.stdout).toBe('');
  });

  it('passes the bulk after the roles part byte for byte (no line added, none lost, no trailing newline added)', () => {
    const bulk = `${'a\tb\\N\t\u00e9\r\n'.repeat(50_000)}CREATE ROLE not_a_role_line;\nlast line without newline`;
    const out = filter(`CREATE ROLE gw_x;\n\\connect template1\n${bulk}`, vars);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(
      `DO $gwops_role$ BEGIN CREATE ROLE gw_x; EXCEPTION WHEN duplicate_object THEN NULL; END $gwops_role$;\n\\connect template1\n${bulk}`,
    );
  });

  it('reports progress every 64 MiB of the bulk on stderr', () => {
    const big = `\\connect template1\n${`${'x'.repeat(1023)}\n`.repeat(140 * 1024)}`;
    const out = filter(big, vars);
    expect(out.status).toBe(0);
    expect(out.stdout.length).toBe(big.length);
    const reported = out.stderr.trim().split('\n');
    expect(reported.length).toBeGreaterThanOrEqual(1);
    for (const line of reported) expect(line).toMatch(/^progress \d+$/);
    // The last line is dd's final count: every byte after the \connect line.
    expect(reported.at(-1)).toBe(`progress ${140 * 1024 * 1024}`);
  });
});

describe('restore script and its judge', () => {
  it('psql runs in the container with the password from its environment, never in argv', () => {
    const argv = psqlArgv({ target: { kind: 'docker', container: 'pg' }, user: 'postgres' }, 'template1');
    expect(argv.slice(0, 4)).toEqual(['docker', 'exec', '-i', 'pg']);
    expect(argv).toContain('ON_ERROR_STOP=1');
    // The variable is set inside the container from its own environment: no value on the command line.
    expect(argv.join(' ')).not.toMatch(/PGPASSWORD=[^"]/);
  });

  it('the script streams from the snapshot file and never writes the plain dump anywhere', () => {
    const script = restoreScript({
      dumpFile: '/b/2026-11-25/postgres/pg_dumpall.sql.zst',
      compression: 'zstd',
      workTemplate: '/b/.restore-XXXXXXXXXX',
      psql: { target: { kind: 'docker', container: 'pg' }, user: 'postgres' },
      superuserIdent: 'postgres',
      keepRolePasswords: true,
      recreate: ['postgres'],
    });
    expect(script).toContain(
      'zstd -q -d -c -- /b/2026-11-25/postgres/pg_dumpall.sql.zst | restore_filter | docker exec -i pg',
    );
    expect(script).not.toContain('/tmp');
    // The plain SQL only ever flows through a pipe: nothing tees or stages it; mktemp makes only the work dir.
    expect(script).not.toMatch(/\btee\b|mkfifo/);
    expect(script.match(/mktemp/g)).toEqual(['mktemp']);
    expect(script).toContain('work=$(mktemp -d -- /b/.restore-XXXXXXXXXX)');
    expect(script).not.toContain('set -euo pipefail');
  });

  it('the password reaches psql only through PGPASSWORD, from stdin; the work dir goes on HUP, INT and TERM too', () => {
    const script = restoreScript({
      dumpFile: '/b/2026-11-25/postgres/pg_dumpall.sql.zst',
      compression: 'zstd',
      workTemplate: '/b/.restore-XXXXXXXXXX',
      psql: { target: { kind: 'host' }, user: 'postgres', host: '127.0.0.1', port: 5432 },
      superuserIdent: 'postgres',
      keepRolePasswords: true,
      recreate: ['postgres'],
      password: true,
    });
    expect(script).not.toMatch(/\.pgpass|PGPASSFILE/);
    expect(script).toContain('export PGPASSWORD');
    // Read before the session guard takes stdin over.
    expect(script.indexOf('read -r password_b64')).toBeLessThan(script.indexOf('exec 3<&0'));
    for (const signal of ['HUP', 'INT', 'TERM'])
      expect(script).toMatch(new RegExp(`trap 'exit \\d+' ${signal}`));
    expect(script).toContain('trap cleanup EXIT');
  });

  it('prepares by ending sessions and dropping every database but the templates', () => {
    const sql = prepareSql(['postgres']);
    expect(sql).toContain("NOT IN ('template0', 'template1')");
    expect(sql).toContain('WITH (FORCE)');
    expect(sql).toContain('CREATE DATABASE "postgres" TEMPLATE template0;');
  });

  it('names the database and statement of an SQL error', () => {
    const r = parseRestoreScriptOutput(
      [
        'roles-status 0',
        `roles ${Buffer.from('postgres\ngw_owner').toString('base64')}`,
        'prepare-status 0',
        'stream-status 0 0 3',
        `error-connect \\connect -reuse-previous=on "dbname='gw_ünï'"`,
        'error-statement INSERT INTO broken VALUES (1);',
        `errors ${Buffer.from('psql:<stdin>:812: ERROR:  relation "broken" does not exist').toString('base64')}`,
        'collation-status 0',
      ].join('\n'),
    );
    expect(r.rolesBefore).toEqual(['postgres', 'gw_owner']);
    const verdict = judgeRestore(r);
    expect(verdict.ok).toBe(false);
    expect(verdict.database).toBe('gw_ünï');
    expect(verdict.statement).toBe('INSERT INTO broken VALUES (1);');
    expect(verdict.problems[0]).toContain('relation "broken" does not exist');
  });

  it('a clean run passes; a failed role read means nothing was changed', () => {
    const clean =
      'roles-status 0\nroles \nprepare-status 0\nstream-status 0 0 0\nerrors \ncollation-status 0\n';
    expect(judgeRestore(parseRestoreScriptOutput(clean)).ok).toBe(true);
    const early = judgeRestore(parseRestoreScriptOutput('roles-status 2\n'));
    expect(early).toMatchObject({ ok: false, untouched: true });
  });

  it('reads both forms of \\connect', () => {
    expect(connectedDatabase('\\connect gw_app')).toBe('gw_app');
    expect(connectedDatabase(`\\connect -reuse-previous=on "dbname='it\\'s'"`)).toBe("it's");
    expect(connectedDatabase(null)).toBe(null);
  });
});
