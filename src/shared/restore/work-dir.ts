/**
 * A restore's (and a drill's) private work dir on the host: `mktemp -d` in the backups dir, so a
 * run SIGKILLed before its trap leaves it where the next run, under the host lock, finds and
 * removes it. It holds psql's messages only: the password lives in the environment, never on disk.
 */
import { posix } from 'node:path';

/** The `mktemp -d` template of a restore's work dir in `backupsRoot` (see isRestoreWorkDir). */
export function restoreWorkTemplate(backupsRoot: string): string {
  return posix.join(backupsRoot, '.restore-XXXXXXXXXX');
}

/** The `mktemp -d` template of a drill's work dir (a drill does not hold the host lock: never swept). */
export function drillWorkTemplate(backupsRoot: string): string {
  return posix.join(backupsRoot, '.drill-XXXXXXXXXX');
}
