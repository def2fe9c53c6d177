/**
 * A real OpenSearch 2.19 node for the integration tests: the launcher under
 * test/opensearch/launcher (built by scripts/setup-opensearch.sh from Maven Central artifacts)
 * runs one node in-process on 127.0.0.1 with `path.repo` set to a temp directory.
 *
 * As root the JVM runs as the bench's non-root user, so file-permission faults (a repository
 * directory the node cannot write) are real; the launcher's class path is then copied into the
 * node's temp dir, since ~/.m2 under /root is not readable by that user.
 *
 * The global setup starts it once per run through `opensearchExtension`; tests call
 * `useOpenSearch(inject('bench')?.extensions?.opensearch)`, which starts a node of their own only
 * when there is none (running a file alone).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnManaged } from './processes.js';
import { type BenchUser, ensureBenchUser, isRoot, makeDir, makeTempDir } from './system.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCHER = join(ROOT, 'test', 'opensearch', 'launcher');
const READY = /GATEWAY_OPS_OPENSEARCH_READY http=([\d.]+):(\d+)/;

export const ENV_URL = 'GWOPS_OPENSEARCH_URL';
export const ENV_PATH_REPO = 'GWOPS_OPENSEARCH_PATH_REPO';
export const ENV_NODE_USER = 'GWOPS_OPENSEARCH_NODE_USER';
export const ENV_DATA_PATH = 'GWOPS_OPENSEARCH_DATA_PATH';

export interface OpenSearchNode {
  url: string;
  port: number;
  /** The node's `path.repo`: fs repositories must live under it. */
  pathRepo: string;
  /** The node's `path.data` (tests that damage shard files on purpose). */
  dataPath: string;
  /** The user the JVM runs as (uid/gid), for tests that create directories it must or must not write. */
  user: { uid: number; gid: number; name: string };
  stop(): Promise<void>;
}

export interface StartOpenSearchOptions {
  /** Use this directory as `path.repo` (created when missing); default: a temp dir. */
  pathRepo?: string;
  /** Start the node without any path.repo (to test that fault). */
  noPathRepo?: boolean;
  /** JVM heap, default 512m (the machine is shared). */
  heap?: string;
  startTimeoutMs?: number;
}

function buildLauncher(): string[] {
  execFileSync('bash', [join(ROOT, 'scripts', 'setup-opensearch.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const jars = readFileSync(join(LAUNCHER, 'target', 'classpath.txt'), 'utf8')
    .trim()
    .split(':')
    .filter(Boolean);
  return [join(LAUNCHER, 'target', 'classes'), ...jars];
}

/** Hard-link (or copy) the class path into `dir` so that a non-root user can read it. */
function stageClasspath(entries: string[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('.jar')) {
      const target = join(dir, 'classes');
      execFileSync('cp', ['-r', entry, target]);
      out.push(target);
      continue;
    }
    const target = join(dir, basename(entry));
    if (!existsSync(target)) {
      try {
        linkSync(entry, target);
      } catch {
        copyFileSync(entry, target);
      }
    }
    out.push(target);
  }
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  return out;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=5s`);
      const body = (await response.json()) as { status?: string };
      if (response.ok && (body.status === 'green' || body.status === 'yellow')) return;
      last = JSON.stringify(body);
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bench: OpenSearch at ${url} not green/yellow after ${timeoutMs} ms: ${last}`);
}

export async function startOpenSearch(options: StartOpenSearchOptions = {}): Promise<OpenSearchNode> {
  const user: BenchUser = ensureBenchUser();
  const work = makeTempDir('gwops-opensearch-');
  const home = makeDir(join(work, 'home'), user);
  const pathRepo = options.pathRepo ?? join(work, 'repo');
  makeDir(pathRepo, user);
  let classpath = buildLauncher();
  if (isRoot() && user.dedicated) classpath = stageClasspath(classpath, join(work, 'cp'));

  const heap = options.heap ?? '512m';
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Djava.io.tmpdir=${home}`,
    `-Duser.home=${home}`,
    '-Dlog4j2.disable.jmx=true',
    '-cp',
    classpath.join(':'),
    'ops.gateway.testnode.TestNode',
    home,
    options.noPathRepo ? '-' : pathRepo,
  ];
  const java = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java';
  const proc = spawnManaged('opensearch', java, args, {
    cwd: home,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
    ...(isRoot() && user.dedicated ? { uid: user.uid, gid: user.gid } : {}),
  });

  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  let match: RegExpExecArray | null = null;
  while (!match) {
    match = READY.exec(proc.output());
    if (match) break;
    if (proc.child.exitCode !== null || proc.child.signalCode !== null || Date.now() > deadline) {
      await proc.stop('SIGKILL', 0);
      throw new Error(`bench: the OpenSearch node did not start; its output:\n${proc.output().slice(-8000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(match[2]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, Math.max(5_000, deadline - Date.now()));
  } catch (error) {
    await proc.stop('SIGKILL', 0);
    throw error;
  }

  let stopped = false;
  return {
    url,
    port,
    pathRepo,
    dataPath: join(home, 'data'),
    user: { uid: user.uid, gid: user.gid, name: user.name },
    async stop() {
      if (stopped) return;
      stopped = true;
      await proc.stop('SIGTERM', 15_000);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** What the bench provides to tests (JSON: it crosses from the global setup to the workers). */
export interface OpenSearchInfo {
  url: string;
  port: number;
  pathRepo: string;
  dataPath: string;
  user: { uid: number; gid: number; name: string };
}

/**
 * The bench extension (test/services/global-setup.ts: `await bench.extend(opensearchExtension)`):
 * the node starts once per run; tests find it as `inject('bench').extensions.opensearch`.
 */
export async function opensearchExtension(): Promise<{
  name: string;
  info: OpenSearchInfo;
  stop(): Promise<void>;
}> {
  const node = await startOpenSearch();
  const info: OpenSearchInfo = {
    url: node.url,
    port: node.port,
    pathRepo: node.pathRepo,
    dataPath: node.dataPath,
    user: node.user,
  };
  process.env[ENV_URL] = node.url;
  process.env[ENV_PATH_REPO] = node.pathRepo;
  process.env[ENV_NODE_USER] = `${node.user.name}:${node.user.uid}:${node.user.gid}`;
  process.env[ENV_DATA_PATH] = node.dataPath;
  return { name: 'opensearch', info, stop: () => node.stop() };
}

function isInfo(value: unknown): value is OpenSearchInfo {
  const v = value as Partial<OpenSearchInfo> | undefined;
  return typeof v?.url === 'string' && typeof v.pathRepo === 'string' && typeof v.user === 'object';
}

/**
 * The run's node, or a node of this file's own when there is none (running a file alone with
 * test/opensearch/vitest.config.ts). Pass `inject('bench')?.extensions?.opensearch` when the bench
 * provides it; the environment set by the extension is the fallback.
 */
export async function useOpenSearch(provided?: unknown): Promise<OpenSearchNode> {
  const fromEnv = () => {
    const url = process.env[ENV_URL];
    const pathRepo = process.env[ENV_PATH_REPO];
    if (!url || !pathRepo) return undefined;
    const [name = '', uid = '0', gid = '0'] = (process.env[ENV_NODE_USER] ?? '').split(':');
    return {
      url,
      port: Number(new URL(url).port),
      pathRepo,
      dataPath: process.env[ENV_DATA_PATH] ?? '',
      user: { name, uid: Number(uid), gid: Number(gid) },
    };
  };
  const info = isInfo(provided) ? provided : fromEnv();
  if (info) return { ...info, stop: async () => {} };
  return startOpenSearch();
}
