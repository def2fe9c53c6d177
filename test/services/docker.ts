/**
 * The `docker` test double's state, from the tests' side: install the executable, create, stop and
 * start containers, map compose services to containers, and read the call log.
 * The double itself is `docker-double.mjs` (runs commands on the host with the container's env).
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchUser, chownTo, makeDir, runCommand } from './system.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DOCKER_DOUBLE_SOURCE = join(here, 'docker-double.mjs');

export interface ContainerSpec {
  name: string;
  /** The container's environment (what `docker exec C printenv` shows, and what `exec` adds). */
  env?: Record<string, string>;
  /** Default true. */
  running?: boolean;
  image?: string;
  labels?: Record<string, string>;
  /** Network names; every network reports IPAddress 127.0.0.1. Default ['bridge']. */
  networks?: string[];
  /** Compose service name mapping to this container (for `docker compose stop|start|up -d SERVICE`). */
  service?: string;
}

export interface ContainerState extends Required<Omit<ContainerSpec, 'service'>> {
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** One line of the call log. */
export interface DockerCall {
  argv: string[];
  time: string;
  exitCode: number;
  durationMs: number;
  user: string;
}

export interface DockerDoubleInfo {
  /** The state dir (containers/, compose.json, calls.jsonl, bin/docker). */
  stateDir: string;
  /** Directory holding the `docker` executable (first on the sshd session PATH). */
  binDir: string;
  /** The JSONL call log. */
  logPath: string;
}

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export class DockerDouble implements DockerDoubleInfo {
  readonly stateDir: string;
  readonly binDir: string;
  readonly logPath: string;

  constructor(stateDir: string) {
    this.stateDir = stateDir;
    this.binDir = join(stateDir, 'bin');
    this.logPath = join(stateDir, 'calls.jsonl');
  }

  private file(name: string): string {
    if (!CONTAINER_NAME.test(name)) throw new Error(`bench: invalid container name ${JSON.stringify(name)}`);
    return join(this.stateDir, 'containers', `${name}.json`);
  }

  private write(path: string, value: unknown): void {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: 0o644 });
    renameSync(tmp, path);
  }

  createContainer(spec: ContainerSpec): ContainerState {
    const state: ContainerState = {
      name: spec.name,
      env: spec.env ?? {},
      running: spec.running ?? true,
      image: spec.image ?? 'bench',
      labels: spec.labels ?? {},
      networks: spec.networks ?? ['bridge'],
      createdAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
    };
    if (spec.service) {
      state.labels = { 'com.docker.compose.service': spec.service, ...state.labels };
      const mapping = this.composeServices();
      mapping[spec.service] = spec.name;
      this.write(join(this.stateDir, 'compose.json'), { services: mapping });
    }
    this.write(this.file(spec.name), state);
    return state;
  }

  container(name: string): ContainerState | undefined {
    const path = this.file(name);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ContainerState) : undefined;
  }

  private update(name: string, change: (c: ContainerState) => void): ContainerState {
    const c = this.container(name);
    if (!c) throw new Error(`bench: no container ${name} in the docker double`);
    change(c);
    this.write(this.file(name), c);
    return c;
  }

  stopContainer(name: string): ContainerState {
    return this.update(name, (c) => {
      c.running = false;
      c.finishedAt = new Date().toISOString();
    });
  }

  startContainer(name: string): ContainerState {
    return this.update(name, (c) => {
      c.running = true;
      c.startedAt = new Date().toISOString();
    });
  }

  /** Merge `env` into the container's environment (a value of null removes the variable). */
  setEnv(name: string, env: Record<string, string | null>): ContainerState {
    return this.update(name, (c) => {
      for (const [k, v] of Object.entries(env)) {
        if (v === null) delete c.env[k];
        else c.env[k] = v;
      }
    });
  }

  removeContainer(name: string): void {
    rmSync(this.file(name), { force: true });
    const mapping = this.composeServices();
    for (const [service, container] of Object.entries(mapping))
      if (container === name) delete mapping[service];
    this.write(join(this.stateDir, 'compose.json'), { services: mapping });
  }

  composeServices(): Record<string, string> {
    try {
      return (
        JSON.parse(readFileSync(join(this.stateDir, 'compose.json'), 'utf8')) as {
          services: Record<string, string>;
        }
      ).services;
    } catch {
      return {};
    }
  }

  /** Every call logged so far (or those after `mark()`'s value). */
  calls(since = 0): DockerCall[] {
    if (!existsSync(this.logPath)) return [];
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .slice(since)
      .map((line) => JSON.parse(line) as DockerCall);
  }

  /** The number of calls logged so far: pass it to `calls(mark)` to see only later calls. */
  mark(): number {
    return this.calls().length;
  }

  clearCalls(): void {
    writeFileSync(this.logPath, '');
  }
}

/** The DockerDouble for an existing state dir (in test workers, from `inject('dockerStateDir')`). */
export function openDockerDouble(stateDir: string): DockerDouble {
  return new DockerDouble(stateDir);
}

/**
 * Install the double: `<dir>/bin/docker` with a `#!<node>` line (a copy of the node binary when the
 * bench user cannot execute this one), an empty container set and call log, owned by the bench user.
 */
export async function installDockerDouble(dir: string, user: BenchUser): Promise<DockerDouble> {
  makeDir(dir, user, 0o755);
  makeDir(join(dir, 'containers'), user, 0o755);
  const binDir = makeDir(join(dir, 'bin'), user, 0o755);
  let node = process.execPath;
  const asUser = user.dedicated ? { uid: user.uid, gid: user.gid } : {};
  const probe = await runCommand(node, ['-e', 'process.exit(0)'], {
    ...asUser,
    env: { PATH: '/usr/bin:/bin' },
  });
  if (probe.code !== 0) {
    node = join(binDir, '.node');
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  const source = readFileSync(DOCKER_DOUBLE_SOURCE, 'utf8');
  const target = join(binDir, 'docker');
  writeFileSync(target, `#!${node}\n${source}`, { mode: 0o755 });
  chmodSync(target, 0o755);
  // The double is an ES module: mark the bin dir so `#!node docker` (no extension) loads as ESM.
  writeFileSync(join(binDir, 'package.json'), '{"type":"module"}\n');
  const double = new DockerDouble(dir);
  writeFileSync(double.logPath, '', { mode: 0o666 });
  chmodSync(double.logPath, 0o666);
  chownTo(double.logPath, user);
  writeFileSync(join(dir, 'compose.json'), '{"services":{}}\n');
  mkdirSync(join(dir, 'containers'), { recursive: true });
  return double;
}
