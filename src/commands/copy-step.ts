import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { type CopyResult, copySnapshot, type SnapshotToCopy, writeCopyRecord } from '../shared/copy/index.js';
import { ConfigurationError, errorMessage, OperationError } from '../shared/errors.js';
import { connectRemoteHost, type RemoteHost } from '../shared/remote/index.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';

function readSettingFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `Invalid setting '${name}': cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? error}).`,
    );
  }
}

interface CopyHostSecrets {
  privateKey: string;
  knownHosts: string | undefined;
}

function copyHostSecrets(settings: Settings, log: Log): CopyHostSecrets {
  const privateKey =
    settings['copy-to-private-key'] ??
    readSettingFile('copy-to-private-key-file', settings['copy-to-private-key-file']!);
  log.setSecret(privateKey);
  const knownHosts =
    settings['copy-to-known-hosts'] ??
    (settings['copy-to-known-hosts-file']
      ? readSettingFile('copy-to-known-hosts-file', settings['copy-to-known-hosts-file'])
      : undefined);
  return { privateKey, knownHosts };
}

/** The SSH session to the copy host: pinned host key, the same timeouts as the production host's. */
export function openCopyHost(settings: Settings, log: Log, secrets = copyHostSecrets(settings, log)) {
  return connectRemoteHost({
    host: settings['copy-to-host']!,
    port: settings['copy-to-port'],
    username: settings['copy-to-user']!,
    privateKey: secrets.privateKey,
    ...(secrets.knownHosts ? { knownHosts: secrets.knownHosts } : {}),
    ...(settings['copy-to-host-fingerprint']
      ? { hostFingerprint: settings['copy-to-host-fingerprint'] }
      : {}),
    connectTimeoutMs: settings['ssh-connect-timeout'],
    commandTimeoutMs: settings['ssh-command-timeout'],
    keepaliveIntervalMs: settings['ssh-keepalive-interval'],
    logger: { warn: (m) => log.warn(m), info: (m) => log.info(m), debug: (m) => log.debug(m) },
  });
}

/**
 * The backup's last step: when copy-to-host is set, copy the committed snapshot there and verify
 * it. Returns the summary lines, or none when no copy is configured; throws when the copy fails
 * (the local snapshot is complete and untouched either way).
 */
export async function copyToSecondHost(
  source: RemoteHost,
  snapshot: SnapshotToCopy,
  settings: Settings,
  log: Log,
  options: { progressIntervalMs?: number } = {},
): Promise<string[]> {
  if (!settings['copy-to-host']) return [];
  const secrets = copyHostSecrets(settings, log);
  const result: CopyResult = await log.group('Copy to the second host', () =>
    copyWith(source, snapshot, settings, log, secrets, options).catch((error: unknown) => {
      throw new OperationError(
        `Snapshot ${snapshot.label} is complete and kept on the production host, but its copy to ${settings['copy-to-host']} failed: ${errorMessage(error)}`,
        error instanceof OperationError && error.hint ? { hint: error.hint, cause: error } : { cause: error },
      );
    }),
  );
  return [...result.details];
}

async function copyWith(
  source: RemoteHost,
  snapshot: SnapshotToCopy,
  settings: Settings,
  log: Log,
  secrets: CopyHostSecrets,
  options: { progressIntervalMs?: number },
): Promise<CopyResult> {
  const target = await openCopyHost(settings, log, secrets).catch(async (error: unknown) => {
    await recordUnreachable(source, snapshot, settings, error, log);
    throw error;
  });
  try {
    return await copySnapshot(
      source,
      target,
      snapshot,
      {
        root: settings['copy-to-path']!,
        via: settings['copy-via'],
        policy: {
          keepDaily: settings['keep-daily'],
          keepWeekly: settings['keep-weekly'],
          keepMonthly: settings['keep-monthly'],
        },
        ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
        ...(settings['copy-via'] === 'host'
          ? {
              viaHost: {
                host: settings['copy-to-host']!,
                port: settings['copy-to-port'],
                user: settings['copy-to-user']!,
                privateKey: secrets.privateKey,
                knownHosts: secrets.knownHosts ?? '',
              },
            }
          : {}),
      },
      log,
    );
  } finally {
    await target.close();
  }
}

/** A copy host that cannot be reached (or does not present its pinned key) is a failed copy too. */
async function recordUnreachable(
  source: RemoteHost,
  snapshot: SnapshotToCopy,
  settings: Settings,
  error: unknown,
  log: Log,
): Promise<void> {
  await writeCopyRecord(source, posix.dirname(snapshot.path), {
    date: snapshot.label,
    host: `${settings['copy-to-user']}@${settings['copy-to-host']}:${settings['copy-to-port']}`,
    hostKeyFingerprint: '',
    path: posix.join(settings['copy-to-path']!, snapshot.label),
    via: settings['copy-via'],
    verified: false,
    verifiedAt: null,
    files: 0,
    bytes: 0,
    bytesSent: 0,
    durationMs: 0,
    problems: [errorMessage(error)],
  }).catch((recordError: unknown) =>
    log.warn(`Could not record the failed copy on the production host: ${errorMessage(recordError)}`),
  );
}
