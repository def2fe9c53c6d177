import { OperationError } from '../errors.js';
import { commandIn } from '../remote/container.js';
import { missingToolsScript, shellJoin, toolVersionsScript } from '../remote/script.js';
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
const CONTAINER_BEGIN = '--- gateway-ops: container ---';
const CONTAINER_EXIT = '--- gateway-ops: container exit';

export interface Preflight {
  readonly missing: string[];
  /** First line of `<tool> --version`, by tool. */
  readonly versions: Record<string, string>;
  /** exec: docker: what the container said, when docker was there to ask. */
  readonly container:
    | { ok: true; env: ContainerPostgresEnv; pgDumpallVersion: string }
    | { ok: false; message: string }
    | null;
}

/**
 * One script (each SSH exec costs a session and a bash): which tools are missing, their versions,
 * and for a container one `docker exec` for its environment and pg_dumpall's version, which also
 * tells whether it exists and runs. The environment stays on stdout (never in an error message).
 */
export function preflightScript(input: {
  tools: readonly string[];
  versions: readonly (readonly string[])[];
  target: ExecTarget;
}): string {
  const container =
    input.target.kind === 'docker'
      ? `if command -v docker >/dev/null 2>&1; then
  echo '${CONTAINER_BEGIN}'
  set +e
  ${shellJoin(commandIn(input.target, ['sh', '-c', `env; echo '${VERSION_MARK}'; pg_dumpall --version`]))} </dev/null 2>&1
  echo "${CONTAINER_EXIT} $?"
  set -e
fi`
      : '';
  return `${missingToolsScript(input.tools, 'missing ')}
${toolVersionsScript(input.versions)}
${container}
`;
}

export function parsePreflight(text: string): Preflight {
  const begin = text.indexOf(CONTAINER_BEGIN);
  const head = begin === -1 ? text : text.slice(0, begin);
  const missing: string[] = [];
  const versions: Record<string, string> = {};
  for (const line of head.split('\n')) {
    if (line.startsWith('missing ')) missing.push(line.slice('missing '.length).trim());
    else if (line.startsWith('version ')) {
      const [, tool, ...rest] = line.split(' ');
      versions[tool!] = rest.join(' ').trim();
    }
  }
  let container: Preflight['container'] = null;
  if (begin !== -1) {
    const body = text.slice(begin + CONTAINER_BEGIN.length + 1);
    const exitAt = body.lastIndexOf(CONTAINER_EXIT);
    const status =
      exitAt === -1
        ? Number.NaN
        : Number(
            body
              .slice(exitAt + CONTAINER_EXIT.length)
              .trim()
              .split('\n')[0],
          );
    const output = exitAt === -1 ? body : body.slice(0, exitAt);
    const mark = output.lastIndexOf(VERSION_MARK);
    if (status === 0 && mark !== -1) {
      container = {
        ok: true,
        env: parseContainerEnv(output.slice(0, mark)),
        pgDumpallVersion: output
          .slice(mark + VERSION_MARK.length)
          .trim()
          .split('\n')[0]!
          .trim(),
      };
    } else {
      // Never echo the environment: only what came after it, or docker's own complaint.
      const said = (mark === -1 ? output : output.slice(mark + VERSION_MARK.length)).trim();
      container = {
        ok: false,
        message: `${said.split('\n').slice(-3).join(' ').slice(0, 500) || 'no output'} (exit ${Number.isNaN(status) ? 'unknown' : status})`,
      };
    }
  }
  return { missing, versions, container };
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
