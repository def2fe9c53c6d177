import { errorMessage } from '../shared/errors.js';
import { type RemoteHost, shellJoin } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import {
  clearStoppedServicesScript,
  parseStoppedServices,
  readStoppedServicesScript,
  startByHand,
  stoppedServicesPath,
} from '../shared/restore/stopped-services.js';
import type { Settings } from '../shared/settings/index.js';
import {
  backupsListingScript,
  backupsRoot,
  cleanLeftovers,
  isRestoreWorkDir,
  parseBackupsListing,
} from '../shared/snapshot/index.js';
import { layoutOf } from './host.js';

/**
 * Under the host lock, what a restore that died left: its work dir (removed: no live run owns it)
 * and the services it had stopped (see startServicesLeftStopped).
 */
export async function recoverInterruptedRestore(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
): Promise<void> {
  await removeRestoreWorkDirs(remote, backupsRoot(layoutOf(settings)), log);
  await startServicesLeftStopped(remote, settings, log);
}

/**
 * Removes the work dirs of restores that died or were interrupted (a foreign one is left, with a
 * warning). Only under the host lock: no live restore owns one then.
 */
export async function removeRestoreWorkDirs(remote: RemoteHost, root: string, log: Log): Promise<void> {
  const { stdout } = await remote.exec(backupsListingScript(root), { description: 'list the backups dir' });
  const found = parseBackupsListing(stdout.split('\n')).filter((entry) => isRestoreWorkDir(entry.name));
  for (const entry of found.filter((e) => !e.own)) {
    log.warn(
      `Leaving ${root}/${entry.name} alone: it is owned by another user or writable by others, so no gateway-ops run made it. Look at it and remove it.`,
    );
  }
  await cleanLeftovers(
    remote,
    root,
    found.filter((e) => e.own).map((e) => e.name),
    log,
  );
}

/**
 * Starts what an interrupted restore left stopped (its note on the host), before this run does
 * anything else; when they cannot be started, says exactly what to run and goes on.
 */
async function startServicesLeftStopped(remote: RemoteHost, settings: Settings, log: Log): Promise<void> {
  const file = stoppedServicesPath(backupsRoot(layoutOf(settings)));
  const { stdout } = await remote.exec(readStoppedServicesScript(file), {
    description: 'read the stopped-services note',
  });
  const note = parseStoppedServices(stdout);
  if (!note) return;
  log.warn(
    `A restore of ${note.snapshotDate} that did not finish stopped ${note.services.join(', ')} at ${note.stoppedAt}: starting them again. Its databases may be half-restored: finish with a restore that succeeds.`,
  );
  try {
    await remote.exec(composeScript(note.deployDir, note.composeFile, 'start', note.services), {
      description: `docker compose start ${note.services.join(' ')}`,
    });
    await remote.exec(clearStoppedServicesScript(file), { description: 'clear the stopped-services note' });
    log.info(`Started ${note.services.join(', ')} again`);
  } catch (error) {
    log.error(
      `Could not start ${note.services.join(', ')} again (${errorMessage(error)}). Start them by hand: ${startByHand(note)}`,
    );
  }
}

/** `docker compose -f <file> stop|start <services>` in the deployment's directory. */
export async function composeServices(
  remote: RemoteHost,
  settings: Settings,
  verb: 'stop' | 'start',
  services: readonly string[],
): Promise<void> {
  if (services.length === 0) return;
  await remote.exec(composeScript(settings['deploy-dir'], settings['compose-file'], verb, services), {
    description: `docker compose ${verb} ${services.join(' ')}`,
  });
}

/** `docker compose -f <file> <verb> <services>`, run in the deployment's directory. */
export function composeScript(
  deployDir: string,
  composeFile: string,
  verb: 'stop' | 'start',
  services: readonly string[],
): string {
  return `cd -- ${shellJoin([deployDir])}\n${shellJoin(['docker', 'compose', '-f', composeFile, verb, ...services])}\n`;
}
