/**
 * A restore stops the deployment's services and starts them again in a `finally`; a restore killed
 * in between (a cancelled job, a dead runner) never runs that `finally`. So the services are written
 * down on the host before they are stopped, and struck off once they run again: the next restore
 * finds the note and starts them, and anyone can see what to run.
 */
import { posix } from 'node:path';
import { shellJoin, shellQuote } from '../remote/script.js';
import type { RemoteHost } from '../remote/types.js';

export const STOPPED_SERVICES_FILE = '.gateway-ops-stopped-services.json';

/** What an interrupted restore left stopped, as written on the host. */
export interface StoppedServices {
  readonly services: readonly string[];
  readonly deployDir: string;
  readonly composeFile: string;
  readonly stoppedAt: string;
  /** The snapshot the restore was restoring. */
  readonly snapshotDate: string;
}

export function stoppedServicesPath(backupsRoot: string): string {
  return posix.join(backupsRoot, STOPPED_SERVICES_FILE);
}

/** Writes stdin to `file` (0600), whole or not at all. */
export function recordStoppedServicesScript(file: string): string {
  return `umask 077
file=${shellQuote(file)}
cat >"$file.tmp"
sync -- "$file.tmp" 2>/dev/null || true
mv -T -- "$file.tmp" "$file"
`;
}

/** Prints the note when there is one (nothing otherwise). */
export function readStoppedServicesScript(file: string): string {
  return `file=${shellQuote(file)}
if [ -f "$file" ]; then cat -- "$file"; fi
`;
}

export function clearStoppedServicesScript(file: string): string {
  return `rm -f -- ${shellQuote(file)} ${shellQuote(`${file}.tmp`)}\n`;
}

/** The note's text, or null when it is not one (a torn or foreign file is not acted on). */
export function parseStoppedServices(text: string): StoppedServices | null {
  if (text.trim() === '') return null;
  try {
    const value = JSON.parse(text) as Partial<StoppedServices>;
    if (
      !Array.isArray(value.services) ||
      !value.services.every((s) => typeof s === 'string') ||
      typeof value.deployDir !== 'string' ||
      typeof value.composeFile !== 'string'
    ) {
      return null;
    }
    return {
      services: value.services,
      deployDir: value.deployDir,
      composeFile: value.composeFile,
      stoppedAt: String(value.stoppedAt ?? '?'),
      snapshotDate: String(value.snapshotDate ?? '?'),
    };
  } catch {
    return null;
  }
}

/** The command a person runs to start them by hand. */
export function startByHand(note: StoppedServices): string {
  return `cd ${shellJoin([note.deployDir])} && ${shellJoin(['docker', 'compose', '-f', note.composeFile, 'start', ...note.services])}`;
}

/** Writes the note on the host before the services are stopped. */
export async function noteStoppedServices(
  remote: RemoteHost,
  file: string,
  note: StoppedServices,
): Promise<void> {
  if (note.services.length === 0) return;
  await remote.exec(recordStoppedServicesScript(file), {
    stdin: `${JSON.stringify(note)}\n`,
    description: 'note the services the restore stops',
  });
}

/** Strikes the note off once the services run again. */
export async function clearStoppedServices(remote: RemoteHost, file: string): Promise<void> {
  await remote.exec(clearStoppedServicesScript(file), { description: 'clear the stopped-services note' });
}
