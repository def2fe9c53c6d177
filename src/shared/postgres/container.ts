import { errorMessage, OperationError } from '../errors.js';
import { commandIn } from '../remote/container.js';
import type { ExecTarget, RemoteHost } from '../remote/types.js';

/** The variables the official postgres image (and our bench's double) sets. */
export interface ContainerPostgresEnv {
  readonly user: string | null;
  readonly password: string | null;
  readonly host: string | null;
  readonly port: number | null;
}

/** Explains a failed `docker exec`: no such container, a stopped one, no docker at all. */
export function containerProblem(container: string, host: string, message: string): OperationError {
  const stopped = /is not running|is paused|is restarting/i.test(message);
  const missing = /no such container/i.test(message);
  const what = stopped
    ? `container ${container} is not running on ${host}`
    : missing
      ? `there is no container ${container} on ${host}`
      : `cannot run a command in container ${container} on ${host}`;
  return new OperationError(`PostgreSQL: ${what}: ${message}`, {
    hint: stopped
      ? `Start it (docker compose up -d) or check postgres-container.`
      : `Check postgres-container ('docker ps' on the host lists the containers).`,
  });
}

/** `env` output to the few variables we use; everything else (other secrets) is dropped at once. */
export function parseContainerEnv(text: string): ContainerPostgresEnv {
  const wanted = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at);
    if (['POSTGRES_USER', 'PGUSER', 'PGPASSWORD', 'POSTGRES_PASSWORD', 'PGHOST', 'PGPORT'].includes(key)) {
      wanted.set(key, line.slice(at + 1));
    }
  }
  const pick = (...keys: string[]) => keys.map((key) => wanted.get(key)).find((value) => !!value) ?? null;
  const port = Number(pick('PGPORT'));
  return {
    user: pick('POSTGRES_USER', 'PGUSER'),
    password: pick('PGPASSWORD', 'POSTGRES_PASSWORD'),
    host: pick('PGHOST'),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
  };
}

const VERSION_MARK = '--- gateway-ops: pg_dumpall --version ---';

export interface ContainerProbe {
  readonly env: ContainerPostgresEnv;
  readonly pgDumpallVersion: string;
}

/**
 * One `docker exec` (each costs a process start on the host) for the container's PostgreSQL
 * variables and its pg_dumpall version; also the check that the container exists and runs.
 */
export async function probeContainer(
  remote: RemoteHost,
  target: Extract<ExecTarget, { kind: 'docker' }>,
): Promise<ContainerProbe> {
  let stdout: string;
  try {
    ({ stdout } = await remote.run(
      commandIn(target, ['sh', '-c', `env; echo '${VERSION_MARK}'; pg_dumpall --version`]),
      {
        timeoutMs: 60_000,
        description: `env and pg_dumpall --version in container ${target.container}`,
      },
    ));
  } catch (error) {
    throw containerProblem(target.container, remote.description, errorMessage(error));
  }
  const at = stdout.lastIndexOf(VERSION_MARK);
  return {
    env: parseContainerEnv(at === -1 ? stdout : stdout.slice(0, at)),
    pgDumpallVersion:
      at === -1
        ? ''
        : stdout
            .slice(at + VERSION_MARK.length)
            .trim()
            .split('\n')[0]!
            .trim(),
  };
}

/** The container's IP address on its first network, as `docker inspect` reports it. */
export async function containerAddress(remote: RemoteHost, container: string): Promise<string | null> {
  try {
    const { stdout } = await remote.run(
      ['docker', 'inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', container],
      { timeoutMs: 60_000 },
    );
    return stdout.split(/\s+/).find((address) => address.length > 0) ?? null;
  } catch {
    return null;
  }
}
