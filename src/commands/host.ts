import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../shared/errors.js';
// Not the OpenSearch room's index: that loads the OpenSearch client (~25 MB of RSS), which only a
// run that reaches OpenSearch needs (openOpenSearch loads it).
import { discoverOpenSearch } from '../shared/opensearch/discover.js';
import type { OpenSearchConnection, OpenSearchLog } from '../shared/opensearch/index.js';
import { connectRemoteHost, type ExecTarget, type RemoteHost } from '../shared/remote/index.js';
import { checkPrivateKey, type KeySource } from '../shared/remote/key-check.js';
import type { Log } from '../shared/report/log.js';
import type { Settings } from '../shared/settings/index.js';
import type { Manifest, SnapshotLayout } from '../shared/snapshot/index.js';
import { formatBytes } from '../shared/text.js';

function readSettingFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `Invalid setting '${name}': cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? error}).`,
    );
  }
}

/** Opens the SSH session every host operation runs in, from the settings; secrets are masked first. */
export async function openHost(settings: Settings, log: Log): Promise<RemoteHost> {
  const keyFile = settings['ssh-private-key'] === undefined ? settings['ssh-private-key-file']! : undefined;
  const privateKey = settings['ssh-private-key'] ?? readSettingFile('ssh-private-key-file', keyFile!);
  log.setSecret(privateKey);
  if (settings['ssh-passphrase']) log.setSecret(settings['ssh-passphrase']);
  const source: KeySource = keyFile ? { kind: 'file', path: keyFile } : { kind: 'text' };
  for (const warning of checkPrivateKey(privateKey, source, settings['ssh-passphrase'])) log.warn(warning);
  const knownHosts =
    settings['ssh-known-hosts'] ??
    (settings['ssh-known-hosts-file']
      ? readSettingFile('ssh-known-hosts-file', settings['ssh-known-hosts-file'])
      : undefined);
  const remote = await connectRemoteHost({
    host: settings['ssh-host']!,
    port: settings['ssh-port'],
    username: settings['ssh-user']!,
    privateKey,
    ...(settings['ssh-passphrase'] ? { passphrase: settings['ssh-passphrase'] } : {}),
    ...(knownHosts ? { knownHosts } : {}),
    ...(settings['ssh-host-fingerprint'] ? { hostFingerprint: settings['ssh-host-fingerprint'] } : {}),
    insecureSkipHostKeyCheck: settings['ssh-insecure-skip-host-key-check'],
    connectTimeoutMs: settings['ssh-connect-timeout'],
    commandTimeoutMs: settings['ssh-command-timeout'],
    keepaliveIntervalMs: settings['ssh-keepalive-interval'],
    logger: { warn: (m) => log.warn(m), info: (m) => log.info(m), debug: (m) => log.debug(m) },
  });
  log.info(`Connected to ${remote.description} (host key ${remote.hostKeyFingerprint}).`);
  return remote;
}

export function layoutOf(settings: Settings): SnapshotLayout {
  return {
    deployDir: settings['deploy-dir'],
    backupsDir: settings['backups-dir'],
    timezone: settings.timezone,
  };
}

export function postgresTarget(settings: Settings): ExecTarget {
  return settings.exec === 'docker'
    ? { kind: 'docker', container: settings['postgres-container'] }
    : { kind: 'host' };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** OpenSearch through an SSH tunnel, credentials read from the container and masked at once. */
export async function openOpenSearch(
  remote: RemoteHost,
  settings: Settings,
  log: Log,
): Promise<OpenSearchConnection> {
  const found = await discoverOpenSearch(remote, {
    container: settings['opensearch-container'],
    ...(settings['opensearch-url'] ? { url: settings['opensearch-url'] } : {}),
    userVariable: settings['opensearch-user-variable'],
    passwordVariable: settings['opensearch-password-variable'],
    onSecret: (secret) => log.setSecret(secret),
  });
  if (settings['opensearch-insecure-tls']) {
    log.warn('opensearch-insecure-tls is true: the OpenSearch certificate is not verified.');
  }
  const { connectThroughTunnel } = await import('../shared/opensearch/client.js');
  return connectThroughTunnel(
    remote,
    {
      url: found.url,
      username: found.username,
      password: found.password,
      ...(settings['opensearch-ca'] ? { ca: settings['opensearch-ca'] } : {}),
      insecureTls: settings['opensearch-insecure-tls'],
    },
    osLog(log),
  );
}

export function osLog(log: Log): OpenSearchLog {
  return { info: (m) => log.info(m), warn: (m) => log.warn(m) };
}

/** The job summary's table of a snapshot's files. */
export function filesTable(manifest: Manifest) {
  return {
    header: ['component', 'file', 'size', 'sha256', 'duration', 'verdict'],
    rows: manifest.files.map((file) => {
      const component = manifest.components[file.component];
      return [
        file.component,
        file.path,
        formatBytes(file.size),
        `${file.sha256.slice(0, 16)}…`,
        component ? formatDuration(component.durationMs) : '',
        component?.verdict ?? '',
      ];
    }),
  };
}
