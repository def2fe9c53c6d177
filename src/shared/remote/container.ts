/**
 * The container seam: where a service's commands run. `docker exec -i` into a container (never
 * `-t`: there is no terminal in cron or CI, and a TTY turns LF into CRLF), or directly on the host.
 */
import { RemoteCommandError, RemoteError } from './errors.js';
import type { ExecTarget, RemoteHost } from './types.js';

export interface CommandInOptions {
  /** Variables set for the command. Values go on the command line: never put secrets here. */
  env?: Record<string, string>;
  /**
   * Variables passed through by name from the calling shell's environment (`docker exec -e NAME`):
   * the way to hand a secret to a command in a container without it appearing in argv.
   */
  passEnv?: readonly string[];
  /** docker only (`-u`). */
  user?: string;
  /** Working directory (`-w` for docker; `env -C` on the host). */
  workdir?: string;
}

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function assertContainerName(name: string): void {
  if (!CONTAINER_NAME.test(name)) {
    throw new RemoteError(
      `invalid container name ${JSON.stringify(name)}: docker names are letters, digits, '_', '.' and '-', not starting with a symbol`,
    );
  }
}

function assertEnvName(name: string): void {
  if (!ENV_NAME.test(name))
    throw new RemoteError(`invalid environment variable name ${JSON.stringify(name)}`);
}

/** `docker exec` or nothing, by target. */
export function describeTarget(target: ExecTarget): string {
  return target.kind === 'docker' ? `container ${target.container}` : 'the host';
}

/**
 * argv that runs `argv` in the target: `docker exec -i [-u U] [-w D] [-e K=V]... [-e NAME]... C argv...`
 * for a container; for the host `argv` unchanged (or prefixed with `env [-C D] K=V...`).
 * The result is meant for `RemoteHost.run` (which quotes every element).
 */
export function commandIn(
  target: ExecTarget,
  argv: readonly string[],
  options: CommandInOptions = {},
): string[] {
  if (argv.length === 0) throw new RemoteError('commandIn: empty command');
  const env = Object.entries(options.env ?? {});
  for (const [name] of env) assertEnvName(name);
  for (const name of options.passEnv ?? []) assertEnvName(name);
  if (target.kind === 'docker') {
    assertContainerName(target.container);
    const out = ['docker', 'exec', '-i'];
    if (options.user !== undefined) out.push('-u', options.user);
    if (options.workdir !== undefined) out.push('-w', options.workdir);
    for (const [name, value] of env) out.push('-e', `${name}=${value}`);
    for (const name of options.passEnv ?? []) out.push('-e', name);
    out.push(target.container, ...argv);
    return out;
  }
  if (options.user !== undefined) {
    throw new RemoteError(`running as another user (${options.user}) is only supported inside a container`);
  }
  // passEnv: on the host the command inherits the calling shell's environment anyway.
  if (env.length === 0 && options.workdir === undefined) return [...argv];
  const out = ['env'];
  if (options.workdir !== undefined) out.push('-C', options.workdir);
  for (const [name, value] of env) out.push(`${name}=${value}`);
  out.push('--', ...argv);
  return out;
}

/**
 * Read environment variables of the target (`docker exec -i C printenv NAME`, or the host's login
 * environment). Unset variables are `undefined`. The values may be secrets: the caller masks them
 * (`core.setSecret`) before anything can print them. A missing or stopped container is an error.
 */
export async function readContainerEnv(
  remote: RemoteHost,
  target: ExecTarget,
  names: readonly string[],
): Promise<Record<string, string | undefined>> {
  const result: Record<string, string | undefined> = {};
  for (const name of names) {
    assertEnvName(name);
    try {
      const { stdout } = await remote.run(commandIn(target, ['printenv', name]), {
        description: `printenv ${name} in ${describeTarget(target)}`,
        maxCollectedBytes: 1024 * 1024,
      });
      result[name] = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
    } catch (error) {
      // printenv exits 1 without a word when the variable is unset.
      if (error instanceof RemoteCommandError && error.exitCode === 1 && error.stderrTail.trim() === '') {
        result[name] = undefined;
        continue;
      }
      if (error instanceof RemoteCommandError && target.kind === 'docker') {
        if (/No such container/i.test(error.stderrTail)) {
          throw new RemoteError(
            `container ${target.container} does not exist on ${remote.description} (docker: "No such container"); check the container setting against \`docker ps -a\` on the host`,
          );
        }
        if (/is not running/i.test(error.stderrTail)) {
          throw new RemoteError(
            `container ${target.container} on ${remote.description} is not running; start it (docker compose up -d) or check the container setting`,
          );
        }
      }
      throw error;
    }
  }
  return result;
}
