/**
 * A second OpenSSH `sshd` as the off-host copy target: its own host key, its own authorized client
 * key (the production sshd's keys do not log in here, and this one's do not log in there), and its
 * own directory for the copies. Same bench user as the production host (one machine), no docker
 * double on its PATH.
 */
import { join } from 'node:path';
import type { BenchExtension } from './bench.js';
import { type SshdInfo, startSshd } from './sshd.js';
import { makeDir } from './system.js';

export interface CopyHostInfo extends SshdInfo {
  /** A directory owned by the bench user on the copy host, for tests' copy-to-path dirs. */
  workDir: string;
}

export const COPY_HOST = 'copy-host';

export const copyHostExtension: BenchExtension = async (bench) => {
  const dir = join(bench.info.tempDir, 'copy-host');
  const sshd = await startSshd({ dir: join(dir, 'sshd'), user: bench.info.user, pathPrefix: [] });
  const workDir = makeDir(join(dir, 'work'), bench.info.user, 0o755);
  const { process: _process, connectionPids: _pids, stop, ...info } = sshd;
  return {
    name: COPY_HOST,
    info: { ...info, workDir } satisfies CopyHostInfo,
    stop,
  };
};

/** The copy host's description in a test (`inject('bench')`), or a clear failure when it is missing. */
export function copyHostOf(bench: { extensions: Record<string, unknown> }): CopyHostInfo {
  const info = bench.extensions[COPY_HOST] as CopyHostInfo | undefined;
  if (!info) throw new Error(`bench: no ${COPY_HOST} extension (is it listed in global-setup.ts?)`);
  return info;
}
