import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchInfo } from '../bench/bench.js';

/** A fresh deployment directory on the bench host, owned by the SSH user who writes there. */
export function deployDir(bench: BenchInfo, name: string): string {
  const dir = join(bench.workDir, name);
  mkdirSync(dir, { recursive: true });
  spawnSync('chown', ['-R', `${bench.user.uid}:${bench.user.gid}`, dir]);
  return dir;
}
