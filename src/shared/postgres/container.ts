import { errorMessage, OperationError } from '../errors.js';
import { readContainerEnv } from '../remote/container.js';
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

/** The container's PostgreSQL variables, read one by one (`printenv NAME`): nothing else is fetched. */
export async function readPostgresEnv(
  remote: RemoteHost,
  target: Extract<ExecTarget, { kind: 'docker' }>,
): Promise<ContainerPostgresEnv> {
  let env: Record<string, string | undefined>;
  try {
    env = await readContainerEnv(remote, target, [
      'POSTGRES_USER',
      'PGUSER',
      'PGPASSWORD',
      'POSTGRES_PASSWORD',
      'PGHOST',
      'PGPORT',
    ]);
  } catch (error) {
    throw containerProblem(target.container, remote.description, errorMessage(error));
  }
  const pick = (...names: string[]) => names.map((name) => env[name]).find((value) => !!value) ?? null;
  const port = Number(pick('PGPORT'));
  return {
    user: pick('POSTGRES_USER', 'PGUSER'),
    password: pick('PGPASSWORD', 'POSTGRES_PASSWORD'),
    host: pick('PGHOST'),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
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
