import { errorMessage, OperationError } from '../errors.js';
import { shellQuote } from '../remote/quote.js';
import type { RemoteHost } from '../remote/types.js';
import type { Log } from '../report/log.js';
import type { CopySettings } from './copy.js';

/** The run's own directory on the production host for the copy host's key and known_hosts. */
export function keyDirName(runId: string): string {
  return `.gateway-ops-copy-${runId}`;
}

/**
 * `copy-via: host`: rsync on the production host pushes the snapshot straight to the copy host.
 * The copy host's key arrives on stdin (never in argv or a script) into a 0700 directory in the
 * SSH user's home, with a known_hosts file of the pinned keys, `StrictHostKeyChecking yes`, and is
 * removed by the script's EXIT trap; `removeKeyScript` is run again afterwards whatever happened,
 * for the case where the script itself was killed.
 */
export function rsyncScript(
  from: string,
  partial: string,
  target: NonNullable<CopySettings['viaHost']>,
  runId: string,
): string {
  const ssh = [
    'ssh -i $dir/id -o IdentitiesOnly=yes -o IdentityAgent=none',
    '-o UserKnownHostsFile=$dir/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes',
    `-o BatchMode=yes -o ConnectTimeout=30 -o ServerAliveInterval=15 -p ${target.port}`,
  ].join(' ');
  return `command -v rsync >/dev/null || { echo 'rsync is not installed on the production host (copy-via: host needs it)' >&2; exit 69; }
umask 077
dir="$HOME"/${shellQuote(keyDirName(runId))}
mkdir -m 700 -- "$dir"
trap 'rm -rf -- "$dir"' EXIT
cat >"$dir/id"
printf '%s\\n' ${shellQuote(target.knownHosts.trim())} >"$dir/known_hosts"
rsync -rt --partial-dir=.rsync-partial --chmod=Du=rwx,Dgo=,Fu=rw,Fgo= --stats -e "${ssh}" -- ${shellQuote(`${from}/`)} ${shellQuote(`${target.user}@${target.host}:${partial}/`)}
`;
}

export function removeKeyScript(runId: string): string {
  return `rm -rf -- "$HOME"/${shellQuote(keyDirName(runId))}`;
}

/** Runs rsync on the production host; returns the bytes it reports sent. */
export async function rsyncFromHost(
  source: RemoteHost,
  from: string,
  partial: string,
  settings: CopySettings,
  runId: string,
  log: Log,
): Promise<number> {
  const target = settings.viaHost;
  if (!target) throw new Error('rsyncFromHost: copy-via host without its settings');
  const privateKey = target.privateKey.endsWith('\n') ? target.privateKey : `${target.privateKey}\n`;
  try {
    const { stdout } = await source.exec(rsyncScript(from, partial, target, runId), {
      stdin: privateKey,
      description: 'rsync the snapshot from the production host to the copy host',
    });
    const sent = /Total bytes sent: ([\d,.]+)/.exec(stdout)?.[1]?.replace(/[,.]/g, '');
    log.info(`rsync on the production host: ${sent ?? '?'} bytes sent.`);
    return Number(sent ?? 0);
  } catch (error) {
    throw new OperationError(`copy-via host: rsync on the production host failed: ${errorMessage(error)}`);
  } finally {
    await source
      .exec(removeKeyScript(runId))
      .catch((error: unknown) =>
        log.warn(
          `Could not confirm the copy host's key was removed from the production host (~/${keyDirName(runId)}): ${errorMessage(error)}. Remove it by hand.`,
        ),
      );
  }
}
