import { posix } from 'node:path';
import { ConfigurationError, OperationError } from '../errors.js';
import { shellJoin } from '../remote/quote.js';
import { removeTreeScript } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import type { ComponentResult, ManifestFile } from '../snapshot/manifest.js';
import { fileCheckScript, parseFileChecks } from '../snapshot/verify.js';
import { captureScript, probeScript } from './scripts.js';
import { type GitState, type NoRepository, parseCapture } from './state.js';

export const GIT_DIR = 'git';
export const GIT_STATE_FILE = 'git/state.json';

/** Where the component writes: the snapshot's work directory on the host. */
export interface GitSnapshotDirectory {
  readonly path: string;
  writeFile(relativePath: string, content: string, component: string): Promise<ManifestFile>;
}

export interface PreparedGitState {
  /** The repository's top level on the host, or null when deploy-dir is not in a repository. */
  readonly toplevel: string | null;
  take(dir: GitSnapshotDirectory): Promise<ComponentResult>;
}

/**
 * The git component's preconditions: git on the host, deploy-dir there and readable by git.
 * A deploy-dir outside any repository is recorded as such (skipped), not an error.
 */
export async function prepareGitState(
  remote: RemoteHost,
  deployDir: string,
  log: Log,
): Promise<PreparedGitState> {
  const { stdout } = await remote.exec(probeScript(deployDir), { description: 'look for the git checkout' });
  const answer = stdout.trim();
  if (answer === 'tools-missing') {
    throw new ConfigurationError(
      `git not found on host ${remote.description}: the git component runs git there (install git, or leave 'git' out of components).`,
    );
  }
  if (answer === 'no-deploy-dir') {
    throw new OperationError(
      `deploy-dir ${deployDir} does not exist on ${remote.description} (or the SSH user cannot enter it).`,
    );
  }
  if (answer === 'dubious') {
    throw new OperationError(
      `git refuses to read ${deployDir} on ${remote.description}: the checkout belongs to another user ("dubious ownership").`,
      {
        hint: `If that owner is trusted, run on the host as the SSH user: ${shellJoin(['git', 'config', '--global', '--add', 'safe.directory', deployDir])}`,
      },
    );
  }
  if (answer === 'not-a-repository') {
    log.warn(`deploy-dir ${deployDir} is not in a git repository: its git state is recorded as absent.`);
    const state: NoRepository = { repository: false, reason: `${deployDir} is not in a git repository` };
    return {
      toplevel: null,
      take: async () => ({
        name: 'git',
        verdict: 'skipped',
        durationMs: 0,
        details: { ...state },
        files: [],
      }),
    };
  }
  const toplevel = /^repository\t(.+)$/.exec(answer)?.[1];
  if (!toplevel) throw new Error(`git probe: unexpected answer from the host: ${answer.slice(0, 200)}`);
  return { toplevel, take: (dir) => takeGitState(remote, deployDir, toplevel, dir, log) };
}

async function takeGitState(
  remote: RemoteHost,
  deployDir: string,
  toplevel: string,
  dir: GitSnapshotDirectory,
  log: Log,
): Promise<ComponentResult> {
  const started = Date.now();
  const out = posix.join(dir.path, GIT_DIR);
  const { stdout } = await remote.exec(captureScript(deployDir, out), {
    description: `record the git state of ${deployDir}`,
    maxCollectedBytes: 64 * 1024 * 1024,
  });
  let state: GitState;
  let files: ManifestFile[];
  try {
    state = parseCapture(stdout);
    const written = await hashFiles(remote, dir.path, state.files);
    const json = `${JSON.stringify({ ...state, toplevel }, null, 2)}\n`;
    files = [...written, await dir.writeFile(GIT_STATE_FILE, json, 'git')];
  } catch (error) {
    // A failed component leaves nothing behind that the manifest would not list.
    await remote.exec(removeTreeScript(out)).catch(() => {});
    throw error;
  }
  const where = state.detached ? `detached HEAD at ${state.commit?.slice(0, 12)}` : `branch ${state.branch}`;
  log.info(
    `Git: ${where}${state.commit ? '' : ' (no commits yet)'}, ${state.changed} changed file(s), ${state.untrackedCount} untracked (listed by name in ${GIT_STATE_FILE}, never copied).`,
  );
  return {
    name: 'git',
    verdict: 'passed',
    durationMs: Date.now() - started,
    details: {
      repository: true,
      branch: state.branch,
      detached: state.detached,
      commit: state.commit,
      changed: state.changed,
      untracked: state.untrackedCount,
      staged: state.files.includes('staged.patch'),
      unstaged: state.files.includes('unstaged.patch'),
      archive: state.files.includes('HEAD.tar.gz'),
    },
    files,
  };
}

/** Size and sha256 of the files the capture wrote, computed on the host (HEAD.tar.gz also gzip-tested). */
async function hashFiles(
  remote: RemoteHost,
  root: string,
  names: readonly string[],
): Promise<ManifestFile[]> {
  if (names.length === 0) return [];
  const files = names.map((name) => ({
    path: `${GIT_DIR}/${name}`,
    compression: name.endsWith('.gz') ? ('gzip' as const) : ('none' as const),
  }));
  const { stdout } = await remote.exec(fileCheckScript(root, files), {
    description: 'checksum the git files',
  });
  const found = new Map(parseFileChecks(stdout).map((file) => [file.path, file]));
  return files.map((file) => {
    const checked = found.get(file.path);
    if (!checked?.sha256) throw new OperationError(`${file.path} was not written on ${remote.description}.`);
    if (checked.integrity && !checked.integrity.ok) {
      throw new OperationError(`${file.path} is not a valid gzip stream: ${checked.integrity.message}`);
    }
    return { ...file, size: checked.size, sha256: checked.sha256, component: 'git' };
  });
}
