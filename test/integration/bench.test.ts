/**
 * The bench itself: over SSH (the remote layer) to the test sshd, `psql` through the docker double
 * against the real PostgreSQL; the call log; and the double failing like docker does.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectRemoteHost, RemoteCommandError, type SshRemoteHost } from '../../src/shared/remote/index.js';
import { openDockerDouble } from '../services/docker.js';

const bench = inject('bench');
const docker = openDockerDouble(bench.docker.stateDir);
const PG = bench.containers.postgres;
let remote: SshRemoteHost;

beforeAll(async () => {
  remote = await connectRemoteHost({
    host: bench.ssh.host,
    port: bench.ssh.port,
    username: bench.ssh.username,
    privateKey: bench.ssh.clientKey.privateKey,
    knownHosts: bench.ssh.knownHostsLine,
  });
});
afterAll(async () => {
  await remote?.close();
});

describe('bench', () => {
  it('sessions find the docker double first on PATH', async () => {
    const { stdout } = await remote.exec('command -v docker');
    expect(stdout.trim()).toBe(`${bench.docker.binDir}/docker`);
  });

  it('runs psql through the docker double against the real PostgreSQL', async () => {
    const mark = docker.mark();
    // The password stays off the command line: taken from the container's env inside it.
    const { stdout } = await remote.run([
      'docker',
      'exec',
      '-i',
      PG,
      'sh',
      '-c',
      'PGPASSWORD="$POSTGRES_PASSWORD" exec psql -X -A -t -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "select current_user, inet_server_port(), 6 * 7"',
    ]);
    expect(stdout.trim()).toBe(`${bench.postgres.superuser}|${bench.postgres.port}|42`);
    const calls = docker.calls(mark);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.argv.slice(0, 4)).toEqual(['docker', 'exec', '-i', PG]);
    expect(calls[0]!.exitCode).toBe(0);
    expect(calls[0]!.user).toBe(bench.user.name);
  });

  it('passes stdin with -i, and -e NAME takes the value from the caller like docker', async () => {
    const { stdout } = await remote.exec(
      `read -r PGPASSWORD; export PGPASSWORD; docker exec -i -e PGPASSWORD -e X=1 ${PG} sh -c 'echo "$X:$PGPASSWORD"; cat'`,
      { stdin: 'secret-from-stdin\nrest of input\n' },
    );
    expect(stdout).toBe('1:secret-from-stdin\nrest of input\n');
  });

  it('pg_dumpall through the double produces a complete dump', async () => {
    const { stdout } = await remote.exec(
      `docker exec -i ${PG} sh -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec pg_dumpall -U "$POSTGRES_USER"' | tail -n 3`,
    );
    expect(stdout).toContain('-- PostgreSQL database cluster dump complete');
  });

  it('docker exec -t fails without a TTY, like docker', async () => {
    for (const flag of ['-t', '-it', '--tty']) {
      const mark = docker.mark();
      const error = await remote.run(['docker', 'exec', flag, PG, 'true']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteCommandError);
      expect((error as RemoteCommandError).exitCode).toBe(1);
      expect((error as RemoteCommandError).stderrTail).toBe('the input device is not a TTY');
      expect(docker.calls(mark)[0]!.exitCode).toBe(1);
    }
  });

  it('an unknown container fails like docker', async () => {
    const error = (await remote
      .run(['docker', 'exec', '-i', 'no-such-container', 'true'])
      .catch((e) => e)) as RemoteCommandError;
    expect(error).toBeInstanceOf(RemoteCommandError);
    expect(error.exitCode).toBe(1);
    expect(error.stderrTail).toBe('Error response from daemon: No such container: no-such-container');
    const inspect = (await remote
      .run(['docker', 'inspect', 'no-such-container'])
      .catch((e) => e)) as RemoteCommandError;
    expect(inspect.exitCode).toBe(1);
    expect(inspect.stderrTail).toContain('Error: No such object: no-such-container');
  });

  it('a stopped container fails like docker, and compose start brings it back', async () => {
    docker.createContainer({ name: 'bench-test-stopped', service: 'bench-stopped', env: { A: 'b' } });
    try {
      await remote.run(['docker', 'compose', '-f', 'docker-compose.yml', 'stop', 'bench-stopped']);
      expect(docker.container('bench-test-stopped')!.running).toBe(false);
      const error = (await remote
        .run(['docker', 'exec', '-i', 'bench-test-stopped', 'true'])
        .catch((e) => e)) as RemoteCommandError;
      expect(error.exitCode).toBe(1);
      expect(error.stderrTail).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running$/);
      const state = await remote.run([
        'docker',
        'inspect',
        '--format',
        '{{.State.Status}} {{.State.Running}}',
        'bench-test-stopped',
      ]);
      expect(state.stdout).toBe('exited false\n');
      await remote.run(['docker', 'compose', 'up', '-d', 'bench-stopped']);
      const { stdout } = await remote.run(['docker', 'exec', '-i', 'bench-test-stopped', 'printenv', 'A']);
      expect(stdout).toBe('b\n');
    } finally {
      docker.removeContainer('bench-test-stopped');
    }
  });

  it('docker inspect and ps look like docker', async () => {
    const { stdout } = await remote.run(['docker', 'inspect', PG]);
    const [info] = JSON.parse(stdout) as Array<{
      Name: string;
      State: { Running: boolean; Status: string };
      Config: { Env: string[] };
      NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
    }>;
    expect(info!.Name).toBe(`/${PG}`);
    expect(info!.State).toMatchObject({ Running: true, Status: 'running' });
    expect(info!.Config.Env).toContain(`PGPORT=${bench.postgres.port}`);
    expect(Object.values(info!.NetworkSettings.Networks)[0]!.IPAddress).toBe('127.0.0.1');
    const env = await remote.run([
      'docker',
      'inspect',
      '-f',
      '{{range .Config.Env}}{{println .}}{{end}}',
      PG,
    ]);
    expect(env.stdout).toContain(`POSTGRES_USER=${bench.postgres.superuser}\n`);
    const ip = await remote.run([
      'docker',
      'inspect',
      '-f',
      '{{range $net, $cfg := .NetworkSettings.Networks}}{{$cfg.IPAddress}}{{end}}',
      PG,
    ]);
    expect(ip.stdout).toBe('127.0.0.1\n');
    const ps = await remote.run([
      'docker',
      'ps',
      '--filter',
      `name=^${PG}$`,
      '--format',
      '{{.Names}} {{.State}}',
    ]);
    expect(ps.stdout).toBe(`${PG} running\n`);
  });

  it('a command that fails inside the container keeps its exit status', async () => {
    const error = (await remote
      .run(['docker', 'exec', '-i', PG, 'sh', '-c', 'echo oops >&2; exit 7'])
      .catch((e) => e)) as RemoteCommandError;
    expect(error.exitCode).toBe(7);
    expect(error.stderrTail).toBe('oops');
    const missing = (await remote
      .run(['docker', 'exec', '-i', PG, 'no-such-binary'])
      .catch((e) => e)) as RemoteCommandError;
    expect(missing.exitCode).toBe(127);
    expect(missing.stderrTail).toContain('executable file not found in $PATH');
  });
});

describe('docker double, called directly', () => {
  const dockerBin = join(bench.docker.binDir, 'docker');
  const call = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) =>
    spawnSync(dockerBin, args, {
      encoding: 'utf8',
      input: input ?? '',
      env: { PATH: '/usr/bin:/bin', ...env },
    });

  beforeAll(() => {
    docker.createContainer({
      name: 'bench-direct',
      service: 'direct',
      env: { FROM_CONTAINER: 'c', PATH: '/usr/bin:/bin' },
    });
  });
  afterAll(() => docker.removeContainer('bench-direct'));

  it('gives the container env, not the caller env, plus -e and --env-file', () => {
    const envFile = join(bench.tempDir, `env-file-${process.pid}`);
    writeFileSync(envFile, '# comment\nFROM_FILE=f\n');
    const r = call(
      [
        'exec',
        '-e',
        'A=1',
        '--env=B=2',
        '--env-file',
        envFile,
        '-e',
        'PASSED',
        '-e',
        'UNSET_HERE',
        'bench-direct',
        'sh',
        '-c',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
        'echo "$FROM_CONTAINER $A $B $FROM_FILE $PASSED ${UNSET_HERE-unset} ${CALLER_ONLY-absent}"',
      ],
      undefined,
      { PASSED: 'p', CALLER_ONLY: 'x' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('c 1 2 f p unset absent\n');
  });

  it('without -i the command gets no stdin; with -i it does', () => {
    expect(call(['exec', 'bench-direct', 'cat'], 'data').stdout).toBe('');
    expect(call(['exec', '-i', 'bench-direct', 'cat'], 'data').stdout).toBe('data');
  });

  it('-w sets the working directory, a missing one fails like docker', () => {
    expect(call(['exec', '-w', '/tmp', 'bench-direct', 'pwd']).stdout).toBe('/tmp\n');
    const r = call(['exec', '-w', '/no/such/dir', 'bench-direct', 'pwd']);
    expect(r.status).toBe(126);
    expect(r.stderr).toMatch(/chdir to cwd \("\/no\/such\/dir"\)/);
  });

  it('reports a signalled command as 128+n, like docker exec', () => {
    expect(call(['exec', 'bench-direct', 'sh', '-c', 'kill -TERM $$']).status).toBe(143);
  });

  it('lists containers with docker ps and docker compose ps', () => {
    const ps = call(['ps', '--format', '{{json .}}', '--filter', 'name=^bench-direct$']);
    expect(JSON.parse(ps.stdout)).toMatchObject({ Names: 'bench-direct', State: 'running' });
    expect(call(['ps', '-q', '--filter', 'name=bench-direct']).stdout.trim()).toMatch(/^[0-9a-f]{12}$/);
    expect(call(['compose', 'ps', 'direct']).stdout).toMatch(/^bench-direct\s+direct\s+running$/m);
    const stop = call(['compose', 'stop', 'direct']);
    expect(stop.stderr).toContain('Container bench-direct  Stopped');
    expect(call(['ps', '--filter', 'name=bench-direct', '--format', '{{.Names}}']).stdout).toBe('');
    expect(call(['ps', '-a', '--filter', 'name=bench-direct', '--format', '{{.Status}}']).stdout).toMatch(
      /^Exited/,
    );
    expect(call(['compose', 'start', 'nope']).stderr).toContain('no such service: nope');
    call(['start', 'bench-direct']);
    expect(docker.container('bench-direct')!.running).toBe(true);
  });

  it('needs a command, and knows no other verbs', () => {
    expect(call(['exec', 'bench-direct']).status).toBe(1);
    expect(call(['run', 'x']).stderr).toContain('is not a docker command');
  });
});
