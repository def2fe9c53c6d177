import { describe, expect, it } from 'vitest';
import { commandIn, RemoteCommandError } from '../../../src/shared/remote/index.js';

describe('commandIn', () => {
  const docker = { kind: 'docker', container: 'sds-gateway-prod-postgres' } as const;

  it('prefixes docker exec -i, never -t', () => {
    expect(commandIn(docker, ['pg_dumpall', '-U', 'x'])).toEqual([
      'docker',
      'exec',
      '-i',
      'sds-gateway-prod-postgres',
      'pg_dumpall',
      '-U',
      'x',
    ]);
    const argv = commandIn(docker, ['psql'], {
      env: { A: '1 2' },
      passEnv: ['PGPASSWORD'],
      user: 'postgres',
      workdir: '/tmp',
    });
    expect(argv).toEqual([
      'docker',
      'exec',
      '-i',
      '-u',
      'postgres',
      '-w',
      '/tmp',
      '-e',
      'A=1 2',
      '-e',
      'PGPASSWORD',
      'sds-gateway-prod-postgres',
      'psql',
    ]);
    expect(argv.some((a) => /^-[a-z]*t/.test(a) && a !== '-e')).toBe(false);
  });

  it('leaves host commands alone, or prefixes env', () => {
    expect(commandIn({ kind: 'host' }, ['psql', '-c', 'select 1'])).toEqual(['psql', '-c', 'select 1']);
    expect(commandIn({ kind: 'host' }, ['psql'], { env: { PGPORT: '5433' }, workdir: '/srv' })).toEqual([
      'env',
      '-C',
      '/srv',
      'PGPORT=5433',
      '--',
      'psql',
    ]);
    expect(() => commandIn({ kind: 'host' }, ['psql'], { user: 'postgres' })).toThrow(
      /only supported inside a container/,
    );
  });

  it('refuses names that docker would read as options or that are not names', () => {
    expect(() => commandIn({ kind: 'docker', container: '-it' }, ['true'])).toThrow(/invalid container name/);
    expect(() => commandIn({ kind: 'docker', container: 'a;b' }, ['true'])).toThrow(/invalid container name/);
    expect(() => commandIn(docker, ['true'], { env: { 'A=B': 'x' } })).toThrow(
      /invalid environment variable/,
    );
    expect(() => commandIn(docker, [])).toThrow(/empty/);
  });
});

describe('RemoteCommandError', () => {
  it('says what failed, how, and the stderr tail', () => {
    const e = new RemoteCommandError({
      command: 'pg_dumpall',
      host: 'u@h:22',
      failure: 'exit-status',
      exitCode: 3,
      stderrTail: 'line 1\nline 2\n',
    });
    expect(e.message).toBe(
      'remote command `pg_dumpall` on u@h:22 exited with status 3\nlast lines of stderr:\nline 1\nline 2',
    );
    const lost = new RemoteCommandError({ command: 'x', host: 'h', failure: 'no-exit-status' });
    expect(lost.message).toMatch(/without an exit status/);
    expect(lost.exitCode).toBeNull();
  });
});
